#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# `make docs-check`: docs/syscalls.md must be what
# scripts/gen-syscalls-doc.sh makes of kmod/xnu_syscalls.tbl (the script
# prints the document on stdout). Skips, saying so, until the script exists.
set -euo pipefail

ROOT=$(realpath "$(dirname "$(realpath "$0")")/../..")
gen=$ROOT/scripts/gen-syscalls-doc.sh
doc=$ROOT/docs/syscalls.md

if [ ! -f "$gen" ]; then
	echo "SKIP docs-check: scripts/gen-syscalls-doc.sh does not exist yet"
	exit 0
fi
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
(cd "$ROOT" && bash "$gen") >"$tmp"
if ! diff -u "$doc" "$tmp"; then
	echo "docs-check: docs/syscalls.md is stale: run" \
		"scripts/gen-syscalls-doc.sh > docs/syscalls.md"
	exit 1
fi
echo "docs-check: docs/syscalls.md is up to date"
