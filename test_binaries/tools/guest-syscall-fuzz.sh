#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run syscall_fuzz_macos in the guest for SECONDS as root, then as user
# macho, each in a scratch directory with stdin from /dev/null, and check
# that the kernel survived: both runs reach their "done" line and exit 0,
# the kernel log gained no warning, binfmt_macho's own lines stayed
# rate-limited, and hello_static_macos still runs.
#   guest-syscall-fuzz.sh SECONDS [SEED]
# Used by tests/integration/70-syscall-fuzz (briefly) and by
# `make fuzz-syscalls FUZZ_SECONDS=N` (mk/syscall-fuzz.mk). Needs $REPO.
. "$REPO/test_binaries/tools/guest-lib.sh"
SECONDS_EACH=${1:?usage: guest-syscall-fuzz.sh SECONDS [SEED]}
SEED=$2
FUZZ=$TB/syscall_fuzz_macos
need_file "$FUZZ" "$TB/hello_static_macos"
# as much room for rate-limited lines as 10 per 5 s for 20 call sites
max_lines=$(( (2 * SECONDS_EACH / 5 + 2) * 10 * 20 ))

kmsg_mark
dir=$(mktemp -d /tmp/syscall-fuzz.XXXXXX) || fail "mktemp -d"
cp "$FUZZ" "$dir/syscall_fuzz_macos"
chmod 755 "$dir" "$dir/syscall_fuzz_macos"

# fuzz WHO COMMAND-PREFIX: one run, its output kept in $dir/WHO.out
fuzz() {
	mkdir "$dir/$1.cwd" && chmod 777 "$dir/$1.cwd"
	say "fuzzing as $1 for ${SECONDS_EACH}s"
	$2 "cd $dir/$1.cwd && exec $dir/syscall_fuzz_macos $SECONDS_EACH $SEED \
		< /dev/null" > "$dir/$1.out" 2>&1
	status=$?
	# its own lines only, whatever else the random calls wrote
	grep -a -E '^(seed=|syscall_fuzz:)' "$dir/$1.out"
	expect_eq "syscall_fuzz as $1: exit status" 0 "$status"
	grep -q '^syscall_fuzz: done: calls=[1-9]' "$dir/$1.out" ||
		fail "syscall_fuzz as $1 did not finish (seed: $(grep -o \
			'^seed=0x[0-9a-f]*' "$dir/$1.out"))"
}

fuzz root "sh -c"
if id macho > /dev/null 2>&1; then
	fuzz macho "su -s /bin/sh macho -c"
else
	fail "the guest has no user 'macho'"
fi

lines=$(kmsg_since_mark | grep -c 'binfmt_macho: ')
say "binfmt_macho lines during the runs: $lines (at most $max_lines)"
[ "$lines" -le "$max_lines" ] ||
	fail "binfmt_macho logged $lines lines: not rate-limited"
kmsg_since_mark | grep 'binfmt_macho: ' | sort | uniq -c | sort -rn | head -5
rm -rf "$dir"
module_still_works
finish
