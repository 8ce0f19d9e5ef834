#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run inside the test VM by `make -C test_binaries test-static`: the static
# program tests of the integration suite (the repository is visible at the
# same path in the guest).
REPO=${REPO:-$(cd "$(dirname "$0")/../.." && pwd)}
export REPO
cd /tmp || exit 1
status=0
for t in 20-hello-static 21-static-test; do
	sh "$REPO/tests/integration/$t" || status=1
done
exit $status
