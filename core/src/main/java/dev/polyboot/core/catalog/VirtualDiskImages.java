package dev.polyboot.core.catalog;

import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.core.layout.Sizes;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.vhd.VirtualDiskType;
import dev.polyboot.formats.vhd.VirtualDisks;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** VHD and VHDX files: disk type and virtual size from {@link VirtualDisks}. Booting them comes later. */
final class VirtualDiskImages {
    private VirtualDiskImages() {}

    /** @param signature the type the signature check found; the report says what the reader found */
    static ImageReport report(String name, long size, BlockDevice dev, ImageType signature) throws IOException {
        VirtualDisks.VirtualDiskInfo v;
        try {
            v = VirtualDisks.read(dev);
        } catch (FormatException e) {
            return ImageClassifier.damaged(name, size, signature, e);
        }
        ImageType type = v.format() == VirtualDisks.Format.VHDX ? ImageType.VHDX : ImageType.VHD;
        String diskType = v.type().name().toLowerCase(Locale.ROOT);
        ImageDetails.VirtualDisk details = new ImageDetails.VirtualDisk(v.format().name(), diskType, v.virtualSize(),
                v.logicalSectorSize());
        List<String> notes = new ArrayList<>();
        if (v.type() == VirtualDiskType.DIFFERENCING) notes.add("differencing disk: its data is incomplete without its parent disk");
        if (v.type() == VirtualDiskType.UNKNOWN) notes.add("disk type is none the VHD specification defines (2 fixed, 3 dynamic, 4 differencing)");
        String reason = type.description() + ", " + diskType + ", virtual size " + Sizes.human(v.virtualSize())
                + "; booting it is not supported yet";
        return new ImageReport(name, size, type, null, null, List.of(), List.of(), null, null, null, null,
                ImageClassifier.stem(name), new BootRecipe.Message(ImageClassifier.NOT_YET), reason, notes, details);
    }
}
