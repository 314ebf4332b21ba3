package dev.polyboot.formats.wim;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.UnsupportedLayoutException;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.StructureReads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a WIM's header and its XML data (UTF-16LE, normally with a byte order mark). Windows and wimlib store the
 * XML resource uncompressed; a compressed one is refused rather than decompressed. File data and metadata
 * resources are not read.
 */
public final class WimReader {
    /** A Windows install.wim with a dozen editions has ~30 KiB of XML; 16 MiB bounds a hostile size field. */
    public static final long MAX_XML_BYTES = 16L << 20;

    private WimReader() {}

    public static boolean looksLikeWim(BlockDevice dev) throws IOException {
        if (dev.size() < 8) return false;
        byte[] magic = StructureReads.read(dev, 0, 8, ByteOrder.LITTLE_ENDIAN, "WIM header").array();
        return java.util.Arrays.equals(magic, WimHeaderCodec.MAGIC);
    }

    public static WimInfo read(BlockDevice dev) throws IOException {
        byte[] raw = StructureReads.read(dev, 0, WimHeader.SIZE, ByteOrder.LITTLE_ENDIAN, "WIM header").array();
        WimHeader header = WimHeaderCodec.decode(raw, dev.size());
        WimResourceHeader xml = header.xmlData();
        if (xml.size() == 0) {
            if (header.imageCount() == 0) return new WimInfo(header, List.of());
            throw new CorruptStructureException("WIM header", WimHeader.XML_DATA, "XML data size", "non-zero for "
                    + header.imageCount() + " images", 0);
        }
        if (xml.isCompressed()) {
            throw new UnsupportedLayoutException("WIM header", WimHeader.XML_DATA, "XML data flags", "uncompressed",
                    String.format("0x%02x", xml.flags()));
        }
        if (xml.size() > MAX_XML_BYTES || xml.size() % 2 != 0) {
            throw new CorruptStructureException("WIM header", WimHeader.XML_DATA, "XML data size",
                    "even and at most " + MAX_XML_BYTES, xml.size());
        }
        ByteBuffer bytes = StructureReads.read(dev, xml.offset(), (int) xml.size(), ByteOrder.LITTLE_ENDIAN, "WIM XML data");
        if (bytes.remaining() >= 2 && bytes.get(0) == (byte) 0xFF && bytes.get(1) == (byte) 0xFE) bytes.position(2);
        String text;
        try {
            CharBuffer chars = StandardCharsets.UTF_16LE.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            text = chars.toString();
        } catch (CharacterCodingException e) {
            throw new CorruptStructureException("WIM XML data", xml.offset(), "encoding", "UTF-16LE", e.toString());
        }
        List<WimImage> images = WimXml.parse(text, xml.offset());
        Set<Integer> seen = new HashSet<>();
        for (WimImage i : images) {
            if (i.index() > header.imageCount() || !seen.add(i.index())) {
                throw new CorruptStructureException("WIM XML data", xml.offset(), "IMAGE INDEX",
                        "distinct, 1.." + header.imageCount(), i.index());
            }
        }
        if (images.size() != header.imageCount()) {
            throw new CorruptStructureException("WIM XML data", xml.offset(), "IMAGE elements",
                    header.imageCount() + " (the header's image count)", images.size());
        }
        return new WimInfo(header, images);
    }
}
