package dev.polyboot.core.secureboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.EspContents;
import dev.polyboot.core.boot.MenuOptions;
import dev.polyboot.core.install.StickInfo;
import dev.polyboot.core.install.StickInspector;
import dev.polyboot.core.install.StickVerifier;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.install.VerifyReport;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.core.payload.Payload;
import dev.polyboot.formats.fat.FatVolume;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stick installed with Secure Boot (the default), read back: layout, signatures, identity, no private key. */
class SecureBootStickTest {
    @TempDir static Path tmp;
    static Path image;
    static StickLayout layout;
    static Map<String, byte[]> esp;

    @BeforeAll
    static void install() throws Exception {
        image = tmp.resolve("sb.img");
        layout = SecureBootSticks.install(image, MenuOptions.defaults("0.1.0-test"));
        esp = readEsp(image, layout);
    }

    @Test
    void bootPartitionHasShimSignedGrubMokManagerAndCertificateButNoFallback() throws IOException {
        Payload p = TestSticks.payload();
        assertThat(esp.get(EspContents.EFI_LOADER)).isEqualTo(p.shim());
        assertThat(esp.get(EspContents.MOK_MANAGER)).isEqualTo(p.mokManager());
        assertThat(esp.get(EspContents.CERTIFICATE)).isEqualTo(TestKeys.get().certificateDer());
        assertThat(Sbat.ofImage(esp.get(EspContents.SIGNED_GRUB)).orElseThrow().component("grub.polyboot")).isPresent();
        assertThat(esp.keySet()).noneMatch(path -> path.toLowerCase().contains("fbx64"));
        // the certificate is the second entry of the root directory: MokManager's file list (scripted key presses)
        assertThat(rootOrder(image, layout)).startsWith("EFI", "POLYBOOT.CER");
    }

    @Test
    void everyFileGrubReadsHasAValidDetachedSignature() throws IOException {
        List<String> read = esp.keySet().stream().filter(f -> f.startsWith("/grub/") || f.startsWith("/polyboot/"))
                .filter(f -> !f.endsWith(EspContents.SIGNATURE_SUFFIX)).toList();
        assertThat(read).contains(EspContents.GRUB_CFG, EspContents.VERSION, EspContents.PBINIT, EspContents.MEMDISK);
        for (String f : read) {
            Path file = Files.write(tmp.resolve("check"), esp.get(f));
            byte[] sig = esp.get(f + EspContents.SIGNATURE_SUFFIX);
            assertThat(sig).as(f + ".sig").isNotNull();
            Path sigFile = Files.write(tmp.resolve("check.sig"), sig);
            assertThat(TestKeys.gpgVerify(tmp, sigFile, file).stdout()).as(f).contains("[GNUPG:] VALIDSIG " + TestKeys.get().openPgpFingerprint());
        }
    }

    @Test
    void verifierAndInspectorUnderstandTheSecureBootLayout() throws IOException {
        VerifyReport r;
        StickInfo info;
        try (FileBlockDevice dev = FileBlockDevice.open(image, true)) {
            r = new StickVerifier(TestSticks.CLOCK).verify(dev, TestSticks.payload());
            info = new StickInspector(TestSticks.CLOCK).inspect(dev);
        }
        assertThat(r.ok()).as(r.problems().toString()).isTrue();
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.message()).startsWith("/EFI/BOOT/BOOTX64.EFI matches the manifest"));
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.message()).startsWith("/EFI/BOOT/mmx64.efi matches the manifest"));
        assertThat(info.polyboot()).isTrue();
        assertThat(info.secureBoot().capable()).isTrue();
        assertThat(info.secureBoot().certificateFingerprint()).isEqualTo(TestKeys.get().certificateFingerprint());
        assertThat(info.secureBoot().certificateSubject()).isEqualTo(TestKeys.get().subject());
        assertThat(info.secureBoot().openPgpFingerprint()).isEqualTo(TestKeys.get().openPgpFingerprint());
    }

    @Test
    void noPrivateKeyMaterialIsOnTheStick() throws Exception {
        UserKeys k = TestKeys.get();
        String pem = Files.readString(k.privateKey());
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        List<byte[]> secrets = new ArrayList<>();
        secrets.add(java.util.Arrays.copyOfRange(der, der.length - 64, der.length)); // inside the private CRT values
        secrets.add(pem.lines().skip(5).findFirst().orElseThrow().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Path export = tmp.resolve("secret.gpg");
        dev.polyboot.formats.testing.Tools.run("gpg", "--homedir", k.gnupgHome().toString(), "--batch", "--pinentry-mode", "loopback",
                "--passphrase", "", "--output", export.toString(), "--export-secret-keys", k.openPgpFingerprint()).assertOk();
        dev.polyboot.formats.testing.Tools.run("gpgconf", "--homedir", k.gnupgHome().toString(), "--kill", "gpg-agent");
        byte[] gpgSecret = Files.readAllBytes(export);
        int end = firstPacketEnd(gpgSecret); // the secret key packet (RFC 4880 §5.5.3): its last MPI (u) before the checksum
        secrets.add(java.util.Arrays.copyOfRange(gpgSecret, end - 66, end - 2));
        byte[] stick = Files.readAllBytes(image);
        for (byte[] s : secrets) assertThat(indexOf(stick, s)).as("private key bytes on the stick").isEqualTo(-1);
        // and the needle search itself works: the public certificate is found
        assertThat(indexOf(stick, k.certificateDer())).isPositive();
    }

    /** End of the first OpenPGP packet (old-format header, as gpg writes key packets; RFC 4880 §4.2.1). */
    static int firstPacketEnd(byte[] b) {
        int tag = b[0] & 0xff;
        assertThat(tag & 0xC0).as("old-format packet").isEqualTo(0x80);
        assertThat((tag >> 2) & 0x0f).as("secret key packet").isEqualTo(5);
        return switch (tag & 3) {
            case 0 -> 2 + (b[1] & 0xff);
            case 1 -> 3 + ((b[1] & 0xff) << 8 | (b[2] & 0xff));
            case 2 -> 5 + ((b[1] & 0xff) << 24 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 8 | (b[4] & 0xff));
            default -> throw new AssertionError("indeterminate length");
        };
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    static Map<String, byte[]> readEsp(Path image, StickLayout layout) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (FileBlockDevice dev = FileBlockDevice.open(image, true);
             FatVolume v = FatVolume.open(new SliceBlockDevice(dev, layout.boot().startBytes(), layout.boot().sizeBytes()), TestSticks.CLOCK)) {
            walk(v, "/", out);
        }
        return out;
    }

    private static void walk(FatVolume v, String dir, Map<String, byte[]> out) throws IOException {
        for (FsEntry e : v.list(dir)) {
            if (e.directory()) {
                walk(v, e.path(), out);
            } else {
                try (SeekableByteChannel ch = v.open(e.path())) {
                    ByteBuffer b = ByteBuffer.allocate((int) ch.size());
                    while (b.hasRemaining() && ch.read(b) > 0) { /* fill */ }
                    out.put(e.path(), b.array());
                }
            }
        }
    }

    private static List<String> rootOrder(Path image, StickLayout layout) throws IOException {
        try (FileBlockDevice dev = FileBlockDevice.open(image, true);
             FatVolume v = FatVolume.open(new SliceBlockDevice(dev, layout.boot().startBytes(), layout.boot().sizeBytes()), TestSticks.CLOCK)) {
            return v.list("/").stream().map(e -> e.name().toUpperCase()).toList();
        }
    }
}
