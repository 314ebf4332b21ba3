package dev.polyboot.formats.fat;

/**
 * A long-file-name slot (fatgen103 section 7): 13 UTF-16 code units, its order number (0x40 marks the
 * last, i.e. first stored, slot) and the checksum of the short name it belongs to.
 */
record LfnEntry(int order, boolean last, char[] chars, int checksum) {
    static final int SIZE = 32;
    static final int CHARS = 13;
    static final int MAX_SLOTS = 20;
    static final int OFF_ORDER = 0;
    static final int OFF_ATTR = 11;
    static final int OFF_TYPE = 12;
    static final int OFF_CHECKSUM = 13;
    static final int OFF_CLUSTER = 26;
    static final int LAST_FLAG = 0x40;
    /** Byte offsets of the 13 characters within the slot. */
    private static final int[] CHAR_OFFSETS = {1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30};

    static LfnEntry decode(byte[] b, int off) {
        int ord = b[off + OFF_ORDER] & 0xFF;
        char[] chars = new char[CHARS];
        for (int i = 0; i < CHARS; i++) {
            int p = off + CHAR_OFFSETS[i];
            chars[i] = (char) ((b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8);
        }
        return new LfnEntry(ord & 0x3F, (ord & LAST_FLAG) != 0, chars, b[off + OFF_CHECKSUM] & 0xFF);
    }

    byte[] encode() {
        byte[] b = new byte[SIZE];
        b[OFF_ORDER] = (byte) (order | (last ? LAST_FLAG : 0));
        b[OFF_ATTR] = (byte) DirEntry.ATTR_LONG_NAME;
        b[OFF_TYPE] = 0;
        b[OFF_CHECKSUM] = (byte) checksum;
        for (int i = 0; i < CHARS; i++) {
            b[CHAR_OFFSETS[i]] = (byte) chars[i];
            b[CHAR_OFFSETS[i] + 1] = (byte) (chars[i] >> 8);
        }
        return b;
    }

    /** Slots for {@code name}, in on-disk order (highest order number first). */
    static LfnEntry[] forName(String name, int checksum) {
        int n = (name.length() + CHARS - 1) / CHARS;
        LfnEntry[] slots = new LfnEntry[n];
        for (int k = 0; k < n; k++) {
            char[] c = new char[CHARS];
            for (int i = 0; i < CHARS; i++) {
                int p = k * CHARS + i;
                c[i] = p < name.length() ? name.charAt(p) : p == name.length() ? 0 : (char) 0xFFFF;
            }
            slots[n - 1 - k] = new LfnEntry(k + 1, k == n - 1, c, checksum);
        }
        return slots;
    }

    /** The rotate-and-add checksum over the 11 bytes of the short name. */
    static int checksum(byte[] shortName) {
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            sum = (((sum & 1) << 7) | ((sum & 0xFE) >> 1)) + (shortName[i] & 0xFF);
            sum &= 0xFF;
        }
        return sum;
    }
}
