#!/usr/bin/env bash
# `polyboot persistence create --size SIZE` on an 8 GiB stick image (mke2fs into a sparse host file, our exFAT writer
# writes every byte, fingerprint read back, binding + menu) vs `dd if=/dev/zero bs=4M conv=fsync` of the same size
# into the same data partition mounted with exfat-fuse (no file system made, nothing checked). Then checks the result:
# `e2fsck -fn` of the file through exfat-fuse (read-only) and the extent count polyboot's reader reports (1 = contiguous).
# Usage: bench/persistence-vs-dd.sh [SIZE_MIB]   (root: losetup, partx, exfat-fuse, xorriso, e2fsprogs; default 4096)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib=${1:-4096}
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
export POLYBOOT_KEYS="$work/keys"

# a small ISO with Debian live-boot's layout (what the classifier needs to call it debian-live)
mkdir -p "$work/tree/live" "$work/tree/.disk"
echo kernel > "$work/tree/live/vmlinuz"; echo initrd > "$work/tree/live/initrd.img"; echo sq > "$work/tree/live/filesystem.squashfs"
echo 'Debian GNU/Linux 12 "Bookworm" - Official Snapshot amd64 LIVE/INSTALL Binary' > "$work/tree/.disk/info"
xorriso -as mkisofs -quiet -R -J -V "d-live 12.2.0 gn amd64" -o "$work/debian-live.iso" "$work/tree"
java -jar "$jar" install "$work/a.img" --size 8G --no-secure-boot --yes >/dev/null 2>&1
java -jar "$jar" add "$work/a.img" "$work/debian-live.iso" >/dev/null 2>&1
java -jar "$jar" install "$work/b.img" --size 8G --no-secure-boot --yes >/dev/null 2>&1

t0=$(now)
java -jar "$jar" persistence create "$work/a.img" --for /debian-live.iso --size "${size_mib}M" >/dev/null 2>&1
t1=$(now)
extents=$(java -jar "$jar" persistence list "$work/a.img" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["files"][0]["extents"])')

loop=$(losetup -f --show "$work/b.img")
partx -a "$loop"
mkdir -p "$work/mnt"
mount.exfat-fuse "${loop}p1" "$work/mnt"
t2=$(now)
dd if=/dev/zero of="$work/mnt/p.dat" bs=4M count=$((size_mib / 4)) conv=fsync status=none
t3=$(now)
umount "$work/mnt"; partx -d "$loop"; losetup -d "$loop"; loop=""

loop=$(losetup -f --show -r "$work/a.img")
partx -a "$loop"
mount.exfat-fuse -o ro "${loop}p1" "$work/mnt"
fsck=$(e2fsck -fn "$work/mnt/persistence/debian-live.dat" 2>&1 | tail -1)
umount "$work/mnt"

python3 - "$t0" "$t1" "$t2" "$t3" "$size_mib" "$extents" "$fsck" <<'PY'
import sys
t0, t1, t2, t3 = map(float, sys.argv[1:5]); mib = int(sys.argv[5])
ours, dd = t1 - t0, t3 - t2
mb = mib * 1048576 / 1e6
print(f"persistence {mib} MiB: polyboot persistence create {ours:.2f} s ({mb / ours:.0f} MB/s, incl. JVM start, mke2fs, "
      f"fingerprint read-back), dd of zeros via exfat-fuse {dd:.2f} s ({mb / dd:.0f} MB/s), ratio polyboot/dd {ours / dd:.2f}; "
      f"extents {sys.argv[6]}; e2fsck -fn: {sys.argv[7]}")
PY
