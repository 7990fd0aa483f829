#!/usr/bin/env python3
"""Benchmark: score + summary of generated answers, beside polars' bare read of the file.

Usage: python3 bench/answers.py [--rows 1000000] [--repeat 3]

Builds the release binaries, generates `bench/data/answers-<rows>.csv` once (deterministic,
seed fixed), then times each command `--repeat` times and reports the fastest wall time and
the largest peak resident memory (ru_maxrss of the child, via wait4). Prints a Markdown table.
"""
import argparse
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    run(["cargo", "build", "--release", "--bin", "ulpk-eval",
         "--example", "bench_read", "--example", "gen_samples"])
    data = os.path.join(ROOT, "bench", "data")
    out = os.path.join(ROOT, "bench", "out")
    os.makedirs(data, exist_ok=True)
    os.makedirs(out, exist_ok=True)
    csv = os.path.join(data, f"answers-{args.rows}.csv")
    if not os.path.exists(csv):
        run([os.path.join(ROOT, "target/release/examples/gen_samples"), "bench",
             "--rows", str(args.rows), "--out", csv])
    size_mib = os.path.getsize(csv) / 1024 / 1024

    exe = os.path.join(ROOT, "target/release/ulpk-eval")
    cases = [
        ("polars bare read (baseline)",
         [os.path.join(ROOT, "target/release/examples/bench_read"), csv]),
        ("ulpk-eval summary (score + aggregate, 6 dimensions)",
         [exe, "summary", csv, "-o", os.path.join(out, "summary.csv")]),
        ("ulpk-eval score -o parquet --summary csv",
         [exe, "score", csv, "-o", os.path.join(out, "scored.parquet"),
          "--summary", os.path.join(out, "summary.csv")]),
    ]
    results = []
    for name, cmd in cases:
        runs = [measure(cmd) for _ in range(args.repeat)]
        results.append((name, min(r[0] for r in runs), max(r[1] for r in runs)))

    base = results[0][1]
    print(f"\nInput: {args.rows:,} answers, CSV {size_mib:,.0f} MiB; "
          f"{os.cpu_count()} cores; best of {args.repeat}\n")
    print("| run | wall time (s) | × bare read | peak RSS (MiB) | peak RSS / file size |")
    print("|---|---:|---:|---:|---:|")
    for name, secs, rss in results:
        print(f"| {name} | {secs:.2f} | {secs / base:.2f} | {rss:,.0f} | {rss / size_mib:.2f} |")


if __name__ == "__main__":
    main()
