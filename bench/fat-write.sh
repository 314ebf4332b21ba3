#!/usr/bin/env bash
# Throughput of writing one file into a FAT32 volume: polyboot's writer vs mtools' mcopy (the kernel here cannot
# mount vfat). Both targets are fresh mkfs.fat images of the same size; both timings include the fsync of the image.
# Prints MB/s for both and ours/mcopy.   Usage: bench/fat-write.sh [SIZE_MIB]
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib=${1:-1024}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mvn -B -ntp -q -pl formats -am package -DskipTests
head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$work/source.bin"
cat "$work/source.bin" > /dev/null   # both runs read the source from the page cache
for img in ours mcopy; do
  truncate -s 8G "$work/$img.img"
  mkfs.fat -F 32 "$work/$img.img" > /dev/null
done

ours_ms=$(java -cp formats/target/classes bench/FatWriteBench.java "$work/ours.img" "$work/source.bin" bench.bin)
start=$(date +%s%N)
MTOOLSRC=/dev/null mcopy -i "$work/mcopy.img" "$work/source.bin" ::/bench.bin && sync "$work/mcopy.img"
mcopy_ms=$(( ($(date +%s%N) - start) / 1000000 ))

awk -v mb="$size_mib" -v o="$ours_ms" -v m="$mcopy_ms" 'BEGIN {
  printf "polyboot FAT writer: %d MiB in %d ms = %.1f MiB/s\n", mb, o, mb * 1000 / o
  printf "mtools mcopy:        %d MiB in %d ms = %.1f MiB/s\n", mb, m, mb * 1000 / m
  printf "ratio ours/mcopy (throughput): %.2f\n", m / o
}'
