package dev.polyboot.core.api;

/**
 * {@code remove}: the path deleted from the data partition (JSON: {@code remove}).
 *
 * @param removed    absolute path on the data partition
 */
public record RemoveResult(String target, String removed) {}
