package dev.polyboot.core.api;

/**
 * What update replaced and how the read-back came out.
 *
 * @param previousVersion null when the boot partition was too damaged to tell
 * @param secureBootSetUp the user's keys when this update set the stick up for Secure Boot (its first boot on each
 *                        computer then asks to enrol the key), else null
 */
public record UpdateOutcome(String path, String previousVersion, String previousPayload, String newVersion, String newPayload,
                            String console, VerifyResult verification, SecureBootSetup secureBootSetUp) {}
