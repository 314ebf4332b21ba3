package dev.polyboot.core.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.core.boot.CatalogMenu;
import dev.polyboot.core.catalog.FamilyLayouts;
import dev.polyboot.core.device.RefusedException;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.core.install.LoopDevices;
import dev.polyboot.core.install.StickDisk;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.core.persistence.Bindings;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code persistence create|list|remove} on a stick image, checked with other tools than polyboot's: the data partition
 * with {@code fsck.exfat -n}, the persistence file (its bytes cut out of the stick image at the extents) with
 * {@code e2fsck -fn}, {@code debugfs} (persistence.conf) and {@code blkid} (label, UUID); the fingerprint computed here
 * from the README's definition.
 */
class PersistenceFilesTest {
    @TempDir
    Path tmp;

    private Path img;
    private StickLayout layout;
    private Target target;
    private ImageLibrary library;
    private PersistenceFiles persistence;

    @BeforeEach
    void stick() throws Exception {
        Tools.require("mke2fs");
        img = tmp.resolve("s.img");
        layout = TestSticks.install(img, 512L << 20, PartitionStyle.MBR, 71);
        target = new Target.ImageFile(img);
        library = new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK);
        persistence = new PersistenceFiles(library, TestSticks.CLOCK, new Random(71), tmp);
    }

    private void add(String family) throws Exception {
        library.add(target, List.of(FamilyLayouts.iso(FamilyLayouts.named(family), tmp)), "/live", ProgressListener.NONE);
    }

    @Test
    void createMakesAContiguousExt4FileLaidOutForLiveBootThatOtherToolsAccept() throws Exception {
        add("debian-live");
        PersistenceFiles.Created c = persistence.create(target, "/live/debian-live.iso", 64L << 20, null, ProgressListener.NONE);

        assertThat(c.binding().file()).isEqualTo("/persistence/debian-live.dat");
        assertThat(c.binding().label()).isEqualTo("persistence");
        assertThat(c.extents()).as("contiguous").isEqualTo(1);
        LoopDevices.fsckBoth(img, layout.data().startBytes(), layout.data().sizeBytes(), layout.boot().startBytes(), layout.boot().sizeBytes());
        Path ext4 = cutOut("/persistence/debian-live.dat");
        assertThat(Files.size(ext4)).isEqualTo(64L << 20);
        Tools.run("e2fsck", "-fn", ext4.toString()).assertOk();
        assertThat(Tools.run("debugfs", "-R", "cat /persistence.conf", ext4.toString()).assertOk().stdout()).isEqualTo("/ union\n");
        assertThat(Tools.run("blkid", "-p", "-s", "LABEL", "-o", "value", ext4.toString()).assertOk().stdout().strip()).isEqualTo("persistence");
        assertThat(Tools.run("blkid", "-p", "-s", "UUID", "-o", "value", ext4.toString()).assertOk().stdout().strip())
                .isEqualTo(c.binding().ext4Uuid());
        assertThat(Tools.run("dumpe2fs", "-h", ext4.toString()).assertOk().stdout()).containsPattern("Reserved block count:\\s+0\\b");
        byte[] b = Files.readAllBytes(ext4);
        assertThat(new String(b, 512, 16, StandardCharsets.US_ASCII)).isEqualTo("POLYBOOT-PERSIST");
        assertThat(c.binding().fingerprint()).isEqualTo(fingerprint(b));

        String cfg = readStick(CatalogMenu.CFG);
        assertThat(cfg).contains("debian-live.iso | 380.0 KiB (with persistence)", "debian-live.iso | 380.0 KiB (without persistence)",
                "persistence polyboot.pfile=/persistence/debian-live.dat polyboot.pfp=" + c.binding().fingerprint());
        assertThat(readStick(Bindings.PATH)).contains("\"/live/debian-live.iso\"", c.binding().fingerprint());
    }

    @Test
    void theBindingSurvivesRefreshAndAddAndRemoveTakesFileAndEntriesAway() throws Exception {
        add("debian-live");
        persistence.create(target, "/live/debian-live.iso", 40L << 20, "/keep/my data.dat", ProgressListener.NONE);
        library.refresh(target, ProgressListener.NONE);
        assertThat(readStick(CatalogMenu.CFG)).contains("(with persistence)", "polyboot.pfile=/keep/my%20data.dat");
        add("ubuntu");
        assertThat(readStick(CatalogMenu.CFG)).contains("(with persistence)");
        List<PersistenceFiles.Listed> listed = persistence.list(target, ProgressListener.NONE);
        assertThat(listed).singleElement().satisfies(l -> {
            assertThat(l.image()).isEqualTo("/live/debian-live.iso");
            assertThat(l.fileExists()).isTrue();
            assertThat(l.imageCatalogued()).isTrue();
            assertThat(l.extents()).isEqualTo(1);
        });

        persistence.remove(target, "/live/debian-live.iso", false, ProgressListener.NONE);
        assertThat(readStick(CatalogMenu.CFG)).doesNotContain("persistence)", "polyboot.pfile");
        assertThat(persistence.list(target, ProgressListener.NONE)).isEmpty();
        try (BlockDevice dev = FileBlockDevice.open(img, true)) {
            assertThat(ExfatVolume.open(StickDisk.read(dev).dataSlice(), TestSticks.CLOCK).stat("/keep/my data.dat")).isEmpty();
        }
        LoopDevices.fsckBoth(img, layout.data().startBytes(), layout.data().sizeBytes(), layout.boot().startBytes(), layout.boot().sizeBytes());
    }

    @Test
    void updateLeavesFileBindingAndMenuAsTheyWere() throws Exception {
        add("debian-live");
        persistence.create(target, "/live/debian-live.iso", 40L << 20, null, ProgressListener.NONE);
        String data = TestSticks.sha256(img, layout.data().startBytes(), layout.data().sizeBytes());
        try (BlockDevice dev = FileBlockDevice.open(img, false)) {
            new dev.polyboot.core.install.StickUpdater(TestSticks.CLOCK).update(dev, TestSticks.payload(), null, "0.2.0", ProgressListener.NONE);
        }
        assertThat(TestSticks.sha256(img, layout.data().startBytes(), layout.data().sizeBytes())).as("data partition").isEqualTo(data);
        assertThat(readStick(CatalogMenu.CFG)).contains("(with persistence)");
    }

    @Test
    void everyRefusalComesBeforeAByteIsWritten() throws Exception {
        add("debian-live");
        add("tails");
        library.add(target, List.of(Files.writeString(tmp.resolve("notes.txt"), "x")), "/", true, ProgressListener.NONE);
        String before = TestSticks.sha256(img);
        assertRefused("/live/nothing.iso", 64L << 20, null, "is not a catalogued image on this stick");
        assertRefused("/live/tails.iso", 64L << 20, null, "Tails keeps its Persistent Storage in an encrypted partition");
        assertRefused("/live/debian-live.iso", 1L << 20, null, "too small");
        assertRefused("/live/debian-live.iso", 64L << 20, "/p/x.iso", "the boot menu would list a file with this ending");
        assertRefused("/live/debian-live.iso", 64L << 20, "/notes.txt", "already exists");
        assertRefused("/live/debian-live.iso", 64L << 20, "/.polyboot/p.dat", "inside polyboot's own files");
        assertRefused("/live/debian-live.iso", 4L << 30, null, "no room");
        assertThat(TestSticks.sha256(img)).as("nothing written").isEqualTo(before);
    }

    private void assertRefused(String image, long size, String name, String message) {
        assertThatThrownBy(() -> persistence.create(target, image, size, name, ProgressListener.NONE))
                .isInstanceOf(RefusedException.class).hasMessageContaining(message);
    }

    /** README "Persistence fingerprint", computed here. */
    private static String fingerprint(byte[] file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(file, 0, 1024);
        sha.update(file, 1024 + 104, 16);
        sha.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(file.length).array());
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The file's bytes straight from the stick image at its extents (one, checked). */
    private Path cutOut(String path) throws Exception {
        List<Extent> ex;
        try (BlockDevice dev = FileBlockDevice.open(img, true)) {
            ex = ExfatVolume.open(StickDisk.read(dev).dataSlice(), TestSticks.CLOCK).extents(path);
        }
        assertThat(ex).hasSize(1);
        Path out = tmp.resolve("cut.ext4");
        try (FileChannel in = FileChannel.open(img); FileChannel o = FileChannel.open(out, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE)) {
            long start = layout.data().startBytes() + ex.get(0).deviceOffset();
            long done = 0;
            while (done < ex.get(0).length()) done += in.transferTo(start + done, ex.get(0).length() - done, o);
        }
        return out;
    }

    private String readStick(String path) throws Exception {
        try (BlockDevice dev = FileBlockDevice.open(img, true);
             InputStream in = java.nio.channels.Channels.newInputStream(ExfatVolume.open(StickDisk.read(dev).dataSlice(), TestSticks.CLOCK).open(path))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
