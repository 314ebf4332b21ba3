package dev.polyboot.core.catalog;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/**
 * What the header of a non-CD image says beyond {@link ImageReport}'s common fields: one record per format that
 * has a reader in {@code formats}. Absent (null) for ISOs and disk images, so their JSON stays as it was.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "format")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ImageDetails.Pe.class, name = "pe"),
        @JsonSubTypes.Type(value = ImageDetails.Wim.class, name = "wim"),
        @JsonSubTypes.Type(value = ImageDetails.VirtualDisk.class, name = "virtual-disk")})
public sealed interface ImageDetails {

    /**
     * A PE/COFF program ({@code .efi}).
     *
     * @param machine          UEFI's name of the COFF machine ({@code x64}, {@code ia32}, {@code aa64}) or its hex value
     * @param subsystem        the optional header's subsystem number (10–13 are EFI)
     * @param subsystemName    e.g. "EFI application", "Windows CUI"
     * @param signed           carries an Authenticode certificate table; whether it verifies is not checked here
     * @param certificateBytes size of that table, 0 when unsigned
     * @param sbat             has a {@code .sbat} section (shim's revocation metadata, required by shim 15.3+)
     */
    record Pe(String machine, int subsystem, String subsystemName, boolean signed, long certificateBytes, boolean sbat)
            implements ImageDetails {
        public Pe {
            Objects.requireNonNull(machine, "machine");
            Objects.requireNonNull(subsystemName, "subsystemName");
        }
    }

    /**
     * A Windows imaging file.
     *
     * @param imageCount  images in the file (the header's count)
     * @param bootIndex   1-based index of the image WinPE boots, 0 for none
     * @param images      "INDEX: NAME" for the first {@link #MAX_LISTED} images; the rest are only counted
     * @param compression the header's compression (NONE, XPRESS, LZX, LZMS)
     */
    record Wim(long imageCount, long bootIndex, List<String> images, String compression) implements ImageDetails {
        /** install.wim files carry a dozen editions; a hostile XML could name thousands. */
        public static final int MAX_LISTED = 20;

        public Wim {
            images = List.copyOf(images);
            Objects.requireNonNull(compression, "compression");
        }

        /** Images beyond the listed ones. */
        public long notListed() {
            return imageCount - images.size();
        }
    }

    /**
     * A VHD or VHDX file.
     *
     * @param container   "VHD" or "VHDX"
     * @param diskType    "fixed", "dynamic", "differencing" or "unknown"
     * @param virtualSize bytes of the disk the guest sees
     */
    record VirtualDisk(String container, String diskType, long virtualSize, int logicalSectorSize) implements ImageDetails {
        public VirtualDisk {
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(diskType, "diskType");
        }
    }
}
