package dev.polyboot.core.api;

import dev.polyboot.core.secureboot.SecureBootStick;
import dev.polyboot.core.secureboot.UserKeys;
import java.util.List;

/**
 * How install set the stick up for Secure Boot: whose key, whether the keys were made just now and where they are, and
 * what the user does on the first boot of each computer.
 *
 * @param keysCreated            the keys did not exist and were made by this install
 * @param keysDirectory          where the private keys are (never on the stick)
 * @param certificateSubject     subject of the certificate shim is asked to trust
 * @param certificateFingerprint its SHA-256
 * @param openPgpFingerprint     the OpenPGP key GRUB checks the menu and its files with
 * @param firstBootSteps         MokManager's steps, one line each
 */
public record SecureBootSetup(boolean keysCreated, String keysDirectory, String certificateSubject,
                              String certificateFingerprint, String openPgpFingerprint, List<String> firstBootSteps) {
    public SecureBootSetup {
        firstBootSteps = List.copyOf(firstBootSteps);
    }

    static SecureBootSetup of(UserKeys keys) {
        return new SecureBootSetup(keys.created(), keys.directory().toString(), keys.subject(), keys.certificateFingerprint(),
                keys.openPgpFingerprint(), SecureBootStick.firstBootSteps());
    }
}
