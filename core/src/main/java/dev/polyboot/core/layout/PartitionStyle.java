package dev.polyboot.core.layout;

/** Which partition table the stick gets. */
public enum PartitionStyle {
    /** Classic MBR: the default, understood by every firmware and every OS. */
    MBR,
    /** GPT with a protective MBR carrying the BIOS boot code (needed above 2 TiB). */
    GPT
}
