package dev.polyboot.formats.udf;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.UnsupportedLayoutException;
import dev.polyboot.formats.Unsigned;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a file entry's allocation descriptors into {@link FilePiece}s covering its information length, following
 * continuation extents (allocation extent descriptors, ECMA-167 4/14.5) with a cap and loop detection.
 */
final class FilePieces {
    static final String AED = "UDF allocation extent descriptor";

    private FilePieces() {}

    static List<FilePiece> of(UdfVolume volume, FileEntry fe, int maxExtents) throws IOException {
        long size = fe.informationLength();
        List<FilePiece> pieces = new ArrayList<>();
        if (fe.adType() == FileEntry.AD_EMBEDDED) {
            if (size > 0) pieces.add(new FilePiece(0, fe.embeddedAt(), size));
            return pieces;
        }
        long feAt = volume.offset(fe.partition(), fe.block(), 0, FileEntry.STRUCTURE);
        List<AllocationDescriptor> ads = fe.descriptors();
        Set<Long> continuations = new HashSet<>();
        long fileOffset = 0;
        int count = 0;
        for (int i = 0; i < ads.size() && fileOffset < size; i++) {
            AllocationDescriptor ad = ads.get(i);
            if (ad.length() == 0) break; // a zero length ends the descriptors (ECMA-167 4/12)
            if (++count > maxExtents) {
                throw new UnsupportedLayoutException(FileEntry.STRUCTURE, feAt, "allocation descriptors", "at most " + maxExtents, "more");
            }
            if (ad.type() == AllocationDescriptor.NEXT) {
                long key = (long) ad.partition() << 32 | ad.block();
                if (!continuations.add(key)) {
                    throw new CorruptStructureException(AED, feAt, "continuation", "no loop", "block " + ad.block() + " again");
                }
                ads = continuation(volume, fe, ad);
                i = -1;
                continue;
            }
            long len = Math.min(ad.length(), size - fileOffset);
            long device = ad.type() == AllocationDescriptor.RECORDED ? volume.offset(ad.partition(), ad.block(), len, FileEntry.STRUCTURE) : -1;
            pieces.add(new FilePiece(fileOffset, device, len));
            fileOffset += len;
        }
        if (fileOffset < size) {
            throw new CorruptStructureException(FileEntry.STRUCTURE, feAt, "allocation descriptors", "covering " + size + " bytes",
                    fileOffset + " bytes");
        }
        return pieces;
    }

    private static List<AllocationDescriptor> continuation(UdfVolume volume, FileEntry fe, AllocationDescriptor next) throws IOException {
        ByteBuffer b = volume.descriptor(next.partition(), next.block(), AED);
        long at = volume.offset(next.partition(), next.block(), 0, AED);
        if (Unsigned.u16(b, 0) != DescriptorTag.ALLOCATION_EXTENT) {
            throw new CorruptStructureException(AED, at, "tag identifier", DescriptorTag.ALLOCATION_EXTENT, Unsigned.u16(b, 0));
        }
        long length = Unsigned.u32(b, 20);
        if (length > b.limit() - 24) throw new CorruptStructureException(AED, at + 20, "descriptors length", "at most " + (b.limit() - 24), length);
        List<AllocationDescriptor> ads = new ArrayList<>();
        int size = fe.adType() == FileEntry.AD_SHORT ? AllocationDescriptor.SHORT_SIZE : AllocationDescriptor.LONG_SIZE;
        for (int p = 24; p + size <= 24 + length; p += size) {
            ads.add(fe.adType() == FileEntry.AD_SHORT ? AllocationDescriptor.shortAd(b, p, fe.partition()) : AllocationDescriptor.longAd(b, p));
        }
        return ads;
    }
}
