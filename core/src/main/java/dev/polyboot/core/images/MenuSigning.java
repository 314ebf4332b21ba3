package dev.polyboot.core.images;

import dev.polyboot.core.boot.SecureBootParts;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.progress.ProgressListener;
import java.io.IOException;
import java.util.Optional;

/**
 * Who signs what a Secure Boot stick's GRUB reads from the data partition (issue 12): the menu's catalogue and the
 * initrds it loads out of images. The signature is the user's approval, made on the host with the user's OpenPGP
 * key by every command that rewrites the catalogue (add, refresh, remove, config set).
 */
@FunctionalInterface
public interface MenuSigning {
    /** Nothing is signed (sticks without Secure Boot, tests of other things). */
    MenuSigning NONE = (stick, warnings) -> Optional.empty();

    /**
     * The signer for this stick, or empty: the stick does not boot under Secure Boot, or it does with a key that is not
     * on this computer (then a warning says so: the menu's changes will not be approved until a refresh with the key).
     */
    Optional<SecureBootParts.DetachedSigner> signerFor(Target stick, ProgressListener warnings) throws IOException;
}
