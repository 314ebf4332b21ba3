package dev.polyboot.core.catalog;

import dev.polyboot.formats.gpt.GptTypes;
import dev.polyboot.core.boot.BootMenu;
import dev.polyboot.core.boot.BootMode;
import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.part.DiskPartitions;
import dev.polyboot.formats.part.PartitionInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Partitioned disk images (.img): BIOS boot code in the MBR, an EFI system partition for UEFI. */
final class DiskImages {
    private static final int MBR_ESP = 0xEF;

    private DiskImages() {}

    static ImageReport report(String name, long size, BlockDevice dev, DiskPartitions table) throws IOException {
        List<BootMode> firmware = new ArrayList<>();
        if (hasBootCode(dev)) firmware.add(BootMode.BIOS);
        if (table.partitions().stream().anyMatch(DiskImages::isEsp)) firmware.add(BootMode.UEFI);
        List<String> notes = new ArrayList<>();
        BootRecipe recipe;
        String reason;
        if (size <= BootMenu.BIOS_MEMDISK_LIMIT_BYTES && firmware.contains(BootMode.BIOS)) {
            recipe = new BootRecipe.Program(List.of(BootMode.BIOS));
            reason = "disk image with " + table.style() + " and MBR boot code; BIOS: the whole image in RAM through memdisk";
            if (firmware.contains(BootMode.UEFI)) notes.add("has an EFI system partition, but polyboot boots disk images in BIOS mode only");
        } else {
            recipe = new BootRecipe.Message(firmware.contains(BootMode.BIOS)
                    ? "over " + (BootMenu.BIOS_MEMDISK_LIMIT_BYTES >> 20) + " MiB, too big for BIOS mode"
                    : "no BIOS boot code in this disk image");
            reason = "disk image with " + table.style() + "; " + ((BootRecipe.Message) recipe).text();
        }
        return new ImageReport(name, size, ImageType.DISK_IMAGE, null, table.style().name(), List.of(), firmware, null,
                null, null, null, ImageClassifier.stem(name), recipe, reason, notes);
    }

    /** Anything but zeros in the MBR's 440 bytes of boot code. */
    static boolean hasBootCode(BlockDevice dev) throws IOException {
        ByteBuffer b = dev.read(0, 440);
        while (b.hasRemaining()) {
            if (b.get() != 0) return true;
        }
        return false;
    }

    private static boolean isEsp(PartitionInfo p) {
        return p.mbrType() == MBR_ESP || GptTypes.EFI_SYSTEM.toString().equalsIgnoreCase(p.gptType());
    }
}
