#!/usr/bin/env python3
"""Compares the layout spec's examples with LibreOffice.

    build-b/tests/test_layout_spec tests/spec/layout.txt --write-docx /tmp/lo
    scripts/layout_spec_lo.py /tmp/lo [N ...]

Converts every DIR/NNN.docx to PDF with `soffice --headless --convert-to
pdf`, reads its lines with `pdftotext -bbox-layout`, and compares them with
vndoc's dump (DIR/NNN.dump): the number of pages, then, page by page, the
rows of text (lines whose vertical extents overlap form one row, so that
table cells side by side and a larger run compare as one row)
with their words in x order, and the distance between LibreOffice's top of
a row and vndoc's (which differ by a constant per line height: glyph box against
line box), whose spread among rows of one height says whether the rows
sit where LibreOffice puts them.  Prints one line per example: "ok", or what differs.
"""
import glob
import html
import os
import re
import subprocess
import sys


def vndoc_pages(path):
    pages = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("page "):
            pages.append([])
            continue
        m = re.match(r'  (line|header|footer|footnote) y=([-\d.]+) x=([-\d.]+) w=([-\d.]+) h=([-\d.]+) "(.*)"$',
                     line.rstrip("\n"))
        if m and pages is not None:
            text = m.group(6).replace("\\t", " ").replace('\\"', '"').replace("\\\\", "\\")
            if text.strip():
                y, x, h = float(m.group(2)), float(m.group(3)), float(m.group(5))
                pages[-1].append((y, y + h, x, text))
    return pages


def lo_pages(pdf):
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True).stdout
    pages = []
    for page in re.findall(r"<page .*?</page>", out, re.S):
        rows = []
        for ln in re.findall(r"<line (.*?)>(.*?)</line>", page, re.S):
            attrs = dict(re.findall(r'(\w+)="([-\d.]+)"', ln[0]))
            words = [html.unescape(w) for w in re.findall(r"<word [^>]*>(.*?)</word>", ln[1], re.S)]
            rows.append((float(attrs["yMin"]), float(attrs["yMax"]), float(attrs["xMin"]), " ".join(words)))
        pages.append(rows)
    return pages


def group(lines):
    """Rows: lines whose vertical extent overlaps the row's first line's by
    70 % of the smaller one (a larger run's glyphs stand higher than the
    line's; cells' lines half a line apart stay apart)."""
    rows = []
    for top, bottom, x, text in sorted(lines):
        if not clean(text):
            continue  # a picture alone on its line: LibreOffice's text has no row for it
        for r in rows:
            overlap = min(bottom, r["bottom"]) - max(top, r["top"])
            if overlap > 0.7 * min(bottom - top, r["bottom"] - r["top"]):
                r["parts"].append((x, text))
                break
        else:
            rows.append({"top": top, "bottom": bottom, "parts": [(x, text)]})
    rows.sort(key=lambda r: r["top"])
    return [(r["top"], clean("".join(t for _, t in sorted(r["parts"]))), round(r["bottom"] - r["top"], 1))
            for r in rows]


def clean(text):
    """Words without spaces, tab leaders or object marks (inline pictures);
    a soft hyphen that ends a row as the hyphen LibreOffice draws there."""
    text = re.sub("\u00ad+$", "-", text.rstrip(" "))
    return re.sub(r"\.{3,}", "", text.replace(" ", "").replace("\ufffc", ""))


def compare(dump, pdf):
    v, l = vndoc_pages(dump), lo_pages(pdf)
    if len(v) != len(l):
        return "pages: vndoc %d, LibreOffice %d" % (len(v), len(l)), None
    dys = {}  # LibreOffice's top - vndoc's, by the height of vndoc's row
    for n, (vp, lp) in enumerate(zip(v, l), 1):
        vr, lr = group(vp), group(lp)
        if [r[1] for r in vr] != [r[1] for r in lr]:
            for i in range(max(len(vr), len(lr))):
                a = vr[i][1] if i < len(vr) else "-"
                b = lr[i][1] if i < len(lr) else "-"
                if a != b:
                    return "page %d row %d: vndoc %r, LibreOffice %r" % (n, i + 1, a[:50], b[:50]), None
        for a, b in zip(vr, lr):
            dys.setdefault(a[2], []).append((a[0] + 1000 * n, b[0] - a[0]))
    spread = max(max(d for _, d in v) - min(d for _, d in v) for v in dys.values()) if dys else 0.0
    return None, (spread, max((drifted(v) for v in dys.values()), default=0.0))


def drifted(points):
    """The spread left once LibreOffice's drift down each page is taken
    out (its 10 pt lines are 11.55 pt: 0.4 % more than ours)."""
    out = [d - 0.004 * (y % 1000) for y, d in points]
    return max(out) - min(out)


def main():
    d = sys.argv[1]
    only = set(int(a) for a in sys.argv[2:])
    docs = sorted(glob.glob(os.path.join(d, "*.docx")))
    if only:
        docs = [p for p in docs if int(os.path.basename(p)[:3]) in only]
    todo = [p for p in docs if not os.path.exists(p[:-5] + ".pdf") or
            os.path.getmtime(p[:-5] + ".pdf") < os.path.getmtime(p)]
    if todo:
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", d] + todo,
                       capture_output=True, check=True)
    pages_ok = rows_ok = pos_ok = drift_ok = 0
    for p in docs:
        err, spread = compare(p[:-5] + ".dump", p[:-5] + ".pdf")
        name = os.path.basename(p)[:3]
        if err:
            print("%s DIFFERS %s" % (name, err))
            if not err.startswith("pages"):
                pages_ok += 1
            continue
        spread, drift = spread
        pages_ok += 1
        rows_ok += 1
        pos_ok += spread <= 1.5
        drift_ok += min(spread, drift) <= 1.5
        print("%s ok (rows' top vs LibreOffice: spread %.1f pt, %.1f pt without its drift)%s" %
              (name, spread, drift, "" if min(spread, drift) <= 1.5 else " POSITIONS"))
    print("%d examples: %d same page count, %d same rows on every page, %d rows within 1.5 pt "
          "(%d once LibreOffice's 0.4 %% drift down the page is taken out)" %
          (len(docs), pages_ok, rows_ok, pos_ok, drift_ok))


if __name__ == "__main__":
    main()
