package dev.polyboot.formats.iso;

import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits a directory record's system use field into SUSP entries, following CE continuation areas (SUSP 5.1).
 * Continuation chains are capped in count and bytes, and a CE pointing back at an area already read ends the chain.
 * Malformed entries end the area with a finding: names fall back to the next name set, the image stays readable.
 */
final class SystemUseArea {
    static final int MAX_CONTINUATIONS = 16;
    static final int MAX_CONTINUATION_BYTES = 64 * 1024;
    static final int MAX_ENTRIES = 1024;

    private SystemUseArea() {}

    static List<SuspEntry> read(DirectoryRecord rec, int skip, BlockDevice dev, int blockSize, Findings findings)
            throws IOException {
        List<SuspEntry> out = new ArrayList<>();
        byte[] su = rec.systemUse();
        if (su.length <= skip) return out;
        long suOffset = rec.recordOffset() + rec.length() - su.length;
        long[] ce = parse(su, skip, suOffset, out, findings);
        Set<Long> visited = new HashSet<>();
        long bytes = 0;
        int hops = 0;
        while (ce != null) {
            long start;
            try {
                start = Math.addExact(Math.multiplyExact(ce[0], blockSize), ce[1]);
            } catch (ArithmeticException e) {
                findings.corrupt("CE entry at " + suOffset + " points beyond any device");
                break;
            }
            long len = ce[2];
            if (++hops > MAX_CONTINUATIONS || !visited.add(start)) {
                findings.corrupt("CE chain of the record at " + rec.recordOffset() + " loops or exceeds "
                        + MAX_CONTINUATIONS + " areas");
                break;
            }
            if (len == 0) break;
            bytes += len;
            if (len > MAX_CONTINUATION_BYTES || bytes > MAX_CONTINUATION_BYTES || start > dev.size() - len) {
                findings.corrupt("CE area " + start + "+" + len + " of the record at " + rec.recordOffset()
                        + " is too large or outside the device");
                break;
            }
            byte[] area = new byte[(int) len];
            dev.read(start, ByteBuffer.wrap(area));
            ce = parse(area, 0, start, out, findings);
        }
        return out;
    }

    /** Appends the entries of one area; returns the CE triple (block, offset, length) found in it, or null. */
    private static long[] parse(byte[] area, int from, long areaOffset, List<SuspEntry> out, Findings findings) {
        long[] ce = null;
        int pos = from;
        while (area.length - pos >= SuspEntry.HEADER) {
            int len = Byte.toUnsignedInt(area[pos + 2]);
            if (area[pos] == 0 && area[pos + 1] == 0) break; // zero padding after the last entry
            if (len < SuspEntry.HEADER || len > area.length - pos) {
                findings.corrupt("SUSP entry at " + (areaOffset + pos) + ": length " + len + " outside 4.."
                        + (area.length - pos));
                break;
            }
            if (out.size() >= MAX_ENTRIES) {
                findings.corrupt("more than " + MAX_ENTRIES + " SUSP entries for one record at " + areaOffset);
                break;
            }
            String sig = new String(area, pos, 2, StandardCharsets.ISO_8859_1);
            byte[] data = new byte[len - SuspEntry.HEADER];
            System.arraycopy(area, pos + SuspEntry.HEADER, data, 0, data.length);
            SuspEntry e = new SuspEntry(sig, Byte.toUnsignedInt(area[pos + 3]), data, areaOffset + pos);
            pos += len;
            if (e.is("ST")) break;
            if (e.is("CE")) {
                if (data.length >= 24) {
                    ByteBuffer b = e.buffer();
                    ce = new long[] {BothEndian.u32(b, 0, "CE block", findings),
                            BothEndian.u32(b, 8, "CE offset", findings), BothEndian.u32(b, 16, "CE length", findings)};
                } else {
                    findings.corrupt("CE entry at " + e.offset() + " too short: " + len + " bytes");
                }
                continue;
            }
            out.add(e);
        }
        return ce;
    }
}
