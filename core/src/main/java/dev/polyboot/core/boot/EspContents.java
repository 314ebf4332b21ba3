package dev.polyboot.core.boot;

import dev.polyboot.core.payload.Payload;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that goes onto the FAT16 boot partition ({@code PBOOT}), path to bytes, in writing order.
 * The installer formats the partition and writes these (creating parent directories); {@code update}
 * rewrites exactly these files. Nothing here is ever written to the data partition.
 */
public final class EspContents {
    public static final String EFI_LOADER = "/EFI/BOOT/BOOTX64.EFI";
    public static final String GRUB_CFG = "/grub/grub.cfg";
    public static final String MEMDISK = "/grub/memdisk";
    public static final String MANIFEST = "/polyboot/manifest.json";
    /** Identity of the installed boot environment; the menu's first entry shows it. */
    public static final String VERSION = "/polyboot/VERSION";
    /** polyboot's initramfs helper, packed for GRUB's {@code initrd} ({@link PbinitArchive}). */
    public static final String PBINIT = PbinitArgs.ARCHIVE;

    private EspContents() {}

    public static Map<String, byte[]> files(Payload payload, MenuOptions options) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(EFI_LOADER, payload.bootx64Efi());
        files.put(GRUB_CFG, BootMenu.grubCfg(options).getBytes(StandardCharsets.UTF_8));
        files.put(MEMDISK, payload.memdisk());
        files.put(MANIFEST, payload.manifestJson());
        files.put(PBINIT, PbinitArchive.of(payload));
        files.put(VERSION, versionFile(payload, options).getBytes(StandardCharsets.UTF_8));
        return Collections.unmodifiableMap(files);
    }

    static String versionFile(Payload payload, MenuOptions options) {
        return "polyboot " + options.polybootVersion() + "\n"
                + "boot payload: " + payload.version() + "\n"
                + "payload sha256: " + payload.digest() + "\n"
                + "console: " + options.console().name().toLowerCase(java.util.Locale.ROOT) + "\n";
    }
}
