package dev.polyboot.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which loop mounts of an image file count as its data partition, on a fake sysfs (LoopMountTest does it for real). */
class DataMountOfImageTest {
    static final long DATA_START = 1 << 20;
    static final long DATA_SIZE = 64L << 20;
    @TempDir
    Path tmp;
    FakeSys sys;
    Path image;
    Path mountinfo;

    @BeforeEach
    void tree() throws Exception {
        sys = new FakeSys(tmp.resolve("sys"));
        image = tmp.resolve("stick.img");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(128L << 20);
        }
        mountinfo = tmp.resolve("mountinfo");
    }

    TargetGuard guard(String... mounts) throws Exception {
        Files.writeString(mountinfo, String.join("\n", mounts) + "\n");
        return new TargetGuard(new SysBlock(sys.root), mountinfo, tmp.resolve("no-swaps"));
    }

    Path loop(String name, String majMin, Path backing, long offset, long sizeLimit) {
        Path dir = sys.loop(name, majMin, backing);
        FakeSys.write(dir.resolve("loop/offset"), Long.toString(offset));
        FakeSys.write(dir.resolve("loop/sizelimit"), Long.toString(sizeLimit));
        return dir;
    }

    @Test
    void anOffsetLoopAtTheDataPartitionIsItsMountEvenThroughAHardLink() throws Exception {
        Path other = Files.createLink(tmp.resolve("other-name.img"), image);
        loop("loop5", "7:5", other, DATA_START, DATA_SIZE);
        TargetGuard g = guard("40 1 0:50 / /media/stick rw - fuseblk /dev/loop5 rw");
        assertThat(g.dataMountOfImage(image, DATA_START, DATA_SIZE)).get()
                .satisfies(m -> assertThat(m.mount().mountPoint()).isEqualTo("/media/stick"));
    }

    @Test
    void aMountedLoopAtAnotherOffsetOverlappingTheDataPartitionIsRefused() throws Exception {
        loop("loop6", "7:6", image, DATA_START + 4096, 0);
        TargetGuard g = guard("40 1 7:6 / /mnt/odd rw - vfat /dev/loop6 rw");
        assertThatThrownBy(() -> g.dataMountOfImage(image, DATA_START, DATA_SIZE)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("/dev/loop6 (offset " + (DATA_START + 4096) + ", data partition at " + DATA_START + ")")
                .hasMessageContaining("mounted on /mnt/odd");
    }

    @Test
    void aMountedLoopBesideTheDataPartitionAndAnUnmountedOneDoNotCount() throws Exception {
        loop("loop7", "7:7", image, DATA_START + DATA_SIZE, 0); // the boot partition
        loop("loop8", "7:8", image, DATA_START, DATA_SIZE);     // attached, not mounted
        TargetGuard g = guard("40 1 7:7 / /mnt/boot rw - vfat /dev/loop7 rw");
        assertThat(g.dataMountOfImage(image, DATA_START, DATA_SIZE)).isEmpty();
    }
}
