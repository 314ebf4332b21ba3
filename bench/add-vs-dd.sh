#!/usr/bin/env bash
# `polyboot add` of a 1 GiB file onto a stick image (our exFAT writer, SHA-256 while copying, read-back
# verification, rename) vs `dd bs=4M conv=fsync` of the same file into the same data partition mounted with
# exfat-fuse (no verification). Prints seconds, MB/s and the ratio polyboot/dd.
# Usage: bench/add-vs-dd.sh [SIZE_MIB]   (root: losetup, partx, exfat-fuse; default 1024)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib=${1:-1024}
jar=cli/target/polyboot.jar
[ -f "$jar" ] || mvn -B -q -ntp -DskipTests package
work=$(mktemp -d)
loop=""
cleanup() {
  mountpoint -q "$work/mnt" 2>/dev/null && umount "$work/mnt" || true
  if [ -n "$loop" ]; then partx -d "$loop" 2>/dev/null || true; losetup -d "$loop" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
now() { date +%s.%N; }

head -c $((size_mib << 20)) /dev/urandom > "$work/src.iso"
java -jar "$jar" install "$work/a.img" --size 8G >/dev/null 2>&1
java -jar "$jar" install "$work/b.img" --size 8G >/dev/null 2>&1

t0=$(now)
java -jar "$jar" add "$work/a.img" "$work/src.iso" >/dev/null 2>&1
t1=$(now)

loop=$(losetup -f --show "$work/b.img")
partx -a "$loop"
mkdir -p "$work/mnt"
mount.exfat-fuse "${loop}p1" "$work/mnt"
t2=$(now)
dd if="$work/src.iso" of="$work/mnt/src.iso" bs=4M conv=fsync status=none
t3=$(now)

python3 - "$t0" "$t1" "$t2" "$t3" "$size_mib" <<'PY'
import sys
t0, t1, t2, t3 = map(float, sys.argv[1:5]); mib = int(sys.argv[5])
ours, dd = t1 - t0, t3 - t2
mb = mib * 1048576 / 1e6
print(f"add {mib} MiB: polyboot add {ours:.2f} s ({mb / ours:.0f} MB/s, incl. JVM start, SHA-256 and read-back verify), "
      f"dd via exfat-fuse {dd:.2f} s ({mb / dd:.0f} MB/s), ratio polyboot/dd {ours / dd:.2f}")
PY
