/**
 * The ext2/ext3/ext4 superblock, read-only and only as far as identifying a volume goes (type, label, UUID), after
 * the kernel's "ext4 Data Structures and Algorithms", section "The Super Block". polyboot never writes ext volumes;
 * {@code polyboot devices} names them.
 */
package dev.polyboot.formats.ext;
