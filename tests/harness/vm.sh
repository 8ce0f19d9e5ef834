#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# `make run` and `make vm`: boot the test VM with binfmt_macho.ko loaded,
# run one thing, show its output, exit with its status.
#
#   vm.sh run    PROG=path [ARGS="..."]    run a program (its directory is
#                                          shared into the VM too)
#   vm.sh vm     CMD="shell command" [SHARE=dir]
#   common env:  KERNEL=6.1|6.12 (default 6.12)  VM_USER=macho (default root)
#                VM_MEM=2G VM_CPUS=2 QEMU_TIMEOUT=600  STDIN=file
#
# The repo (and SHARE / PROG's directory) is visible at the same absolute
# path. The guest writes the program's stdout, stderr and status into a
# host temp directory shared over 9p, so binary and large output arrive
# intact and the kernel console never mixes with them. The kernel's
# binfmt_macho lines go to stderr when the program fails.
# Exit: the program's status; 125 if the VM itself failed.
set -euo pipefail

# shellcheck source=lib.sh
. "$(dirname "$(realpath "$0")")/lib.sh"

VM_FAILED=125

# cmd_for_run PROG: the guest command for PROG + ARGS (ARGS is split by
# the guest shell, as it would be on a command line).
cmd_for_run() {
	printf 'exec %q %s\n' "$1" "${ARGS:-}"
}

# build_share_list: repo, the output directory and every extra directory not
# already inside the repo; shorter paths first, so a share inside another
# is mounted on top of it.
build_share_list() {
	local d i=0
	SHARES=("repo:$ROOT:rw" "out:$OUT:rw")
	for d in $(printf '%s\n' "${SHARE_DIRS[@]}" | awk '{ print length, $0 }' |
			sort -n | cut -d' ' -f2-); do
		case $d/ in
		"$ROOT"/*) continue ;;
		esac
		[ "$d" != / ] || die "cannot share / into the VM"
		SHARES+=("share$i:$d:rw")
		i=$((i + 1))
	done
}

write_guest_env() {
	local shares=
	shares="${SHARES[*]}"
	cat >"$1" <<EOF
MODE=vm
REPO='$ROOT'
SHARES='$shares'
VM_OUT='$OUT'
VM_USER='${VM_USER:-}'
VM_CWD='$PWD'
EOF
	if [ -n "${STDIN:-}" ]; then
		cp "$STDIN" "$OUT/stdin"
		echo "VM_STDIN='$OUT/stdin'" >>"$1"
	fi
}

# Show what the guest left: program output on stdout/stderr, harness
# problems and (on failure) kernel lines on stderr. Returns the status.
report() {
	local status console=$WORK/log/console.log
	cat "$OUT/stdout" 2>/dev/null || true
	cat "$OUT/stderr" >&2 2>/dev/null || true
	if [ -s "$OUT/setup-errors" ]; then
		sed 's/^/[vm] setup: /' "$OUT/setup-errors" >&2
	fi
	if [ ! -f "$OUT/status" ]; then
		echo "[vm] the VM did not finish (crash or timeout); console tail:" >&2
		tail -n 40 "$console" | tr -d '\r' >&2
		cat "$WORK/log/qemu.log" >&2
		return $VM_FAILED
	fi
	status=$(cat "$OUT/status")
	if grep -Eq 'WARNING:|BUG:|Oops|Call Trace' "$console"; then
		echo "[vm] kernel console reports trouble:" >&2
		grep -E -A20 'WARNING:|BUG:|Oops|Call Trace' "$console" | head -n 60 | tr -d '\r' >&2
	fi
	if [ "$status" != 0 ] && [ -s "$OUT/kmsg" ]; then
		echo "[vm] exit status $status; kernel log (binfmt_macho):" >&2
		tail -n 40 "$OUT/kmsg" >&2
	fi
	return "$status"
}

main() {
	local mode=$1 name cmd prog
	name=$(kernel_names "${KERNEL:-6.12}")
	[ "$(echo "$name" | wc -w)" = 1 ] || die "KERNEL= names one kernel"
	SHARE_DIRS=()
	if [ -n "${SHARE:-}" ]; then
		[ -d "$SHARE" ] || die "SHARE=$SHARE is not a directory"
		SHARE_DIRS+=("$(realpath -e "$SHARE")")
	fi
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/binfmt-macho-vm.XXXXXX")
	trap 'rm -rf "$WORK"' EXIT
	OUT=$WORK/out
	mkdir -p "$OUT" "$WORK/log"
	# VM_USER must be able to read the command and write nowhere else
	chmod 755 "$WORK" "$OUT"
	case $mode in
	run)
		prog=$(realpath -e "$PROG") || die "PROG=$PROG: no such file"
		SHARE_DIRS+=("$(dirname "$prog")")
		cmd=$(cmd_for_run "$prog")
		;;
	vm)  cmd=$CMD ;;
	*)   die "usage: vm.sh run|vm" ;;
	esac
	printf '%s\n' "$cmd" >"$OUT/cmd"
	chmod 644 "$OUT/cmd"

	ensure_kernel "$name" >&2
	build_helpers
	build_share_list
	write_guest_env "$WORK/harness.env"
	stage_guest "$name" vm "$WORK/harness.env" "$WORK/initrd.cpio.gz"
	if [ -s "$BUILD/$name/host-errors" ]; then
		cat "$BUILD/$name/host-errors" "$BUILD/$name/host-errors.detail" >&2
		zcat "$WORK/initrd.cpio.gz" | cpio -t --quiet 2>/dev/null |
			grep 'binfmt_macho.ko$' >/dev/null ||
			die "binfmt_macho.ko did not build"
	fi
	QEMU_TIMEOUT=${QEMU_TIMEOUT:-600} "$HARNESS/qemu.sh" \
		"$CACHE/kernels/$name/vmlinuz" "$WORK/initrd.cpio.gz" \
		"$WORK/log" "${SHARES[@]}" || true
	report
}

main "$@"
