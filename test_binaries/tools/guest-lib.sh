# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the integration tests that run test_binaries programs
# (tests/integration/2?-* and 4?-*). Sourced by busybox sh in the guest,
# where the harness runs each test as root, in /tmp, with $REPO set and
# binfmt_macho.ko loaded. Exit codes: 0 pass, 77 skip, anything else fail.

: "${REPO:?REPO is not set (the harness exports the repository root)}"
TB=$REPO/test_binaries
FIXTURES=$TB/malformed
TEST_NAME=${0##*/}
failures=0

say() { printf '%s: %s\n' "$TEST_NAME" "$*"; }

fail() { say "FAIL: $*"; failures=$((failures + 1)); }

skip() { say "SKIP: $*"; exit 77; }

# End the test: exit 0 if no check failed.
finish() {
	if [ "$failures" -ne 0 ]; then
		say "$failures check(s) failed"
		exit 1
	fi
	say "PASS"
	exit 0
}

# Missing build outputs are a failure of the build, not a reason to skip.
need_file() {
	for f in "$@"; do
		if [ ! -f "$f" ]; then
			say "FAIL: $f is missing (make -C test_binaries)"
			exit 1
		fi
	done
}

need_cmd() {
	command -v "$1" >/dev/null 2>&1 || skip "$1 is not available in the guest"
}

# expect_eq WHAT WANT GOT
expect_eq() {
	if [ "$2" = "$3" ]; then
		say "ok: $1 = '$3'"
	else
		fail "$1: got '$3', want '$2'"
	fi
}

nap() { sleep 0.1 2>/dev/null || sleep 1; }

# wait_for_line FILE REGEX [TRIES]: poll until FILE has a matching line.
wait_for_line() {
	i=0
	while [ "$i" -lt "${3:-100}" ]; do
		grep -q "$2" "$1" 2>/dev/null && return 0
		nap
		i=$((i + 1))
	done
	return 1
}

# Kernel log: write a mark, later look only at what came after it.
KMSG_MARK="binfmt_macho-test: begin $TEST_NAME $$"

kmsg_mark() { echo "$KMSG_MARK" > /dev/kmsg 2>/dev/null; }

kmsg_since_mark() { dmesg | sed -n "/$KMSG_MARK/,\$p" | sed 1d; }

# Fail on kernel warnings logged since kmsg_mark.
kmsg_check_clean() {
	bad=$(kmsg_since_mark | grep -E \
	    'WARNING:|BUG:|Oops|KASAN|UBSAN|Call Trace|sleeping function called|general protection')
	if [ -n "$bad" ]; then
		fail "kernel log has warnings since the test started:"
		kmsg_since_mark
	fi
}

# The fixtures of MANIFEST group $1 (or of every group if $1 is empty)
# whose expected result is an errno: "name errno" per line.
fixtures_expecting_errno() {
	awk -F '\t' -v g="$1" '!/^#/ && NF >= 5 && $3 != "RUN" &&
		(g == "" || $2 == g) { print $1, $3 }' "$FIXTURES/MANIFEST"
}

# Run every errno-expecting fixture of group $1 through execve_expect, then
# check the kernel log. A group with no fixtures is a failure: the
# MANIFEST and this test disagree.
run_fixture_group() {
	need_cmd execve_expect
	need_file "$FIXTURES/MANIFEST"
	kmsg_mark
	list=$(fixtures_expecting_errno "$1")
	[ -n "$list" ] || fail "MANIFEST has no fixtures in group '$1'"
	echo "$list" | while read -r name err; do
		desc=$(awk -F '\t' -v n="$name" '$1 == n { print $5 }' \
			"$FIXTURES/MANIFEST")
		say "$name: $desc"
		execve_expect "$err" "$FIXTURES/$name" || echo FAILED
	done > fixture-results.$$ 2>&1
	cat fixture-results.$$
	n=$(grep -c '^FAILED$' fixture-results.$$)
	rm -f fixture-results.$$
	[ "$n" -eq 0 ] || fail "$n fixture(s) did not fail with the expected errno"
	kmsg_check_clean
	say "kernel log since the start of the test:"
	kmsg_since_mark
}
