#!/usr/bin/env python3
"""bench/fidelity/compare.py: compares vndoc's PDF of a document with
LibreOffice's, word by word, from the output of `pdftotext -bbox-layout`.

    compare.py [--details N] [--json FILE] NAME LO.html VNDOC.html [NAME LO.html VNDOC.html ...]

For every document it prints pages (LibreOffice/vndoc), the share of
LibreOffice's words that vndoc puts on the same page and the same line, the
median position difference of the matched words (pt), and PASS or FAIL
against issue 4's targets: same page count, >= 98% of the words on the same
page and line, median position difference < 2 pt.  Then a total line.

How words are compared:
  * words are read in pdftotext's reading order (page, flow, block, line,
    word) and their text NFC-normalized;
  * the two word sequences of a document are aligned with
    difflib.SequenceMatcher (autojunk off); only equal words are matched,
    so a word vndoc splits, joins or draws differently counts as missed;
  * position: x is the word's left edge, y its vertical centre (the box
    heights differ between the two PDFs, because cairo and LibreOffice
    declare different font ascents and descents; the centre moves by well
    under 0.2 pt for it, the top or bottom edge by up to 2 pt);
  * same line: same page, and the word's line (a <line> element) is at the
    same visual row of its page in both PDFs (rows: lines whose centres lie
    within 2 pt of each other, numbered from the top), or the word's
    centres are within 2 pt of each other vertically;
  * the percentage is over LibreOffice's words (the reference);
  * the median difference is over the matched words on the same page:
    the median of sqrt(dx^2 + dy^2); the medians of |dx| and |dy| are
    shown beside it.
Only the standard library is used.
"""
import difflib
import html
import json
import re
import statistics
import sys
import unicodedata

TARGET_SAME = 98.0   # % of words on the same page and line
TARGET_DIFF = 2.0    # pt, median position difference
ROW_TOL = 2.0        # pt, lines closer than this are one visual row
JOIN_GAP = 1.0       # pt, pieces of a word closer than this are one word
LEADER_RE = re.compile(r"[.\u2026_\u00b7-]{4,}")

PAGE_RE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
LINE_RE = re.compile(r'<line xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">')
WORD_RE = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>')


class Word:
    __slots__ = ("text", "page", "line", "row", "x", "y", "x1", "y0", "y1")


def parse(path):
    """Returns (pages, words) from a pdftotext -bbox-layout file."""
    words = []
    pages = 0
    line = -1
    lines = []          # per page: [(yc, line index)]
    page_lines = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            s = raw.strip()
            if s.startswith("<page "):
                pages += 1
                line = -1
                page_lines.append([])
                continue
            m = LINE_RE.match(s)
            if m:
                line += 1
                y0, y1 = float(m.group(2)), float(m.group(4))
                page_lines[-1].append((y0 + y1) / 2)
                continue
            m = WORD_RE.match(s)
            if m:
                w = Word()
                w.text = unicodedata.normalize("NFC", html.unescape(m.group(5)))
                w.page = pages
                w.line = line
                w.x, w.y0, w.x1, w.y1 = (float(m.group(i)) for i in (1, 2, 3, 4))
                w.y = (w.y0 + w.y1) / 2
                prev = words[-1] if words else None
                if (prev is not None and prev.page == w.page and prev.line == w.line
                        and w.x - prev.x1 < JOIN_GAP):
                    # pdftotext cuts a word where the PDF moves a glyph by
                    # itself (LibreOffice does, around some precomposed
                    # Vietnamese letters): glue the pieces back together
                    prev.text = unicodedata.normalize("NFC", prev.text + w.text)
                    prev.x1 = max(prev.x1, w.x1)
                    continue
                words.append(w)
    words = split_leaders(words)
    # visual rows: line centres clustered within ROW_TOL, numbered from the top
    rows = []
    for ys in page_lines:
        order = sorted(range(len(ys)), key=lambda i: ys[i])
        r = {}
        row = -1
        last = None
        for i in order:
            if last is None or ys[i] - last > ROW_TOL:
                row += 1
                last = ys[i]
            r[i] = row
        rows.append(r)
    for w in words:
        w.row = rows[w.page - 1].get(w.line, -1)
    return pages, words


def split_leaders(words):
    """Tab leaders (4 or more dots, underscores, hyphens) are not words:
    'Hồ,......4' is read as 'Hồ,' and '4', the x of each piece estimated
    from its place among the characters of the pdftotext word."""
    out = []
    for w in words:
        if not LEADER_RE.search(w.text):
            out.append(w)
            continue
        n = len(w.text)
        t = LEADER_RE.sub(lambda x: " " * len(x.group()), w.text)
        for m in re.finditer(r"\S+", t):
            piece = m.group()
            v = Word()
            v.text, v.page, v.line, v.y0, v.y1, v.y = piece, w.page, w.line, w.y0, w.y1, w.y
            start = m.start()
            v.x = w.x + (w.x1 - w.x) * start / n
            v.x1 = w.x + (w.x1 - w.x) * (start + len(piece)) / n
            out.append(v)
    return out


def compare(lo_path, vn_path, details=0):
    lo_pages, lo = parse(lo_path)
    vn_pages, vn = parse(vn_path)
    sm = difflib.SequenceMatcher(None, [w.text for w in lo], [w.text for w in vn], autojunk=False)
    same = 0
    same_page = 0
    dist, adx, ady = [], [], []
    misses = []      # (kind, lo word, vndoc word)
    pairs = []
    lo_left, vn_left = [], []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            pairs.extend(zip(lo[i1:i2], vn[j1:j2]))
        else:
            lo_left.extend(lo[i1:i2])
            vn_left.extend(vn[j1:j2])
    # Second pass: words the two PDFs read in a different order (pdftotext
    # puts a right-aligned column or a table cell in its own block when the
    # geometry differs a little) are matched by text, nearest on the same
    # page first.
    pool = {}
    for b in vn_left:
        pool.setdefault(b.text, []).append(b)
    for a in lo_left:
        cand = pool.get(a.text)
        if not cand:
            misses.append(("text", a, None))
            continue
        here = [b for b in cand if b.page == a.page]
        b = min(here or cand, key=lambda b: (abs(b.page - a.page), abs(b.x - a.x) + abs(b.y - a.y)))
        cand.remove(b)
        pairs.append((a, b))
    for a, b in pairs:
        if a.page != b.page:
            misses.append(("page", a, b))
            continue
        same_page += 1
        dx, dy = b.x - a.x, b.y - a.y
        dist.append((dx * dx + dy * dy) ** 0.5)
        adx.append(abs(dx))
        ady.append(abs(dy))
        if a.row == b.row or abs(dy) <= ROW_TOL:
            same += 1
        else:
            misses.append(("line", a, b))
    misses.sort(key=lambda m: (m[1].page, m[1].line))
    n = len(lo)
    res = {
        "pages_lo": lo_pages, "pages_vndoc": vn_pages,
        "words_lo": n, "words_vndoc": len(vn),
        "same_page": same_page, "same_line": same,
        "pct": 100.0 * same / n if n else 100.0,
        "median": statistics.median(dist) if dist else float("nan"),
        "median_dx": statistics.median(adx) if adx else float("nan"),
        "median_dy": statistics.median(ady) if ady else float("nan"),
    }
    res["pass"] = (lo_pages == vn_pages and res["pct"] >= TARGET_SAME
                   and res["median"] < TARGET_DIFF)
    if details:
        res["misses"] = summarize(misses, details)
    return res


def summarize(misses, limit):
    """The first misses of each kind, grouped into runs of consecutive LibreOffice lines."""
    out = []
    seen = set()
    for kind, a, b in misses:
        key = (kind, a.page, a.line)
        if key in seen:
            continue
        seen.add(key)
        if b is None:
            out.append("%-4s p%d LO line %d (y %.1f): %r missing/different in vndoc"
                       % (kind, a.page, a.line, a.y, a.text))
        else:
            out.append("%-4s %r LO p%d (%.1f, %.1f) row %d / vndoc p%d (%.1f, %.1f) row %d"
                       % (kind, a.text, a.page, a.x, a.y, a.row, b.page, b.x, b.y, b.row))
        if len(out) >= limit:
            break
    return out


def main(argv):
    details = 0
    jpath = None
    while argv and argv[0].startswith("--"):
        opt = argv.pop(0)
        if opt == "--details":
            details = int(argv.pop(0))
        elif opt == "--json":
            jpath = argv.pop(0)
        else:
            print("compare.py: unknown option " + opt, file=sys.stderr)
            return 2
    if not argv or len(argv) % 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    rows = []
    fmt = "%-28s %9s %8s %9s %10s %16s  %s"
    print(fmt % ("document", "pages", "words", "same p+l", "median pt", "|dx| / |dy| pt", "result"))
    print(fmt % ("", "LO/vndoc", "LO", "%", "", "", ""))
    tot = {"words": 0, "same": 0, "pass": 0, "dist": []}
    for k in range(0, len(argv), 3):
        name, lo_path, vn_path = argv[k:k + 3]
        if not vn_path or vn_path == "-":
            r = {"name": name, "error": "vndoc failed"}
            rows.append(r)
            print(fmt % (name, "-", "-", "-", "-", "-", "FAIL (vndoc render failed)"))
            continue
        r = compare(lo_path, vn_path, details)
        r["name"] = name
        rows.append(r)
        why = []
        if r["pages_lo"] != r["pages_vndoc"]:
            why.append("pages")
        if r["pct"] < TARGET_SAME:
            why.append("lines")
        if not r["median"] < TARGET_DIFF:
            why.append("position")
        print(fmt % (name, "%d/%d" % (r["pages_lo"], r["pages_vndoc"]), r["words_lo"],
                     "%.1f" % r["pct"], "%.2f" % r["median"],
                     "%.2f / %.2f" % (r["median_dx"], r["median_dy"]),
                     "PASS" if r["pass"] else "FAIL (" + ", ".join(why) + ")"))
        tot["words"] += r["words_lo"]
        tot["same"] += r["same_line"]
        tot["pass"] += r["pass"]
    print("-" * 100)
    pct = 100.0 * tot["same"] / tot["words"] if tot["words"] else 0.0
    print("total: %d documents, %d PASS, %d FAIL; %d of %d words (%.1f%%) on the same page and line"
          % (len(rows), tot["pass"], len(rows) - tot["pass"], tot["same"], tot["words"], pct))
    print("targets: same page count, >= %.0f%% of words on the same page and line, median difference < %.0f pt"
          % (TARGET_SAME, TARGET_DIFF))
    if details:
        for r in rows:
            if r.get("misses"):
                print("\n%s: first differences" % r["name"])
                for line in r["misses"]:
                    print("  " + line)
    if jpath:
        with open(jpath, "w", encoding="utf-8") as f:
            json.dump(rows, f, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
