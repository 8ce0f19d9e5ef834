#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the guest initramfs: busybox-static, guest-init as /init, the
# users the tests expect, and extra files.
#
#   usage: mkinitramfs.sh OUT.cpio.gz ENV_FILE [SRC:DST ...]
#     ENV_FILE becomes /etc/harness.env (read by guest-init);
#     SRC may be a file or a directory (copied recursively).
# Takes ~0.1 s, so it is rebuilt on every run rather than cached.
set -euo pipefail

here=$(dirname "$(realpath "$0")")
out=$(realpath -m "$1")
env_file=$2
shift 2
BUSYBOX=${BUSYBOX:-/bin/busybox}

file -L "$BUSYBOX" | grep -q 'statically linked' ||
	{ echo "mkinitramfs: $BUSYBOX is not static (busybox-static)" >&2; exit 1; }

root=$(mktemp -d "${TMPDIR:-/tmp}/initramfs.XXXXXX")
trap 'rm -rf "$root"' EXIT

# mktemp made the root 0700: the unprivileged test user must traverse it
chmod 755 "$root"
mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,run,etc,root,lib,usr/local/bin}
cp "$BUSYBOX" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
install -m 0755 "$here/guest-init" "$root/init"
install -m 0644 "$env_file" "$root/etc/harness.env"

# Tests drop privileges to `macho` (uid 1000), e.g. with su macho -c.
cat >"$root/etc/passwd" <<'PW'
root:x:0:0:root:/root:/bin/sh
macho:x:1000:1000:macho:/home/macho:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PW
cat >"$root/etc/group" <<'GR'
root:x:0:
macho:x:1000:
nogroup:x:65534:
GR
mkdir -p "$root/home/macho"
chown 1000:1000 "$root/home/macho"
chmod 0700 "$root/root"

for spec in "$@"; do
	src=${spec%%:*}
	dst=${spec#*:}
	if [ -d "$src" ]; then
		mkdir -p "$root/$dst"
		cp -a "$src/." "$root/$dst/"
	else
		mkdir -p "$root/$(dirname "$dst")"
		cp -a "$src" "$root/$dst"
	fi
done

(cd "$root" && find . -print0 | cpio --null -o -H newc --quiet |
	gzip -1) >"$out.tmp"
mv "$out.tmp" "$out"
