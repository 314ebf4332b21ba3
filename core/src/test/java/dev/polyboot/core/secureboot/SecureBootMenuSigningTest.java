package dev.polyboot.core.secureboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.core.boot.CatalogMenu;
import dev.polyboot.core.boot.Console;
import dev.polyboot.core.boot.EspContents;
import dev.polyboot.core.boot.MenuItem;
import dev.polyboot.core.boot.MenuOptions;
import dev.polyboot.core.boot.SecureBootScript;
import dev.polyboot.core.catalog.CatalogEntry;
import dev.polyboot.core.catalog.FamilyLayouts;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.core.images.ImageLibrary;
import dev.polyboot.core.install.StickDisk;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.fat.FatVolume;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.fs.Volume;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 phase 2 on the host: on a Secure Boot stick every file polyboot's GRUB reads under
 * {@code check_signatures=enforce} (boot partition files, the catalogue, each initrd it loads out of an image) has a
 * detached signature that gpg, given only the exported public key, accepts; the initrd's signature covers the bytes
 * xorriso extracts from the ISO (not polyboot's ISO reader); remove keeps the catalogue signed and drops the image's
 * signatures; without the key the stale catalogue signature goes; and no private key byte is anywhere on the stick.
 */
class SecureBootMenuSigningTest {
    @TempDir static Path dir;
    static Path image;
    static StickLayout layout;
    static Path iso;
    static Path isoInitrd;

    @BeforeAll
    static void stickWithALinuxImage() throws Exception {
        Tools.require("sbsign");
        Tools.require("xorriso");
        image = dir.resolve("sb.img");
        layout = SecureBootSticks.install(image, MenuOptions.defaults("0.1.0-sb").withConsole(Console.SERIAL));
        FamilyLayouts.Layout l = FamilyLayouts.named("debian-live");
        Path tree = Files.createDirectories(dir.resolve("tree"));
        FamilyLayouts.write(l, tree);
        byte[] initrd = new byte[3 << 20];
        new Random(12).nextBytes(initrd);
        Files.write(tree.resolve("live/initrd.img"), initrd);
        iso = dir.resolve("debian-live.iso");
        Tools.run("xorriso", "-as", "mkisofs", "-quiet", "-R", "-J", "-V", l.volumeId(), "-o", iso.toString(), tree.toString()).assertOk();
        isoInitrd = dir.resolve("extracted-initrd.img");
        Tools.run("xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract", "/live/initrd.img", isoInitrd.toString()).assertOk();
        SecureBootSticks.library().add(new Target.ImageFile(image), List.of(iso), "/linux", ProgressListener.NONE);
    }

    @Test
    void everyFileGrubReadsUnderEnforcementHasASignatureGpgAccepts() throws Exception {
        List<String> checked = new ArrayList<>();
        try (FileBlockDevice dev = FileBlockDevice.open(image, true);
             FatVolume esp = FatVolume.open(new SliceBlockDevice(dev, layout.boot().startBytes(), layout.boot().sizeBytes()), TestSticks.CLOCK)) {
            for (String d : List.of("/grub", "/polyboot")) {
                for (FsEntry f : esp.list(d)) {
                    if (f.directory() || f.name().endsWith(EspContents.SIGNATURE_SUFFIX)) continue;
                    assertVerifies(esp, f.path(), export(esp, f.path()));
                    checked.add(f.path());
                }
            }
        }
        try (FileBlockDevice dev = FileBlockDevice.open(image, true);
             ExfatVolume data = ExfatVolume.open(StickDisk.read(dev).dataSlice(), TestSticks.CLOCK)) {
            assertVerifies(data, CatalogMenu.CFG, export(data, CatalogMenu.CFG));
            checked.add(CatalogMenu.CFG);
            // the search's lines, sourced when the search is opened, are signed with the catalogue
            assertVerifies(data, CatalogMenu.SEARCH_CFG, export(data, CatalogMenu.SEARCH_CFG));
            checked.add(CatalogMenu.SEARCH_CFG);
            String sig = SecureBootScript.initrdSignature("/linux/debian-live.iso", "/live/initrd.img");
            assertThat(TestKeys.gpgVerify(dir, exportRaw(data, sig), isoInitrd).stdout()).contains("GOODSIG", "VALIDSIG");
            checked.add(sig);
        }
        assertThat(checked).contains(EspContents.GRUB_CFG, EspContents.PBINIT, CatalogMenu.CFG, CatalogMenu.SEARCH_CFG);
        // the catalogue's Linux entry loads exactly the initrd signed above
        CatalogEntry e = new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK).catalog(new Target.ImageFile(image)).orElseThrow()
                .entries().get(0);
        assertThat(((BootRecipe.Linux) e.recipe()).initrds()).containsExactly("/live/initrd.img");
    }

    @Test
    void removeKeepsTheCatalogueSignedAndWithoutTheKeyItsStaleSignatureGoes() throws Exception {
        Path copy = dir.resolve("remove.img");
        Tools.run("cp", "--sparse=always", image.toString(), copy.toString()).assertOk();
        Target t = new Target.ImageFile(copy);
        SecureBootSticks.library().remove(t, "/linux/debian-live.iso", ProgressListener.NONE);
        try (FileBlockDevice dev = FileBlockDevice.open(copy, true);
             ExfatVolume data = ExfatVolume.open(StickDisk.read(dev).dataSlice(), TestSticks.CLOCK)) {
            assertVerifies(data, CatalogMenu.CFG, export(data, CatalogMenu.CFG));
            assertThat(data.stat(SecureBootScript.signatureDirOf("/linux/debian-live.iso"))).isEmpty();
        }
        // an add from a computer without the key: the catalogue changes, its old signature must not stay beside it
        new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK).add(t, List.of(iso), "/", ProgressListener.NONE);
        try (FileBlockDevice dev = FileBlockDevice.open(copy, true);
             ExfatVolume data = ExfatVolume.open(StickDisk.read(dev).dataSlice(), TestSticks.CLOCK)) {
            assertThat(data.stat(CatalogMenu.CFG)).isPresent();
            assertThat(data.stat(CatalogMenu.CFG + EspContents.SIGNATURE_SUFFIX)).isEmpty();
            assertThat(data.stat(CatalogMenu.SEARCH_CFG + EspContents.SIGNATURE_SUFFIX)).isEmpty();
        }
    }

    /**
     * iPXE boots by its own EFI program (inside the ISO's El Torito FAT image): add puts a copy signed with the user's
     * X.509 key on the stick. sbverify accepts it with the user's certificate and refuses it with another; without its
     * signature (sbattach --remove) it is the program mtools copies out of the FAT image xorriso extracts.
     */
    @Test
    void anEfiProgramIsApprovedAsACopySignedWithTheUsersKey() throws Exception {
        Path ipxe = Path.of("/usr/lib/ipxe/ipxe.iso");
        assertThat(ipxe).as("Debian package ipxe").exists();
        Tools.require("mcopy");
        Path copy = dir.resolve("program.img");
        Tools.run("cp", "--sparse=always", image.toString(), copy.toString()).assertOk();
        List<String> warnings = new ArrayList<>();
        SecureBootSticks.library().add(new Target.ImageFile(copy), List.of(ipxe), "/net", new ProgressListener() {
            @Override
            public void progress(String phase, long done, long total) {}

            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        });
        assertThat(warnings).isEmpty();
        // the approved copy is no image of the menu's
        assertThat(SecureBootSticks.library().list(new Target.ImageFile(copy))).extracting(MenuItem::path)
                .containsExactlyInAnyOrder("/linux/debian-live.iso", "/net/ipxe.iso");
        Path approved;
        try (FileBlockDevice dev = FileBlockDevice.open(copy, true);
             ExfatVolume data = ExfatVolume.open(StickDisk.read(dev).dataSlice(), TestSticks.CLOCK)) {
            approved = exportRaw(data, SecureBootScript.approvedProgram("/net/ipxe.iso"));
            // the catalogue that names it is signed too; the Linux image's initrd signature is still there
            assertVerifies(data, CatalogMenu.CFG, export(data, CatalogMenu.CFG));
            assertThat(data.stat(SecureBootScript.initrdSignature("/linux/debian-live.iso", "/live/initrd.img"))).isPresent();
        }
        UserKeys keys = TestKeys.get();
        assertThat(Tools.run("sbverify", "--cert", keys.certificatePem().toString(), approved.toString()).exitCode()).isZero();
        Path otherCert = dir.resolve("other.pem");
        Tools.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve("other.key").toString(),
                "-out", otherCert.toString(), "-days", "1", "-subj", "/CN=someone else").assertOk();
        assertThat(Tools.run("sbverify", "--cert", otherCert.toString(), approved.toString()).exitCode()).isNotZero();
        Path efiImg = dir.resolve("ipxe-efi.img");
        Tools.run("xorriso", "-osirrox", "on", "-indev", ipxe.toString(), "-extract", "/efi.img", efiImg.toString()).assertOk();
        Path original = dir.resolve("ipxe-original.efi");
        Tools.run("mcopy", "-n", "-i", efiImg.toString(), "::/EFI/BOOT/BOOTX64.EFI", original.toString()).assertOk();
        Path unsigned = dir.resolve("ipxe-unsigned.efi");
        Files.copy(approved, unsigned);
        Tools.run("sbattach", "--remove", unsigned.toString()).assertOk();
        byte[] want = Files.readAllBytes(original);
        byte[] got = Files.readAllBytes(unsigned);
        assertThat(Arrays.copyOfRange(got, 0, 0x80)).isEqualTo(Arrays.copyOfRange(want, 0, 0x80));
        assertThat(Arrays.copyOfRange(got, 0x200, want.length)).isEqualTo(Arrays.copyOfRange(want, 0x200, want.length));

        // declined (secureBoot./PATH false): its approval goes, a marker words GRUB's refusal; taken back: approved again
        Target t = new Target.ImageFile(copy);
        SecureBootSticks.library().setConfig(t, "secureBoot./net/ipxe.iso", "false", ProgressListener.NONE);
        assertThat(SecureBootSticks.exists(copy, SecureBootScript.approvedProgram("/net/ipxe.iso"))).isFalse();
        assertThat(SecureBootSticks.exists(copy, SecureBootScript.declinedMarker("/net/ipxe.iso"))).isTrue();
        assertThat(SecureBootSticks.exists(copy, SecureBootScript.initrdSignature("/linux/debian-live.iso", "/live/initrd.img"))).isTrue();
        SecureBootSticks.library().setConfig(t, "secureBoot./net/ipxe.iso", "", ProgressListener.NONE);
        assertThat(SecureBootSticks.exists(copy, SecureBootScript.approvedProgram("/net/ipxe.iso"))).isTrue();
        assertThat(SecureBootSticks.exists(copy, SecureBootScript.declinedMarker("/net/ipxe.iso"))).isFalse();
    }

    @Test
    void noPrivateKeyByteIsOnTheStick() throws Exception {
        UserKeys keys = TestKeys.get();
        Set<Window> secret = new HashSet<>();
        // the X.509 private key (PKCS#8 DER from the PEM, and the PEM text), minus what the certificate shares with it
        String pem = Files.readString(keys.privateKey());
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        addWindows(secret, der, keys.certificateDer());
        addWindows(secret, pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII), new byte[0]);
        // the OpenPGP secret key, minus the public key GRUB embeds
        Path exported = dir.resolve("secret.gpg");
        Tools.run("gpg", "--homedir", keys.gnupgHome().toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                "--output", exported.toString(), "--export-secret-keys", keys.openPgpFingerprint()).assertOk();
        Tools.run("gpgconf", "--homedir", keys.gnupgHome().toString(), "--kill", "gpg-agent");
        addWindows(secret, Files.readAllBytes(exported), Files.readAllBytes(keys.openPgpPublicKey()));
        assertThat(secret).hasSizeGreaterThan(1000);
        long[] found = scan(image, secret);
        assertThat(found[0]).as("16-byte windows of private key material on the stick (first at byte %d)", found[1]).isZero();
        // the scan itself finds a key that is there: the DER private key planted at an odd offset of a copy
        Path planted = dir.resolve("planted.img");
        Tools.run("cp", "--sparse=always", image.toString(), planted.toString()).assertOk();
        try (FileBlockDevice dev = FileBlockDevice.open(planted, false)) {
            dev.write(12345677, ByteBuffer.wrap(der));
            dev.flush();
        }
        assertThat(scan(planted, secret)[0]).isGreaterThan(20);
    }

    /** Number of 16-aligned windows of {@code file} that are in {@code secret}, and the first one's offset. */
    private static long[] scan(Path file, Set<Window> secret) throws IOException {
        long hits = 0;
        long hitAt = -1;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            long base = 0;
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.BIG_ENDIAN);
                for (int i = 0; i + Window.SIZE <= n; i += Window.SIZE) {
                    long hi = b.getLong(i);
                    long lo = b.getLong(i + 8);
                    if ((hi | lo) != 0 && secret.contains(new Window(hi, lo))) {
                        hits++;
                        if (hitAt < 0) hitAt = base + i;
                    }
                }
                base += n;
            }
        }
        return new long[] {hits, hitAt};
    }

    /** 16 bytes of key material as two longs; windows at every offset, so any 16-aligned look at a copy hits one. */
    record Window(long hi, long lo) {
        static final int SIZE = 16;
    }

    private static void addWindows(Set<Window> out, byte[] secret, byte[] shared) {
        Set<Window> common = new HashSet<>();
        for (int i = 0; i + Window.SIZE <= shared.length; i++) common.add(window(shared, i));
        for (int i = 0; i + Window.SIZE <= secret.length; i++) {
            Window w = window(secret, i);
            if ((w.hi() | w.lo()) != 0 && !common.contains(w)) out.add(w);
        }
    }

    private static Window window(byte[] b, int i) {
        ByteBuffer bb = ByteBuffer.wrap(b, i, Window.SIZE).order(ByteOrder.BIG_ENDIAN);
        return new Window(bb.getLong(i), bb.getLong(i + 8));
    }

    private static void assertVerifies(Volume v, String path, Path content) throws IOException {
        Path sig = exportRaw(v, path + EspContents.SIGNATURE_SUFFIX);
        assertThat(TestKeys.gpgVerify(dir, sig, content).stdout()).as(path).contains("GOODSIG", "VALIDSIG");
    }

    private static Path export(Volume v, String path) throws IOException {
        return exportRaw(v, path);
    }

    private static Path exportRaw(Volume v, String path) throws IOException {
        Path out = Files.createTempFile(dir, "f-", path.substring(path.lastIndexOf('/') + 1));
        try (InputStream in = Channels.newInputStream(v.open(path))) {
            Files.write(out, in.readAllBytes());
        }
        return out;
    }
}
