package dev.polyboot.formats.wim;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** WIM files holding only a header and XML data: fuzz seeds and hostile XML that wimlib would never write. */
final class TinyWim {
    private TinyWim() {}

    static final String TWO_IMAGES = "<WIM><TOTALBYTES>100</TOTALBYTES>"
            + "<IMAGE INDEX=\"1\"><NAME>Setup</NAME><WINDOWS><ARCH>9</ARCH><EDITIONID>Professional</EDITIONID>"
            + "<LANGUAGES><LANGUAGE>en-US</LANGUAGE><LANGUAGE>de-DE</LANGUAGE><DEFAULT>en-US</DEFAULT></LANGUAGES>"
            + "<VERSION><MAJOR>10</MAJOR><MINOR>0</MINOR><BUILD>22621</BUILD></VERSION></WINDOWS></IMAGE>"
            + "<IMAGE INDEX=\"2\"><NAME>Home &amp; more</NAME><FLAGS>Core</FLAGS><WINDOWS><ARCH>12</ARCH></WINDOWS></IMAGE></WIM>";

    /** Header (LZX flags, boot index 1) followed by {@code xml} as UTF-16LE with a BOM. */
    static byte[] wim(String xml, int imageCount) {
        byte[] body = ("\uFEFF" + xml).getBytes(StandardCharsets.UTF_16LE);
        byte[] file = new byte[WimHeader.SIZE + body.length];
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, WimHeaderCodec.MAGIC);
        b.putInt(WimHeader.HEADER_SIZE, WimHeader.SIZE);
        b.putInt(WimHeader.VERSION, 0x10D00);
        b.putInt(WimHeader.FLAGS, 0x40082);
        b.putInt(WimHeader.CHUNK_SIZE, 32768);
        b.putShort(WimHeader.PART_NUMBER, (short) 1);
        b.putShort(WimHeader.TOTAL_PARTS, (short) 1);
        b.putInt(WimHeader.IMAGE_COUNT, imageCount);
        b.putLong(WimHeader.XML_DATA, body.length);
        b.putLong(WimHeader.XML_DATA + 8, WimHeader.SIZE);
        b.putLong(WimHeader.XML_DATA + 16, body.length);
        b.putInt(WimHeader.BOOT_INDEX, imageCount > 0 ? 1 : 0);
        b.put(WimHeader.SIZE, body);
        return file;
    }
}
