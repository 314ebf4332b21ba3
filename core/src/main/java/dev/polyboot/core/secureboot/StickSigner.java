package dev.polyboot.core.secureboot;

import dev.polyboot.core.boot.SecureBootParts;
import dev.polyboot.core.payload.Payload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user's approvals for a Secure Boot stick: OpenPGP signatures and Authenticode copies with the user's keys, and
 * the decision which kernels need a copy: one that verifies against the certificate built into the shim polyboot
 * installs (Debian's CA) or against the user's own certificate boots as it is; any other is approved by a copy signed
 * with the user's key.
 */
public final class StickSigner implements SecureBootParts.DetachedSigner {
    private final UserKeys keys;
    private final X509Certificate shimVendor;

    /** @param shimVendor the shim's built-in certificate, or null when it has none */
    public StickSigner(UserKeys keys, X509Certificate shimVendor) {
        this.keys = keys;
        this.shimVendor = shimVendor;
    }

    /** With the vendor certificate of the payload's shim. */
    public static StickSigner of(UserKeys keys, Payload payload) throws IOException {
        return new StickSigner(keys, ShimVendorCertificate.of(payload.shim()).orElse(null));
    }

    @Override
    public Map<String, byte[]> sign(Map<String, byte[]> files) throws IOException {
        return keys.detachedSignatures(files);
    }

    @Override
    public byte[] signEfiProgram(byte[] program) throws IOException {
        return keys.signEfiProgram(program);
    }

    @Override
    public Optional<byte[]> approveKernel(byte[] kernel) throws IOException {
        if (trusted(kernel)) return Optional.empty();
        return Optional.of(keys.signEfiProgram(kernel));
    }

    /** Whether shim's check passes {@code kernel} as it is: signed by a key chaining to shim's vendor or the user's certificate. */
    boolean trusted(byte[] kernel) throws IOException {
        Path tmp = Files.createTempDirectory("polyboot-kernel-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            Path k = Files.write(tmp.resolve("kernel.efi"), kernel);
            List<Path> anchors = new java.util.ArrayList<>();
            if (shimVendor != null) anchors.add(Files.writeString(tmp.resolve("vendor.pem"), pem(shimVendor), StandardCharsets.US_ASCII));
            anchors.add(keys.certificatePem());
            for (Path cert : anchors) {
                if (ExternalTool.status(List.of("sbverify", "--cert", cert.toString(), k.toString()), "sbsigntool") == 0) return true;
            }
            return false;
        } finally {
            UserKeys.deleteTree(tmp);
        }
    }

    private static String pem(X509Certificate c) throws IOException {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(c.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IOException("the shim's certificate cannot be encoded: " + e.getMessage(), e);
        }
    }
}
