package dev.polyboot.core.api;

import dev.polyboot.core.secureboot.SecureBootStick;
import dev.polyboot.core.secureboot.UserKeys;
import java.util.List;

/**
 * The user's Secure Boot keys as install set a stick up with them (and {@code keys init}/{@code keys show} print them):
 * whose key, whether the keys were made just now and where they are, what the user does on the first boot of each
 * computer, and how to take the trust back.
 *
 * @param keysCreated            the keys did not exist and were made by this install
 * @param keysDirectory          where the private keys are (never on the stick)
 * @param certificateSubject     subject of the certificate shim is asked to trust
 * @param certificateFingerprint its SHA-256
 * @param openPgpFingerprint     the OpenPGP key GRUB checks the menu and its files with
 * @param passphraseProtected    the private keys are encrypted with a passphrase (asked, or read from
 *                               {@code POLYBOOT_KEY_PASSPHRASE_FILE}, whenever polyboot signs)
 * @param firstBootSteps         MokManager's steps, one line each
 * @param revoke                 how to remove the key from a computer's MokList again
 */
public record SecureBootSetup(boolean keysCreated, String keysDirectory, String certificateSubject,
                              String certificateFingerprint, String openPgpFingerprint, boolean passphraseProtected,
                              List<String> firstBootSteps,
                              String revoke) {
    /** The revocation step: MokManager asks to confirm it at the next boot. */
    public static final String REVOKE = "to take the key back on a computer: boot Linux there, run 'mokutil --delete polyboot.cer'"
            + " (the certificate from 'polyboot keys export-cert polyboot.cer'), reboot and confirm in MokManager";

    public SecureBootSetup {
        firstBootSteps = List.copyOf(firstBootSteps);
    }

    static SecureBootSetup of(UserKeys keys) {
        return new SecureBootSetup(keys.created(), keys.directory().toString(), keys.subject(), keys.certificateFingerprint(),
                keys.openPgpFingerprint(), keys.passphraseProtected(), SecureBootStick.firstBootSteps(), REVOKE);
    }
}
