package dev.polyboot.formats.gpt;

import java.util.UUID;

/** Partition type GUIDs polyboot writes or recognises (UEFI 2.10 table 5-7; the rest from their owners' docs). */
public final class GptTypes {
    public static final UUID EFI_SYSTEM = Guids.parse("C12A7328-F81F-11D2-BA4B-00A0C93EC93B");
    public static final UUID BASIC_DATA = Guids.parse("EBD0A0A2-B9E5-4433-87C0-68B6B72699C7");
    public static final UUID BIOS_BOOT = Guids.parse("21686148-6449-6E6F-744E-656564454649");
    public static final UUID LINUX_FILESYSTEM = Guids.parse("0FC63DAF-8483-4772-8E79-3D69D8477DE4");
    public static final UUID MICROSOFT_RESERVED = Guids.parse("E3C9E316-0B5C-4DB8-817D-F92DF00215AE");

    private GptTypes() {}
}
