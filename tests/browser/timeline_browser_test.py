#!/usr/bin/env python3
"""Opens `annals timeline` pages in headless Chromium and checks what they draw (spec/TIMELINE.md).

Usage: timeline_browser_test.py ANNALS_BINARY

For each case it writes a page with `annals timeline FILTERS`, dumps the DOM after the scripts
ran, and asserts: no console output, no network request (Chromium's net log, with every host
made unresolvable), as many distinct data-event-id values as `annals query --count FILTERS`,
the stored time labels of an open-ended and a month-precision event, and the expected lanes.
A negative control page proves that console output and network requests are detected.
Exits 77 (ctest: skipped) with a message when no Chromium is installed.
"""
import html.parser
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP = 77
SEED = 20261129


def chromium_binary():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Dom(html.parser.HTMLParser):
    """Elements carrying data-event-id (with their text) and data-lane, and the page data."""

    def __init__(self):
        super().__init__()
        self.items = []  # dicts: id, title, aria, text
        self.lanes = []
        self.data_text = None
        self._open = []  # stack of (tag, item or None)
        self._in_data = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        item = None
        if "data-event-id" in a:
            item = {"id": a["data-event-id"], "title": a.get("title", ""),
                    "aria": a.get("aria-label", ""), "text": ""}
            self.items.append(item)
        if "data-lane" in a:
            self.lanes.append(a["data-lane"])
        if tag == "script" and a.get("id") == "annals-data":
            self._in_data = True
            self.data_text = ""
        if tag not in ("br", "img", "meta", "link", "input", "hr"):
            self._open.append((tag, item))

    def handle_endtag(self, tag):
        self._in_data = False
        while self._open:
            t, _ = self._open.pop()
            if t == tag:
                break

    def handle_data(self, data):
        if self._in_data:
            self.data_text += data
        for _, item in self._open:
            if item is not None:
                item["text"] += data


class Browser:
    def __init__(self, binary, scratch):
        self.binary = binary
        self.scratch = scratch
        self.runs = 0

    def open(self, page):
        """Returns (dom text, console lines, page network requests) for a page on disk."""
        self.runs += 1
        profile = os.path.join(self.scratch, "profile-%d" % self.runs)
        netlog = os.path.join(self.scratch, "net-%d.json" % self.runs)
        cmd = [self.binary, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,800",
               "--virtual-time-budget=5000", "--enable-logging=stderr", "--v=0",
               "--host-resolver-rules=MAP * ~NOTFOUND", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run",
               "--user-data-dir=" + profile, "--log-net-log=" + netlog, "--dump-dom",
               "file://" + os.path.abspath(page)]
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if run.returncode != 0:
            raise AssertionError("chromium failed (%d): %s" % (run.returncode, run.stderr[-2000:]))
        console = [l for l in run.stderr.splitlines() if ":CONSOLE" in l]
        return run.stdout, console, page_requests(netlog)


def page_requests(netlog):
    """URLs the page (a file:// document) asked the network for; Chromium's own are ignored."""
    with open(netlog) as f:
        text = f.read()
    if not text.rstrip().endswith("}"):  # a net log cut short lacks its closing brackets
        text = text.rstrip().rstrip(",") + "]}"
    log = json.loads(text)
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    urls = []
    for event in log["events"]:
        params = event.get("params", {})
        if names.get(event["type"]) == "URL_REQUEST_START_JOB" and \
                "file://" in params.get("network_isolation_key", ""):
            urls.append(params.get("url"))
    return urls


def annals(binary, db, *args):
    run = subprocess.run([binary, "--db", db] + list(args), capture_output=True, text=True)
    if run.returncode != 0:
        raise AssertionError("annals %s failed (%d): %s" % (" ".join(args), run.returncode,
                                                            run.stderr))
    return run.stdout


def check_control(browser, scratch):
    """A page that logs and fetches must be caught, or the checks below prove nothing."""
    page = os.path.join(scratch, "control.html")
    with open(page, "w") as f:
        f.write('<!DOCTYPE html><img src="http://example.com/x.png">'
                '<script>console.error("control")</script>')
    _, console, requests = browser.open(page)
    assert console, "the negative control's console message was not seen"
    assert requests, "the negative control's network request was not seen"


def check_case(browser, binary, db, scratch, name, filters, expect, options=()):
    """`filters` go to both timeline and query, `options` to timeline only."""
    page = os.path.join(scratch, name + ".html")
    annals(binary, db, "timeline", *filters, *options, "-o", page)
    count = int(annals(binary, db, "query", *filters, "--count").strip())
    dom_text, console, requests = browser.open(page)
    dom = Dom()
    dom.feed(dom_text)
    where = "case %s (%s)" % (name, " ".join(filters))
    assert not console, "%s: console output: %s" % (where, console)
    assert not requests, "%s: network requests: %s" % (where, requests)
    ids = {item["id"] for item in dom.items}
    assert len(ids) == count, "%s: %d distinct data-event-id, query --count says %d" % (
        where, len(ids), count)
    for item in dom.items:
        assert item["text"].startswith(item["title"]) and item["title"], \
            "%s: item %s: text %r does not start with its time %r" % (
                where, item["id"], item["text"], item["title"])
    for event_id, label, words in expect.get("labels", []):
        shown = [i for i in dom.items if i["id"] == event_id]
        assert shown, "%s: event %s not drawn" % (where, event_id)
        for item in shown:
            assert item["title"] == label, "%s: %s: title %r != %r" % (
                where, event_id, item["title"], label)
            assert label in item["aria"] and words in item["text"], \
                "%s: %s: label %r / %r lacks %r" % (where, event_id, item["aria"], item["text"],
                                                    words)
    if "lanes" in expect:
        assert dom.lanes == expect["lanes"], "%s: lanes %s, expected %s" % (
            where, dom.lanes, expect["lanes"])
    if "lane_count" in expect:
        assert len(dom.lanes) == expect["lane_count"], "%s: %d lanes: %s" % (
            where, len(dom.lanes), dom.lanes)
    data = json.loads(dom.data_text)
    per_lane = {}
    for item in dom.items:
        per_lane.setdefault(item["id"], 0)
        per_lane[item["id"]] += 1
    for event in data["events"]:
        drawn = per_lane.get(event["id"], 0)
        want = 1 if data["group"] == "none" else len(event["lanes"])
        assert drawn == want, "%s: %s drawn %d times, in %d lanes" % (where, event["id"], drawn,
                                                                       want)
    print("ok   %-10s %3d events, %3d items, lanes %s" % (name, count, len(dom.items), dom.lanes))


def crowded_db(binary, scratch):
    """400 events of one week in 8 lanes, far more than fit on the screen: every one must be drawn,
    not only those in view (vis-timeline skips lanes outside its viewport: regression test)."""
    rng = random.Random(SEED)
    print("crowded database: seed %d" % SEED)
    path = os.path.join(scratch, "crowd.jsonl")
    with open(path, "w") as f:
        for i in range(400):
            day = rng.randint(1, 7)
            hour = rng.randint(0, 23)
            f.write(json.dumps({"id": "c%03d" % i, "time": "2024-10-%02dT%02d:00Z" % (day, hour),
                                "type": "crowd-%d" % (i % 8), "title": "Crowd event %d" % i,
                                "actors": ["Crowd"]}) + "\n")
        f.write(json.dumps({"id": "c-month", "time": "2024-10", "type": "crowd-7",
                            "title": "The month", "actors": ["Crowd"]}) + "\n")
    db = os.path.join(scratch, "crowd.db")
    annals(binary, db, "ingest", path)
    return db


def bce_db(binary, scratch):
    """Years before year 1 (regression test: the view used to be clamped to year 0000, so BCE
    events were never drawn)."""
    path = os.path.join(scratch, "bce.jsonl")
    with open(path, "w") as f:
        for event in [{"id": "ides", "time": "-0043-03-15", "title": "Ides of March"},
                      {"id": "augustus", "time": "-0062-09-23/0014-08-19", "title": "Augustus"},
                      {"id": "troy", "time": "-1183~", "title": "Fall of Troy"},
                      {"id": "forties", "time": "-004X", "title": "The 40s BCE"}]:
            f.write(json.dumps(event) + "\n")
    db = os.path.join(scratch, "bce.db")
    annals(binary, db, "ingest", path)
    return db


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    chromium = chromium_binary()
    if chromium is None:
        print("SKIP: no chromium on PATH (install Debian's `chromium`; scripts/setup.sh does)")
        return SKIP
    scratch = tempfile.mkdtemp(prefix="annals-browser-")
    try:
        browser = Browser(chromium, scratch)
        check_control(browser, scratch)
        db = os.path.join(scratch, "db")
        annals(binary, db, "ingest", os.path.join(HERE, "events.jsonl"))
        open_label = ("war-ongoing", "2022-02-24/..", "since 2022-02-24, ongoing")
        open_start = ("union-until", "../1991-12", "until 1991-12")
        month = ("october-statement", "2024-10", "2024-10")
        check_case(browser, binary, db, scratch, "all", [], {
            "labels": [open_label, open_start, month,
                       ("june-approx", "2024-06~", "2024-06~"),
                       ("election-minute", "2024-11-05T14:00Z", "Polls open")],
            "lanes": ["election", "report", "statement", "summit", "war", "meeting", "state",
                      "term", "other"]})
        check_case(browser, binary, db, scratch, "nato", ["--actor", "NATO", "--from", "2024-01",
                                                          "--to", "2024-12"], {
            "labels": [month], "lane_count": 12})
        check_case(browser, binary, db, scratch, "russia", ["--any-actor", "russia"], {
            "labels": [open_label], "lanes": ["report", "war"]}, ["--group", "type"])
        check_case(browser, binary, db, scratch, "none", ["--from", "2020", "--limit", "5"], {
            "labels": [open_label], "lanes": []}, ["--group", "none"])
        check_case(browser, binary, crowded_db(binary, scratch), scratch, "crowd", [], {
            "labels": [("c-month", "2024-10", "The month")],
            "lanes": ["crowd-7"] + ["crowd-%d" % k for k in range(7)]})
        check_case(browser, binary, bce_db(binary, scratch), scratch, "bce", [], {
            "labels": [("ides", "-0043-03-15", "Ides of March"),
                       ("troy", "-1183~", "Fall of Troy"), ("forties", "-004X", "The 40s BCE")]})
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
