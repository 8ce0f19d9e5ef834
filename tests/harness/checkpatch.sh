#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# `make checkpatch`: the kernel's checkpatch.pl --strict on the module
# sources. Any ERROR, WARNING or CHECK fails (kernel code must be clean).
# checkpatch.pl comes from the 6.12 linux-source of the kernel cache (it
# needs spelling.txt and const_structs.checkpatch next to it, which the
# cache keeps; fetched on first use).
#   env: CHECKPATCH_KERNEL (default debian-6.12)
set -euo pipefail

# shellcheck source=lib.sh
. "$(dirname "$(realpath "$0")")/lib.sh"

# FILE_PATH_CHANGES only says "update MAINTAINERS", which is about patches
# to the kernel tree, not files checked with -f in our own repository.
IGNORE=FILE_PATH_CHANGES

main() {
	local name=${CHECKPATCH_KERNEL:-debian-6.12} files=() f out
	ensure_kernel "$name"
	for f in "$ROOT"/kmod/*.c "$ROOT"/kmod/*.h "$ROOT"/kmod/tests/*.c; do
		[ -f "$f" ] && files+=("${f#"$ROOT"/}")
	done
	if [ ${#files[@]} = 0 ]; then
		echo "SKIP checkpatch: no kmod sources yet"
		return 0
	fi
	cd "$ROOT"
	out=$(perl "$CACHE/kernels/$name/src/scripts/checkpatch.pl" \
		--strict --no-tree --terse --no-summary --show-types \
		--ignore "$IGNORE" -f "${files[@]}" 2>&1) || true
	if [ -n "$out" ]; then
		echo "$out"
		echo "checkpatch: $(echo "$out" | wc -l) problem(s) in kmod/"
		return 1
	fi
	echo "checkpatch: ${#files[@]} files clean"
}

main
