package dev.polyboot.formats.iso;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * IEEE P1282 (RRIP 1.12) attributes of one directory record, from its SUSP entries: NM (alternate name, possibly in
 * several entries), PX (POSIX mode, links, uid, gid), SL (symbolic link target), CL/PL/RE (deep directory
 * relocation). Unknown entries are ignored. Fields absent from the record are null / -1.
 */
public record RockRidge(String name, Integer mode, Long links, Long uid, Long gid, String symlinkTarget,
                        long childLinkLba, boolean relocated) {
    public static final int S_IFMT = 0170000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFLNK = 0120000;
    private static final int NM_CONTINUE = 1;
    private static final int NM_CURRENT = 2;
    private static final int NM_PARENT = 4;
    private static final int MAX_NAME_BYTES = 1024;
    private static final int MAX_LINK_BYTES = 4096;

    static final RockRidge NONE = new RockRidge(null, null, null, null, null, null, -1, false);

    boolean isEmpty() {
        return equals(NONE);
    }

    static RockRidge of(List<SuspEntry> entries, Findings findings) {
        boolean hasName = false;
        byte[] nameBytes = new byte[0];
        Integer mode = null;
        Long links = null, uid = null, gid = null;
        StringBuilder link = null;
        boolean linkComponentOpen = false;
        long childLink = -1;
        boolean relocated = false;
        for (SuspEntry e : entries) {
            byte[] d = e.data();
            switch (e.signature()) {
                case "NM" -> {
                    if (d.length < 1 || (d[0] & (NM_CURRENT | NM_PARENT)) != 0) break;
                    if (nameBytes.length + d.length - 1 > MAX_NAME_BYTES) {
                        findings.corrupt("Rock Ridge NM name at " + e.offset() + " longer than " + MAX_NAME_BYTES);
                        break;
                    }
                    byte[] joined = new byte[nameBytes.length + d.length - 1];
                    System.arraycopy(nameBytes, 0, joined, 0, nameBytes.length);
                    System.arraycopy(d, 1, joined, nameBytes.length, d.length - 1);
                    nameBytes = joined;
                    hasName = true;
                }
                case "PX" -> {
                    if (d.length < 32) break;
                    ByteBuffer b = e.buffer();
                    mode = (int) BothEndian.u32(b, 0, "PX mode", findings);
                    links = BothEndian.u32(b, 8, "PX links", findings);
                    uid = BothEndian.u32(b, 16, "PX uid", findings);
                    gid = BothEndian.u32(b, 24, "PX gid", findings);
                }
                case "SL" -> {
                    if (link == null) link = new StringBuilder();
                    linkComponentOpen = symlink(d, link, linkComponentOpen);
                    if (link.length() > MAX_LINK_BYTES) {
                        findings.corrupt("Rock Ridge SL target at " + e.offset() + " longer than " + MAX_LINK_BYTES);
                        link.setLength(MAX_LINK_BYTES);
                    }
                }
                case "CL" -> {
                    if (d.length >= 8) childLink = BothEndian.u32(e.buffer(), 0, "CL location", findings);
                }
                case "RE" -> relocated = true;
                default -> { }
            }
        }
        return new RockRidge(hasName ? decode(nameBytes) : null, mode, links, uid, gid,
                link == null ? null : link.toString(), childLink, relocated);
    }

    /** Appends the SL components; returns whether the last component continues into the next SL entry. */
    private static boolean symlink(byte[] d, StringBuilder out, boolean open) {
        int pos = 1; // byte 0: SL flags (bit 0: continues in the next SL entry)
        while (pos + 2 <= d.length) {
            int flags = Byte.toUnsignedInt(d[pos]);
            int len = Math.min(Byte.toUnsignedInt(d[pos + 1]), d.length - pos - 2);
            String part;
            if ((flags & 2) != 0) part = ".";
            else if ((flags & 4) != 0) part = "..";
            else if ((flags & 8) != 0) part = "/";
            else part = decode(java.util.Arrays.copyOfRange(d, pos + 2, pos + 2 + len));
            if (part.equals("/")) {
                if (out.isEmpty()) out.append('/');
            } else {
                if (!open && !out.isEmpty() && out.charAt(out.length() - 1) != '/') out.append('/');
                out.append(part);
            }
            open = (flags & 1) != 0;
            pos += 2 + len;
        }
        return open;
    }

    /** Rock Ridge names are bytes; UTF-8 is what xorriso and genisoimage write today, ISO-8859-1 the fallback. */
    static String decode(byte[] bytes) {
        try {
            CharBuffer c = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return c.toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
