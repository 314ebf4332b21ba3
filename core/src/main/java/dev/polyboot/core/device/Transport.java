package dev.polyboot.core.device;

import java.util.Locale;

/** How a disk is attached, read from where the kernel put it in the device tree (/sys/devices/...). */
public enum Transport {
    USB, SATA, NVME, MMC, VIRTIO, SCSI, LOOP, UNKNOWN;

    /** The lower-case name the JSON and text use ("usb", "nvme"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name    kernel name of the disk ("sdb", "loop0")
     * @param devPath its directory under /sys/devices with symlinks resolved, relative to the sysfs root
     *                ("devices/pci0000:00/0000:00:14.0/usb2/2-1/.../block/sdb")
     */
    static Transport of(String name, String devPath) {
        String p = "/" + devPath + "/";
        // USB first: a USB enclosure around an NVMe or SATA disk is still a USB disk for the user
        if (p.contains("/usb")) return USB;
        if (name.startsWith("loop") && p.contains("/virtual/")) return LOOP;
        if (p.contains("/nvme")) return NVME;
        if (p.contains("/mmc")) return MMC;
        if (p.matches(".*/ata\\d+/.*")) return SATA;
        if (p.contains("/virtio")) return VIRTIO;
        if (p.matches(".*/host\\d+/.*")) return SCSI;
        return UNKNOWN;
    }
}
