#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Fetch one Debian kernel of the test matrix (tests/harness/kernels.conf)
# into a project-local cache, without touching /boot or the dpkg database.
#
#   usage: fetch-kernel.sh NAME CACHE        (e.g. debian-6.12 .cache)
#
# Result in CACHE/kernels/NAME/:
#   vmlinuz, config, build/ (headers tree for `make -C build M=...`),
#   linux-source.tar.xz, src/ (lib/kunit, tools/testing/kunit, checkpatch),
#   modules/*.ko + modules/load.order (the 9p/virtio modules the guest
#   needs to mount the repo, uncompressed, in insmod order),
#   krel, kver, stamp.
# A second run with the same versions does nothing (stamp file); a lock
# makes concurrent runs for the same kernel wait for each other.
set -euo pipefail

here=$(dirname "$(realpath "$0")")
name=$1
cache=$(realpath -m "$2")
dest=$cache/kernels/$name

# Modules the guest needs for the 9p share (their dependencies are added);
# a kernel that has one built in (=y) does not ship its .ko.
GUEST_MODULES="virtio_pci 9pnet_virtio 9p"

log() { echo "fetch-kernel[$name]: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# has PKG VERSION: is that exact version downloadable?
has() { apt-cache show "$1=$2" >/dev/null 2>&1; }

# Read the matrix line of $name: series abi version meta.
read_matrix() {
	local line
	line=$(awk -v n="$name" '$1 == n { print $2, $3, $4, $5 }' \
		"$here/kernels.conf")
	[ -n "$line" ] || die "no kernel '$name' in kernels.conf"
	read -r SERIES ABI VER META <<<"$line"
}

# The pinned version moves out of the security archive over time: fall back
# to whatever the meta-package points at now, and say so.
resolve_version() {
	if has "linux-image-$ABI-amd64-unsigned" "$VER" &&
	   has "linux-headers-$ABI-amd64" "$VER"; then
		return
	fi
	local dep
	dep=$(apt-cache show "$META" 2>/dev/null |
		awk -F': ' '/^Depends:/ { print $2; exit }')
	[ -n "$dep" ] || die "neither $ABI ($VER) nor $META found (apt-get update?)"
	local nabi nver
	nabi=$(sed -E 's/^linux-image-([^ ]+)-amd64.*/\1/' <<<"$dep")
	nver=$(sed -E 's/.*\(= ([^)]*)\).*/\1/' <<<"$dep")
	log "WARNING: $ABI ($VER) is not in the archive; using $nabi ($nver)"
	ABI=$nabi
	VER=$nver
}

# linux-kbuild is named linux-kbuild-6.1 for 6.1 but linux-kbuild-<abi> for
# 6.12 and has its own version: take the name the headers package depends on.
kbuild_package() {
	apt-cache show "linux-headers-$ABI-amd64=$VER" |
		grep -m1 '^Depends:' | grep -o 'linux-kbuild-[^ ,]*'
}

download() {
	local src=linux-source-$SERIES
	local pkgs=("linux-image-$ABI-amd64-unsigned=$VER"
		    "linux-headers-$ABI-amd64=$VER"
		    "linux-headers-$ABI-common=$VER"
		    "$(kbuild_package)")
	if has "$src" "$VER"; then
		pkgs+=("$src=$VER")
	else
		pkgs+=("$src")
	fi
	# apt warns that it downloads "unsandboxed as root": harmless
	apt-get download -q "${pkgs[@]}" 2>&1 | grep -v unsandboxed >&2 || true
	local p
	for p in "${pkgs[@]}"; do
		compgen -G "${p%%=*}_*.deb" >/dev/null ||
			die "download of ${p%%=*} failed"
	done
}

# The image package is ~400 MB unpacked: take /boot and the few module
# directories the 9p share can need, not the rest. (Debian does not ship
# modules.dep: it is made by depmod at install time.)
extract_image() {
	local deb=$1 root=$2
	# fs/fscache is gone in 6.12 (merged into netfs): tar fails on the
	# patterns that match nothing, so check the result instead of its rc.
	dpkg-deb --fsys-tarfile "$deb" | tar -C "$root" -x --wildcards \
		'./boot/*' \
		'./lib/modules/*/kernel/fs/9p/*' \
		'./lib/modules/*/kernel/net/9p/*' \
		'./lib/modules/*/kernel/fs/netfs/*' \
		'./lib/modules/*/kernel/fs/fscache/*' \
		'./lib/modules/*/kernel/drivers/virtio/*' 2>"$root.tar.err" ||
		grep -v -e 'Not found in archive' -e 'Exiting with failure' \
			"$root.tar.err" >&2 || true
	[ -f "$root/boot/vmlinuz-$ABI-amd64" ] || die "no vmlinuz in $deb"
}

# find_module DIR NAME: path of module NAME (any compression) under DIR.
find_module() {
	find "$1" -name "$2.ko*" -o -name "${2//_/-}.ko*" | head -n1
}

# add_module DIR NAME: append NAME's dependencies, then NAME, to $ORDER
# (depth first, so every module follows what it needs: busybox insmod does
# not resolve dependencies).
add_module() {
	local dir=$1 mod=$2 path dep
	case " $ORDER " in *" $mod "*) return ;; esac
	path=$(find_module "$dir" "$mod")
	# a dependency outside the extracted directories: extend extract_image
	[ -n "$path" ] || die "module $mod (a dependency) was not extracted"
	for dep in $(modinfo -F depends "$path" | tr , ' '); do
		add_module "$dir" "$dep"
	done
	ORDER="$ORDER $mod"
}

# Copy the guest modules uncompressed (busybox insmod cannot read .ko.xz)
# and write their insmod order.
install_guest_modules() {
	local root=$1 mdir cfg mod path sym
	mdir=$(echo "$root"/lib/modules/*)
	cfg=$root/boot/config-$ABI-amd64
	ORDER=
	for mod in $GUEST_MODULES; do
		if [ -z "$(find_module "$mdir" "$mod")" ]; then
			# built in: fine, anything else is a matrix problem
			sym=$(built_in_symbol "$mod")
			grep -qx "$sym=y" "$cfg" ||
				die "$mod: no module and $sym is not =y"
			continue
		fi
		add_module "$mdir" "$mod"
	done
	mkdir -p "$dest/modules"
	: >"$dest/modules/load.order"
	for mod in $ORDER; do
		path=$(find_module "$mdir" "$mod")
		case $path in
		*.xz)  xz -dc "$path" ;;
		*.zst) zstd -qdc "$path" ;;
		*)     cat "$path" ;;
		esac >"$dest/modules/$mod.ko"
		echo "$mod.ko" >>"$dest/modules/load.order"
	done
	rm -rf "${root:?}/lib"
}

# The config symbol of a guest module, to tell "built in" from "missing".
built_in_symbol() {
	case $1 in
	virtio_pci)   echo CONFIG_VIRTIO_PCI ;;
	9pnet_virtio) echo CONFIG_NET_9P_VIRTIO ;;
	9p)           echo CONFIG_9P_FS ;;
	esac
}

# One pass over the 140 MB source tarball for what the harness needs:
# KUnit (built out of tree), kunit.py (KTAP parser) and checkpatch.
extract_source_subset() {
	local tarball=$1 tmp=$2
	mkdir -p "$tmp/src"
	tar -C "$tmp/src" -xJf "$tarball" --wildcards \
		'*/lib/kunit/*' '*/tools/testing/kunit/*' \
		'*/scripts/checkpatch.pl' '*/scripts/spelling.txt' \
		'*/scripts/const_structs.checkpatch'
	mv "$tmp"/src/linux-source-* "$dest/src"
}

fetch() {
	local tmp=$1
	cd "$tmp"
	download
	mkdir -p "$tmp/root"
	local d
	for d in *.deb; do
		case $d in
		linux-image-*)
			extract_image "$d" "$tmp/root" ;;
		linux-source-*)
			dpkg-deb --fsys-tarfile "$d" |
				tar -C "$tmp" -x --wildcards './usr/src/*.tar.xz'
			mv "$tmp"/usr/src/*.tar.xz "$tmp/linux-source.tar.xz" ;;
		*)
			dpkg -x "$d" "$tmp/root" ;;
		esac
	done
	rm -rf "$dest"
	mkdir -p "$dest"
	install_guest_modules "$tmp/root"
	extract_source_subset "$tmp/linux-source.tar.xz" "$tmp"
	mv "$tmp/linux-source.tar.xz" "$dest/"
	mv "$tmp/root" "$dest/root"
	local krel=$ABI-amd64 r=$dest/root
	# The arch headers Makefile includes the common one by ABSOLUTE path
	# (/usr/src/linux-headers-...-common/Makefile): point it at our copy.
	sed -i "s#^include /usr/src/#include $r/usr/src/#" \
		"$r/usr/src/linux-headers-$krel/Makefile"
	ln -sfn "root/usr/src/linux-headers-$krel" "$dest/build"
	ln -sfn "root/boot/vmlinuz-$krel" "$dest/vmlinuz"
	ln -sfn "root/boot/config-$krel" "$dest/config"
	echo "$krel" >"$dest/krel"
	echo "$VER" >"$dest/kver"
}

main() {
	read_matrix
	resolve_version
	local stamp="$ABI $VER $dest v1"
	mkdir -p "$cache/kernels"
	exec 9>"$cache/kernels/$name.lock"
	flock 9
	if [ -f "$dest/stamp" ] && [ "$(cat "$dest/stamp")" = "$stamp" ]; then
		exit 0
	fi
	log "fetching $ABI ($VER)"
	work=$(mktemp -d "$cache/kernels/.fetch-$name.XXXXXX")
	trap 'rm -rf "$work"' EXIT
	(fetch "$work")
	echo "$stamp" >"$dest/stamp"
	log "done: $(du -sh "$dest" | cut -f1) in $dest"
}

main
