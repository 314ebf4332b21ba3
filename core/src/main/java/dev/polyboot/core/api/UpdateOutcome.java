package dev.polyboot.core.api;

/**
 * What update replaced and how the read-back came out.
 *
 * @param previousVersion null when the boot partition was too damaged to tell
 */
public record UpdateOutcome(String path, String previousVersion, String previousPayload, String newVersion, String newPayload,
                            String console, VerifyResult verification) {}
