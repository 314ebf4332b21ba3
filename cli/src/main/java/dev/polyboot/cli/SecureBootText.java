package dev.polyboot.cli;

import dev.polyboot.core.install.StickInfo;
import dev.polyboot.core.secureboot.SecureBootStick;
import dev.polyboot.core.secureboot.StickSecureBoot;
import dev.polyboot.core.secureboot.UserKeys;
import java.io.IOException;
import java.io.PrintWriter;

/** What install and info say about Secure Boot (issue 12): where the user's keys are, the first-boot steps, the stick's key. */
final class SecureBootText {
    private SecureBootText() {}

    /** The user's keys, made on first use: {@code $POLYBOOT_KEYS}, else the config directory. */
    static UserKeys keys() throws IOException {
        return UserKeys.openOrCreate(UserKeys.defaultDirectory(System.getenv()));
    }

    static void afterInstall(PrintWriter out, UserKeys keys) {
        if (keys == null) {
            out.println("Secure Boot: not set up (--no-secure-boot); switch Secure Boot off in the firmware to boot this stick.");
            return;
        }
        if (keys.created()) {
            out.printf("created your Secure Boot keys in %s (private: keep them there, they never go onto a stick)%n", keys.directory());
        }
        out.printf("Secure Boot: shim + polyboot's GRUB signed with your key %s%n", keys.subject());
        out.printf("  certificate sha256 %s%n", keys.certificateFingerprint());
        for (String line : SecureBootStick.firstBootSteps()) out.println(line);
    }

    static String infoLine(StickInfo i) {
        StickSecureBoot sb = i.secureBoot();
        if (!sb.capable()) return String.format("  secure boot: no (boots with Secure Boot off; 'polyboot install' sets it up)%n");
        return String.format("  secure boot: yes, shim + GRUB signed by %s%n    certificate sha256 %s%n    OpenPGP key %s%n",
                sb.certificateSubject() == null ? "(unreadable certificate)" : sb.certificateSubject(),
                sb.certificateFingerprint(), sb.openPgpFingerprint() == null ? "(not recorded)" : sb.openPgpFingerprint());
    }
}
