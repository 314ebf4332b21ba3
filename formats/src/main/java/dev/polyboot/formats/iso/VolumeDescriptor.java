package dev.polyboot.formats.iso;

/**
 * ECMA-119 8.1 volume descriptor header as found in the descriptor set: its type code (open value: unknown
 * codes survive), version and byte offset on the device.
 */
public record VolumeDescriptor(long offset, int type, int version) {
    public static final int SIZE = 2048;
    /** Byte offset of the first descriptor: logical sector 16 of 2048 bytes, whatever the logical block size. */
    public static final long FIRST_OFFSET = 16L * 2048;
    public static final int TYPE_BOOT_RECORD = 0;
    public static final int TYPE_PRIMARY = 1;
    public static final int TYPE_SUPPLEMENTARY = 2;
    public static final int TYPE_PARTITION = 3;
    public static final int TYPE_TERMINATOR = 255;
    static final byte[] STANDARD_ID = {'C', 'D', '0', '0', '1'};

    public String typeName() {
        return switch (type) {
            case TYPE_BOOT_RECORD -> "boot record";
            case TYPE_PRIMARY -> "primary";
            case TYPE_SUPPLEMENTARY -> "supplementary";
            case TYPE_PARTITION -> "partition";
            case TYPE_TERMINATOR -> "terminator";
            default -> "type " + type;
        };
    }
}
