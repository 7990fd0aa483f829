#!/usr/bin/env python3
"""The route a reviewer would otherwise take: pandas (and openpyxl for workbooks) doing the
same kinds of checks on every answer and a per-unit summary. A baseline for bench/answers.py,
not a second implementation of the rubric: it reads the patterns and weights of the shipped
rubric's pattern, length, field and SLA criteria from rubrics/kualitas-jawaban.toml and the
holidays from rubrics/hari-libur.toml, applies them with pandas string methods and
numpy.busday_count, and writes the per-unit mean score and SLA fulfilment.

Usage: python3 bench/pandas_route.py INPUT.csv|INPUT.xlsx OUT.csv
"""
import re
import warnings
import sys
import tomllib

import numpy as np
import pandas as pd

ROOT = __file__.rsplit("/bench/", 1)[0]

COLUMNS = {
    "Unit Kerja": "unit",
    "Jenis Layanan": "service_type",
    "Tanggal Diterima": "received",
    "Tanggal Dijawab": "responded",
    "Nama Petugas": "officer",
    "Isi Pertanyaan": "question",
    "Jawaban": "answer",
}


def rust_regex_to_python(p):
    # The rubric's regexes are Rust syntax; the subset it uses is Python syntax too.
    return p


def main():
    warnings.filterwarnings("ignore", message="This pattern is interpreted")
    src, out = sys.argv[1], sys.argv[2]
    if src.endswith((".xlsx", ".xlsm")):
        df = pd.read_excel(src, dtype=str, engine="openpyxl")
    else:
        df = pd.read_csv(src, dtype=str, keep_default_na=False)
    df = df.rename(columns=COLUMNS)
    with open(f"{ROOT}/rubrics/kualitas-jawaban.toml", "rb") as f:
        rubric = tomllib.load(f)
    with open(f"{ROOT}/rubrics/hari-libur.toml", "rb") as f:
        cal = tomllib.load(f)
    holidays = sorted(
        str(d) for y in cal["year"] for d in y.get("libur_nasional", []) + y.get("cuti_bersama", [])
    )

    answer = df["answer"].fillna("")
    num = pd.Series(0.0, index=df.index)
    den = pd.Series(0.0, index=df.index)
    sla_ok = pd.Series(False, index=df.index)
    for c in rubric["criteria"]:
        kind, w = c["kind"], float(c.get("weight", 0))
        if kind == "pattern":
            ok = pd.Series(True, index=df.index)
            if "any" in c:
                ok &= answer.str.contains("|".join(f"(?:{rust_regex_to_python(p)})" for p in c["any"]), regex=True, flags=re.I)
            for p in c.get("all", []):
                ok &= answer.str.contains(rust_regex_to_python(p), regex=True, flags=re.I)
            if "none" in c:
                ok &= ~answer.str.contains("|".join(f"(?:{rust_regex_to_python(p)})" for p in c["none"]), regex=True, flags=re.I)
            num += ok * w
            den += w
        elif kind == "length":
            words = answer.str.split().str.len().fillna(0)
            ok = (words >= c.get("min_words", 0)) & (words <= c.get("max_words", 10**9))
            num += ok * w
            den += w
        elif kind == "field":
            ok = df.get("officer", pd.Series("", index=df.index)).fillna("").str.strip() != ""
            num += ok * w
            den += w
        elif kind == "sla":
            rec = pd.to_datetime(df["received"], dayfirst=True, errors="coerce")
            res = pd.to_datetime(df["responded"], dayfirst=True, errors="coerce")
            valid = rec.notna() & res.notna()
            days = np.zeros(len(df), dtype="int64")
            r0 = rec[valid].dt.date.values.astype("datetime64[D]") + 1
            r1 = res[valid].dt.date.values.astype("datetime64[D]") + 1
            days[valid.values] = np.busday_count(r0, r1, holidays=holidays or None)
            target = df["service_type"].str.lower().map(
                lambda t: 5 if isinstance(t, str) and "pengaduan" in t else 1
            )
            sla_ok = valid & (pd.Series(days, index=df.index) <= target)
            num += sla_ok * w
            den += w
    df["score"] = (num / den * 100).round(2)
    df["sla_ok"] = sla_ok
    summary = df.groupby("unit").agg(answers=("score", "size"), mean_score=("score", "mean"),
                                      sla_pct=("sla_ok", "mean"))
    summary["sla_pct"] = (summary["sla_pct"] * 100).round(1)
    summary.to_csv(out)
    print(f"{len(df)} answers, {len(summary)} units")


if __name__ == "__main__":
    main()
