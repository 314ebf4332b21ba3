package dev.polyboot.formats.vhd;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.StructureReads;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Reads a VHD's footer (end of file; for sparse disks falling back to the copy at offset 0, as the spec
 * intends the copy for) and, for dynamic and differencing disks, the dynamic disk header.
 */
public final class VhdReader {
    private VhdReader() {}

    /** True when the last 512 bytes (or the first, for a sparse disk with a damaged end) start with "conectix". */
    public static boolean looksLikeVhd(BlockDevice dev) throws IOException {
        if (dev.size() < VhdFooter.SIZE) return false;
        return cookieAt(dev, dev.size() - VhdFooter.SIZE) || cookieAt(dev, 0);
    }

    public static VhdInfo read(BlockDevice dev) throws IOException {
        if (dev.size() < VhdFooter.SIZE) {
            throw new CorruptStructureException("VHD footer", 0, "file size", "at least 512 bytes", dev.size());
        }
        long end = dev.size() - VhdFooter.SIZE;
        VhdFooter footer;
        boolean fromCopy = false;
        try {
            footer = VhdFooterCodec.decode(bytes(dev, end, VhdFooter.SIZE), end);
        } catch (CorruptStructureException atEnd) {
            // Only sparse disks have the copy; a fixed disk's offset 0 is the guest's sector 0.
            VhdFooter copy;
            try {
                copy = VhdFooterCodec.decode(bytes(dev, 0, VhdFooter.SIZE), 0);
            } catch (CorruptStructureException atStart) {
                throw atEnd;
            }
            if (!copy.isSparse() || end == 0) throw atEnd;
            footer = copy;
            fromCopy = true;
        }
        Optional<VhdDynamicHeader> dynamic = Optional.empty();
        if (footer.isSparse()) {
            long at = footer.dataOffset();
            if (at < VhdFooter.SIZE || at > end - VhdDynamicHeader.SIZE) {
                throw new CorruptStructureException("VHD footer", (fromCopy ? 0 : end) + VhdFooter.DATA_OFFSET,
                        "data offset", "a dynamic header between the footers", Long.toUnsignedString(at));
            }
            dynamic = Optional.of(VhdDynamicHeader.decode(bytes(dev, at, VhdDynamicHeader.SIZE), at, dev.size()));
        }
        return new VhdInfo(footer, fromCopy, dynamic);
    }

    private static boolean cookieAt(BlockDevice dev, long at) throws IOException {
        byte[] b = bytes(dev, at, 8);
        return VhdFooterCodec.ascii(b, 0, 8).equals(VhdFooter.COOKIE_TEXT);
    }

    static byte[] bytes(BlockDevice dev, long at, int length) throws IOException {
        return StructureReads.read(dev, at, length, ByteOrder.BIG_ENDIAN, "VHD").array();
    }
}
