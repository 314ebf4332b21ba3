package dev.polyboot.core.install;

/** What {@code update} replaced: versions and payloads before and after, and the console kept. */
public record UpdateResult(String previousVersion, String previousPayload, String newVersion, String newPayload,
                           String console) {}
