package dev.polyboot.core.install;

/** One file system as {@code info} shows it. */
public record VolumeSummary(String fileSystem, String label, long totalBytes, long freeBytes, int clusterSize) {}
