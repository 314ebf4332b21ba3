package dev.polyboot.formats.fat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * 8.3 names: validation of long names, the alias Windows and mtools generate for a long name
 * (fatgen103 section 7.4 "basis name" + "~n" numeric tail), and the display form of a stored short name.
 */
final class ShortNames {
    private ShortNames() {}

    /** Short-name characters besides A-Z and 0-9 (fatgen103 section 6.1). */
    private static final String SHORT_SPECIALS = "$%'-_@~`!(){}^#&";
    /** Allowed in long names but not in short ones: replaced by '_' in the alias. */
    private static final String LONG_ONLY = "+,;=[] .";
    private static final String FORBIDDEN = "\"*/:<>?\\|";
    private static final Charset OEM = Charset.isSupported("IBM437") ? Charset.forName("IBM437") : StandardCharsets.ISO_8859_1;

    /** The alias for a long name: 11 bytes, NT case bits, and whether long-name slots must accompany it. */
    record Alias(byte[] name, int ntCase, boolean needsLongName) {}

    static void checkLongName(String name) {
        if (name.isEmpty() || name.length() > 255) throw new IllegalArgumentException("name must be 1..255 characters: " + name);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7F || FORBIDDEN.indexOf(c) >= 0) {
                throw new IllegalArgumentException("character U+" + Integer.toHexString(c) + " not allowed in FAT name: " + name);
            }
        }
        dev.polyboot.formats.fs.FsPaths.checkWindowsName(name);
    }

    static String key(byte[] name11) {
        return new String(name11, StandardCharsets.ISO_8859_1);
    }

    static Alias alias(String longName, Set<String> taken) {
        Alias exact = exact83(longName);
        if (exact != null && !taken.contains(key(exact.name()))) return exact;
        // Basis name: uppercase, drop spaces and leading dots, the last dot starts the extension.
        String up = longName.toUpperCase(Locale.ROOT);
        boolean lossy = false;
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < up.length(); i++) {
            char c = up.charAt(i);
            if (c == ' ') { lossy = true; continue; }
            s.append(c);
        }
        int lead = 0;
        while (lead < s.length() && s.charAt(lead) == '.') lead++;
        if (lead > 0) lossy = true;
        String stripped = s.substring(lead);
        int dot = stripped.lastIndexOf('.');
        String basePart = dot >= 0 ? stripped.substring(0, dot) : stripped;
        String extPart = dot >= 0 ? stripped.substring(dot + 1) : "";
        StringBuilder base = new StringBuilder();
        for (int i = 0; i < basePart.length() && base.length() < 8; i++) {
            char c = basePart.charAt(i);
            if (c == '.') { lossy = true; continue; }
            char m = mapChar(c);
            if (m != c) lossy = true;
            base.append(m);
        }
        boolean fits = basePart.replace(".", "").length() <= 8 && extPart.length() <= 3;
        StringBuilder ext = new StringBuilder();
        for (int i = 0; i < extPart.length() && ext.length() < 3; i++) {
            char m = mapChar(extPart.charAt(i));
            if (m != extPart.charAt(i)) lossy = true;
            ext.append(m);
        }
        if (base.length() == 0) base.append('_');
        if (!lossy && fits) {
            byte[] plain = pack(base.toString(), ext.toString());
            if (!taken.contains(key(plain))) return new Alias(plain, 0, true);
        }
        for (int n = 1; n <= 999_999; n++) {
            String tail = "~" + n;
            String b = base.substring(0, Math.min(base.length(), 8 - tail.length())) + tail;
            byte[] cand = pack(b, ext.toString());
            if (!taken.contains(key(cand))) return new Alias(cand, 0, true);
        }
        throw new IllegalStateException("no free numeric tail for " + longName);
    }

    /** A name that is already a valid 8.3 name, upper- or all-lowercase per part: no long name needed. */
    private static Alias exact83(String name) {
        if (name.equals(".") || name.equals("..")) return null;
        int dot = name.indexOf('.');
        if (dot != name.lastIndexOf('.') || dot == 0) return null;
        String base = dot < 0 ? name : name.substring(0, dot);
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        if (base.isEmpty() || base.length() > 8 || ext.length() > 3 || (dot >= 0 && ext.isEmpty())) return null;
        int caseBits = 0;
        Integer b = partCase(base, DirEntry.CASE_LOWER_BASE);
        Integer e = partCase(ext, DirEntry.CASE_LOWER_EXT);
        if (b == null || e == null) return null;
        caseBits = b | e;
        return new Alias(pack(base.toUpperCase(Locale.ROOT), ext.toUpperCase(Locale.ROOT)), caseBits, false);
    }

    /** 0 if the part is uppercase, {@code lowerBit} if all its letters are lowercase, null if invalid or mixed. */
    private static Integer partCase(String part, int lowerBit) {
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c >= 'A' && c <= 'Z') upper = true;
            else if (c >= 'a' && c <= 'z') lower = true;
            else if (!(c >= '0' && c <= '9') && SHORT_SPECIALS.indexOf(c) < 0) return null;
        }
        if (upper && lower) return null;
        return lower ? lowerBit : 0;
    }

    private static char mapChar(char c) {
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || SHORT_SPECIALS.indexOf(c) >= 0) return c;
        return '_';
    }

    private static byte[] pack(String base, String ext) {
        byte[] n = new byte[11];
        for (int i = 0; i < 11; i++) n[i] = ' ';
        for (int i = 0; i < base.length(); i++) n[i] = (byte) base.charAt(i);
        for (int i = 0; i < ext.length(); i++) n[8 + i] = (byte) ext.charAt(i);
        return n;
    }

    /** "NAME.EXT" as shown to users, honouring the NT lowercase bits; never contains '/' or NUL. */
    static String display(byte[] name11, int ntCase) {
        byte[] n = name11.clone();
        if ((n[0] & 0xFF) == 0x05) n[0] = (byte) 0xE5;
        String base = new String(n, 0, 8, OEM).stripTrailing();
        String ext = new String(n, 8, 3, OEM).stripTrailing();
        if ((ntCase & DirEntry.CASE_LOWER_BASE) != 0) base = base.toLowerCase(Locale.ROOT);
        if ((ntCase & DirEntry.CASE_LOWER_EXT) != 0) ext = ext.toLowerCase(Locale.ROOT);
        String s = ext.isEmpty() ? base : base + "." + ext;
        s = s.replace('/', '_').replace('\0', '_');
        return s.isEmpty() ? "_" : s;
    }
}
