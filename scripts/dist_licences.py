#!/usr/bin/env python3
"""Writes the licences of everything a distribution archive bundles (scripts/dist).

Usage: dist_licences.py TRIPLE OUT_DIR

OUT_DIR receives:
- ulpk-eval.txt: the crate's own licence (Cargo.toml's `license`/`license-file` and any
  LICENSE*/COPYING* file at the repository root), or a note that none is declared;
- pihak-ketiga.txt: every crate compiled into the binary for TRIPLE (the normal
  dependencies reachable from ulpk-eval in `cargo metadata --filter-platform TRIPLE`, the
  proc-macros that generated code among them), each with its version, licence expression
  and repository, then the text of every licence file the crates ship (LICENSE*, COPYING*,
  NOTICE*, ...), each distinct text once with the crates it belongs to;
- rust-std/: the Rust standard library's notices and licence texts from the toolchain
  (it is linked into the binary);
- DejaVu.txt: the chart font embedded in the binary (assets/fonts/LICENSE-DejaVu.txt);
- for Windows, mingw-w64/: the notices of the MinGW-w64 runtime and GCC's runtime library
  linked into the .exe (Debian's copyright files of the cross-compiler's packages);
- README.txt: which file covers what, in Indonesian, including the Indonesian hunspell
  dictionary whose licence texts stay in rubrics/bahasa/.

Everything is sorted and holds no date, so the same commit and toolchain give the same bytes.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LICENCE_PREFIXES = ("LICEN", "COPYING", "NOTICE", "UNLICENSE", "COPYRIGHT")


def licence_files(folder):
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return sorted(
        n for n in names
        if n.upper().startswith(LICENCE_PREFIXES) and os.path.isfile(os.path.join(folder, n))
    )


def crates(triple):
    meta = json.loads(subprocess.check_output(
        ["cargo", "metadata", "--format-version", "1", "--locked", "--filter-platform", triple],
        cwd=ROOT))
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    root = meta["resolve"]["root"]
    seen, stack = set(), [root]
    while stack:
        i = stack.pop()
        if i in seen:
            continue
        seen.add(i)
        for dep in nodes[i]["deps"]:
            # Normal dependencies only: build scripts' and tests' crates are not in the binary.
            if any(k["kind"] is None for k in dep["dep_kinds"]):
                stack.append(dep["pkg"])
    seen.discard(root)
    return packages[root], sorted((packages[i] for i in seen), key=lambda p: (p["name"], p["version"]))


def own_licence(root_pkg, out):
    lines = ["ulpk-eval " + root_pkg["version"], ""]
    found = False
    if root_pkg.get("license"):
        lines.append("Lisensi (Cargo.toml): " + root_pkg["license"])
        found = True
    files = licence_files(ROOT)
    if root_pkg.get("license_file"):
        files = sorted(set(files) | {root_pkg["license_file"]})
    for f in files:
        found = True
        with open(os.path.join(ROOT, f), encoding="utf-8", errors="replace") as fh:
            lines += ["", "== " + f, "", fh.read().rstrip("\n")]
    if not found:
        lines.append(
            "Repositori ini belum menyatakan lisensi untuk ulpk-eval sendiri (Cargo.toml tidak "
            "memuat `license` dan tidak ada berkas LICENSE). Hak atas program ini dipegang "
            "pembuatnya; tanyakan kepada pengelolanya sebelum menyebarkan ulang.")
    with open(os.path.join(out, "ulpk-eval.txt"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    return found


def third_party(pkgs, out):
    texts = {}  # sha -> (text, [crate file labels])
    listing, missing = [], []
    for p in pkgs:
        folder = os.path.dirname(p["manifest_path"])
        files = licence_files(folder)
        label = f'{p["name"]} {p["version"]}'
        listing.append(f'{label}\n    lisensi: {p.get("license") or p.get("license_file") or "-"}'
                       f'\n    sumber: {p.get("repository") or "crates.io"}')
        if not files:
            missing.append(label)
        for f in files:
            with open(os.path.join(folder, f), "rb") as fh:
                data = fh.read().decode("utf-8", errors="replace").replace("\r\n", "\n").strip("\n")
            sha = hashlib.sha256(data.encode()).hexdigest()
            texts.setdefault(sha, (data, []))[1].append(f"{label} ({f})")
    head = [
        "Pustaka pihak ketiga di dalam program ulpk-eval",
        "===============================================",
        "",
        f"Program ini dibangun dengan {len(pkgs)} crate Rust berikut (nama, versi, lisensinya",
        "menurut Cargo.toml crate itu, sumbernya). Teks lisensi yang disertakan setiap crate",
        "ada di bagian kedua; teks yang sama untuk beberapa crate ditulis sekali.",
        "",
    ]
    if missing:
        head += [
            "Crate tanpa berkas lisensi di paketnya (lisensinya hanya tercatat di Cargo.toml;",
            "teks baku MIT dan Apache-2.0 ada di folder rust-std): " + ", ".join(missing),
            "",
        ]
    body = ["", "Teks lisensi", "============", ""]
    for sha in sorted(texts, key=lambda s: (texts[s][1][0], s)):
        data, users = texts[sha]
        body += ["-" * 78, "Dipakai oleh: " + ", ".join(users), "-" * 78, "", data, ""]
    with open(os.path.join(out, "pihak-ketiga.txt"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(head + listing + body) + "\n")
    return len(pkgs), len(texts), missing


def copy(src, dst):
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    shutil.copyfile(src, dst)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    triple, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    root_pkg, pkgs = crates(triple)
    own = own_licence(root_pkg, out)
    n, distinct, missing = third_party(pkgs, out)

    sysroot = subprocess.check_output(["rustc", "--print", "sysroot"], text=True).strip()
    doc = os.path.join(sysroot, "share", "doc", "rust")
    copy(os.path.join(doc, "COPYRIGHT-library.html"), os.path.join(out, "rust-std", "COPYRIGHT-library.html"))
    for f in sorted(os.listdir(os.path.join(doc, "licenses"))):
        copy(os.path.join(doc, "licenses", f), os.path.join(out, "rust-std", f))
    copy(os.path.join(ROOT, "assets", "fonts", "LICENSE-DejaVu.txt"), os.path.join(out, "DejaVu.txt"))

    windows = "windows" in triple
    if windows:
        for pkg in ("mingw-w64-x86-64-dev", "gcc-mingw-w64-base"):
            src = f"/usr/share/doc/{pkg}/copyright"
            if not os.path.exists(src):
                sys.exit(f"dist_licences: {src} is missing (apt-get install mingw-w64)")
            copy(src, os.path.join(out, "mingw-w64", pkg + ".txt"))

    readme = [
        "Lisensi isi folder ini",
        "======================",
        "",
        "ulpk-eval.txt      program ulpk-eval sendiri" + ("" if own else " (belum ada lisensi yang dinyatakan)"),
        f"pihak-ketiga.txt   {n} crate Rust yang dikompilasi ke dalam program, dengan lisensi masing-masing",
        "rust-std/          pustaka standar Rust (MIT atau Apache-2.0) yang ikut dikompilasi",
        "DejaVu.txt         huruf DejaVu Sans di dalam program, untuk teks grafik",
    ]
    if windows:
        readme.append("mingw-w64/         pustaka runtime MinGW-w64 dan GCC yang ikut ditautkan ke ulpk-eval.exe")
    readme += [
        "",
        "Kamus bahasa Indonesia (hunspell-id, LGPL-3; di dalam program dan di rubrics/bahasa/):",
        "sumber dan lisensinya di rubrics/bahasa/README.md, teks lisensinya di",
        "rubrics/bahasa/LICENSE-LGPL-3 dan rubrics/bahasa/LICENSE-GPL-3.",
        "Daftar unit (rubrics/daftar-unit.toml): fakta dari peraturan dan laman publik, sumbernya",
        "di kepala berkas itu. Contoh data di samples/ dibuat untuk proyek ini (samples/berlabel/",
        "README.md: Licence).",
    ]
    with open(os.path.join(out, "README.txt"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(readme) + "\n")
    print(f"licences: {n} crates, {distinct} distinct licence texts"
          + (f", no licence file in {', '.join(missing)}" if missing else ""))
    if not own:
        print("WARNING: ulpk-eval itself declares no licence (Cargo.toml `license`, LICENSE file)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
