package dev.polyboot.formats.exfat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.MemoryBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExfatFormatterTest {
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;

    @TempDir Path tmp;

    /** Sizes measured against mkfs.exfat 1.2.0; the whole metadata region must match byte for byte. */
    @ParameterizedTest
    @ValueSource(longs = {8 * MIB, 64 * MIB, 257 * MIB, GIB, 8 * GIB, 33 * GIB, 64 * GIB, 300 * GIB})
    void sameLayoutAndBytesAsMkfsExfat(long size) throws Exception {
        Tools.require("mkfs.exfat");
        Path theirs = tmp.resolve("theirs.img");
        Path ours = tmp.resolve("ours.img");
        try {
            FileBlockDevice.createSparse(theirs, size).close();
            Tools.run("mkfs.exfat", "-L", "Stick", theirs.toString()).assertOk();
            long serial;
            try (FileBlockDevice t = FileBlockDevice.open(theirs, true)) {
                serial = Integer.toUnsignedLong(t.read(ExfatBootSector.VOLUME_SERIAL, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt());
            }
            try (FileBlockDevice o = FileBlockDevice.createSparse(ours, size)) {
                ExfatFormatter.format(o, ExfatFormatOptions.defaults("Stick", serial));
            }
            try (FileBlockDevice t = FileBlockDevice.open(theirs, true); FileBlockDevice o = FileBlockDevice.open(ours, true)) {
                ExfatBootSector tb = ExfatBootRegion.read(t);
                long end = tb.heapOffsetBytes() + (tb.rootCluster() - 1) * tb.clusterSize();
                for (long at = 0; at < end; at += MIB) {
                    int n = (int) Math.min(MIB, end - at);
                    assertThat(o.read(at, n)).as("bytes at %d", at).isEqualTo(t.read(at, n));
                }
            }
            Tools.run("fsck.exfat", "-n", ours.toString()).assertOk();
            // A sparse image stays sparse: only the metadata region is allocated.
            long allocated = allocatedBytes(ours);
            assertThat(allocated).isLessThan(64 * MIB);
        } finally {
            Files.deleteIfExists(theirs);
            Files.deleteIfExists(ours);
        }
    }

    @Test
    void defaultClusterSizeAsMkfs() {
        assertThat(ExfatLayout.defaultClusterSize(64 * MIB)).isEqualTo(4096);
        assertThat(ExfatLayout.defaultClusterSize(256 * MIB)).isEqualTo(4096);
        assertThat(ExfatLayout.defaultClusterSize(257 * MIB)).isEqualTo(32768);
        assertThat(ExfatLayout.defaultClusterSize(32 * GIB)).isEqualTo(32768);
        assertThat(ExfatLayout.defaultClusterSize(33 * GIB)).isEqualTo(131072);
    }

    @Test
    void deterministic() throws Exception {
        ExfatFormatOptions o = ExfatFormatOptions.defaults("POLYBOOT", 0x1234ABCDL)
                .withVolumeGuid(UUID.fromString("01234567-89ab-cdef-0123-456789abcdef")).withPartitionOffset(2048 * 512);
        assertThat(sha256(image(o))).isEqualTo(sha256(image(o)));
    }

    @Test
    void partitionOffsetAlignsFatAndHeapOnTheDisk() throws Exception {
        // A partition starting at 63 sectors: FAT and heap still land on 1 MiB boundaries of the whole disk.
        MemoryBlockDevice dev = new MemoryBlockDevice((int) (16 * MIB));
        ExfatFormatter.format(dev, ExfatFormatOptions.defaults("", 1).withPartitionOffset(63 * 512));
        ExfatBootSector b = ExfatBootRegion.read(dev);
        assertThat(b.partitionOffset()).isEqualTo(63);
        assertThat((b.fatOffsetBytes() + 63 * 512) % MIB).isZero();
        assertThat((b.heapOffsetBytes() + 63 * 512) % MIB).isZero();
    }

    @Test
    void guidAndLabelVisible() throws Exception {
        Tools.require("fsck.exfat");
        Path img = tmp.resolve("g.img");
        try (FileBlockDevice d = FileBlockDevice.createSparse(img, 32 * MIB)) {
            ExfatFormatter.format(d, ExfatFormatOptions.defaults("Données", 7)
                    .withVolumeGuid(UUID.fromString("01234567-89ab-cdef-0123-456789abcdef")));
        }
        Tools.run("fsck.exfat", "-n", img.toString()).assertOk();
        try (FileBlockDevice d = FileBlockDevice.open(img, true)) {
            ExfatVolume v = ExfatVolume.open(d, Clock.systemUTC());
            assertThat(v.label()).isEqualTo("Données");
            assertThat(v.volumeSerial()).isEqualTo(7);
            assertThat(v.list("/")).isEmpty();
        }
        if (Tools.find("exfatlabel") != null) {
            assertThat(Tools.run("exfatlabel", img.toString()).assertOk().stdout()).contains("Données");
        }
    }

    @Test
    void recommendedUpcaseTableChecksum() {
        byte[] t = UpcaseTable.recommendedBytes();
        assertThat(t).hasSize(5836);
        assertThat(Checksums.table(t, t.length)).isEqualTo(UpcaseTable.RECOMMENDED_CHECKSUM);
        UpcaseTable u = UpcaseTable.recommended();
        assertThat(u.upcase("abcé")).isEqualTo("ABCÉ");
    }

    private byte[] image(ExfatFormatOptions o) throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice((int) (48 * MIB));
        ExfatFormatter.format(dev, o);
        return dev.bytes();
    }

    static long allocatedBytes(Path file) {
        return Long.parseLong(Tools.run("stat", "-c", "%b", file.toString()).assertOk().stdout().trim()) * 512;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

}
