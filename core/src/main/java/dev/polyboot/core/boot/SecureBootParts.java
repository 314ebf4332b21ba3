package dev.polyboot.core.boot;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Secure Boot stick's boot partition carries besides the payload (issue 12), made on the host with the
 * user's keys ({@code core.secureboot}): polyboot's GRUB signed with the user's X.509 key, the certificate to enrol
 * in MokManager, and a signer for the detached OpenPGP signatures GRUB checks. No private key is in here.
 *
 * @param signedGrub             {@code EFI/BOOT/grubx64.efi}: grub-mkstandalone image with .sbat, signed by sbsign
 * @param certificateDer         the user's certificate, DER, for MokManager's "Enroll key from disk"
 * @param certificateFingerprint its SHA-256, {@code AB:CD:…}
 * @param openPgpFingerprint     the OpenPGP key GRUB trusts (embedded in the signed GRUB)
 * @param signer                 makes {@code FILE.sig} for each file GRUB reads from the boot partition
 */
public record SecureBootParts(byte[] signedGrub, byte[] certificateDer, String certificateFingerprint,
                              String openPgpFingerprint, DetachedSigner signer) {
    public SecureBootParts {
        signedGrub = signedGrub.clone();
        certificateDer = certificateDer.clone();
        Objects.requireNonNull(certificateFingerprint, "certificateFingerprint");
        Objects.requireNonNull(openPgpFingerprint, "openPgpFingerprint");
        Objects.requireNonNull(signer, "signer");
    }

    @Override
    public byte[] signedGrub() { return signedGrub.clone(); }

    @Override
    public byte[] certificateDer() { return certificateDer.clone(); }

    /**
     * The user's approvals on a Secure Boot stick: detached OpenPGP signatures (path to the bytes of its {@code .sig})
     * for what GRUB checks, and an Authenticode signature with the user's X.509 key for an EFI program shim checks.
     */
    public interface DetachedSigner {
        Map<String, byte[]> sign(Map<String, byte[]> files) throws IOException;

        /** {@code program} (a PE image) signed with the user's code-signing key, as {@code sbsign} writes it. */
        byte[] signEfiProgram(byte[] program) throws IOException;

        /**
         * A kernel (a PE image: the EFI stub) the way shim will accept it: empty when it passes as it is (signed by a
         * key shim trusts), else a copy signed with the user's key.
         */
        Optional<byte[]> approveKernel(byte[] kernel) throws IOException;
    }
}
