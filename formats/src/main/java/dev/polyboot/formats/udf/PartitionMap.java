package dev.polyboot.formats.udf;

/**
 * One partition map of the logical volume descriptor (ECMA-167 3/10.7; UDF 2.60 §2.2.8–2.2.10). Type 1 names a
 * partition descriptor by number; type 2 maps carry an identifier such as "*UDF Metadata Partition",
 * "*UDF Sparable Partition" or "*UDF Virtual Partition".
 */
record PartitionMap(int type, int volumeSequenceNumber, int partitionNumber, String typeIdentifier) {}
