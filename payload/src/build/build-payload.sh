#!/usr/bin/env bash
# Assembles the boot payload from stock Debian packages (no patched modules):
#   boot.img, core.img (i386-pc), BOOTX64.EFI (x86_64-efi), memdisk, manifest.json
#   and pbinit, polyboot's initramfs helper (static C against musl, payload/src/helper)
#   and, for Secure Boot, Debian's Microsoft-signed shim and its MokManager, copied as they are
#   (no fbx64.efi: without a BOOTX64.CSV shim's fallback resets the machine on every boot)
# Usage: build-payload.sh OUTDIR
# Same installed package versions -> same bytes (grub-mkimage embeds no timestamps, pbinit is built without
# timestamps, paths or build id; checked by PayloadReproducibleTest).
set -euo pipefail
export LC_ALL=C

out=${1:?usage: build-payload.sh OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
label=PBOOT

fail() { echo "polyboot payload: $*" >&2; exit 1; }

need_pkg() { # package, file it must provide
    if ! dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed' || [ ! -e "$2" ]; then
        fail "Debian package '$1' is missing ($2 not found). Install it with: apt-get install -y $1   (all build packages: scripts/debian-packages.txt)"
    fi
}
need_pkg grub-common /usr/bin/grub-mkimage
need_pkg grub-pc-bin /usr/lib/grub/i386-pc/boot.img
need_pkg grub-efi-amd64-bin /usr/lib/grub/x86_64-efi/kernel.img
need_pkg syslinux-common /usr/lib/syslinux/memdisk
need_pkg musl-tools /usr/bin/musl-gcc
need_pkg shim-signed /usr/lib/shim/shimx64.efi.signed
need_pkg shim-helpers-amd64-signed /usr/lib/shim/mmx64.efi.signed

common_modules=$(grep -v '^#' "$here/modules-common.txt")
pc_modules=$(grep -v '^#' "$here/modules-i386-pc.txt")
efi_modules=$(grep -v '^#' "$here/modules-x86_64-efi.txt")

mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The rescue parser runs this: no comments, no if/for (DESIGN section 3).
sed "s/@LABEL@/$label/g" "$here/embedded.cfg.in" > "$tmp/embedded.cfg"

# shellcheck disable=SC2086
grub-mkimage -O i386-pc -d /usr/lib/grub/i386-pc -c "$tmp/embedded.cfg" -p /grub \
    -o "$tmp/core.img" $common_modules $pc_modules
# shellcheck disable=SC2086
grub-mkimage -O x86_64-efi -d /usr/lib/grub/x86_64-efi -c "$tmp/embedded.cfg" -p /grub \
    -o "$tmp/BOOTX64.EFI" $common_modules $efi_modules

cp /usr/lib/grub/i386-pc/boot.img "$tmp/boot.img"
cp /usr/lib/syslinux/memdisk "$tmp/memdisk"
cp /usr/lib/shim/shimx64.efi.signed "$tmp/shimx64.efi"
cp /usr/lib/shim/mmx64.efi.signed "$tmp/mmx64.efi"
bash "$here/../helper/build.sh" "$tmp/pbinit"

version() { dpkg-query -W -f='${Version}' "$1"; }
entry() { # name, package, source
    printf '    {"name": "%s", "package": "%s", "version": "%s", "source": "%s", "size": %d, "sha256": "%s"}' \
        "$1" "$2" "$(version "$2")" "$3" "$(stat -c %s "$tmp/$1")" "$(sha256sum "$tmp/$1" | cut -d' ' -f1)"
}
{
    echo '{'
    echo '  "format": 1,'
    echo "  \"label\": \"$label\","
    echo "  \"grubModulesPc\": \"$(echo $common_modules $pc_modules)\","
    echo "  \"grubModulesEfi\": \"$(echo $common_modules $efi_modules)\","
    echo '  "files": ['
    entry boot.img grub-pc-bin /usr/lib/grub/i386-pc/boot.img; echo ','
    entry core.img grub-pc-bin "grub-mkimage -O i386-pc (grub-common $(version grub-common))"; echo ','
    entry BOOTX64.EFI grub-efi-amd64-bin "grub-mkimage -O x86_64-efi (grub-common $(version grub-common))"; echo ','
    entry memdisk syslinux-common /usr/lib/syslinux/memdisk; echo ','
    entry pbinit musl-tools "musl-gcc -static (payload/src/helper)"; echo ','
    entry shimx64.efi shim-signed /usr/lib/shim/shimx64.efi.signed; echo ','
    entry mmx64.efi shim-helpers-amd64-signed /usr/lib/shim/mmx64.efi.signed; echo
    echo '  ]'
    echo '}'
} > "$tmp/manifest.json"

for f in boot.img core.img BOOTX64.EFI memdisk pbinit shimx64.efi mmx64.efi manifest.json; do
    cp "$tmp/$f" "$out/$f"
done
