#!/usr/bin/env python3
"""Checks a workbook's LibreOffice rendering as a reader of the printed pages would.

Usage: render_check.py WORKBOOK.xlsx RENDERED.pdf [--pages SHEET=MAX ...] [--text TEXT ...]

Asserts, and prints per sheet:
- every page is A4;
- the pages each sheet prints on (the sheet is named in the footer's left part), at most
  the number given with --pages;
- the smallest font on each page is at least 8 pt (word heights in the PDF's text layer);
- no text is cut at a cell edge: every word of every text cell of a visible sheet is found
  among the words of that sheet's pages (a cut or overlapped cell loses words or runs them
  into its neighbour's, as "layananWajib");
- each --text string is in the rendering.
Exit status 1 with every failure listed. Needs poppler-utils (pdfinfo, pdftotext).
"""

import collections
import html
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
A4 = (595.3, 841.9)
# Carlito/Calibri: a word's box in poppler's text layer is 1.3 em high (measured on
# Calibri 11 printed at 100 %: 14.3 pt).
EM_PER_BOX = 1 / 1.3
MIN_FONT_PT = 8.0


def text_of(el):
    """The text of a shared string or inline string element (rich runs joined)."""
    return "".join(t.text or "" for t in el.iter("{%s}t" % NS["m"]))


def sheet_texts(path):
    """Visible sheets in order: name -> list of text cells (cell ref, text)."""
    z = zipfile.ZipFile(path)
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        sst = ET.fromstring(z.read("xl/sharedStrings.xml"))
        shared = [text_of(si) for si in sst.findall("m:si", NS)]
    out = collections.OrderedDict()
    for s in wb.find("m:sheets", NS):
        if s.get("state") in ("hidden", "veryHidden"):
            continue
        t = target[s.get(REL)].lstrip("/")
        t = t if t.startswith("xl/") else "xl/" + t
        root = ET.fromstring(z.read(t))
        cells = []
        # Hidden rows and columns are not printed (a template's row of column keys).
        hidden_rows = {
            r.get("r") for r in root.iter("{%s}row" % NS["m"]) if r.get("hidden") in ("1", "true")
        }
        hidden_cols = set()
        for col in root.iter("{%s}col" % NS["m"]):
            if col.get("hidden") in ("1", "true"):
                hidden_cols.update(range(int(col.get("min")), int(col.get("max")) + 1))
        for c in root.iter("{%s}c" % NS["m"]):
            letters, digits = re.match(r"([A-Z]+)(\d+)", c.get("r")).groups()
            column = 0
            for ch in letters:
                column = column * 26 + ord(ch) - 64
            if digits in hidden_rows or column in hidden_cols:
                continue
            kind = c.get("t")
            if kind == "s":
                v = c.find("m:v", NS)
                cells.append((c.get("r"), shared[int(v.text)]))
            elif kind == "inlineStr":
                cells.append((c.get("r"), text_of(c.find("m:is", NS))))
        out[s.get("name")] = cells
    return out


def pdf_pages(pdf):
    """Per page: (width, height, words as (xMin, yMin, xMax, yMax, text))."""
    raw = subprocess.run(
        ["pdftotext", "-bbox", pdf, "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', raw, re.S):
        words = [
            (float(a), float(b), float(c), float(d), html.unescape(t))
            for a, b, c, d, t in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                m.group(3),
            )
        ]
        pages.append((float(m.group(1)), float(m.group(2)), words))
    return pages


def broken(word, have):
    """Whether `word` was printed broken over lines after a dash or slash ("(0–100)" as
    "(0–" and "100)", "2026-01-05" as "2026-" and "01-05")."""
    for k in range(1, len(word)):
        if word[k - 1] in "–-/" and have[word[:k]] and (have[word[k:]] or broken(word[k:], have)):
            return True
    return False


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    xlsx, pdf = argv[1], argv[2]
    limits, wanted, mode = {}, [], None
    for a in argv[3:]:
        if a in ("--pages", "--text"):
            mode = a
        elif mode == "--pages":
            k, _, v = a.rpartition("=")
            limits[k] = int(v)
        elif mode == "--text":
            wanted.append(a)
        else:
            print(f"unexpected argument {a}", file=sys.stderr)
            return 2
    sheets = sheet_texts(xlsx)
    pages = pdf_pages(pdf)
    failures = []
    by_sheet = collections.OrderedDict((s, []) for s in sheets)
    for i, (w, h, words) in enumerate(pages, 1):
        if sorted((round(w, 1), round(h, 1))) != sorted(A4) and (
            abs(min(w, h) - A4[0]) > 1 or abs(max(w, h) - A4[1]) > 1
        ):
            failures.append(f"page {i} is {w:.0f} x {h:.0f} pt, not A4")
        # The footer: the lowest line; its left half names the sheet.
        bottom = max((wd[3] for wd in words), default=0)
        footer = [wd for wd in words if wd[3] > bottom - 4 and wd[3] > h - 60]
        name = " ".join(wd[4] for wd in sorted(footer) if wd[0] < w / 2)
        if name not in by_sheet:
            failures.append(f"page {i}: footer names no sheet ({name!r})")
            continue
        body = [wd for wd in words if wd not in footer and wd[1] > 40]
        if body:
            small = min(body, key=lambda wd: wd[3] - wd[1])
            pt = (small[3] - small[1]) * EM_PER_BOX
            if pt < MIN_FONT_PT - 0.05:
                failures.append(
                    f"page {i} ({name}): text at {pt:.1f} pt (\"{small[4]}\"), below {MIN_FONT_PT} pt"
                )
        by_sheet[name].append((i, words, body))
    for name, cells in sheets.items():
        got = by_sheet.get(name, [])
        if not got:
            failures.append(f"sheet {name}: not printed")
            continue
        fonts = []
        have = collections.Counter()
        for _, words, body in got:
            have.update(wd[4] for wd in words)
            fonts.extend(wd[3] - wd[1] for wd in body)
        missing = []
        need = collections.Counter()
        for ref, text in cells:
            need.update(text.split())
        for word, n in need.items():
            if have[word] >= n:
                continue
            if not broken(word, have):
                missing.append(word)
        if missing:
            # Name the cells the missing words belong to.
            cut = [
                (ref, text)
                for ref, text in cells
                if any(wd in missing for wd in text.split())
            ][:5]
            shown = "; ".join(f"{ref} \"{t[:60]}\"" for ref, t in cut)
            failures.append(
                f"sheet {name}: text cut or hidden at a cell edge ({len(missing)} words), e.g. {shown}"
            )
        limit = limits.get(name)
        if limit is not None and len(got) > limit:
            failures.append(f"sheet {name}: {len(got)} pages, at most {limit} expected")
        print(
            f"  {name}: {len(got)} page(s), smallest text {min(fonts) * EM_PER_BOX:.1f} pt"
            if fonts
            else f"  {name}: {len(got)} page(s)"
        )
    all_text = " ".join(wd[4] for _, _, words in pages for wd in words)
    for t in wanted:
        if " ".join(t.split()) not in all_text:
            failures.append(f"\"{t}\" not in the rendering")
    for f in failures:
        print(f"FAIL: {xlsx}: {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
