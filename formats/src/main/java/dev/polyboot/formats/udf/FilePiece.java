package dev.polyboot.formats.udf;

/** A run of a file's bytes: on the device at {@code deviceOffset}, or a hole of zeros when it is -1. */
record FilePiece(long fileOffset, long deviceOffset, long length) {
    boolean isHole() {
        return deviceOffset < 0;
    }
}
