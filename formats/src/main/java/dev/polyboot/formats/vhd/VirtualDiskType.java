package dev.polyboot.formats.vhd;

/** How a VHD or VHDX stores its blocks. UNKNOWN: a VHD disk type outside 2–4 (e.g. the reserved 1, 5, 6). */
public enum VirtualDiskType { FIXED, DYNAMIC, DIFFERENCING, UNKNOWN }
