#!/usr/bin/env python3
"""Runs one CLI end-to-end case (see README.md) and compares its output with the expectations.

usage: run_case.py ANNALS_BINARY CASE_DIR [--update]

--update rewrites the case's `stdout`, `stderr` and `exit` files from this run (review the diff!).
"""
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT_SECONDS = 120


def glob_line_matches(pattern, line):
    """`*` in an expected stderr line matches any run of characters; the rest is literal."""
    regex = ".*".join(re.escape(part) for part in pattern.split("*"))
    return re.fullmatch(regex, line) is not None


def stderr_matches(expected, actual):
    exp_lines = expected.splitlines()
    act_lines = actual.splitlines()
    if len(exp_lines) != len(act_lines):
        return False
    return all(glob_line_matches(e, a) for e, a in zip(exp_lines, act_lines))


def read(path, default=None):
    if not os.path.exists(path):
        return default
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def show_diff(what, expected, actual):
    print(f"--- {what} differs:")
    sys.stdout.writelines(difflib.unified_diff(
        expected.splitlines(keepends=True), actual.splitlines(keepends=True),
        "expected", "actual"))
    print()


def run(binary, case_dir, scratch):
    work = os.path.join(scratch, "work")
    shutil.copytree(case_dir, work)
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "ANNALS_DB")}
    env.update({
        "PATH": os.pathsep.join([os.path.dirname(os.path.abspath(binary)),
                                 os.path.join(HERE, "bin"), env.get("PATH", "/usr/bin:/bin")]),
        "ANNALS_DB": os.path.join(scratch, "db"),
        "FIXTURES": os.path.join(HERE, "fixtures"),
        "ANNALS_EXAMPLES": env.get("ANNALS_EXAMPLES",
                                   os.path.join(os.path.dirname(os.path.dirname(HERE)), "examples")),
        "SCRATCH": scratch,
        "TMPDIR": scratch,
        "LC_ALL": "C.UTF-8",
    })
    return subprocess.run(["bash", "cmd"], cwd=work, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=TIMEOUT_SECONDS)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, case_dir = sys.argv[1], os.path.abspath(sys.argv[2])
    update = "--update" in sys.argv[3:]
    with tempfile.TemporaryDirectory(prefix="annals-cli-") as scratch:
        result = run(binary, case_dir, scratch)
    stdout = result.stdout.decode("utf-8", "replace")
    stderr = result.stderr.decode("utf-8", "replace")
    if update:
        with open(os.path.join(case_dir, "stdout"), "w", encoding="utf-8") as f:
            f.write(stdout)
        with open(os.path.join(case_dir, "stderr"), "w", encoding="utf-8") as f:
            f.write(stderr)
        with open(os.path.join(case_dir, "exit"), "w") as f:
            f.write(f"{result.returncode}\n")
        return 0
    ok = True
    expected_exit = int(read(os.path.join(case_dir, "exit"), "0").strip())
    if result.returncode != expected_exit:
        print(f"--- exit code: expected {expected_exit}, got {result.returncode}")
        ok = False
    expected_stdout = read(os.path.join(case_dir, "stdout"), "")
    if stdout != expected_stdout:
        show_diff("stdout", expected_stdout, stdout)
        ok = False
    expected_stderr = read(os.path.join(case_dir, "stderr"))
    if expected_stderr is not None and not stderr_matches(expected_stderr, stderr):
        show_diff("stderr (lines may use * as a wildcard)", expected_stderr, stderr)
        ok = False
    if not ok:
        print("--- actual stderr:\n" + stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
