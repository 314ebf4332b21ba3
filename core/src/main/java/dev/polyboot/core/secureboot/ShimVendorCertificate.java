package dev.polyboot.core.secureboot;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.io.MemoryBlockDevice;
import dev.polyboot.formats.pe.PeHeader;
import dev.polyboot.formats.pe.PeReader;
import dev.polyboot.formats.pe.PeSection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The certificate built into shim ({@code .vendor_cert}: Debian's shim carries the Debian Secure Boot CA), the one
 * beside the firmware's db and MokList that shim checks kernels against. Its section starts with shim's
 * {@code cert_table}: authorized size, deauthorized size, authorized offset, deauthorized offset (little-endian u32,
 * offsets from the section's start); the authorized part is one DER certificate.
 */
public final class ShimVendorCertificate {
    static final String SECTION = ".vendor_cert";
    private static final int TABLE = 16;

    private ShimVendorCertificate() {}

    /** The vendor certificate of {@code shim} (a PE image), or empty when it has none. */
    public static Optional<X509Certificate> of(byte[] shim) throws IOException {
        PeHeader pe = PeReader.read(MemoryBlockDevice.of(shim));
        Optional<PeSection> s = pe.sections().stream().filter(x -> x.name().equals(SECTION)).findFirst();
        if (s.isEmpty()) return Optional.empty();
        long start = s.get().rawOffset();
        long size = Math.min(s.get().rawSize(), s.get().virtualSize());
        if (start < 0 || size < TABLE || start + size > shim.length) {
            throw new CorruptStructureException("shim " + SECTION, start, "section", "within the file, at least " + TABLE + " bytes", size);
        }
        ByteBuffer t = ByteBuffer.wrap(shim, (int) start, TABLE).order(ByteOrder.LITTLE_ENDIAN);
        long authSize = Integer.toUnsignedLong(t.getInt());
        t.getInt();
        long authOffset = Integer.toUnsignedLong(t.getInt());
        if (authSize == 0) return Optional.empty();
        if (authOffset < TABLE || authOffset + authSize > size) {
            throw new CorruptStructureException("shim " + SECTION, start, "vendor_authorized", "within the section of " + size + " bytes",
                    "offset " + authOffset + ", size " + authSize);
        }
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(shim, (int) (start + authOffset), (int) authSize)));
        } catch (CertificateException e) {
            throw new CorruptStructureException("shim " + SECTION, start + authOffset, "vendor_authorized", "one DER certificate",
                    e.getMessage());
        }
    }
}
