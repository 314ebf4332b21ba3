package dev.polyboot.core.catalog;

/** What an image file is, from its bytes (not its name). */
public enum ImageType {
    ISO("ISO 9660 CD/DVD image"),
    HYBRID_ISO("hybrid ISO (CD/DVD image that is also a partitioned disk image)"),
    DISK_IMAGE("disk image"),
    EFI_PROGRAM("EFI program (PE/COFF)"),
    /** A PE/COFF file whose subsystem is not EFI (a Windows .exe or driver): firmware refuses to start it. */
    PE_PROGRAM("PE/COFF program, not for UEFI"),
    WIM("Windows imaging (WIM) file"),
    VHD("virtual hard disk (VHD)"),
    VHDX("virtual hard disk (VHDX)"),
    UNKNOWN("unrecognised");

    private final String description;

    ImageType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
