package dev.polyboot.core.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MountInfoTest {
    @Test
    void parsesOptionalFieldsAndOctalEscapes() {
        MountInfo m = MountInfo.parse("""
                36 35 98:0 /mnt1 /mnt/with\\040space rw,noatime master:1 shared:2 - ext3 /dev/root rw,errors=continue
                61 27 0:55 / /mnt/x rw - fuseblk /dev/loop3p1 rw,user_id=0
                garbage line
                """);
        assertThat(m.mounts()).containsExactly(
                new MountInfo.Mount("98:0", "/mnt/with space", "ext3", "/dev/root"),
                new MountInfo.Mount("0:55", "/mnt/x", "fuseblk", "/dev/loop3p1"));
    }

    @Test
    void unescapeLeavesOtherBackslashesAlone() {
        assertThat(MountInfo.unescape("a\\134b\\011c\\9x\\")).isEqualTo("a\\b\tc\\9x\\");
    }

    @Test
    void readsTheRealMountTable() throws Exception {
        assertThat(MountInfo.read().mounts()).anySatisfy(x -> assertThat(x.mountPoint()).isEqualTo("/"));
    }
}
