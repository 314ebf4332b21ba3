package dev.polyboot.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The O_EXCL claim on a real loop device whose partition 1 is ext4 (table by sfdisk, partitions by partx -a, file
 * system by mkfs.ext4): the kernel's own mount is the oracle.
 */
class ExclusiveClaimTest {
    @TempDir
    Path tmp;
    Path img;
    Path mnt;

    @BeforeEach
    void image() throws Exception {
        Tools.require("sfdisk");
        Tools.require("mkfs.ext4");
        Tools.require("partx");
        img = ScratchLoop.image(tmp, "disk.img", 64L << 20);
        Tools.run(60, List.of("sh", "-c", "printf 'label: dos\\n2048,40960,83\\n43008,,83\\n' | sfdisk -q " + img)).assertOk();
        mnt = Files.createDirectories(tmp.resolve("mnt"));
    }

    private ScratchLoop loopWithExt4() {
        ScratchLoop loop = ScratchLoop.attach(img, false);
        try {
            Tools.run(60, List.of("partx", "-a", loop.node().toString())).assertOk();
            Tools.run(120, List.of("mkfs.ext4", "-q", "-F", loop.partition(1).toString())).assertOk();
            return loop;
        } catch (RuntimeException | Error e) {
            loop.close();
            throw e;
        }
    }

    private Tools.Result mount(ScratchLoop loop) {
        return Tools.run(60, List.of("mount", "-t", "ext4", loop.partition(1).toString(), mnt.toString()));
    }

    private void umount() {
        Tools.run(60, List.of("umount", mnt.toString())).assertOk();
    }

    @Test
    void whileTheClaimIsHeldNothingMountsAPartitionButPolybootStillWritesThroughItsOwnChannel() throws Exception {
        try (ScratchLoop loop = loopWithExt4()) {
            Target.Device disk = loop.target();
            try (ExclusiveClaim claim = ExclusiveClaim.claim(disk)) {
                assertThat(claim.held()).isTrue();
                Tools.Result r = mount(loop);
                if (r.exitCode() == 0) umount();
                assertThat(r.exitCode()).as("mount while claimed: %s", r.stderr()).isNotZero();

                // the claim does not stand in the way of plain opens: this is how install/update write
                long where = 43008L * 512 + 4096;
                try (BlockDevice dev = TargetResolver.open(disk, false)) {
                    ByteBuffer b = ByteBuffer.allocate(512);
                    b.put("written under the claim".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).clear();
                    dev.write(where, b);
                    dev.flush();
                }
                try (BlockDevice dev = TargetResolver.open(disk, true)) {
                    ByteBuffer b = ByteBuffer.allocate(23);
                    dev.read(where, b);
                    assertThat(new String(b.array(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("written under the claim");
                }
            }
            Tools.run(60, List.of("mount", "-t", "ext4", loop.partition(1).toString(), mnt.toString())).assertOk();
            umount();
        }
    }

    @Test
    void aDiskWithAMountedPartitionIsRefusedWithAHint() throws Exception {
        try (ScratchLoop loop = loopWithExt4()) {
            Target.Device disk = loop.target();
            mount(loop).assertOk();
            try {
                assertThatThrownBy(() -> ExclusiveClaim.claim(disk)).isInstanceOf(RefusedException.class)
                        .hasMessage(loop.node() + " is in use (mounted or opened exclusively by another program)")
                        .satisfies(e -> assertThat(((RefusedException) e).hint()).contains("unmount"));
            } finally {
                umount();
            }
            ExclusiveClaim.claim(disk).close();
        }
    }

    @Test
    void aSecondClaimIsRefusedUntilTheFirstIsReleasedAndClosingTwiceIsHarmless() throws Exception {
        try (ScratchLoop loop = ScratchLoop.attach(img, false)) {
            Target.Device disk = loop.target();
            ExclusiveClaim first = ExclusiveClaim.claim(disk);
            try {
                assertThatThrownBy(() -> ExclusiveClaim.claim(disk)).isInstanceOf(RefusedException.class);
            } finally {
                first.close();
            }
            first.close();
            assertThat(first.held()).isFalse();
            try (ExclusiveClaim again = ExclusiveClaim.claim(disk)) {
                assertThat(again.device()).isEqualTo(disk);
            }
        }
    }

    /** exfat-fuse (how desktops mount polyboot's data partition) opens its device with O_EXCL too, so the claim sees it. */
    @Test
    void aFuseMountedExfatPartitionIsSeenByTheClaimToo() throws Exception {
        Tools.require("mount.exfat-fuse");
        Tools.require("mkfs.exfat");
        try (ScratchLoop loop = ScratchLoop.attach(img, false)) {
            Tools.run(60, List.of("partx", "-a", loop.node().toString())).assertOk();
            Tools.run(120, List.of("mkfs.exfat", loop.partition(2).toString())).assertOk();
            Target.Device disk = loop.target();
            Tools.run(60, List.of("mount.exfat-fuse", loop.partition(2).toString(), mnt.toString())).assertOk();
            try {
                assertThatThrownBy(() -> ExclusiveClaim.claim(disk)).isInstanceOf(RefusedException.class);
            } finally {
                umount();
            }
            ExclusiveClaim.claim(disk).close();
        }
    }
}
