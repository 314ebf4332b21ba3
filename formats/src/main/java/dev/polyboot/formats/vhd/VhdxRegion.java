package dev.polyboot.formats.vhd;

import java.util.Objects;
import java.util.UUID;

/** One region table entry ([MS-VHDX] 2.2.3.2): a GUID-named byte range of the file. */
public record VhdxRegion(UUID guid, long fileOffset, long length, boolean required) {
    public static final int SIZE = 32;
    public static final UUID BAT = UUID.fromString("2DC27766-F623-4200-9D64-115E9BFD4A08");
    public static final UUID METADATA = UUID.fromString("8B7CA206-4790-4B9A-B8FE-575F050F886E");

    public VhdxRegion {
        Objects.requireNonNull(guid, "guid");
    }
}
