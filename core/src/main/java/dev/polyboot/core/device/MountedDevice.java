package dev.polyboot.core.device;

/** A mount together with the block device it was resolved to. */
public record MountedDevice(MountInfo.Mount mount, BlockNode device) {}
