package dev.polyboot.formats.fs;

/**
 * A run of a file's bytes that lies contiguously on the underlying device.
 *
 * @param fileOffset   offset of the run within the file
 * @param deviceOffset byte offset of the run on the device the volume was opened on
 * @param length       length of the run in bytes (the last run ends at the file size, not the cluster end)
 */
public record Extent(long fileOffset, long deviceOffset, long length) {}
