package dev.polyboot.core.secureboot;

import dev.polyboot.core.boot.EspContents;
import dev.polyboot.formats.fs.Volume;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * Whether a stick boots under Secure Boot, as {@code polyboot info} shows it: shim + signed GRUB + certificate on
 * the boot partition, and whose key that is.
 *
 * @param capable                the boot partition has the Secure Boot layout
 * @param certificateSubject     subject of {@code /polyboot.cer} (null when unreadable or absent)
 * @param certificateFingerprint its SHA-256 {@code AB:CD:…} (null when absent)
 * @param openPgpFingerprint     the OpenPGP key the signed GRUB trusts, from the identity file (null when absent)
 */
public record StickSecureBoot(boolean capable, String certificateSubject, String certificateFingerprint, String openPgpFingerprint) {
    /** A DER certificate is a few hundred bytes to a few KiB. */
    private static final int MAX_CERTIFICATE = 64 * 1024;

    public static final StickSecureBoot NONE = new StickSecureBoot(false, null, null, null);

    /** Reads the boot partition; {@code openPgpFingerprint} comes from the identity file the caller read. */
    public static StickSecureBoot read(Volume boot, String openPgpFingerprint) throws IOException {
        if (!EspContents.isSecureBootLayout(boot)) return NONE;
        byte[] der = readSmall(boot, EspContents.CERTIFICATE);
        String subject;
        try {
            subject = UserKeys.parse(der).getSubjectX500Principal().getName();
        } catch (SecureBootException e) {
            subject = null;
        }
        return new StickSecureBoot(true, subject, UserKeys.fingerprint(der), openPgpFingerprint);
    }

    private static byte[] readSmall(Volume v, String path) throws IOException {
        try (SeekableByteChannel ch = v.open(path)) {
            if (ch.size() > MAX_CERTIFICATE) throw new IOException(path + " is larger than " + MAX_CERTIFICATE + " bytes");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (ch.read(buf.clear()) > 0) out.write(buf.array(), 0, buf.position());
            return out.toByteArray();
        }
    }
}
