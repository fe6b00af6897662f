#!/usr/bin/env python3
"""Terminal manners (issue 14), on a pseudo-terminal: the pager, COLUMNS, the progress bar and
the waiting message of `ingest` reading a terminal.

usage: pty_test.py ANNALS_BINARY

The pager is `$PAGER`; here a sed script that marks every line it passes on, so that paged
output is recognisable without an interactive `less`.
"""
import fcntl
import json
import os
import struct
import subprocess
import sys
import tempfile
import termios

PAGER = "sed 's/^/PAGED|/'"


def run_on_pty(args, env, rows=24, cols=100, stdin_tty=False, stdin_text=b""):
    """Runs `args` with stdout and stderr (and stdin if `stdin_tty`) on a new pty; its output."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    proc = subprocess.Popen(args, env=env, stdout=slave, stderr=slave,
                            stdin=slave if stdin_tty else subprocess.DEVNULL,
                            start_new_session=True)
    os.close(slave)
    if stdin_tty:
        os.write(master, stdin_text)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: every slave descriptor is closed
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    proc.wait(timeout=120)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


def expect(condition, what, output=""):
    if not condition:
        print(f"FAILED: {what}\n--- output:\n{output}")
        sys.exit(1)
    print(f"ok: {what}")


def main():
    annals = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory(prefix="annals-pty-") as scratch:
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "PAGER")}
        env.update({"ANNALS_DB": os.path.join(scratch, "db"), "PAGER": PAGER, "LC_ALL": "C.UTF-8"})
        events = os.path.join(scratch, "events.jsonl")
        with open(events, "w") as f:
            for i in range(150000):
                f.write(json.dumps({"id": f"e{i}", "time": f"2024-{1 + i % 12:02d}",
                                    "title": f"event number {i}", "actors": [f"a{i % 50}"],
                                    "recorded": "2024"}) + "\n")
        code, out = run_on_pty([annals, "ingest", events], env)
        expect(code == 0, "ingest on a terminal succeeds", out)
        expect("%" in out and "left" in out and "ingesting:" in out,
               "the progress bar shows percent and time left", out)
        expect("ingested 150,000 events" in out, "the summary follows the bar", out)

        code, out = run_on_pty([annals, "query", "--limit", "3"], env)
        expect(code == 0 and "PAGED|" not in out and out.startswith("ID"),
               "a short table is printed directly", out)
        code, out = run_on_pty([annals, "query", "--limit", "40"], env, rows=24)
        expect(code == 0 and out.count("PAGED|") == 41, "a long table goes through $PAGER", out)
        code, out = run_on_pty([annals, "--no-pager", "query", "--limit", "40"], env)
        expect(code == 0 and "PAGED|" not in out and len(out.splitlines()) == 41,
               "--no-pager prints it directly", out)
        code, out = run_on_pty([annals, "actors", "--limit", "30"], env, rows=10)
        expect(code == 0 and "PAGED|" in out, "actors pages too", out)

        env_cols = dict(env, COLUMNS="50")
        code, out = run_on_pty([annals, "--no-pager", "query", "--limit", "5"], env_cols, cols=120)
        widths = [len(line) for line in out.splitlines()]
        expect(code == 0 and max(widths) <= 50, f"COLUMNS=50 wins over a 120-column terminal "
               f"(widest line {max(widths)})", out)
        code, out = run_on_pty([annals, "--no-pager", "query", "--limit", "5"], env, cols=40)
        expect(code == 0 and max(len(line) for line in out.splitlines()) <= 40,
               "without COLUMNS the terminal's width is used", out)

        code, out = run_on_pty([annals, "ingest"], env, stdin_tty=True, stdin_text=b"\x04")
        expect(code == 0 and "waiting for NDJSON records on stdin" in out,
               "ingest reading a terminal says it is waiting", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
