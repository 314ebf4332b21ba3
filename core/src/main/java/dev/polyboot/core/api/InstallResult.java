package dev.polyboot.core.api;

/**
 * What install wrote and how the read-back came out.
 *
 * @param path            the target as given
 * @param polybootVersion the version now on the stick
 * @param style           "MBR" or "GPT"
 * @param diskBytes       the disk's size
 * @param dataLabel       exFAT label of partition 1
 * @param dataBytes       size of partition 1
 * @param bootLabel       FAT label of the boot partition
 * @param bootBytes       size of the boot partition
 * @param payloadVersion  the boot payload written
 * @param verification    the stick read back uncached after writing
 * @param secureBoot      how Secure Boot was set up; null with {@code --no-secure-boot}
 */
public record InstallResult(String path, String polybootVersion, String style, long diskBytes, String dataLabel, long dataBytes,
                            String bootLabel, long bootBytes, String payloadVersion, VerifyResult verification,
                            SecureBootSetup secureBoot) {}
