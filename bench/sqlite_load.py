#!/usr/bin/env python3
"""Loads an NDJSON timeline into SQLite with the macro benchmark's schema (bench/sqlite_runner.cc:
events, event_actors, their three indexes), to compare disk use on data that did not come from
the generator, such as `annals export` of real GDELT or ICEWS files.

The indexes are built after the rows, as the `sqlite3` shell does when it loads a `.dump`: that
packs their pages full, SQLite's smallest form. Record text is stored as given (one line each).

Usage: bench/sqlite_load.py TIMELINE.jsonl OUT.sqlite
Times: YYYY, YYYY-MM, YYYY-MM-DD and YYYY-MM-DDTHH:MM:SSZ (what the real samples use); any
other form stops the load naming its line.
"""
import calendar
import datetime
import json
import os
import sqlite3
import sys


def span_us(text, where):
    """Start and end (exclusive) of a time, in microseconds since the epoch, UTC."""
    def us(y, m=1, d=1, hh=0, mm=0, ss=0):
        return calendar.timegm((y, m, d, hh, mm, ss)) * 1000000

    try:
        if len(text) == 4:
            y = int(text)
            return us(y), us(y + 1)
        if len(text) == 7:
            y, m = int(text[:4]), int(text[5:7])
            return us(y, m), us(y + (m == 12), m % 12 + 1)
        if len(text) == 10:
            start = us(int(text[:4]), int(text[5:7]), int(text[8:10]))
            return start, start + 86400 * 1000000
        if len(text) == 20 and text.endswith("Z"):
            t = datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
            start = us(t.year, t.month, t.day, t.hour, t.minute, t.second)
            return start, start + 1000000
    except ValueError:
        pass
    sys.exit(f"sqlite_load: {where}: time {text!r} is not a form this loader reads")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, out = sys.argv[1], sys.argv[2]
    if os.path.exists(out):
        sys.exit(f"sqlite_load: {out} exists")
    db = sqlite3.connect(out)
    db.executescript(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
        "CREATE TABLE events(id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL UNIQUE, "
        "start_us INTEGER NOT NULL, end_us INTEGER NOT NULL, type TEXT, title TEXT, "
        "record TEXT NOT NULL);"
        "CREATE TABLE event_actors(event_id INTEGER NOT NULL, actor TEXT NOT NULL COLLATE NOCASE, "
        "start_us INTEGER NOT NULL, end_us INTEGER NOT NULL, PRIMARY KEY(event_id, actor)) "
        "WITHOUT ROWID;")
    rows = 0
    with open(source, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line:
                continue
            e = json.loads(line)
            start, end = span_us(e["time"], f"{source}:{number}")
            cur = db.execute(
                "INSERT INTO events(ext_id, start_us, end_us, type, title, record) "
                "VALUES(?, ?, ?, ?, ?, ?)",
                (e["id"], start, end, e.get("type"), e.get("title"), line))
            for a in e.get("actors", []):
                name = a["name"] if isinstance(a, dict) else a
                db.execute("INSERT OR IGNORE INTO event_actors VALUES(?, ?, ?, ?)",
                           (cur.lastrowid, name, start, end))
            rows += 1
    db.executescript(
        "CREATE INDEX event_actors_by_actor ON event_actors(actor, start_us, end_us);"
        "CREATE INDEX events_by_start ON events(start_us, end_us);"
        "CREATE INDEX events_by_type ON events(type, start_us, end_us);"
        "ANALYZE;")
    db.commit()
    db.execute("VACUUM")
    db.close()
    print(f"{rows} events, {os.path.getsize(out)} bytes, {os.path.getsize(out) / rows:.1f} per event")


if __name__ == "__main__":
    main()
