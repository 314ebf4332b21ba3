package dev.polyboot.core.boot;

/**
 * One image the boot menu lists.
 *
 * @param path  absolute path on the data partition ("/tools/ipxe.iso")
 * @param title the menu entry's text (the path without the leading '/')
 * @param kind  by extension
 * @param size  file size in bytes
 */
public record MenuItem(String path, String title, ImageKind kind, long size) {}
