package dev.polyboot.core.secureboot;

import dev.polyboot.core.boot.SecureBootParts;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetResolver;
import dev.polyboot.core.images.MenuSigning;
import dev.polyboot.core.install.StickInspector;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * {@link MenuSigning} with the user's keys: a stick whose boot partition has the Secure Boot layout gets its catalogue
 * and initrds signed with the OpenPGP key its GRUB trusts, if that key is in the key directory on this computer.
 */
public final class StickSigning implements MenuSigning {
    private final Path keysDirectory;
    private final Clock clock;

    public StickSigning(Path keysDirectory, Clock clock) {
        this.keysDirectory = keysDirectory;
        this.clock = clock;
    }

    /** The user's key directory ({@link UserKeys#defaultDirectory}). */
    public static StickSigning system(Clock clock) {
        return new StickSigning(UserKeys.defaultDirectory(), clock);
    }

    @Override
    public Optional<SecureBootParts.DetachedSigner> signerFor(Target stick, ProgressListener warnings) throws IOException {
        StickSecureBoot sb;
        try (BlockDevice dev = TargetResolver.open(stick, true)) {
            sb = new StickInspector(clock).inspect(dev).secureBoot();
        }
        if (!sb.capable()) return Optional.empty();
        Optional<UserKeys> keys = UserKeys.open(keysDirectory);
        if (keys.isPresent() && keys.get().openPgpFingerprint().equals(sb.openPgpFingerprint())) {
            return Optional.of(StickSigner.of(keys.get(), dev.polyboot.core.payload.Payload.load()));
        }
        warnings.warning("this stick boots under Secure Boot with OpenPGP key " + sb.openPgpFingerprint()
                + ", which is not in " + keysDirectory + ": its menu changes are not approved and will not boot with Secure Boot on"
                + " until 'polyboot refresh' with that key directory (POLYBOOT_KEYS)");
        return Optional.empty();
    }
}
