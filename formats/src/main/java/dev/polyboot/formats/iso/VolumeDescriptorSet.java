package dev.polyboot.formats.iso;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * ECMA-119 6.7.1 volume descriptor set: from sector 16 up to the set terminator, at most {@link #MAX_DESCRIPTORS}.
 * The first primary descriptor and the first El Torito boot record count; further ones are listed only.
 */
public record VolumeDescriptorSet(List<VolumeDescriptor> descriptors, PrimaryVolumeDescriptor primary,
                                  List<PrimaryVolumeDescriptor> supplementary, BootRecordDescriptor bootRecord) {
    /** Real images carry 3 to 6; the cap keeps a hostile image from making us walk the whole device. */
    public static final int MAX_DESCRIPTORS = 64;

    public VolumeDescriptorSet {
        descriptors = List.copyOf(descriptors);
        supplementary = List.copyOf(supplementary);
    }

    public Optional<BootRecordDescriptor> elToritoBootRecord() {
        return Optional.ofNullable(bootRecord).filter(BootRecordDescriptor::isElTorito);
    }

    /** The Joliet descriptor with the highest level (the first one on ties), if any. */
    public Optional<PrimaryVolumeDescriptor> joliet() {
        PrimaryVolumeDescriptor best = null;
        for (PrimaryVolumeDescriptor s : supplementary) {
            if (s.isJoliet() && (best == null || s.jolietLevel() > best.jolietLevel())) best = s;
        }
        return Optional.ofNullable(best);
    }

    static VolumeDescriptorSet read(BlockDevice dev, Findings findings) throws IOException {
        List<VolumeDescriptor> all = new ArrayList<>();
        List<PrimaryVolumeDescriptor> supplementary = new ArrayList<>();
        PrimaryVolumeDescriptor primary = null;
        BootRecordDescriptor boot = null;
        long offset = VolumeDescriptor.FIRST_OFFSET;
        boolean terminated = false;
        for (int i = 0; i < MAX_DESCRIPTORS; i++, offset += VolumeDescriptor.SIZE) {
            if (offset > dev.size() - VolumeDescriptor.SIZE) {
                if (i == 0) throw new NotIsoException(offset, "end of device (" + dev.size() + " bytes)");
                findings.corrupt("volume descriptor set runs past the end of the device at " + offset);
                break;
            }
            ByteBuffer sector = dev.read(offset, VolumeDescriptor.SIZE);
            byte[] id = new byte[5];
            sector.get(1, id);
            if (!Arrays.equals(id, VolumeDescriptor.STANDARD_ID)) {
                if (i == 0) throw new NotIsoException(offset + 1, BootRecordDescriptor.text(sector, 1, 5));
                findings.corrupt("volume descriptor at " + offset + " lacks CD001; set ends there");
                break;
            }
            VolumeDescriptor vd = new VolumeDescriptor(offset, Byte.toUnsignedInt(sector.get(0)),
                    Byte.toUnsignedInt(sector.get(6)));
            all.add(vd);
            switch (vd.type()) {
                case VolumeDescriptor.TYPE_PRIMARY -> {
                    if (primary == null) primary = PrimaryVolumeDescriptor.decode(sector, offset, vd.type(), findings);
                }
                case VolumeDescriptor.TYPE_SUPPLEMENTARY -> supplementary(sector, offset, supplementary, findings);
                case VolumeDescriptor.TYPE_BOOT_RECORD -> {
                    BootRecordDescriptor br = BootRecordDescriptor.decode(sector, offset);
                    if (boot == null || !boot.isElTorito() && br.isElTorito()) boot = br;
                }
                default -> { }
            }
            if (vd.type() == VolumeDescriptor.TYPE_TERMINATOR) {
                terminated = true;
                break;
            }
        }
        if (!terminated && all.size() == MAX_DESCRIPTORS) {
            findings.corrupt("no volume descriptor set terminator within " + MAX_DESCRIPTORS + " descriptors");
        }
        if (primary == null) {
            throw new CorruptStructureException("ISO 9660 volume descriptor set", VolumeDescriptor.FIRST_OFFSET,
                    "primary volume descriptor", "present", "absent among " + all.size() + " descriptors");
        }
        return new VolumeDescriptorSet(all, primary, supplementary, boot);
    }

    /** A broken supplementary descriptor costs only its names: the primary tree stays readable. */
    private static void supplementary(ByteBuffer sector, long offset, List<PrimaryVolumeDescriptor> out,
                                      Findings findings) {
        try {
            out.add(PrimaryVolumeDescriptor.decode(sector, offset, VolumeDescriptor.TYPE_SUPPLEMENTARY, findings));
        } catch (FormatException e) {
            findings.corrupt("supplementary volume descriptor ignored: " + e.getMessage());
        }
    }
}
