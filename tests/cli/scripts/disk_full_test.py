#!/usr/bin/env python3
"""A disk that fills during ingest (issue 14): a clean error, nothing lost, and recovery.

usage: disk_full_test.py ANNALS_BINARY

Mounts a 4 MiB tmpfs (needs root; otherwise prints why and exits 77, which ctest reports as
skipped), ingests more than fits, and checks: exit 1 with "no space left on device" and the
database path (no abort: RocksDB's `sync_without_flush_called_` assertion), `check` passes on
what was committed, a second ingest on the full disk fails the same clean way, and after the
file system grows the same ingest completes; then, read-only, ingest exits 1 with a plain message.
"""
import json
import os
import random
import subprocess
import sys
import tempfile

SKIP = 77
SEED = 14


def run(*args):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=300)


def write_events(path, n):
    rng = random.Random(SEED)
    print(f"seed {SEED}")
    with open(path, "w") as f:
        for i in range(n):
            title = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(200))
            f.write(json.dumps({"id": f"e{i}", "time": f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}",
                                "title": title, "recorded": "2024",
                                "actors": [f"actor{rng.randint(0, 3000)}"]}) + "\n")


def expect(condition, what, result=None):
    if not condition:
        print(f"FAILED: {what}")
        if result is not None:
            print(f"exit {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}")
        sys.exit(1)
    print(f"ok: {what}")


def main():
    annals = os.path.abspath(sys.argv[1])
    if os.geteuid() != 0:
        print("skipped: mounting a small tmpfs needs root (CI runs as root)")
        return SKIP
    with tempfile.TemporaryDirectory(prefix="annals-disk-full-") as scratch:
        mnt = os.path.join(scratch, "mnt")
        os.mkdir(mnt)
        mounted = run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mnt)
        if mounted.returncode != 0:
            print(f"skipped: cannot mount a tmpfs here: {mounted.stderr.strip()}")
            return SKIP
        try:
            return scenario(annals, scratch, mnt)
        finally:
            run("umount", mnt)


def scenario(annals, scratch, mnt):
    events = os.path.join(scratch, "events.jsonl")
    write_events(events, 40000)  # about 10 MiB: more than the 4 MiB file system holds
    db = os.path.join(mnt, "db")
    first = run(annals, "--db", db, "ingest", events)
    expect(first.returncode == 1, "a full disk exits 1 (no abort)", first)
    expect("no space left on device" in first.stderr and db in first.stderr,
           "the message says no space left and names the database", first)
    checked = run(annals, "--db", db, "check")
    expect(checked.returncode == 0 and checked.stdout.endswith(": ok\n"), "check passes", checked)
    before = int(run(annals, "--db", db, "query", "--count").stdout)
    expect(before % 5000 == 0, f"whole batches committed ({before} events)")
    again = run(annals, "--db", db, "ingest", events)
    expect(again.returncode == 1 and "no space left on device" in again.stderr,
           "ingest on the still-full disk fails cleanly again", again)
    synced = run(annals, "--db", db, "ingest", "--sync", events)  # no fsync of the failed log
    expect(synced.returncode == 1 and "no space left on device" in synced.stderr,
           "ingest --sync on the full disk fails cleanly too", synced)
    expect(run("mount", "-o", "remount,size=256m", mnt).returncode == 0, "space freed")
    last = run(annals, "--db", db, "ingest", events)
    expect(last.returncode == 0, "ingest after freeing space works", last)
    after = int(run(annals, "--db", db, "query", "--count").stdout)
    expect(after == 40000, f"every event stored after freeing space ({after})")
    checked = run(annals, "--db", db, "check")
    expect(checked.returncode == 0, "check passes at the end", checked)
    # A read-only file system is the environment's error too: exit 1, a plain message.
    expect(run("mount", "-o", "remount,ro", mnt).returncode == 0, "file system made read-only")
    ro = run(annals, "--db", db, "ingest", events)
    expect(ro.returncode == 1 and f"{db}: read-only file system" in ro.stderr,
           "ingest on a read-only file system exits 1 and says so", ro)
    small = os.path.join(scratch, "small.jsonl")
    with open(small, "w") as f:
        f.write('{"id":"x","time":"2024","recorded":"2024"}\n')
    local = os.path.join(scratch, "local.db")
    expect(run(annals, "--db", local, "ingest", small).returncode == 0, "a local database")
    backup = run(annals, "--db", local, "backup", os.path.join(mnt, "bk"))
    expect(backup.returncode == 1 and "read-only file system" in backup.stderr
           and ".tmp" not in backup.stderr, "backup to a read-only file system: exit 1, plain",
           backup)
    return 0


if __name__ == "__main__":
    sys.exit(main())
