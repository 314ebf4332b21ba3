package dev.polyboot.core.boot;

import dev.polyboot.core.payload.Payload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that goes onto the FAT16 boot partition ({@code PBOOT}), path to bytes, in writing order.
 * The installer formats the partition and writes these (creating parent directories); {@code update}
 * rewrites exactly these files. Nothing here is ever written to the data partition.
 *
 * <p>Two layouts. Without Secure Boot, {@code BOOTX64.EFI} is the payload's unsigned GRUB. With Secure Boot
 * (issue 12) it is Debian's Microsoft-signed shim, which starts {@code grubx64.efi} (polyboot's GRUB, signed with
 * the user's key) or, while that key is not enrolled, MokManager ({@code mmx64.efi}) to enrol the certificate at
 * {@link #CERTIFICATE}; every file that GRUB reads from this partition gets a detached OpenPGP signature beside it.
 * BIOS boot (core.img, {@code /grub/grub.cfg}) is the same in both.
 */
public final class EspContents {
    public static final String EFI_LOADER = "/EFI/BOOT/BOOTX64.EFI";
    /** shim starts this file from its own directory (a name compiled into shim). */
    public static final String SIGNED_GRUB = "/EFI/BOOT/grubx64.efi";
    /** shim starts this when grubx64.efi fails verification (a name compiled into shim). */
    public static final String MOK_MANAGER = "/EFI/BOOT/mmx64.efi";
    /** The user's certificate for MokManager's "Enroll key from disk"; written right after EFI/ so it is listed second. */
    public static final String CERTIFICATE = "/polyboot.cer";
    public static final String SIGNATURE_SUFFIX = ".sig";
    public static final String GRUB_CFG = "/grub/grub.cfg";
    public static final String MEMDISK = "/grub/memdisk";
    public static final String MANIFEST = "/polyboot/manifest.json";
    /** Identity of the installed boot environment; the menu's first entry shows it. */
    public static final String VERSION = "/polyboot/VERSION";
    /** polyboot's initramfs helper, packed for GRUB's {@code initrd} ({@link PbinitArchive}). */
    public static final String PBINIT = PbinitArgs.ARCHIVE;
    public static final String VERSION_SECURE_BOOT = "secure boot certificate sha256: ";
    public static final String VERSION_OPENPGP = "secure boot openpgp key: ";

    private EspContents() {}

    /** The layout without Secure Boot ({@code install --no-secure-boot}, {@code update} of such a stick). */
    public static Map<String, byte[]> files(Payload payload, MenuOptions options) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(EFI_LOADER, payload.bootx64Efi());
        files.putAll(grubFiles(payload, options, null));
        return Collections.unmodifiableMap(files);
    }

    /** The Secure Boot layout: shim, signed GRUB, MokManager, certificate, and a {@code .sig} for each file GRUB reads. */
    public static Map<String, byte[]> files(Payload payload, MenuOptions options, SecureBootParts secureBoot) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(EFI_LOADER, payload.shim());
        files.put(SIGNED_GRUB, secureBoot.signedGrub());
        files.put(MOK_MANAGER, payload.mokManager());
        files.put(CERTIFICATE, secureBoot.certificateDer());
        Map<String, byte[]> read = grubFiles(payload, options, secureBoot);
        Map<String, byte[]> sigs = secureBoot.signer().sign(read);
        for (Map.Entry<String, byte[]> f : read.entrySet()) {
            byte[] sig = sigs.get(f.getKey());
            if (sig == null || sig.length == 0) throw new IOException("no signature was made for " + f.getKey());
            files.put(f.getKey(), f.getValue());
            files.put(f.getKey() + SIGNATURE_SUFFIX, sig);
        }
        return Collections.unmodifiableMap(files);
    }

    /** Whether a boot partition is a Secure Boot one, given a test for a file being on it (signed GRUB and certificate). */
    public static boolean isSecureBootLayout(dev.polyboot.formats.fs.Volume boot) throws IOException {
        return boot.stat(SIGNED_GRUB).isPresent() && boot.stat(CERTIFICATE).isPresent();
    }

    /** Where a payload file lies on the boot partition of the given layout, or null when it is not there. */
    public static String espPath(String payloadName, boolean secureBoot) {
        return switch (payloadName) {
            case Payload.BOOTX64_EFI -> secureBoot ? null : EFI_LOADER;
            case Payload.SHIM -> secureBoot ? EFI_LOADER : null;
            case Payload.MOK_MANAGER -> secureBoot ? MOK_MANAGER : null;
            case Payload.MEMDISK -> MEMDISK;
            default -> null;
        };
    }

    /** The files GRUB (BIOS core.img and UEFI alike) reads from this partition. */
    private static Map<String, byte[]> grubFiles(Payload payload, MenuOptions options, SecureBootParts secureBoot) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(GRUB_CFG, BootMenu.grubCfg(options).getBytes(StandardCharsets.UTF_8));
        files.put(MEMDISK, payload.memdisk());
        files.put(MANIFEST, payload.manifestJson());
        files.put(PBINIT, PbinitArchive.of(payload));
        files.put(VERSION, versionFile(payload, options, secureBoot).getBytes(StandardCharsets.UTF_8));
        return files;
    }

    static String versionFile(Payload payload, MenuOptions options) {
        return versionFile(payload, options, null);
    }

    static String versionFile(Payload payload, MenuOptions options, SecureBootParts secureBoot) {
        return "polyboot " + options.polybootVersion() + "\n"
                + "boot payload: " + payload.version() + "\n"
                + "payload sha256: " + payload.digest() + "\n"
                + "console: " + options.console().name().toLowerCase(java.util.Locale.ROOT) + "\n"
                + (secureBoot == null ? "" : VERSION_SECURE_BOOT + secureBoot.certificateFingerprint() + "\n"
                        + VERSION_OPENPGP + secureBoot.openPgpFingerprint() + "\n");
    }
}
