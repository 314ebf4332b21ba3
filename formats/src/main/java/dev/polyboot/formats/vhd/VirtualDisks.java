package dev.polyboot.formats.vhd;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;

/** One entry point for image classification: VHD or VHDX, its type and virtual size. */
public final class VirtualDisks {
    private VirtualDisks() {}

    public enum Format { VHD, VHDX }

    /** @param virtualSize size of the disk the guest sees, in bytes */
    public record VirtualDiskInfo(Format format, VirtualDiskType type, long virtualSize, int logicalSectorSize) {}

    /** Recognises the format by its signature ("vhdxfile" at 0, else "conectix" at the end or start) and reads it. */
    public static VirtualDiskInfo read(BlockDevice dev) throws IOException {
        if (VhdxReader.looksLikeVhdx(dev)) {
            VhdxInfo x = VhdxReader.read(dev);
            return new VirtualDiskInfo(Format.VHDX, x.type(), x.virtualSize(), x.logicalSectorSize());
        }
        if (VhdReader.looksLikeVhd(dev)) {
            VhdInfo v = VhdReader.read(dev);
            return new VirtualDiskInfo(Format.VHD, v.footer().type(), v.footer().currentSize(), 512);
        }
        throw new CorruptStructureException("virtual disk", 0, "signature", "\"vhdxfile\" at 0 or \"conectix\" footer",
                "neither");
    }
}
