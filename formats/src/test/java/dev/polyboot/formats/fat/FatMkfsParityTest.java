package dev.polyboot.formats.fat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.FileBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our formatter chooses what mkfs.fat 4.2 chooses: the test formats the same sparse image size with both
 * and compares the whole BPB (cluster size, reserved sectors, FAT size, root entries, total sectors,
 * geometry), the FSInfo sector and the first FAT entries byte for byte.
 */
class FatMkfsParityTest {
    @TempDir Path tmp;

    @ParameterizedTest(name = "{0} MiB, -F {1}, {2}-byte sectors")
    @CsvSource({
        "32, 16, 512", "64, 16, 512", "256, 16, 512", "1024, 16, 512",
        "32, auto, 512", "64, auto, 512", "256, auto, 512", "1024, auto, 512", "8192, auto, 512", "32768, auto, 512",
        "1024, 32, 512", "8192, 32, 512", "32768, 32, 512", "300, 32, 512",
        "64, 16, 4096", "1024, 32, 4096", "8192, auto, 4096"})
    void sameLayoutAsMkfsFat(long mib, String fat, int sectorSize) throws IOException {
        long bytes = mib << 20;
        Path theirs = tmp.resolve("mkfs.img");
        try (FileChannel ch = FileChannel.open(theirs, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.truncate(0).write(ByteBuffer.allocate(1), bytes - 1);
        }
        List<String> cmd = new ArrayList<>(List.of("mkfs.fat", "-n", "PBOOT", "-i", "1234ABCD", "-S", "" + sectorSize));
        if (!fat.equals("auto")) cmd.addAll(List.of("-F", fat));
        cmd.add(theirs.toString());
        FatOracles.Out r = FatOracles.run(cmd.toArray(String[]::new));
        assertThat(r.exit()).as(r.text() + r.stderr()).isZero();

        FatFormatOptions.Type type = switch (fat) {
            case "16" -> FatFormatOptions.Type.FAT16;
            case "32" -> FatFormatOptions.Type.FAT32;
            default -> FatFormatOptions.Type.AUTO;
        };
        Path ours = tmp.resolve("ours.img");
        try (FileChannel ch = FileChannel.open(ours, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(1), bytes - 1);
        }
        try (BlockDevice dev = new LogicalSectorDevice(FileBlockDevice.open(ours, false), sectorSize)) {
            FatFormatter.format(dev, FatFormatOptions.defaults("PBOOT", 0x1234ABCDL, FatOracleTest.CLOCK).withType(type));
        }
        try (BlockDevice a = FileBlockDevice.open(theirs, true); BlockDevice b = FileBlockDevice.open(ours, true)) {
            byte[] bsA = bytes(a, 0, 512);
            byte[] bsB = bytes(b, 0, 512);
            boolean fat32 = bsA[22] == 0 && bsA[23] == 0;
            int bpbEnd = fat32 ? FatBootSector.BOOT_CODE_FAT32 : FatBootSector.BOOT_CODE_FAT16;
            assertThat(hex(bsB, 11, bpbEnd)).as("BPB and extended BPB").isEqualTo(hex(bsA, 11, bpbEnd));
            assertThat(bsB[1]).as("jump target").isEqualTo(bsA[1]);
            int reserved = (bsA[14] & 0xFF) | (bsA[15] & 0xFF) << 8;
            long fatStart = (long) reserved * sectorSize;
            assertThat(bytes(b, fatStart, 16)).as("first FAT entries").isEqualTo(bytes(a, fatStart, 16));
            if (fat32) {
                assertThat(bytes(b, sectorSize, 512)).as("FSInfo").isEqualTo(bytes(a, sectorSize, 512));
                assertThat(bytes(b, 6L * sectorSize, 512)).as("backup boot sector").isEqualTo(bsB);
            }
        }
    }

    private static byte[] bytes(BlockDevice d, long off, int len) throws IOException {
        return d.read(off, len).array();
    }

    private static String hex(byte[] b, int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) s.append(String.format("%02x", b[i]));
        return s.toString();
    }
}
