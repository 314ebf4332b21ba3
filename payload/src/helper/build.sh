#!/usr/bin/env bash
# Builds pbinit, the initramfs helper: one static x86_64 binary against musl, no other dependencies.
# Usage: build.sh OUTFILE      (build-payload.sh calls this; needs musl-tools)
# Reproducible: no debug info, no build id, symbols stripped, source paths mapped away.
set -euo pipefail
export LC_ALL=C
out=${1:?usage: build.sh OUTFILE}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
musl-gcc -static -Os -std=c11 -Wall -Wextra -Werror \
    -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables -fno-ident \
    -ffile-prefix-map="$here"=. \
    -Wl,--gc-sections -Wl,--build-id=none -s \
    -o "$out" pbinit.c watch.c exfat.c loopdev.c dm.c persist.c cmdline.c sha256.c util.c
