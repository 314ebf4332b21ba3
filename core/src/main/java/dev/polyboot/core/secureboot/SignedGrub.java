package dev.polyboot.core.secureboot;

import dev.polyboot.core.boot.SignedGrubConfig;
import dev.polyboot.core.payload.Payload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds polyboot's GRUB for Secure Boot at install time: it embeds the user's OpenPGP public key, so it is made
 * per user with {@code grub-mkstandalone} from Debian's grub-efi-amd64-bin modules and signed with the user's
 * X.509 key by {@code sbsign} (SECURE-BOOT-NOTES §3 and §5). shim loads it once the certificate is in MokList.
 */
public final class SignedGrub {
    public static final Path DEBIAN_MODULES = Path.of("/usr/lib/grub/x86_64-efi");
    /** Debian's own signed GRUB: the source of the {@code grub}/{@code grub.debian*} SBAT generations. */
    public static final Path DEBIAN_SIGNED_GRUB = Path.of("/usr/lib/grub/x86_64-efi-signed/grubx64.efi.signed");
    /**
     * Built in besides BOOTX64.EFI's modules: OpenPGP checking (pgp, RSA, the SHA family gpg signs with) and what a
     * standalone image needs to read its embedded config. Not gzio/xzio/lzopio: with one loaded, verify_detached
     * checks the decompressed stream (SECURE-BOOT-NOTES §6); not linuxefi: it would insist on shim's protocol.
     */
    static final List<String> SECURE_BOOT_MODULES = List.of("pgp", "gcry_rsa", "gcry_sha1", "gcry_sha256", "gcry_sha512",
            "memdisk", "tar");
    static final Set<String> FORBIDDEN_MODULES = Set.of("gzio", "xzio", "lzopio", "linuxefi");
    /**
     * The generation lines of Debian 12's GRUB 2.06-13+deb12u2, used only when grub-efi-amd64-signed is not
     * installed to read them from.
     */
    static final List<Sbat.Entry> DEBIAN_12_GRUB_SBAT = List.of(
            new Sbat.Entry("grub", 5, "Free Software Foundation", "grub", "2.06", "https://www.gnu.org/software/grub/"),
            new Sbat.Entry("grub.debian", 5, "Debian", "grub2", "2.06-13+deb12u2", "https://tracker.debian.org/pkg/grub2"),
            new Sbat.Entry("grub.debian12", 1, "Debian", "grub2", "2.06-13+deb12u2", "https://tracker.debian.org/pkg/grub2"));
    static final String POLYBOOT_URL = "https://polyboot.invalid/";

    private SignedGrub() {}

    /**
     * The signed image's SBAT: Debian's GRUB generations (the modules are Debian's) plus polyboot's own line, so
     * that a polyboot build can be revoked without revoking Debian's GRUB.
     */
    public static Sbat sbat(String polybootVersion) throws IOException {
        List<Sbat.Entry> out = new ArrayList<>();
        out.add(Sbat.HEADER);
        List<Sbat.Entry> debian = DEBIAN_12_GRUB_SBAT;
        if (Files.isReadable(DEBIAN_SIGNED_GRUB)) {
            Sbat signed = Sbat.ofImage(Files.readAllBytes(DEBIAN_SIGNED_GRUB)).orElse(null);
            if (signed != null) {
                debian = signed.entries().stream().filter(e -> e.component().startsWith("grub")).toList();
            }
        }
        out.addAll(debian);
        out.add(new Sbat.Entry("grub.polyboot", 1, "polyboot", "polyboot", polybootVersion, POLYBOOT_URL));
        return new Sbat(out);
    }

    /** Modules built into the image: BOOTX64.EFI's list plus {@link #SECURE_BOOT_MODULES}. */
    static List<String> modules(Payload payload) throws IOException {
        Set<String> all = new LinkedHashSet<>(payload.grubModulesEfi());
        all.addAll(SECURE_BOOT_MODULES);
        for (String m : all) {
            if (FORBIDDEN_MODULES.contains(m)) throw new IllegalStateException("module " + m + " must not be in the signed GRUB");
        }
        return List.copyOf(all);
    }

    /** Builds and signs the image; returns the bytes of {@code grubx64.efi}. */
    public static byte[] build(UserKeys keys, Payload payload, String polybootVersion, String bootLabel) throws IOException {
        if (!Files.isRegularFile(DEBIAN_MODULES.resolve("kernel.img"))) {
            throw new SecureBootException("GRUB's EFI modules are missing (" + DEBIAN_MODULES + ")",
                    "apt-get install grub-efi-amd64-bin (or install with --no-secure-boot)");
        }
        Path tmp = Files.createTempDirectory("polyboot-grub-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            Path sbat = Files.writeString(tmp.resolve("sbat.csv"), sbat(polybootVersion).render(), StandardCharsets.UTF_8);
            Path cfg = Files.writeString(tmp.resolve("embedded.cfg"), SignedGrubConfig.embeddedCfg(bootLabel), StandardCharsets.UTF_8);
            Path unsigned = tmp.resolve("grubx64.unsigned.efi");
            Path signed = tmp.resolve("grubx64.efi");
            String modules = String.join(" ", modules(payload));
            // --install-modules: the memdisk then holds these same modules and nothing else (no module from disk
            // would load under Secure Boot anyway); no locales, fonts or themes.
            ExternalTool.run(List.of("grub-mkstandalone", "--format=x86_64-efi", "--directory=" + DEBIAN_MODULES,
                    "--output=" + unsigned, "--modules=" + modules, "--install-modules=" + modules,
                    "--locales=", "--fonts=", "--themes=", "--compress=no", "--sbat", sbat.toString(),
                    "--pubkey", keys.openPgpPublicKey().toString(), "boot/grub/grub.cfg=" + cfg), Map.of(), "grub-common");
            keys.sbsign(unsigned, signed);
            return Files.readAllBytes(signed);
        } finally {
            UserKeys.deleteTree(tmp);
        }
    }
}
