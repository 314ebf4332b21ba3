#!/usr/bin/env bash
# `polyboot install` of an 8 GiB sparse image vs the same layout made with the usual tools:
# sfdisk (table) + mkfs.exfat + mkfs.fat (through loop devices at the partition offsets) + mcopy (the same
# boot files) + dd (boot code). Both are timed as a user runs them (polyboot includes JVM start-up and its
# read-back verification). Prints seconds and the ratio polyboot/tools.
# Usage: bench/install-vs-tools.sh [SIZE]   (root: losetup; default SIZE 8G)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-8G}
jar=cli/target/polyboot.jar
[ -f "$jar" ] || mvn -B -q -ntp -DskipTests package
work=$(mktemp -d)
loops=()
cleanup() {
  for l in "${loops[@]}"; do losetup -d "$l" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
now() { date +%s.%N; }

t0=$(now)
java -jar "$jar" install "$work/polyboot.img" --size "$size" >/dev/null 2>&1
t1=$(now)

# The tools route gets the same table and the same boot files (taken from the polyboot image, not timed).
read -r dstart dsize bstart bsize < <(sfdisk --json "$work/polyboot.img" | python3 -c '
import json,sys; p=json.load(sys.stdin)["partitiontable"]["partitions"]
print(p[0]["start"], p[0]["size"], p[1]["start"], p[1]["size"])')
mkdir -p "$work/esp"
mcopy -s -n -i "$work/polyboot.img@@$((bstart * 512))" ::/EFI ::/grub ::/polyboot "$work/esp/"

t2=$(now)
truncate -s "$size" "$work/tools.img"
printf 'label: dos\nstart=%s, size=%s, type=7, bootable\nstart=%s, size=%s, type=ef\n' "$dstart" "$dsize" "$bstart" "$bsize" \
  | sfdisk -q "$work/tools.img"
l=$(losetup -f --show -o $((dstart * 512)) --sizelimit $((dsize * 512)) "$work/tools.img"); loops+=("$l")
mkfs.exfat -L POLYBOOT "$l" >/dev/null
l=$(losetup -f --show -o $((bstart * 512)) --sizelimit $((bsize * 512)) "$work/tools.img"); loops+=("$l")
mkfs.fat -F 16 -n PBOOT -h "$bstart" "$l" >/dev/null
mcopy -s -i "$work/tools.img@@$((bstart * 512))" "$work/esp/EFI" "$work/esp/grub" "$work/esp/polyboot" ::/
dd if="$work/polyboot.img" of="$work/tools.img" bs=440 count=1 conv=notrunc status=none
dd if="$work/polyboot.img" of="$work/tools.img" bs=512 skip=1 seek=1 count=2047 conv=notrunc status=none
sync -f "$work/tools.img"
t3=$(now)

python3 - "$t0" "$t1" "$t2" "$t3" "$size" <<'PY'
import sys
t0, t1, t2, t3 = map(float, sys.argv[1:5])
ours, tools = t1 - t0, t3 - t2
print(f"install {sys.argv[5]} image: polyboot {ours:.2f} s (incl. JVM start and verify), "
      f"sfdisk+mkfs.exfat+mkfs.fat+mcopy+dd {tools:.2f} s, ratio polyboot/tools {ours / tools:.2f}")
PY
