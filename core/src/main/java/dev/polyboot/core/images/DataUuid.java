package dev.polyboot.core.images;

/** exFAT's volume serial as Linux names the file system in /dev/disk/by-uuid (blkid: "%04X-%04X"). */
final class DataUuid {
    private DataUuid() {}

    static String of(long volumeSerial) {
        return String.format("%04X-%04X", (volumeSerial >>> 16) & 0xFFFF, volumeSerial & 0xFFFF);
    }
}
