#!/usr/bin/env python3
"""Benchmarks of ulpk-eval, each beside its baselines measured in the same run.

Usage: python3 bench/answers.py [--rows 1000000] [--xlsx-rows 100000] [--units 73]
                                [--repeat 3] [--only csv,parquet,xlsx,units,report,big]
                                [--previous PATH-TO-EARLIER-ulpk-eval]

Builds the release binaries, generates the deterministic inputs once into bench/data/
(answers CSV via `gen_samples bench`, the same as Parquet via `bench_read --to-parquet`, an
XLSX export, filled self-assessment workbooks via `gen_samples bench-units`; with `big`, ten
copies of the Parquet file with their ids made distinct via `bench_read --replicate`, the
10M-row streaming run, not in the default set), then times every
command `--repeat` times: the fastest wall time and the largest peak resident memory
(ru_maxrss of the child, via wait4). Baselines: polars' bare read of the same file, calamine's
bare read of the same workbooks (`examples/bench_read.rs`), and the pandas + openpyxl route
(`bench/pandas_route.py`). Prints one Markdown table.
"""
import argparse
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REL = os.path.join(ROOT, "target", "release")


def run(cmd, **kw):
    subprocess.run(cmd, cwd=ROOT, check=True, **kw)


def measure(cmd):
    """Runs cmd, returns (seconds, peak RSS in MiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss / 1024.0


def mib(path):
    if os.path.isdir(path):
        return sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path)) / 2**20
    return os.path.getsize(path) / 2**20


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--xlsx-rows", type=int, default=100_000)
    ap.add_argument("--units", type=int, default=73)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", default="csv,parquet,xlsx,units,report")
    ap.add_argument("--previous", default=None,
                    help="an earlier ulpk-eval binary whose `summary` is timed beside this one's "
                         "on the CSV (e.g. the last release, built from its tag)")
    ap.add_argument("--big-copies", type=int, default=10,
                    help="copies of the Parquet file in the streaming run (--only big)")
    args = ap.parse_args()
    only = set(args.only.split(","))

    run(["cargo", "build", "--release", "--bin", "ulpk-eval",
         "--example", "bench_read", "--example", "gen_samples"])
    data = os.path.join(ROOT, "bench", "data")
    out = os.path.join(ROOT, "bench", "out")
    os.makedirs(data, exist_ok=True)
    os.makedirs(out, exist_ok=True)
    gen = os.path.join(REL, "examples", "gen_samples")
    read = os.path.join(REL, "examples", "bench_read")
    exe = os.path.join(REL, "ulpk-eval")
    py = sys.executable
    pandas = os.path.join(ROOT, "bench", "pandas_route.py")

    csv = os.path.join(data, f"answers-{args.rows}.csv")
    if not os.path.exists(csv):
        run([gen, "bench", "--rows", str(args.rows), "--out", csv])
    parquet = os.path.join(data, f"answers-{args.rows}.parquet")
    if "parquet" in only and not os.path.exists(parquet):
        run([read, "--to-parquet", csv, parquet])
    big = os.path.join(data, f"answers-{args.rows * args.big_copies}.parquet")
    if "big" in only and not os.path.exists(big):
        if not os.path.exists(parquet):
            run([read, "--to-parquet", csv, parquet])
        run([read, "--replicate", parquet, str(args.big_copies), big])
    xlsx = os.path.join(data, f"answers-{args.xlsx_rows}.xlsx")
    if "xlsx" in only and not os.path.exists(xlsx):
        run([gen, "bench", "--rows", str(args.xlsx_rows), "--format", "xlsx", "--out", xlsx])
    units = os.path.join(data, f"penilaian-{args.units}")
    if ({"units", "report"} & only) and not os.path.isdir(units):
        run([gen, "bench-units", "--count", str(args.units), "--out", units])
    config = os.path.join(data, "ulpk-eval-bench.toml")
    with open(config, "w") as f:
        f.write(f"""[answers]
files = ["{os.path.basename(csv)}"]
rubric = "../../rubrics/kualitas-jawaban.toml"
[standards]
standard = "../../rubrics/standar-minimal-ulpk.toml"
workbooks = ["{os.path.basename(units)}"]
as_of = "2026-03-31"
[skm]
files = ["../../samples/skm-2026-q1.csv"]
[report]
period = "Benchmark"
output = "../out/laporan-bench.xlsx"
charts = "../out/grafik"
""")
    std = os.path.join(ROOT, "rubrics", "standar-minimal-ulpk.toml")

    groups = []
    if "csv" in only:
        groups.append((f"{args.rows:,} answers, CSV {mib(csv):,.0f} MiB", mib(csv), [
            ("polars bare read (baseline)", [read, csv]),
            ("ulpk-eval summary (score + 6 aggregations)",
             [exe, "summary", csv, "-o", os.path.join(out, "summary.csv")]),
        ] + ([
            (f"previous ulpk-eval summary ({args.previous})",
             [args.previous, "summary", csv, "-o", os.path.join(out, "summary-prev.csv")]),
        ] if args.previous else []) + [
            ("ulpk-eval score -o parquet --summary csv",
             [exe, "score", csv, "-o", os.path.join(out, "scored.parquet"),
              "--summary", os.path.join(out, "summary.csv")]),
            ("pandas route (baseline)", [py, pandas, csv, os.path.join(out, "pandas.csv")]),
        ]))
    if "parquet" in only:
        groups.append((f"{args.rows:,} answers, Parquet {mib(parquet):,.0f} MiB", mib(parquet), [
            ("polars bare read (baseline)", [read, parquet]),
            ("ulpk-eval summary", [exe, "summary", parquet, "-o", os.path.join(out, "summary-pq.csv")]),
        ]))
    if "big" in only:
        rows = args.rows * args.big_copies
        groups.append((f"{rows:,} answers, Parquet {mib(big):,.0f} MiB (streaming)", mib(big), [
            ("polars bare read (baseline)", [read, big]),
            ("ulpk-eval summary", [exe, "summary", big, "-o", os.path.join(out, "summary-big.csv")]),
            ("ulpk-eval score -o parquet", [exe, "score", big, "-o",
                                            os.path.join(out, "scored-big.parquet")]),
        ]))
    if "xlsx" in only:
        groups.append((f"{args.xlsx_rows:,} answers, XLSX {mib(xlsx):,.0f} MiB", mib(xlsx), [
            ("calamine bare read (baseline)", [read, xlsx]),
            ("ulpk-eval summary", [exe, "summary", xlsx, "-o", os.path.join(out, "summary-x.csv")]),
            ("pandas + openpyxl route (baseline)",
             [py, pandas, xlsx, os.path.join(out, "pandas-x.csv")]),
        ]))
    if "units" in only:
        groups.append((f"{args.units} filled self-assessment workbooks, {mib(units):,.1f} MiB",
                       mib(units), [
            ("calamine bare read (baseline)", [read, units]),
            ("ulpk-eval assess", [exe, "assess", "--standard", std, units, "--as-of",
                                  "2026-03-31", "-o", os.path.join(out, "assess.csv")]),
        ]))
    if "report" in only:
        groups.append((f"full report: {args.rows:,} answers + {args.units} workbooks + SKM",
                       mib(csv), [
            ("polars bare read of the CSV (baseline)", [read, csv]),
            ("ulpk-eval report (workbook with 1M detail rows, 4 charts)",
             [exe, "report", "--config", config]),
        ]))

    print(f"\n{os.cpu_count()} cores; best of {args.repeat}; peak RSS of the process\n")
    print("| input | run | wall (s) | × first baseline | peak RSS (MiB) | RSS / input size |")
    print("|---|---|---:|---:|---:|---:|")
    for title, size, cases in groups:
        base = None
        for name, cmd in cases:
            runs = [measure(cmd) for _ in range(args.repeat)]
            secs, rss = min(r[0] for r in runs), max(r[1] for r in runs)
            base = base or secs
            print(f"| {title} | {name} | {secs:.2f} | {secs / base:.2f} | {rss:,.0f} | "
                  f"{rss / size:.2f} |", flush=True)


if __name__ == "__main__":
    main()
