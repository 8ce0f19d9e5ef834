#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Host-side sanity check of what `make -C test_binaries` built:

  * the static programs are thin x86_64 MH_EXECUTE images that start from
    LC_UNIXTHREAD with no trace of dyld (no LC_MAIN, LC_LOAD_DYLINKER,
    LC_LOAD_DYLIB, MH_DYLDLINK or MH_PIE), a 4 GiB __PAGEZERO and an entry
    point in an executable segment;
  * every fixture in malformed/MANIFEST still has exactly the defect the
    manifest names (and the good fat file none), and is executable.

    check-outputs.py TEST_BINARIES_DIR
"""
import os
import struct
import sys

sys.dont_write_bytecode = True         # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import macho_lib as M  # noqa: E402

MH_DYLDLINK, MH_PIE = 0x4, 0x200000
LC_LOAD_DYLIB = 0xC
PROGRAMS = ("hello_static_macos", "static_test_macos", "syscall_fuzz_macos")


def check_static(path):
    errors = []
    with open(path, "rb") as f:
        data = f.read()
    defects = M.validate(data)
    if defects:
        return ["invalid image: %s" % ", ".join(defects)]
    m = M.MachO(data)
    if m.filetype != M.MH_EXECUTE:
        errors.append("filetype %d, want MH_EXECUTE" % m.filetype)
    if m.flags & (MH_DYLDLINK | MH_PIE):
        errors.append("flags %#x still have MH_DYLDLINK/MH_PIE" % m.flags)
    cmds = [struct.unpack_from("<I", c)[0] for c in m.cmds]
    for bad, name in ((M.LC_MAIN, "LC_MAIN"),
                      (M.LC_LOAD_DYLINKER, "LC_LOAD_DYLINKER"),
                      (LC_LOAD_DYLIB, "LC_LOAD_DYLIB")):
        if bad in cmds:
            errors.append("has %s" % name)
    if cmds.count(M.LC_UNIXTHREAD) != 1:
        errors.append("needs exactly one LC_UNIXTHREAD")
    try:
        if (m.seg_get("__PAGEZERO", "vmsize") != 1 << 32 or
                m.seg_get("__PAGEZERO", "initprot") != 0):
            errors.append("__PAGEZERO is not a 4 GiB no-access reservation")
    except KeyError:
        errors.append("no __PAGEZERO")
    if not os.access(path, os.X_OK):
        errors.append("not executable")
    return errors


def check_fixtures(outdir):
    errors = []
    manifest = os.path.join(outdir, "MANIFEST")
    with open(manifest) as f:
        rows = [line.rstrip("\n").split("\t") for line in f
                if line.strip() and not line.startswith("#")]
    if sum(1 for r in rows if r[2] == "ENOEXEC" and r[1] != "java") < 14:
        errors.append("fewer than 14 malformed fixtures")
    for name, group, expect, defect, _ in rows:
        path = os.path.join(outdir, name)
        with open(path, "rb") as f:
            got = M.validate(f.read())
        want = [] if defect == "-" else [defect]
        if got != want:
            errors.append("%s: defects %s, manifest says %s" %
                          (name, got, want))
        # a well-formed file may still be refused for a reason outside it
        # (dylinker-self: no dynamic linker is available, ENOENT)
        if (expect in ("RUN", "ENOENT")) != (defect == "-"):
            errors.append("%s: expect %s contradicts defect %s" %
                          (name, expect, defect))
        if not os.access(path, os.X_OK):
            errors.append("%s: not executable" % name)
    return errors, len(rows)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check-outputs.py TEST_BINARIES_DIR")
    top = sys.argv[1]
    failed = False
    for prog in PROGRAMS:
        errors = check_static(os.path.join(top, prog))
        print("%s %s%s" % ("FAIL" if errors else "ok  ", prog,
                           ": " + "; ".join(errors) if errors else ""))
        failed |= bool(errors)
    errors, n = check_fixtures(os.path.join(top, "malformed"))
    for e in errors:
        print("FAIL malformed/%s" % e)
    if not errors:
        print("ok   malformed/: %d fixtures match MANIFEST" % n)
    sys.exit(1 if failed or errors else 0)


if __name__ == "__main__":
    main()
