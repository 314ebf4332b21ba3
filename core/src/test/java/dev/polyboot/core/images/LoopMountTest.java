package dev.polyboot.core.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.MenuItem;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.formats.testing.LoopDevice;
import dev.polyboot.formats.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * H3: the data partition of an image file mounted through a loop device (exfat-fuse, as a desktop would) is
 * written through that mount, never beside it: an offset loop ({@code losetup -o START --sizelimit SIZE}), and a
 * loop of the whole image with partition 1 mounted. fsck.exfat -n after unmounting is the oracle.
 */
class LoopMountTest extends StickLibraryTest {

    @Override
    long seed() {
        return 24;
    }

    @BeforeEach
    void requireExfatFuse() {
        Tools.require("mount.exfat-fuse");
    }

    @Test
    void anOffsetLoopMountOfTheDataPartitionIsWrittenThroughTheMount() throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        String loop = Tools.run("losetup", "-f", "--show", "-o", Long.toString(layout.data().startBytes()), "--sizelimit",
                Long.toString(layout.data().sizeBytes()), img.toString()).assertOk().stdout().trim();
        try {
            Tools.run("mount.exfat-fuse", loop, mnt.toString()).assertOk();
            try {
                addRemoveRefreshThroughTheMount(mnt);
            } finally {
                Tools.run("umount", mnt.toString()).assertOk();
            }
        } finally {
            Tools.run("losetup", "-d", loop);
        }
        ImageLibraryTest.LoopDevicesOracle.fsckData(img, layout);
        assertThat(lib.list(stick)).extracting(MenuItem::path).containsExactly("/b.efi");
    }

    @Test
    void aWholeImageLoopWithPartitionOneMountedIsWrittenThroughTheMount() throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        try (LoopDevice loop = LoopDevice.attach(img, 512)) {
            loop.addPartitions();
            Tools.run("mount.exfat-fuse", loop.partition(1).toString(), mnt.toString()).assertOk();
            try {
                addRemoveRefreshThroughTheMount(mnt);
            } finally {
                Tools.run("umount", mnt.toString()).assertOk();
            }
        }
        ImageLibraryTest.LoopDevicesOracle.fsckData(img, layout);
    }

    private void addRemoveRefreshThroughTheMount(Path mnt) throws Exception {
        Path a = Files.write(tmp.resolve("a.efi"), CatalogTest.pe(0x8664));
        Path b = Files.write(tmp.resolve("b.efi"), CatalogTest.pe(0xaa64));
        AddResult r = lib.add(stick, List.of(a, b), "/", ProgressListener.NONE);
        assertThat(r.added()).allMatch(AddedImage::viaMount).hasSize(2);
        assertThat(TestSticks.sha256(mnt.resolve("a.efi"))).isEqualTo(TestSticks.sha256(a));
        assertThat(mnt.resolve(".polyboot/catalog.json")).exists();
        lib.remove(stick, "/a.efi");
        assertThat(mnt.resolve("a.efi")).doesNotExist();
        assertThat(lib.refresh(stick, ProgressListener.NONE).entries()).hasSize(1);
        assertThat(Files.readString(mnt.resolve(".polyboot/catalog.json"))).contains("/b.efi").doesNotContain("/a.efi");
    }
}
