#!/usr/bin/env python3
"""Compares what the Linux and the Windows build wrote (scripts/windows-check).

Usage: windows_compare.py LINUX_DIR WINDOWS_DIR

Every file is compared byte for byte. A file that differs is compared again with its
paths' separators made one (`\\` and a JSON-escaped `\\\\` read as `/`, on both sides):
workbooks (XLSX, a zip) part by part, decompressed, other files as they are. A file equal
that way differs only in how its paths are written, which is expected (Windows shows
`samples\\a.csv`, Linux `samples/a.csv`). Anything else is a difference, shown with its
first differing bytes. Exit 0 when no file differs beyond its paths.
"""

import os
import sys
import zipfile


def normalised(data: bytes) -> bytes:
    return data.replace(b"\\\\", b"/").replace(b"\\", b"/")


def first_difference(a: bytes, b: bytes) -> str:
    i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
    lo = max(0, i - 60)
    return f"at byte {i}: linux {a[lo:i + 60]!r}\n      windows {b[lo:i + 60]!r}"


def compare_zip(a_path: str, b_path: str):
    """None when the parts are equal once paths are normalised, else a description."""
    try:
        za, zb = zipfile.ZipFile(a_path), zipfile.ZipFile(b_path)
    except zipfile.BadZipFile:
        return None
    with za, zb:
        names_a, names_b = za.namelist(), zb.namelist()
        if names_a != names_b:
            return f"parts differ: {sorted(set(names_a) ^ set(names_b))}"
        for name in names_a:
            pa, pb = za.read(name), zb.read(name)
            if pa != pb and normalised(pa) != normalised(pb):
                return f"part {name} {first_difference(normalised(pa), normalised(pb))}"
    return ""


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    lin, win = sys.argv[1], sys.argv[2]
    files = set()
    for top in (lin, win):
        for d, _, names in os.walk(top):
            for n in names:
                files.add(os.path.relpath(os.path.join(d, n), top))
    identical, paths_only, differ = [], [], []
    for rel in sorted(files):
        a, b = os.path.join(lin, rel), os.path.join(win, rel)
        if not os.path.exists(a) or not os.path.exists(b):
            differ.append((rel, "written by one build only: " + ("linux" if os.path.exists(a) else "windows")))
            continue
        da, db = open(a, "rb").read(), open(b, "rb").read()
        if da == db:
            identical.append(rel)
            continue
        if da[:2] == b"PK" and db[:2] == b"PK":
            why = compare_zip(a, b)
            if why is not None:
                (paths_only.append(rel) if why == "" else differ.append((rel, why)))
                continue
        if normalised(da) == normalised(db):
            paths_only.append(rel)
        else:
            differ.append((rel, first_difference(normalised(da), normalised(db))))
    print(f"{len(files)} files: {len(identical)} identical byte for byte, "
          f"{len(paths_only)} equal but for their paths' separators, {len(differ)} different")
    for rel in paths_only:
        print(f"  paths only: {rel}")
    for rel, why in differ:
        print(f"  DIFFERENT: {rel}: {why}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
