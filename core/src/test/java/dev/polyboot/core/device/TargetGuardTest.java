package dev.polyboot.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safety rules on a fake sysfs + mountinfo: an LVM root disk, a USB stick, a loop device, an md member. */
class TargetGuardTest {
    @TempDir
    Path tmp;
    FakeSys sys;
    Path mountinfo;
    Path swaps;
    Path backing;
    static final PolybootProbe NOT_POLYBOOT = t -> false;
    static final PolybootProbe POLYBOOT = t -> true;

    @BeforeEach
    void tree() throws IOException {
        sys = new FakeSys(tmp.resolve("sys"));
        sys.disk("vdz", "254:0", false, "virtio");
        sys.partition("vdz", "vdz1", 1, "254:1");
        sys.partition("vdz", "vdz2", 2, "254:2");
        sys.mapper("dm-0", "253:0", "vdz1");                // LVM root
        sys.disk("sdx", "8:16", true, "Cruzer");             // a USB stick
        sys.partition("sdx", "sdx1", 1, "8:17");
        sys.partition("sdx", "sdx2", 2, "8:18");
        sys.disk("sdy", "8:32", true, "Other");               // member of an md array, nothing mounted
        sys.partition("sdy", "sdy1", 1, "8:33");
        sys.mapper("md0", "9:0", "sdy1");
        backing = tmp.resolve("stick.img");
        sys.loop("loop9", "7:9", backing);
        mountinfo = tmp.resolve("mountinfo");
        swaps = tmp.resolve("swaps");
        Files.writeString(swaps, "Filename\tType\tSize\tUsed\tPriority\n/dev/fakenone2\tpartition\t1\t0\t-2\n");
        mounts("27 1 253:0 / / rw,relatime - ext4 /dev/mapper/vg-root rw");
    }

    void mounts(String... lines) throws IOException {
        Files.writeString(mountinfo, String.join("\n", lines) + "\n");
    }

    TargetGuard guard() {
        return new TargetGuard(new SysBlock(sys.root), mountinfo, swaps);
    }

    Target.Device dev(String name) throws IOException {
        return new Target.Device(Path.of("/dev/" + name), new SysBlock(sys.root).byName(name).orElseThrow());
    }

    @Test
    void refusesTheDiskUnderAnLvmRootEvenWithForce() {
        assertThatThrownBy(() -> guard().checkInstall(dev("vdz"), false, true, NOT_POLYBOOT))
                .isInstanceOf(RefusedException.class)
                .hasMessage("/dev/vdz holds the running system (/ is mounted from it)");
    }

    @Test
    void refusesASwapDisk() throws Exception {
        Files.writeString(swaps, "Filename\tType\tSize\tUsed\tPriority\n/dev/sdx2\tpartition\t1\t0\t-2\n");
        assertThatThrownBy(() -> guard().checkInstall(dev("sdx"), false, true, NOT_POLYBOOT))
                .isInstanceOf(RefusedException.class).hasMessageContaining("swap on /dev/sdx2");
    }

    @Test
    void refusesAPartitionAndNamesTheDisk() {
        assertThatThrownBy(() -> guard().checkInstall(dev("sdx1"), false, true, NOT_POLYBOOT))
                .isInstanceOf(RefusedException.class).hasMessage("/dev/sdx1 is a partition, not a whole disk")
                .satisfies(e -> assertThat(((RefusedException) e).hint()).isEqualTo("give the whole disk: /dev/sdx"));
    }

    @Test
    void refusesADiskWithAMountedPartitionByNumberOrByFuseSource() throws Exception {
        mounts("27 1 253:0 / / rw - ext4 /dev/mapper/vg-root rw",
                "60 27 8:18 / /media/my\\040stick rw - ext4 /dev/sdx2 rw");
        assertThatThrownBy(() -> guard().checkInstall(dev("sdx"), false, true, NOT_POLYBOOT))
                .isInstanceOf(RefusedException.class)
                .hasMessage("/dev/sdx has a mounted file system (/dev/sdx2 on /media/my stick)")
                .satisfies(e -> assertThat(((RefusedException) e).hint()).isEqualTo("unmount it first: umount /media/my stick"));
        mounts("61 27 0:55 / /mnt/x rw - fuseblk /dev/sdx1 rw");
        assertThatThrownBy(() -> guard().checkInstall(dev("sdx"), false, true, NOT_POLYBOOT))
                .isInstanceOf(RefusedException.class).hasMessageContaining("/dev/sdx1 on /mnt/x");
        assertThat(guard().mountsOn(dev("sdx").node())).singleElement()
                .satisfies(m -> assertThat(m.device().partitionNumber()).isEqualTo(1));
    }

    @Test
    void refusesADiskInUseByMdOrDeviceMapper() {
        assertThatThrownBy(() -> guard().checkInstall(dev("sdy"), false, true, NOT_POLYBOOT))
                .isInstanceOf(RefusedException.class).hasMessageContaining("/dev/sdy1 is in use by md0");
    }

    @Test
    void refusesFixedDisksAndLoopDevicesWithoutForce() throws Exception {
        assertThatThrownBy(() -> guard().checkInstall(dev("loop9"), false, false, NOT_POLYBOOT))
                .isInstanceOf(RefusedException.class)
                .hasMessage("/dev/loop9 is not a removable disk (loop devices count as fixed disks)");
        guard().checkInstall(dev("loop9"), false, true, NOT_POLYBOOT);
    }

    @Test
    void removableUnmountedStickIsAccepted() throws Exception {
        guard().checkInstall(dev("sdx"), false, false, NOT_POLYBOOT);
        assertThat(dev("sdx").node().model()).isEqualTo("ACME Cruzer");
        assertThat(dev("sdx").node().removable()).isTrue();
    }

    @Test
    void existingPolybootNeedsForceAndPointsToUpdate() throws Exception {
        assertThatThrownBy(() -> guard().checkInstall(dev("sdx"), false, false, POLYBOOT))
                .isInstanceOf(RefusedException.class).hasMessage("/dev/sdx already holds polyboot")
                .satisfies(e -> assertThat(((RefusedException) e).hint()).contains("polyboot update /dev/sdx"));
        guard().checkInstall(dev("sdx"), false, true, POLYBOOT);
    }

    @Test
    void sizeIsOnlyForImages() {
        assertThatThrownBy(() -> guard().checkInstall(dev("sdx"), true, false, NOT_POLYBOOT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void imageFileRules() throws Exception {
        Path img = tmp.resolve("new.img");
        assertThatThrownBy(() -> guard().checkInstall(new Target.ImageFile(img), false, false, NOT_POLYBOOT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("give --size");
        guard().checkInstall(new Target.ImageFile(img), true, false, NOT_POLYBOOT);
        Files.write(img, new byte[0]);
        guard().checkInstall(new Target.ImageFile(img), true, false, NOT_POLYBOOT);
        Files.write(img, new byte[512]);
        assertThatThrownBy(() -> guard().checkInstall(new Target.ImageFile(img), true, false, NOT_POLYBOOT))
                .isInstanceOf(RefusedException.class).hasMessageContaining("exists and is not empty");
        assertThatThrownBy(() -> guard().checkInstall(new Target.ImageFile(img), false, false, POLYBOOT))
                .isInstanceOf(RefusedException.class).hasMessageContaining("already holds polyboot");
        guard().checkInstall(new Target.ImageFile(img), true, true, POLYBOOT);
    }

    @Test
    void imageAttachedToAMountedLoopIsRefused() throws Exception {
        Files.write(backing, new byte[512]);
        mounts("70 27 7:9 / /mnt/img rw - ext4 /dev/loop9 rw");
        assertThatThrownBy(() -> guard().checkInstall(new Target.ImageFile(backing), true, true, NOT_POLYBOOT))
                .isInstanceOf(RefusedException.class).hasMessageContaining("attached to /dev/loop9 and mounted on /mnt/img");
        assertThat(guard().mountsOfImage(backing)).hasSize(1);
    }

    @Test
    void updateAllowsAMountedDataPartitionButNotAMountedBootPartition() throws Exception {
        mounts("61 27 0:55 / /mnt/x rw - fuseblk /dev/sdx1 rw");
        guard().checkUpdate(dev("sdx"));
        mounts("61 27 8:18 / /mnt/b rw - vfat /dev/sdx2 rw");
        assertThatThrownBy(() -> guard().checkUpdate(dev("sdx"))).isInstanceOf(RefusedException.class)
                .hasMessage("/dev/sdx2 is mounted on /mnt/b");
    }
}
