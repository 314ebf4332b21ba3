package dev.polyboot.formats.fat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.io.FileBlockDevice;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Same options, clock and operations give the same image bytes; the injected serial does change them. */
class FatDeterminismTest {
    @TempDir Path tmp;

    @ParameterizedTest(name = "{0} MiB {1}")
    @CsvSource({"64, FAT16", "600, FAT32"})
    void sameInputsSameImage(long mib, FatFormatOptions.Type type) throws Exception {
        String a = build(tmp.resolve("a.img"), mib, type, 0xABCD1234L);
        String b = build(tmp.resolve("b.img"), mib, type, 0xABCD1234L);
        String c = build(tmp.resolve("c.img"), mib, type, 0xABCD1235L);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    private static String build(Path img, long mib, FatFormatOptions.Type type, long serial) throws IOException {
        FatFormatOptions o = FatFormatOptions.defaults("PBOOT", serial, FatOracleTest.CLOCK).withType(type).withHiddenSectors(2048);
        try (FileBlockDevice dev = FileBlockDevice.createSparse(img, mib << 20)) {
            FatFormatter.format(dev, o);
            try (FatVolume v = FatVolume.open(dev, FatOracleTest.CLOCK)) {
                v.mkdirs("/EFI/BOOT");
                v.mkdirs("/grub/fonts");
                v.writeFile("/EFI/BOOT/BOOTX64.EFI", new ByteArrayInputStream(TreeFixture.content(7, 900_000)), 900_000);
                v.writeFile("/grub/grub.cfg", new ByteArrayInputStream(TreeFixture.content(8, 4000)), 4000);
                v.writeFile("/grub/Ünïcødé.txt", new ByteArrayInputStream(TreeFixture.content(9, 10)), 10);
                v.rename("/grub/Ünïcødé.txt", "/grub/fonts/renamed.txt");
                v.delete("/grub/grub.cfg");
            }
        }
        return sha256(img);
    }

    private static String sha256(Path f) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(f), md)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
