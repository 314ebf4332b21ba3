package dev.polyboot.formats.pe;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds minimal PE images for machines whose real binaries this host lacks, and fuzz seeds. */
final class TinyPe {
    private TinyPe() {}

    /**
     * An image with the PE header at 0x80, a PE32 or PE32+ optional header with 16 data directories, the
     * given sections (raw data 512 bytes each) and, when {@code certificateSize > 0}, a certificate table at the end.
     */
    static byte[] build(int machine, int magic, int subsystem, List<String> sectionNames, int certificateSize) {
        int pe = 0x80;
        int optSize = magic == PeHeader.PE32_PLUS ? 240 : 224;
        int table = pe + 24 + optSize;
        int firstRaw = (table + sectionNames.size() * PeSection.SIZE + 511) / 512 * 512;
        int certAt = firstRaw + sectionNames.size() * 512;
        byte[] image = new byte[certAt + certificateSize];
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) PeReader.DOS_MAGIC);
        b.putInt(PeReader.E_LFANEW, pe);
        b.putInt(pe, PeReader.PE_SIGNATURE);
        b.putShort(pe + PeReader.MACHINE, (short) machine);
        b.putShort(pe + PeReader.SECTION_COUNT, (short) sectionNames.size());
        b.putShort(pe + PeReader.OPTIONAL_HEADER_SIZE, (short) optSize);
        b.putShort(pe + PeReader.CHARACTERISTICS, (short) 0x206);
        int opt = pe + 24;
        b.putShort(opt, (short) magic);
        b.putShort(opt + PeReader.OPT_SUBSYSTEM, (short) subsystem);
        int rvaCount = opt + (magic == PeHeader.PE32_PLUS ? PeReader.OPT_RVA_COUNT_PE32_PLUS : PeReader.OPT_RVA_COUNT_PE32);
        b.putInt(rvaCount, 16);
        if (certificateSize > 0) {
            b.putInt(rvaCount + 4 + 4 * 8, certAt);
            b.putInt(rvaCount + 4 + 4 * 8 + 4, certificateSize);
            b.putInt(certAt, certificateSize); // WIN_CERTIFICATE dwLength
            b.putShort(certAt + 4, (short) 0x200);
            b.putShort(certAt + 6, (short) 2);
        }
        for (int i = 0; i < sectionNames.size(); i++) {
            int s = table + i * PeSection.SIZE;
            byte[] name = sectionNames.get(i).getBytes(StandardCharsets.ISO_8859_1);
            b.put(s, name, 0, Math.min(8, name.length));
            b.putInt(s + PeSection.VIRTUAL_SIZE, 512);
            b.putInt(s + PeSection.VIRTUAL_ADDRESS, 0x1000 * (i + 1));
            b.putInt(s + PeSection.RAW_SIZE, 512);
            b.putInt(s + PeSection.RAW_OFFSET, firstRaw + 512 * i);
        }
        return image;
    }
}
