#!/usr/bin/env python3
"""Differential test of Annals' time model against edtf.js (see README.md).

Runs every string of edtf_js_cases.tsv through Annals (edtf_probe) and through edtf.js (peer.mjs),
prints the acceptance table per EDTF level, and fails when the two disagree on a string that
deliberate_differences.tsv does not list, or when a listed string no longer differs.

Two results agree when both reject, or both accept with the same span: the same first millisecond
and, for dates without a time of day, the same last millisecond. (edtf.js gives a timestamp the span
of one millisecond; Annals gives it the whole unit of its precision, e.g. a second.)

Usage: compare_peer.py EDTF_PROBE TESTS_EDTF_DIR [--report]   (--report: print, never fail)
Exit status: 0 agree, 1 unexpected difference, 77 skipped (node or node_modules missing).
"""
import os
import shutil
import subprocess
import sys


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]


def run(cmd, env=None):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return [l.split("\t") for l in out.splitlines()]


def agree(text, annals, peer):
    if annals[0] != peer[0]:
        return False
    if annals[0] == "reject":
        return True
    if annals[1] != peer[1]:
        return False
    return "T" in text or annals[2] == peer[2]


def main():
    probe, folder = sys.argv[1], sys.argv[2]
    report_only = "--report" in sys.argv[3:]
    node = shutil.which("node")
    if node is None or not os.path.isdir(os.path.join(folder, "node_modules", "edtf")):
        print("SKIP: node or tests/edtf/node_modules missing (run scripts/setup.sh)")
        return 77
    cases_path = os.path.join(folder, "edtf_js_cases.tsv")
    cases = read_tsv(cases_path)
    known = {row[0]: row[1] for row in read_tsv(os.path.join(folder, "deliberate_differences.tsv"))}
    annals = run([probe, cases_path])
    peer = run([node, os.path.join(folder, "peer.mjs"), cases_path], dict(os.environ, TZ="UTC"))
    assert len(annals) == len(cases) == len(peer), "probe, peer and case file disagree in length"

    table = {}
    failures = []
    for (level, _, text), a, p in zip(cases, annals, peer):
        row = table.setdefault(level, [0, 0, 0, 0, 0])
        same = agree(text, a, p)
        row[0] += 1
        row[1] += p[0] == "accept"
        row[2] += a[0] == "accept"
        row[3] += same and a[0] == "accept"
        row[4] += same
        if not same and text not in known:
            failures.append(f"unexpected difference {text!r}: annals {a}, edtf.js {p}")
        if same and text in known:
            failures.append(f"listed difference no longer differs {text!r}: {a}")
    print("level | cases | edtf.js accepts | Annals accepts | both accept, same span | agree")
    for level in sorted(table):
        print("{} | {} | {} | {} | {} | {}".format(level, *table[level]))
    for f in failures:
        print("FAIL:", f)
    return 0 if report_only or not failures else 1


if __name__ == "__main__":
    sys.exit(main())
