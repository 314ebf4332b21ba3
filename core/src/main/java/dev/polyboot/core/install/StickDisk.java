package dev.polyboot.core.install;

import dev.polyboot.core.layout.PartitionTypes;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import dev.polyboot.formats.part.DiskPartitions;
import dev.polyboot.formats.part.PartitionInfo;
import dev.polyboot.formats.part.PartitionTables;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * An existing disk read as a (possible) polyboot stick: its partition table and where the data partition
 * (number 1, exFAT type) and the boot partition (number 2, ESP type) are. Finding them says nothing yet about
 * their file systems.
 */
public record StickDisk(BlockDevice device, DiskPartitions table, Optional<PartitionInfo> data,
                        Optional<PartitionInfo> boot) {

    public static StickDisk read(BlockDevice dev) throws IOException {
        DiskPartitions t = PartitionTables.read(dev);
        Optional<PartitionInfo> data = t.partitions().stream().filter(p -> p.number() == 1 && isDataType(t, p)).findFirst();
        Optional<PartitionInfo> boot = t.partitions().stream().filter(p -> p.number() == 2 && isEspType(t, p)).findFirst();
        return new StickDisk(dev, t, data, boot);
    }

    /** True when partition 1 and 2 have polyboot's types (file systems not checked). */
    public boolean hasPolybootPartitions() {
        return data.isPresent() && boot.isPresent();
    }

    /** Where core.img lives on a stick of this style. */
    public long coreImageLba() {
        return table.style() == DiskPartitions.Style.GPT ? 34 : 1;
    }

    public BlockDevice dataSlice() {
        PartitionInfo p = data.orElseThrow(() -> new IllegalStateException("no data partition"));
        return new SliceBlockDevice(device, p.startByte(), p.sizeBytes());
    }

    public BlockDevice bootSlice() {
        PartitionInfo p = boot.orElseThrow(() -> new IllegalStateException("no boot partition"));
        return new SliceBlockDevice(device, p.startByte(), p.sizeBytes());
    }

    static boolean isDataType(DiskPartitions t, PartitionInfo p) {
        return t.style() == DiskPartitions.Style.GPT
                ? guidEquals(p.gptType(), PartitionTypes.GPT_BASIC_DATA.toString())
                : p.mbrType() == PartitionTypes.MBR_EXFAT;
    }

    static boolean isEspType(DiskPartitions t, PartitionInfo p) {
        return t.style() == DiskPartitions.Style.GPT
                ? guidEquals(p.gptType(), PartitionTypes.GPT_ESP.toString())
                : p.mbrType() == PartitionTypes.MBR_ESP;
    }

    private static boolean guidEquals(String a, String b) {
        return a != null && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }
}
