#!/usr/bin/env bash
# Throughput of writing a 1 GiB file into an exFAT volume: polyboot's writer vs dd bs=4M through exfat-fuse.
# Both targets are fresh mkfs.exfat images of the same size; both include the final fsync. Prints MB/s and ours/dd.
# Usage: bench/exfat-write.sh [SIZE_MIB]   (needs root for losetup + exfat-fuse)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib=${1:-1024}
work=$(mktemp -d)
loop=""
cleanup() {
  mountpoint -q "$work/mnt" && fusermount -u "$work/mnt" || true
  [ -n "$loop" ] && losetup -d "$loop" || true
  rm -rf "$work"
}
trap cleanup EXIT

mvn -B -ntp -q -Dstyle.color=never -pl formats -am package -DskipTests
head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$work/source.bin"
cat "$work/source.bin" > /dev/null   # both runs read the source from the page cache

for img in ours dd; do
  truncate -s 8G "$work/$img.img"
  mkfs.exfat -q "$work/$img.img" > /dev/null 2>&1 || mkfs.exfat "$work/$img.img" > /dev/null
done

sync
ours=$(java -cp formats/target/classes bench/ExfatWriteBench.java "$work/ours.img" "$work/source.bin" bench.bin)
rm -f "$work/ours.img"

mkdir "$work/mnt"
loop=$(losetup -f --show "$work/dd.img")
mount.exfat-fuse "$loop" "$work/mnt" 2> /dev/null
sync
start=$(date +%s%N)
dd if="$work/source.bin" of="$work/mnt/bench.bin" bs=4M conv=fsync status=none
fusermount -u "$work/mnt"
end=$(date +%s%N)
losetup -d "$loop"; loop=""
dd_mbs=$(awk -v b=$((size_mib * 1024 * 1024)) -v ns=$((end - start)) 'BEGIN { printf "%.1f", b / 1e6 / (ns / 1e9) }')

echo "exfat-write: ${size_mib} MiB file"
echo "  polyboot ExfatVolume.writeFile: ${ours} MB/s"
echo "  dd bs=4M via exfat-fuse:        ${dd_mbs} MB/s"
awk -v a="$ours" -v b="$dd_mbs" 'BEGIN { printf "  ratio ours/dd: %.2f (target >= 0.90)\n", a / b }'
