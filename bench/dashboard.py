#!/usr/bin/env python3
"""How long the HTML dashboard takes to open and draw (issue 17: under a second).

Usage: python3 bench/dashboard.py [--html PATH] [--units N] [--rows 6700] [--repeat 7] [--exe PATH]

Without --html, writes the samples' report (and its dashboard) into bench/out/ with the
debug build (`--exe` names another). With --units N, the report is of a quarter (Q1 2026) of
`--rows` answers (a quarter of 2024's 26,903) spread over the first N units of the built-in
register, each with a filled self-assessment workbook (`gen_samples bench --units`,
`bench-units --register`), the size issue 17 sets its limit on (73 units). Then opens, in turn, an empty page and the dashboard's
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
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from answers import measure  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))


def quarter(a):
    """Writes the report of a quarter over `a.units` register units; its HTML and one unit."""
    gen = os.path.join(os.path.dirname(os.path.dirname(a.exe)), "debug", "examples", "gen_samples")
    if not os.path.exists(gen):
        subprocess.run(["cargo", "build", "-q", "--example", "gen_samples"], cwd=ROOT, check=True)
        gen = os.path.join(TARGET, "debug", "examples", "gen_samples")
    data = os.path.join(ROOT, "bench", "data", f"dasbor-{a.units}-{a.rows}")
    os.makedirs(data, exist_ok=True)
    csv = os.path.join(data, "jawaban.csv")
    if not os.path.exists(csv):
        subprocess.run([gen, "bench", "--rows", str(a.rows), "--units", str(a.units),
                        "--from", "2026-01-01", "--to", "2026-03-31", "--out", csv],
                       check=True, stdout=subprocess.DEVNULL)
    books = os.path.join(data, "penilaian")
    if not os.path.isdir(books):
        subprocess.run([gen, "bench-units", "--count", str(a.units), "--register", "--out", books],
                       check=True, stdout=subprocess.DEVNULL)
    config = os.path.join(data, "ulpk-eval.toml")
    with open(config, "w") as f:
        f.write(f"""[answers]
files = ["jawaban.csv"]
rubric = "{ROOT}/rubrics/kualitas-jawaban.toml"
[standards]
standard = "{ROOT}/rubrics/standar-minimal-ulpk.toml"
workbooks = ["penilaian"]
as_of = "2026-03-31"
[skm]
files = ["{ROOT}/samples/skm-2026-q1.csv"]
[report]
period = "Triwulan I 2026 ({a.units} unit)"
output = "{ROOT}/bench/out/dasbor-{a.units}/laporan.xlsx"
""")
    subprocess.run([a.exe, "report", "--config", config], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=dict(os.environ, SOURCE_DATE_EPOCH="1775462400"))
    with open(csv, encoding="utf-8") as f:
        first = f.readlines()[1].split(",")[1]
    return os.path.join(ROOT, "bench", "out", f"dasbor-{a.units}", "laporan.html"), first


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--html")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--exe", default=os.path.join(TARGET, "debug", "ulpk-eval"))
    ap.add_argument("--units", type=int)
    ap.add_argument("--rows", type=int, default=6700)
    a = ap.parse_args()
    html = a.html
    unit = "Balai Besar POM di Kupang"
    if html is None and a.units:
        html, unit = quarter(a)
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
                 ("one unit", f"file://{html}#unit={quote(unit)}")]
        times = {name: [] for name, _ in pages}
        for _ in range(a.repeat):
            for name, url in pages:
                times[name].append(measure(browser + [url])[0])
    base = statistics.median(times["empty page"])
    print(f"dashboard: {os.path.getsize(html) / 1024:.0f} KiB ({html}); unit page: {unit}")
    print("| page | median wall s | over the empty page s |")
    print("|---|---:|---:|")
    for name, _ in pages:
        m = statistics.median(times[name])
        print(f"| {name} | {m:.3f} | {m - base:+.3f} |")


if __name__ == "__main__":
    main()
