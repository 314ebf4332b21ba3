package dev.polyboot.core.secureboot;

import dev.polyboot.core.boot.EspContents;
import dev.polyboot.core.boot.MenuOptions;
import dev.polyboot.core.boot.SecureBootParts;
import dev.polyboot.core.payload.Payload;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The Secure Boot part of install (issue 12, phase 1): the user's keys (made on first use), polyboot's GRUB built
 * and signed with them, and the boot partition's files in the Secure Boot layout. The front end only chooses
 * between {@link #bootFiles} and {@link EspContents#files(Payload, MenuOptions)} and prints {@link #firstBootSteps()}.
 */
public final class SecureBootStick {
    private SecureBootStick() {}

    /** Builds the signed GRUB and gathers what the boot partition needs; no private key is in the result. */
    public static SecureBootParts parts(UserKeys keys, Payload payload, String polybootVersion) throws IOException {
        byte[] grub = SignedGrub.build(keys, payload, polybootVersion, Payload.BOOT_LABEL);
        return new SecureBootParts(grub, keys.certificateDer(), keys.certificateFingerprint(), keys.openPgpFingerprint(),
                StickSigner.of(keys, payload));
    }

    /** The boot partition's files, Secure Boot layout. */
    public static Map<String, byte[]> bootFiles(UserKeys keys, Payload payload, MenuOptions menu) throws IOException {
        return EspContents.files(payload, menu, parts(keys, payload, menu.polybootVersion()));
    }

    /** What the user does once per computer with Secure Boot on: shim opens MokManager by itself. */
    public static List<String> firstBootSteps() {
        String cer = EspContents.CERTIFICATE.substring(1);
        return List.of(
                "With Secure Boot on, the first boot on each computer shows a blue MokManager screen"
                        + " (\"Verification failed\", press a key within 10 s):",
                "  1. Enroll key from disk",
                "  2. choose the stick's boot volume, then " + cer,
                "  3. Continue",
                "  4. Yes",
                "  5. Reboot",
                "After that, polyboot's menu appears. To remove the key later, on that computer: mokutil --delete " + cer);
    }
}
