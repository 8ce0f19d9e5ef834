#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Count the leaf cases of the guest's KTAP document.

usage: ktap-count.py RESULTS.log            -> "PASSED FAILED SKIPPED"
       ktap-count.py --failures RESULTS.log -> failing cases + their output

A leaf is a result line ("ok N name", "not ok N name") with no results
nested under it: a KUnit case, a parameter of a parameterised case, or an
integration test. Suite lines are not counted (their cases are). A case's
diagnostics are the "# ..." lines at its own indentation before it.
Structural problems (a plan that does not match the results) are printed
on stderr: the caller counts them as failures.

kunit.py parse does much of this, but prints no machine-readable counts
and drops integration output; this stays small and exact for our format.
"""
import re
import sys

RESULT = re.compile(r"^(\s*)(not ok|ok) (\d+)(?: (?:- )?([^#]*?))?\s*(?:#\s*(.*))?$")
PLAN = re.compile(r"^(\s*)1\.\.(\d+)")
DIAG = re.compile(r"^(\s*)# ?(.*)$")


def parse(lines):
    cases = []      # (path, status, diagnostics)
    problems = []
    child_seen = {}  # indent -> results seen deeper since last result here
    diags = {}       # indent -> diagnostics since last result here
    names = {}       # indent -> name of the suite being run at that depth
    plans = {}       # indent -> (planned, seen)
    for line in lines:
        line = line.rstrip("\n")
        m = RESULT.match(line)
        if m:
            ind = len(m.group(1).expandtabs())
            ok = m.group(2) == "ok"
            name = (m.group(4) or "").strip()
            directive = (m.group(5) or "").strip()
            skip = directive.upper().startswith("SKIP")
            if ind in plans:
                planned, seen = plans[ind]
                plans[ind] = (planned, seen + 1)
            if not child_seen.get(ind):
                path = [names[i] for i in sorted(names) if i <= ind] + [name]
                status = "skip" if ok and skip else "pass" if ok else "fail"
                cases.append(("/".join(path), status, directive,
                              diags.get(ind, [])))
            else:
                # a suite closes: check its plan
                sub = ind + 4
                if sub in plans and plans[sub][0] != plans[sub][1]:
                    problems.append("%s: planned %d cases, got %d" %
                                    (name, plans[sub][0], plans[sub][1]))
                for d in [d for d in plans if d > ind]:
                    del plans[d]
            child_seen[ind] = False
            diags[ind] = []
            for i in [i for i in names if i > ind]:
                del names[i]
            for i in range(0, ind, 4):
                child_seen[i] = True
            continue
        m = PLAN.match(line)
        if m:
            plans[len(m.group(1))] = (int(m.group(2)), 0)
            continue
        m = DIAG.match(line)
        if m:
            ind = len(m.group(1).expandtabs())
            text = m.group(2)
            if text.startswith("Subtest: "):
                names[ind] = text[len("Subtest: "):].strip()
                child_seen[ind] = False
                diags[ind] = []
            else:
                diags.setdefault(ind, []).append(text)
    if 0 in plans and plans[0][0] != plans[0][1]:
        problems.append("document planned %d suites, got %d" % plans[0])
    return cases, problems


def main():
    args = sys.argv[1:]
    failures = args and args[0] == "--failures"
    if failures:
        args = args[1:]
    try:
        with open(args[0], errors="replace") as f:
            cases, problems = parse(f)
    except OSError as e:
        print("cannot read results: %s" % e, file=sys.stderr)
        print("0 0 0")
        return
    if failures:
        for path, status, directive, diag in cases:
            if status != "fail":
                continue
            print("  FAIL %s%s" % (path, " # " + directive if directive else ""))
            for d in diag[-40:]:
                print("      " + d)
        return
    for p in problems:
        print(p, file=sys.stderr)
    count = {s: sum(1 for c in cases if c[1] == s)
             for s in ("pass", "fail", "skip")}
    print(count["pass"], count["fail"], count["skip"])


if __name__ == "__main__":
    main()
