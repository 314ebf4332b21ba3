package dev.polyboot.formats.exfat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.EntryExistsException;
import dev.polyboot.formats.NoSuchEntryException;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExfatVolumeTest {
    static final long MIB = 1L << 20;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07.89Z"), ZoneOffset.ofHours(1));

    @TempDir Path tmp;

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] readAll(ExfatVolume v, String path) throws IOException {
        try (SeekableByteChannel ch = v.open(path)) {
            ByteBuffer b = ByteBuffer.allocate((int) ch.size());
            while (b.hasRemaining() && ch.read(b) >= 0) { }
            return b.array();
        }
    }

    static Path formatted(Path img, long size) throws IOException {
        try (FileBlockDevice d = FileBlockDevice.createSparse(img, size)) {
            ExfatFormatter.format(d, ExfatFormatOptions.defaults("POLYBOOT", 0xCAFE));
        }
        return img;
    }

    @Test
    void filesInRootRoundTripThroughFsckAndFuse() throws Exception {
        Path img = formatted(tmp.resolve("a.img"), 64 * MIB);
        byte[] small = bytes(5000, 1);
        byte[] big = bytes(3 * (int) MIB + 17, 2);
        try (FileBlockDevice d = FileBlockDevice.open(img, false); ExfatVolume v = ExfatVolume.open(d, CLOCK)) {
            v.writeFile("/empty.txt", InputStream.nullInputStream(), 0);
            v.writeFile("/Small File.bin", new ByteArrayInputStream(small), small.length);
            v.writeFile("/big.iso", new ByteArrayInputStream(big), big.length);
            assertThat(v.list("/")).extracting(FsEntry::name).containsExactly("empty.txt", "Small File.bin", "big.iso");
            assertThat(v.stat("/BIG.ISO")).get().extracting(FsEntry::size).isEqualTo((long) big.length);
            assertThat(v.stat("/big.iso").get().modified()).isEqualTo(LocalDateTime.of(2026, 3, 4, 6, 6, 7, 890_000_000));
            assertThat(readAll(v, "/small file.BIN")).isEqualTo(small);
            assertThat(readAll(v, "/big.iso")).isEqualTo(big);
            List<Extent> ext = v.extents("/big.iso");
            assertThat(ext).hasSize(1);
            assertThat(ext.get(0).length()).isEqualTo(big.length);
            assertThatThrownBy(() -> v.writeFile("/BIG.iso", InputStream.nullInputStream(), 0))
                    .isInstanceOf(EntryExistsException.class);
        }
        Tools.run("fsck.exfat", "-n", img.toString()).assertOk();
        FuseExfat.withMount(img, true, tmp.resolve("mnt"), mnt -> {
            assertThat(Files.readAllBytes(mnt.resolve("Small File.bin"))).isEqualTo(small);
            assertThat(Files.readAllBytes(mnt.resolve("big.iso"))).isEqualTo(big);
            assertThat(Files.size(mnt.resolve("empty.txt"))).isZero();
        });
    }

    @Test
    void fragmentedWriteUsesFatChainAndPassesFsck() throws Exception {
        Path img = tmp.resolve("small.img");
        Files.write(img, SmallImage.build().bytes());
        Tools.run("fsck.exfat", "-n", img.toString()).assertOk();
        try (FileBlockDevice d = FileBlockDevice.open(img, true)) {
            ExfatVolume v = ExfatVolume.open(d, CLOCK);
            assertThat(v.extents(SmallImage.CHAINED).size()).isGreaterThan(1);
        }
        FuseExfat.withMount(img, true, tmp.resolve("mnt"), mnt -> {
            assertThat(Files.readAllBytes(mnt.resolve(SmallImage.CHAINED.substring(1)))).isEqualTo(bytes(1400, 4));
            assertThat(Files.readAllBytes(mnt.resolve(SmallImage.CONTIGUOUS.substring(1)))).isEqualTo(bytes(1500, 1));
        });
    }

    @Test
    void fourKibSectors() throws Exception {
        dev.polyboot.formats.io.MemoryBlockDevice dev =
                new dev.polyboot.formats.io.MemoryBlockDevice(new byte[32 << 20], 4096, false);
        ExfatFormatter.format(dev, ExfatFormatOptions.defaults("4K", 9));
        byte[] c = bytes(100_000, 5);
        try (ExfatVolume v = ExfatVolume.open(dev, CLOCK)) {
            v.mkdirs("/x");
            v.writeFile("/x/f", new ByteArrayInputStream(c), c.length);
        }
        ExfatVolume v = ExfatVolume.open(dev, CLOCK);
        assertThat(ExfatBootRegion.read(dev).sectorSize()).isEqualTo(4096);
        assertThat(readAll(v, "/X/F")).isEqualTo(c);
        Path img = tmp.resolve("4k.img");
        Files.write(img, dev.bytes());
        Tools.run("fsck.exfat", "-n", img.toString()).assertOk();
    }

    @Test
    void dirtyFlagSetWhileWritingClearedOnFlush() throws Exception {
        Path img = formatted(tmp.resolve("d.img"), 64 * MIB);
        try (FileBlockDevice d = FileBlockDevice.open(img, false); ExfatVolume v = ExfatVolume.open(d, CLOCK)) {
            v.writeFile("/f", new ByteArrayInputStream(new byte[70_000]), 70_000);
            assertThat(ExfatBootRegion.read(d).volumeFlags() & ExfatBootSector.FLAG_VOLUME_DIRTY).isNotZero();
            v.flush();
            assertThat(ExfatBootRegion.read(d).volumeFlags() & ExfatBootSector.FLAG_VOLUME_DIRTY).isZero();
        }
    }

    @Test
    void renameAndDeleteRules() throws Exception {
        Path img = formatted(tmp.resolve("r.img"), 64 * MIB);
        try (FileBlockDevice d = FileBlockDevice.open(img, false); ExfatVolume v = ExfatVolume.open(d, CLOCK)) {
            v.mkdirs("/a/b");
            v.writeFile("/a/b/file", new ByteArrayInputStream(new byte[5]), 5);
            assertThatThrownBy(() -> v.rename("/a", "/a/b/c")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> v.delete("/a/b")).isInstanceOf(java.nio.file.DirectoryNotEmptyException.class);
            v.rename("/a/b/file", "/a/b/FILE");
            assertThat(v.list("/a/b")).extracting(FsEntry::name).containsExactly("FILE");
            v.rename("/a/b/FILE", "/top level name that needs several name entries.bin");
            assertThat(v.list("/a/b")).isEmpty();
            v.delete("/a/b");
            v.rename("/a", "/renamed dir");
            assertThat(v.list("/")).extracting(FsEntry::name)
                    .containsExactly("renamed dir", "top level name that needs several name entries.bin");
            assertThatThrownBy(() -> v.mkdirs("/top level name that needs several name entries.bin/x"))
                    .isInstanceOf(EntryExistsException.class);
        }
        Tools.run("fsck.exfat", "-n", img.toString()).assertOk();
    }

    @Test
    void streamEndingEarlyLeavesNoFile() throws Exception {
        Path img = formatted(tmp.resolve("b.img"), 64 * MIB);
        try (FileBlockDevice d = FileBlockDevice.open(img, false); ExfatVolume v = ExfatVolume.open(d, CLOCK)) {
            long free = v.freeBytes();
            assertThatThrownBy(() -> v.writeFile("/short.bin", new ByteArrayInputStream(new byte[100]), 200_000))
                    .isInstanceOf(java.io.EOFException.class);
            assertThat(v.stat("/short.bin")).isEmpty();
            assertThat(v.freeBytes()).isEqualTo(free);
            assertThatThrownBy(() -> v.open("/nothing")).isInstanceOf(NoSuchEntryException.class);
        }
        Tools.run("fsck.exfat", "-n", img.toString()).assertOk();
    }
}
