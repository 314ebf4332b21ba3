package dev.polyboot.formats.iso;

import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

/**
 * SUSP 5.3 / RRIP 4.3: SUSP is in use when the root's "." record starts its system use field with SP (BE EF and
 * the skip length); Rock Ridge when that area also carries an ER naming RRIP (or, as in older mkisofs output, any
 * RRIP entry). A damaged root record means "no Rock Ridge", never an unreadable image.
 */
final class RockRidgeDetector {
    static final Set<String> RRIP_IDS = Set.of("RRIP_1991A", "IEEE_P1282", "IEEE_1282");
    static final Set<String> RRIP_SIGNATURES = Set.of("RR", "PX", "PN", "SL", "NM", "CL", "PL", "RE", "TF", "SF");

    private RockRidgeDetector() {}

    /** The SP skip length, or -1 without SUSP. */
    static int suspSkip(BlockDevice dev, PrimaryVolumeDescriptor pvd, Findings findings) throws IOException {
        DirectoryRecord self = rootSelf(dev, pvd, findings);
        if (self == null) return -1;
        byte[] su = self.systemUse();
        if (su.length < 7 || su[0] != 'S' || su[1] != 'P' || su[4] != (byte) 0xBE || su[5] != (byte) 0xEF) return -1;
        return Byte.toUnsignedInt(su[6]);
    }

    static boolean hasRockRidge(BlockDevice dev, PrimaryVolumeDescriptor pvd, int skip, Findings findings)
            throws IOException {
        DirectoryRecord self = rootSelf(dev, pvd, findings);
        if (self == null) return false;
        List<SuspEntry> entries = SystemUseArea.read(self, 0, dev, pvd.logicalBlockSize(), findings);
        for (SuspEntry e : entries) {
            if (e.is("ER") && e.data().length >= 4) {
                int idLen = Byte.toUnsignedInt(e.data()[0]);
                if (4 + idLen <= e.data().length && RRIP_IDS.contains(new String(e.data(), 4, idLen,
                        java.nio.charset.StandardCharsets.ISO_8859_1))) {
                    return true;
                }
            }
            if (RRIP_SIGNATURES.contains(e.signature())) return true;
        }
        return false;
    }

    private static DirectoryRecord rootSelf(BlockDevice dev, PrimaryVolumeDescriptor pvd, Findings findings)
            throws IOException {
        DirectoryRecord root = pvd.root();
        long offset;
        try {
            offset = Math.multiplyExact(root.extentLba() + root.extAttrLength(), (long) pvd.logicalBlockSize());
        } catch (ArithmeticException e) {
            return null;
        }
        int blockSize = pvd.logicalBlockSize();
        if (offset > dev.size() - blockSize) return null;
        ByteBuffer b = dev.read(offset, blockSize);
        int len = Byte.toUnsignedInt(b.get(0));
        if (len < DirectoryRecord.MIN_SIZE) return null;
        try {
            DirectoryRecord self = DirectoryRecord.decode(b, 0, blockSize, offset, findings);
            return self.isSelf() ? self : null;
        } catch (FormatException e) {
            findings.corrupt("root directory's first record: " + e.getMessage());
            return null;
        }
    }
}
