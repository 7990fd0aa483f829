#!/usr/bin/env python3
"""How long the HTML dashboard takes to open and draw (issue 17: under a second).

Usage: python3 bench/dashboard.py [--html PATH] [--repeat 7] [--exe PATH]

Without --html, writes the samples' report (and its dashboard) into bench/out/ with the
debug build (`--exe` names another). Then opens, in turn, an empty page and the dashboard's
overview and one unit's page in headless Chromium (`--dump-dom`, which returns once the page
has loaded and its script has run), `--repeat` times each, and prints the median wall times
and the dashboard's cost over the empty page: what the file adds to opening a browser.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from answers import measure  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--html")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--exe", default=os.path.join(TARGET, "debug", "ulpk-eval"))
    a = ap.parse_args()
    html = a.html
    if html is None:
        out = os.path.join(ROOT, "bench", "out", "dasbor", "laporan.xlsx")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        subprocess.run([a.exe, "report", "-o", out], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=dict(os.environ, SOURCE_DATE_EPOCH="1775462400"))
        html = out[:-len(".xlsx")] + ".html"
    html = os.path.abspath(html)
    with tempfile.TemporaryDirectory() as tmp:
        blank = os.path.join(tmp, "blank.html")
        with open(blank, "w") as f:
            f.write("<!DOCTYPE html><html><body>x</body></html>")
        browser = ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                   f"--user-data-dir={tmp}/profile", "--disable-background-networking",
                   "--disable-component-update", "--dump-dom"]
        pages = [("empty page", f"file://{blank}"),
                 ("overview", f"file://{html}#view=overview"),
                 ("one unit", f"file://{html}#unit=Balai%20Besar%20POM%20di%20Kupang")]
        times = {name: [] for name, _ in pages}
        for _ in range(a.repeat):
            for name, url in pages:
                times[name].append(measure(browser + [url])[0])
    base = statistics.median(times["empty page"])
    print(f"dashboard: {os.path.getsize(html) / 1024:.0f} KiB ({html})")
    print("| page | median wall s | over the empty page s |")
    print("|---|---:|---:|")
    for name, _ in pages:
        m = statistics.median(times[name])
        print(f"| {name} | {m:.3f} | {m - base:+.3f} |")


if __name__ == "__main__":
    main()
