package dev.polyboot.core.images;

import dev.polyboot.core.catalog.ImageReport;

/**
 * One file {@code add} copied and verified.
 *
 * @param path     where it is on the data partition
 * @param size     bytes
 * @param sha256   hex digest of the source, equal to the digest read back from the stick
 * @param viaMount true when the copy went through the mounted file system instead of polyboot's exFAT writer
 * @param report   what the classifier found (null for files the menu does not list)
 */
public record AddedImage(String path, long size, String sha256, boolean viaMount, ImageReport report) {}
