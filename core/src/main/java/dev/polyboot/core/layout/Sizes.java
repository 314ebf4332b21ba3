package dev.polyboot.core.layout;

import java.util.Locale;

/** Human-readable byte counts ("7.9 GiB") and parsing of sizes the user types ("8G", "512M", "1000000000"). */
public final class Sizes {
    private Sizes() {}

    public static String human(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
        if (bytes < 1024) return bytes + " bytes";
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /**
     * Parses a size: a plain number is bytes; suffixes K, M, G, T (optionally followed by "iB" or "B") are
     * binary multiples, as dd and truncate read them.
     */
    public static long parse(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        if (s.endsWith("IB")) s = s.substring(0, s.length() - 2);
        else if (s.endsWith("B") && s.length() > 1 && !Character.isDigit(s.charAt(s.length() - 2))) {
            s = s.substring(0, s.length() - 1);
        }
        int shift = 0;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'K' -> shift = 10;
                case 'M' -> shift = 20;
                case 'G' -> shift = 30;
                case 'T' -> shift = 40;
                default -> shift = -1;
            }
            if (shift >= 0) s = s.substring(0, s.length() - 1);
            else shift = 0;
        }
        long n;
        try {
            n = Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: \"" + text + "\" (examples: 8G, 512M, 1000000000)");
        }
        if (n <= 0) throw new IllegalArgumentException("size must be positive: " + text);
        if (n > (Long.MAX_VALUE >> shift)) throw new IllegalArgumentException("size too large: " + text);
        return n << shift;
    }
}
