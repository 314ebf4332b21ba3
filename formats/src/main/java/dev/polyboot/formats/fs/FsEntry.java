package dev.polyboot.formats.fs;

import java.time.LocalDateTime;

/**
 * One directory entry as a file system reports it.
 *
 * @param name      long name as stored (case preserved)
 * @param path      absolute path inside the volume, '/'-separated, starting with '/'
 * @param directory true for a directory
 * @param size      file size in bytes (0 for directories)
 * @param modified  last-modified time as stored (FAT and exFAT store local time)
 */
public record FsEntry(String name, String path, boolean directory, long size, LocalDateTime modified) {}
