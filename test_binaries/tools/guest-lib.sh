# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the integration tests that run test_binaries programs
# (tests/integration/2?-*, 4?-*, 5?-* and 7?-*). Sourced by busybox sh in the guest,
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
# What a test must never leave in the kernel log.
KMSG_BAD='WARNING:|BUG:|Oops|KASAN|UBSAN|Call Trace|sleeping function called|general protection'

kmsg_mark() { echo "$KMSG_MARK" > /dev/kmsg 2>/dev/null; }

kmsg_since_mark() { dmesg | sed -n "/$KMSG_MARK/,\$p" | sed 1d; }

# Fail on kernel warnings logged since kmsg_mark.
kmsg_check_clean() {
	bad=$(kmsg_since_mark | grep -E "$KMSG_BAD")
	if [ -n "$bad" ]; then
		fail "kernel log has warnings since the test started:"
		kmsg_since_mark
	fi
}

# Groups whose fixtures expect what the module does NOT do yet: each has
# a test of its own that fails until the module is fixed, and is left out
# of the all-groups run (49-malformed-all) so one gap fails one test.
#   hostile-fat-overlap: 54-hostile-fat-overlap (overlapping fat slices)
KNOWN_GAP_GROUPS="hostile-fat-overlap"

# The fixtures of MANIFEST group $1 (or of every group but the known gaps
# if $1 is empty) whose expected result is an errno: "name errno" per line.
fixtures_expecting_errno() {
	awk -F '\t' -v g="$1" -v gaps=" $KNOWN_GAP_GROUPS " \
		'!/^#/ && NF >= 5 && $3 != "RUN" &&
		(g == "" ? index(gaps, " " $2 " ") == 0 : $2 == g) {
			print $1, $3 }' "$FIXTURES/MANIFEST"
}


# exec_expect LABEL ERRNO PATH [ARG...]: execve PATH (in a child, through
# execve_expect) must fail with ERRNO, and the kernel log must gain at
# most one binfmt_macho line (the rate-limited refusal) and no warning.
# LABEL (letters, digits, '-', '_' only: it goes into a sed address) must
# be unique within the test. Returns non-zero and says why on failure.
exec_expect() {
	label=$1
	shift
	mark="binfmt_macho-test: exec $TEST_NAME $$ $label"
	echo "$mark" > /dev/kmsg 2>/dev/null
	execve_expect "$@" || return 1
	log=$(dmesg | sed -n "/$mark\$/,\$p" | sed 1d)
	# "binfmt_macho: " is the module's pr_fmt; our marks are
	# "binfmt_macho-test:", the rate limiter's own notes are neither
	lines=$(printf '%s\n' "$log" | grep -c 'binfmt_macho: ')
	if [ "$lines" -gt 1 ]; then
		say "$label: $lines binfmt_macho lines for one execve:"
		printf '%s\n' "$log"
		return 1
	fi
	if printf '%s\n' "$log" | grep -qE "$KMSG_BAD"; then
		say "$label: kernel warning:"
		printf '%s\n' "$log"
		return 1
	fi
	[ -z "$log" ] || say "$label: kernel log: $log"
	return 0
}

# Run every errno-expecting fixture of group $1 (all groups if $1 is
# empty) through exec_expect, then check the kernel log as a whole. A group
# with no fixtures is a failure: the MANIFEST and this test disagree.
run_fixture_group() {
	need_cmd execve_expect
	need_file "$FIXTURES/MANIFEST"
	kmsg_mark
	[ -n "$1" ] || say "not run here, known module gaps with a test" \
		"of their own: groups $KNOWN_GAP_GROUPS"
	list=$(fixtures_expecting_errno "$1")
	[ -n "$list" ] || fail "MANIFEST has no fixtures in group '$1'"
	echo "$list" | while read -r name err; do
		desc=$(awk -F '\t' -v n="$name" '$1 == n { print $5 }' \
			"$FIXTURES/MANIFEST")
		say "$name: $desc"
		exec_expect "$name" "$err" "$FIXTURES/$name" || echo FAILED
	done > fixture-results.$$ 2>&1
	cat fixture-results.$$
	n=$(grep -c '^FAILED$' fixture-results.$$)
	rm -f fixture-results.$$
	[ "$n" -eq 0 ] || fail "$n fixture(s) did not fail as expected"
	kmsg_check_clean
}

# The fixtures of MANIFEST group $1 that must run: "name" per line.
fixtures_expecting_run() {
	awk -F '\t' -v g="$1" '!/^#/ && NF >= 5 && $3 == "RUN" &&
		$2 == g { print $1 }' "$FIXTURES/MANIFEST"
}

# expect_hello WHAT PATH: PATH runs, prints Hello, World! and exits 0.
expect_hello() {
	out=$("$2" 2>&1)
	status=$?
	expect_eq "$1: exit status" 0 "$status"
	expect_eq "$1: output" "Hello, World!" "$out"
}

# Kernel health after a test that stressed the module: hello still runs
# and the log since kmsg_mark has no warning.
module_still_works() {
	need_file "$TB/hello_static_macos"
	expect_hello "hello_static_macos afterwards" "$TB/hello_static_macos"
	kmsg_check_clean
}
