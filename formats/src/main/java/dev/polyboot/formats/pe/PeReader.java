package dev.polyboot.formats.pe;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.UnsupportedLayoutException;
import dev.polyboot.formats.Unsigned;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.StructureReads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Decodes {@link PeHeader} from a PE/COFF image (PE/COFF spec §3–§4); every field little-endian. */
public final class PeReader {
    static final int DOS_MAGIC = 0x5A4D; // "MZ"
    static final int E_LFANEW = 0x3C;
    static final int PE_SIGNATURE = 0x00004550; // "PE\0\0"
    static final int COFF_SIZE = 24; // signature + file header
    static final int MACHINE = 4;
    static final int SECTION_COUNT = 6;
    static final int TIME_DATE_STAMP = 8;
    static final int POINTER_TO_SYMBOL_TABLE = 12;
    static final int NUMBER_OF_SYMBOLS = 16;
    static final int SYMBOL_SIZE = 18;
    static final int MAX_LONG_NAME = 256;
    static final int OPTIONAL_HEADER_SIZE = 20;
    static final int CHARACTERISTICS = 22;
    static final int OPT_SUBSYSTEM = 68;
    static final int OPT_RVA_COUNT_PE32 = 92;
    static final int OPT_RVA_COUNT_PE32_PLUS = 108;
    static final int DATA_DIRECTORY_SIZE = 8;
    static final int CERTIFICATE_DIRECTORY = 4;
    /** Real images put the PE header within the first KiB; 16 MiB is generous and bounds a hostile seek. */
    static final long MAX_LFANEW = 16L << 20;
    /** The spec's loader limit is 96 sections; older toolchains exceed it, but never by this much. */
    static final int MAX_SECTIONS = 1024;

    private PeReader() {}

    /**
     * "MZ" at 0 and "PE\0\0" where e_lfanew points: the file means to be a PE image, so that {@link #read}'s
     * errors are damage, not a DOS program or a disk image whose boot code happens to start with "MZ".
     */
    public static boolean looksLikePe(BlockDevice dev) throws IOException {
        if (dev.size() < 64) return false;
        ByteBuffer dos = StructureReads.read(dev, 0, 64, ByteOrder.LITTLE_ENDIAN, "DOS header");
        if (Unsigned.u16(dos, 0) != DOS_MAGIC) return false;
        long pe = Unsigned.u32(dos, E_LFANEW);
        if (pe > MAX_LFANEW || pe > dev.size() - 4) return false;
        return Unsigned.u32(StructureReads.read(dev, pe, 4, ByteOrder.LITTLE_ENDIAN, "PE signature"), 0) == PE_SIGNATURE;
    }

    public static PeHeader read(BlockDevice dev) throws IOException {
        ByteBuffer dos = StructureReads.read(dev, 0, 64, ByteOrder.LITTLE_ENDIAN, "DOS header");
        int mz = Unsigned.u16(dos, 0);
        if (mz != DOS_MAGIC) throw new CorruptStructureException("DOS header", 0, "e_magic", "0x5a4d (MZ)", hex(mz));
        long pe = Unsigned.u32(dos, E_LFANEW);
        if (pe < 4 || pe > MAX_LFANEW || pe > dev.size() - COFF_SIZE) {
            throw new CorruptStructureException("DOS header", E_LFANEW, "e_lfanew",
                    "4.." + Math.min(MAX_LFANEW, dev.size() - COFF_SIZE), pe);
        }
        ByteBuffer coff = StructureReads.read(dev, pe, COFF_SIZE, ByteOrder.LITTLE_ENDIAN, "PE file header");
        long signature = Unsigned.u32(coff, 0);
        if (signature != PE_SIGNATURE) {
            throw new CorruptStructureException("PE file header", pe, "signature", "PE\\0\\0 (0x00004550)", hex(signature));
        }
        int sectionCount = Unsigned.u16(coff, SECTION_COUNT);
        int optSize = Unsigned.u16(coff, OPTIONAL_HEADER_SIZE);
        if (sectionCount > MAX_SECTIONS) {
            throw new UnsupportedLayoutException("PE file header", pe + SECTION_COUNT, "NumberOfSections",
                    "at most " + MAX_SECTIONS, sectionCount);
        }
        long optAt = pe + COFF_SIZE;
        if (optSize < 2) throw new CorruptStructureException("PE file header", pe + OPTIONAL_HEADER_SIZE,
                "SizeOfOptionalHeader", "an optional header (image file)", optSize);
        ByteBuffer opt = StructureReads.read(dev, optAt, optSize, ByteOrder.LITTLE_ENDIAN, "PE optional header");
        int magic = Unsigned.u16(opt, 0);
        int rvaCountAt = switch (magic) {
            case PeHeader.PE32 -> OPT_RVA_COUNT_PE32;
            case PeHeader.PE32_PLUS -> OPT_RVA_COUNT_PE32_PLUS;
            default -> throw new CorruptStructureException("PE optional header", optAt, "Magic",
                    "0x10b (PE32) or 0x20b (PE32+)", hex(magic));
        };
        if (optSize < rvaCountAt + 4) {
            throw new CorruptStructureException("PE optional header", pe + OPTIONAL_HEADER_SIZE, "SizeOfOptionalHeader",
                    "at least " + (rvaCountAt + 4), optSize);
        }
        int subsystem = Unsigned.u16(opt, OPT_SUBSYSTEM);
        long rvaCount = Unsigned.u32(opt, rvaCountAt);
        long certOffset = 0;
        long certSize = 0;
        int certAt = rvaCountAt + 4 + CERTIFICATE_DIRECTORY * DATA_DIRECTORY_SIZE;
        // Directories the count names but the optional header has no room for are a corrupt header.
        if (rvaCount > CERTIFICATE_DIRECTORY) {
            if (certAt + DATA_DIRECTORY_SIZE > optSize) {
                throw new CorruptStructureException("PE optional header", optAt + rvaCountAt, "NumberOfRvaAndSizes",
                        "directories within SizeOfOptionalHeader " + optSize, rvaCount);
            }
            certOffset = Unsigned.u32(opt, certAt);
            certSize = Unsigned.u32(opt, certAt + 4);
            if (certSize > 0) {
                StructureReads.check(dev, certOffset, certSize, "PE certificate table");
            }
        }
        long tableAt = optAt + optSize;
        ByteBuffer table = StructureReads.read(dev, tableAt, sectionCount * PeSection.SIZE, ByteOrder.LITTLE_ENDIAN,
                "PE section table");
        List<PeSection> sections = new ArrayList<>(sectionCount);
        for (int i = 0; i < sectionCount; i++) {
            PeSection s = PeSection.decode(table, i * PeSection.SIZE);
            sections.add(s.name().startsWith("/") ? s.withName(longName(dev, coff, s.name())) : s);
        }
        return new PeHeader(pe, Unsigned.u16(coff, MACHINE), Unsigned.u32(coff, TIME_DATE_STAMP),
                Unsigned.u16(coff, CHARACTERISTICS), magic, subsystem, certOffset, certSize, sections);
    }

    /**
     * GNU ld writes section names over 8 bytes as "/N", N an offset into the COFF string table behind the symbol
     * table (shim does: ".vendor_cert"). An unresolvable reference keeps the raw name rather than failing the image.
     */
    private static String longName(BlockDevice dev, ByteBuffer coff, String raw) throws IOException {
        long symbols = Unsigned.u32(coff, POINTER_TO_SYMBOL_TABLE);
        long symbolCount = Unsigned.u32(coff, NUMBER_OF_SYMBOLS);
        long offset;
        try {
            offset = Long.parseLong(raw.substring(1));
        } catch (NumberFormatException e) {
            return raw;
        }
        long at = symbols + symbolCount * SYMBOL_SIZE + offset; // u32 * 18 + u32 + u32 < 2^63
        if (symbols == 0 || offset < 4 || at >= dev.size()) return raw;
        int len = (int) Math.min(MAX_LONG_NAME, dev.size() - at);
        ByteBuffer b = StructureReads.read(dev, at, len, ByteOrder.LITTLE_ENDIAN, "COFF string table");
        int end = 0;
        while (end < len && b.get(end) != 0) end++;
        if (end == len) return raw;
        byte[] name = new byte[end];
        b.get(0, name);
        return new String(name, StandardCharsets.ISO_8859_1);
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
