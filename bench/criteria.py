#!/usr/bin/env python3
"""How the cost of scoring grows with the number of criteria (issue 14, defect #10).

Usage: python3 bench/criteria.py [--criteria 250,500,1000,2000] [--answers 50] [--repeat 1]
                                 [--exe PATH] [--output csv|xlsx]

Writes into bench/data/ a rubric of N simple pattern criteria (one `any` regex each, a
different word per criterion) for every N, and the first `--answers` answers of the shipped
export; then times `ulpk-eval score ANSWERS --rubric RUBRIC -o OUT` per N: the fastest wall
time of `--repeat` runs and the largest peak resident memory (ru_maxrss of the child, via
wait4). The last two columns divide by the figures of the smallest N: cost linear in
criteria × answers keeps `time / N` and the growth of memory flat. The binary is the release
build (`cargo build --release`, honouring CARGO_TARGET_DIR) unless `--exe` names another, so
an earlier build can be timed beside this one. Prints one Markdown table.
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from answers import measure  # noqa: E402  (one way to time a run, shared with answers.py)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))

WORDS = ["produk", "izin", "edar", "terdaftar", "bpom", "nomor", "kemasan", "obat",
         "pangan", "kosmetik", "suplemen", "label", "informasi", "laporan", "terima"]


def rubric(n):
    """A rubric of n pattern criteria, each its own regex."""
    out = ['id = "bench-criteria"', f'name = "{n} criteria"', 'version = "1"', ""]
    for i in range(n):
        word = WORDS[i % len(WORDS)]
        out += ["[[criteria]]", f'id = "k{i}"', f'label = "Kriteria {i}"', 'kind = "pattern"',
                "weight = 1", f"any = ['\\b{word}\\w{{0,{i % 7}}}\\b']", ""]
    out += ['[[bands]]', 'grade = "A"', "min = 50", "", "[[bands]]", 'grade = "B"', "min = 0", ""]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--criteria", default="250,500,1000,2000")
    ap.add_argument("--answers", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--exe", default=None)
    ap.add_argument("--output", default="csv", choices=["csv", "xlsx", "parquet"])
    args = ap.parse_args()
    exe = args.exe
    if exe is None:
        subprocess.run(["cargo", "build", "--release", "--bin", "ulpk-eval"], cwd=ROOT, check=True)
        exe = os.path.join(TARGET, "release", "ulpk-eval")
    data = os.path.join(ROOT, "bench", "data")
    out = os.path.join(ROOT, "bench", "out")
    os.makedirs(data, exist_ok=True)
    os.makedirs(out, exist_ok=True)
    answers = os.path.join(data, f"answers-{args.answers}.csv")
    with open(os.path.join(ROOT, "samples", "simpel-lpk-2026-q1.csv"), newline="",
              encoding="cp1252") as src:
        import csv
        rows = list(csv.reader(src, delimiter=";"))
    with open(answers, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=";").writerows(rows[: args.answers + 1])

    print(f"\n{os.cpu_count()} cores; {args.answers} answers; best of {args.repeat}; "
          f"peak RSS of the process; {exe}\n")
    print("| criteria | wall (s) | ms per criterion | peak RSS (MiB) | × time of first | "
          "× RSS of first |")
    print("|---:|---:|---:|---:|---:|---:|")
    first = None
    for n in (int(x) for x in args.criteria.split(",")):
        path = os.path.join(data, f"rubrik-{n}-kriteria.toml")
        with open(path, "w") as f:
            f.write(rubric(n))
        cmd = [exe, "score", answers, "--rubric", path, "-o",
               os.path.join(out, f"skor-{n}-kriteria.{args.output}")]
        runs = [measure(cmd) for _ in range(args.repeat)]
        secs, rss = min(r[0] for r in runs), max(r[1] for r in runs)
        first = first or (secs, rss)
        print(f"| {n:,} | {secs:.2f} | {secs / n * 1000:.2f} | {rss:,.0f} | "
              f"{secs / first[0]:.2f} | {rss / first[1]:.2f} |", flush=True)


if __name__ == "__main__":
    main()
