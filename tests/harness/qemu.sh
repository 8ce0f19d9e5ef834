#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a kernel + initramfs under QEMU (TCG: KVM does not work on the
# project's machines), no disk, no network.
#
#   usage: qemu.sh KERNEL INITRD OUTDIR [SHARE ...]
#     SHARE = tag:path:ro|rw   a host directory exported over virtio-9p
#             (guest-init mounts it at the same path)
#   env:   QEMU_TIMEOUT (s, default 600)  VM_MEM (2G)  VM_CPUS (2)
#          KCMDLINE (extra kernel command line)
#   OUTDIR gets console.log (ttyS0, the kernel console), results.log
#   (ttyS1, the guest's KTAP) and qemu.log.
# Exit: 0 when the guest powered off, 124 on timeout, else QEMU's status.
# A panicking guest also exits 0 (panic=-1 + -no-reboot): callers decide
# success by the guest's own done marker, never by this status.
set -uo pipefail

kernel=$1
initrd=$2
out=$3
shift 3

mkdir -p "$out"
: >"$out/console.log"
: >"$out/results.log"

share_args=()
i=0
for s in "$@"; do
	tag=${s%%:*}
	rest=${s#*:}
	path=${rest%:*}
	ro=
	[ "${rest##*:}" = ro ] && ro=,readonly=on
	share_args+=(-fsdev "local,id=fs$i,path=$path,security_model=none$ro"
		     -device "virtio-9p-pci,fsdev=fs$i,mount_tag=$tag")
	i=$((i + 1))
done

# oops=panic + panic=-1 + -no-reboot: an oops ends the run at once instead
# of leaving a half-dead guest to time out.
append="console=ttyS0,115200 panic=-1 oops=panic softlockup_panic=1"
append+=" hung_task_panic=1 loglevel=7 mitigations=off nokaslr"
append+=" ${KCMDLINE:-}"

timeout --foreground -k 5 "${QEMU_TIMEOUT:-600}" \
	qemu-system-x86_64 -accel tcg -M pc -cpu max \
		-m "${VM_MEM:-2G}" -smp "${VM_CPUS:-2}" \
		-kernel "$kernel" -initrd "$initrd" -append "$append" \
		-display none -monitor none -nodefaults -no-reboot \
		-no-user-config \
		-serial "file:$out/console.log" \
		-serial "file:$out/results.log" \
		"${share_args[@]}" \
		</dev/null >"$out/qemu.log" 2>&1
