#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh BINDIR ROUNDS: the host side of `make bench`. Boots the test VM
# (tests/harness/vm.sh, as `make vm` does; KERNEL= picks the kernel) with
# binfmt_macho.ko loaded and runs the driver, BINDIR/bench, as root.
# BINDIR is inside the repository, which the VM sees at the same path.
# Exit: the driver's status (125: the VM failed).
set -euo pipefail

bindir=$1
rounds=$2
root=$(realpath "$(dirname "$0")/../..")
[ -x "$bindir/bench" ] || { echo "bench: $bindir/bench not built" >&2; exit 1; }
# a few minutes under TCG; the default vm.sh timeout (600 s) leaves room
CMD="exec '$bindir/bench' '$bindir' $rounds" exec "$root/tests/harness/vm.sh" vm
