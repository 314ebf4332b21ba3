package dev.polyboot.formats.exfat;

import dev.polyboot.formats.CorruptStructureException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The volume's up-case table (exFAT spec §7.2), used for case-insensitive look-up and name hashes. On disk it
 * may be compressed: 0xFFFF followed by a count means that many characters map to themselves.
 */
final class UpcaseTable {
    static final String STRUCTURE = "exFAT up-case table";
    /** Largest table we read: 65536 mappings, uncompressed. */
    static final int MAX_BYTES = 65536 * 2;
    /** The spec's recommended table in compressed form (§7.2.5.1), byte-identical to what mkfs.exfat writes. */
    private static final byte[] RECOMMENDED = load();
    static final long RECOMMENDED_CHECKSUM = 0xE619D30DL;

    private final char[] map;

    private UpcaseTable(char[] map) {
        this.map = map;
    }

    static byte[] recommendedBytes() {
        return RECOMMENDED.clone();
    }

    static UpcaseTable recommended() {
        try {
            return decode(RECOMMENDED, RECOMMENDED.length, RECOMMENDED_CHECKSUM, 0);
        } catch (CorruptStructureException e) {
            throw new IllegalStateException("built-in up-case table is broken", e);
        }
    }

    /** Decodes {@code length} bytes of a table, checking it against the TableChecksum of its directory entry. */
    static UpcaseTable decode(byte[] data, int length, long expectedChecksum, long offset) throws CorruptStructureException {
        if (length < 2 || length % 2 != 0 || length > MAX_BYTES) {
            throw new CorruptStructureException(STRUCTURE, offset, "DataLength", "even, 2.." + MAX_BYTES, length);
        }
        long sum = Checksums.table(data, length);
        if (sum != expectedChecksum) {
            throw new CorruptStructureException(STRUCTURE, offset, "TableChecksum", Long.toHexString(expectedChecksum),
                    Long.toHexString(sum));
        }
        char[] map = new char[65536];
        for (int i = 0; i < map.length; i++) map[i] = (char) i;
        int next = 0;
        for (int i = 0; i + 1 < length && next < 65536; i += 2) {
            char v = (char) ((data[i] & 0xFF) | (data[i + 1] & 0xFF) << 8);
            if (v == 0xFFFF && i + 3 < length) {
                int run = (data[i + 2] & 0xFF) | (data[i + 3] & 0xFF) << 8;
                next += run;
                i += 2;
            } else {
                map[next++] = v;
            }
        }
        return new UpcaseTable(map);
    }

    char upcase(char c) {
        return map[c];
    }

    String upcase(String s) {
        char[] out = new char[s.length()];
        for (int i = 0; i < out.length; i++) out[i] = map[s.charAt(i)];
        return new String(out);
    }

    boolean sameName(String a, String b) {
        if (a.length() != b.length()) return false;
        for (int i = 0; i < a.length(); i++) {
            if (map[a.charAt(i)] != map[b.charAt(i)]) return false;
        }
        return true;
    }

    private static byte[] load() {
        try (InputStream in = UpcaseTable.class.getResourceAsStream("upcase-table.bin")) {
            if (in == null) throw new IllegalStateException("upcase-table.bin missing from the jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
