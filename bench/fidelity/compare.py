#!/usr/bin/env python3
"""bench/fidelity/compare.py: compares vndoc's PDF of a document with
LibreOffice's, word by word, from the output of `pdftotext -bbox-layout`.

    compare.py [--details N] [--json FILE] [--images DIR] [--worst N] MANIFEST

MANIFEST is a tab-separated file written by run.sh, a line per document:
    NAME STATUS SECONDS WARNINGS LO.html LO.pdf VNDOC.html VNDOC.pdf WORD.html
STATUS is ok, refused (vndoc exited non-zero) or timeout; VNDOC.* and
WORD.html are "-" when there is none (WORD.html: Word's own PDF of the
document, NAME.pdf beside NAME.docx, read by pdftotext).

For every document it prints pages (LibreOffice/vndoc), the share of
LibreOffice's words that vndoc puts on the same page and the same line, the
share it draws anywhere, the median position difference of the matched
words (pt), the first page where the two layouts part, vndoc's warnings and
render time, and PASS or FAIL against issue 4's targets: same page count,
>= 98% of the words on the same page and line, median position difference
< 2 pt.  A refused or timed-out document is a FAIL whose words all count as
missed.  Then the totals.  Where Word's PDF is given, a second table
compares LibreOffice's PDF and vndoc's each with Word's, by the same rules.
--images DIR: the first differing page of the N worst documents (fewest
words on LibreOffice's line), vndoc's left and LibreOffice's right, as
DIR/NAME-pPAGE.png (pdftoppm, 50 dpi; written here, no image library).

How words are compared:
  * words are read in pdftotext's reading order (page, flow, block, line,
    word) and their text NFC-normalized; pieces of one word that pdftotext
    cuts apart (closer than JOIN_GAP) are glued back together; invisible
    format characters (Unicode's Cf: soft hyphens, zero-width joiners and
    non-joiners, bidirectional marks) are left out, as one PDF keeps them
    in its text and the other not, and neither draws them; the letters of
    a lam-alef ligature are read in one order (lam_alef()); a '"' between
    two Arabic letters is left out (kashida()): it is a tatweel glyph
    LibreOffice draws to justify an Arabic line, whose text its PDF writes
    as '"' in DejaVu Sans Bold (as U+FFFD in DejaVu Sans, which pdftotext
    leaves out), no character of the document (poi-stress004: 57 words);
  * what the two PDFs write differently for the same thing on the page is
    written one way on both sides (canon(), normalize()): a symbol font's
    bullet (LibreOffice's PDF text keeps the private-use code, U+F0B7 for
    Symbol's, U+F0D8 for a Wingdings arrow; ours the Unicode character
    LibreOffice's own conversion tables give, • or ➢: from the text
    alone the font of a private-use code is unknown, so a word that is one
    symbol character compares as one class); a REF field whose bookmark is
    gone (Word keeps "Error! Reference source not found." as the field's
    result and we draw it; LibreOffice 7.4 recomputes it as "Error:
    Reference source not found", d4j-headers-footers); field instructions
    LibreOffice draws as text ("PAGE \* MERGEFORMAT" in a header, where
    Word's own PDF shows the page number only, vn-langassist-baocao) are
    left out;
  * the two word sequences of a document are aligned with
    difflib.SequenceMatcher (autojunk off); only equal words are matched,
    where the two differ, a word still counts as drawn when its characters
    are drawn, one after the other, in the stretch of vndoc's text the
    alignment puts against it (char_match(): the same letters broken into
    lines at another place, a cell too narrow for a word, Arabic shaped
    into one word by one PDF and glyph by glyph by the other, Japanese
    lines pdftotext reads as one word each); then words read in another
    order are matched by text; then what is left of LibreOffice's words,
    character by character against what is left of vndoc's in reading
    order (char_match()); last, a word still left counts as drawn where
    its text is a stretch of the characters of a vndoc word no other
    word was matched with, on the same page within PIECE_DY (two lines)
    above or below, or as near to where vndoc draws the matched word
    LibreOffice reads before it on its page (flow_places(): where the two
    paginate differently, a page's first lines are on the page before in
    vndoc's), the nearest first, each of vndoc's characters given
    once (same_page_pieces(): LibreOffice's PDF
    cuts a justified Arabic word where it draws kashidas, and pdftotext
    reads the raised Quranic marks of a line as lines of their own, so
    the pieces of a word come out in another order than vndoc's whole
    word); a word vndoc draws differently counts as missed;
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
PIECE_DY = 36.0      # pt, how far up or down (two lines of 18 pt) vndoc may
                     # draw a piece of a word LibreOffice's PDF cuts apart
                     # (same_page_pieces()): a line broken at another word
# Lam and the alefs: a lam-alef ligature is one glyph for two letters,
# which a PDF maps to "lam alef" or, written as seen from right to left,
# "alef lam" (ours, so that readers get them back in logical order);
# LibreOffice writes the first.  A run of these letters is read sorted.
LAM_ALEF_RE = re.compile("[\u0622\u0623\u0625\u0627\u0644]{2,}")


def lam_alef(text):
    return LAM_ALEF_RE.sub(lambda m: "".join(sorted(m.group())), text)


# LibreOffice's kashida (a tatweel glyph justifying an Arabic line), as its
# PDF text writes it in DejaVu Sans Bold: '"' between two Arabic letters
# (their marks in between).
KASHIDA_RE = re.compile('(?<=[\u0600-\u06ff])"+(?=[\u0600-\u06ff])')


def kashida(text):
    return KASHIDA_RE.sub("", text)
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
                w.text = "".join(c for c in w.text if unicodedata.category(c) != "Cf")
                if not w.text:
                    continue
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
    words = normalize(split_leaders(words))
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


SYMBOL = "\u25c6"    # the one class of a single symbol character (canon())


def canon(text):
    """A word of one symbol character (a private-use code of a symbol font,
    a bullet, an arrow, a check mark) as SYMBOL; other words as they are."""
    if len(text) != 1:
        return text
    c = ord(text)
    if 0xE000 <= c <= 0xF8FF or unicodedata.category(text) in ("So", "Sm") or text in "\u2022\u2023\u2043\u25e6*":
        return SYMBOL
    return text


REF_ERROR = "Referencesourcenotfound"
FIELD_SWITCH = "\\*"


def normalize(words):
    """The things both PDFs show but write differently, written one way
    (see the module's comment); LibreOffice's drawn field instructions
    dropped."""
    out = []
    i = 0
    while i < len(words):
        w = words[i]
        w.text = canon(lam_alef(kashida(w.text)))
        if (w.text == FIELD_SWITCH and i + 1 < len(words) and words[i + 1].text == "MERGEFORMAT"
                and out and out[-1].text.isupper()):
            # "PAGE \* MERGEFORMAT": the field's name, switch and argument
            out.pop()
            i += 2
            continue
        m = re.match(r"(.*Error)[!:]$", w.text)
        if m:
            ref_error(w, m.group(1), words[i + 1:i + 8])
        out.append(w)
        i += 1
    return out


def ref_error(w, head, after):
    """'Error!' or 'Error:' (w, head: its text up to 'Error') followed by
    the words `after` spelling "Reference source not found" (broken
    anywhere in a narrow cell) is written "Error: ... found", as
    LibreOffice writes it."""
    text, k = "", 0
    while k < len(after) and len(text) < len(REF_ERROR):
        text += after[k].text
        k += 1
    if not text.startswith(REF_ERROR):
        return
    w.text = head + ":"
    last = after[k - 1]
    cut = len(last.text) - (len(text) - len(REF_ERROR))   # where "found" ends in `last`
    if last.text[cut:cut + 1] == ".":
        last.text = last.text[:cut] + last.text[cut + 1:]


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


CHAR_MATCH_MAX = 200000   # characters a side: longer stretches are left to the next pass


def char_match(a_words, b_words, claimed=None):
    """Where the word alignment puts a stretch of vndoc's words (b_words)
    against a stretch of LibreOffice's (a_words) that differ: the words of
    a_words whose characters are all matched, one after the other (a
    contiguous run of b's characters), by a character alignment of the two
    stretches, each paired with the vndoc word holding its first character.
    Returns (pairs, a words left, b words left: those no matched character
    falls in).  `claimed` (a dict): for each b word a matched character
    falls in, the word and which of its characters are matched, by id."""
    if not a_words or not b_words:
        return [], list(a_words), list(b_words)
    sa = "".join(w.text for w in a_words)
    sb = "".join(w.text for w in b_words)
    if not sa or not sb or len(sa) > CHAR_MATCH_MAX or len(sb) > CHAR_MATCH_MAX:
        return [], list(a_words), list(b_words)
    owner = [k for k, w in enumerate(b_words) for _ in w.text]
    first = []
    for w in b_words:
        first.extend([len(first)] * len(w.text))
    to_b = [-1] * len(sa)
    for ia, ib, n in difflib.SequenceMatcher(None, sa, sb, autojunk=False).get_matching_blocks():
        for k in range(n):
            to_b[ia + k] = ib + k
    pairs, a_left, used = [], [], set()
    pos = 0
    for w in a_words:
        run = to_b[pos:pos + len(w.text)]
        pos += len(w.text)
        if run[0] >= 0 and all(run[k] == run[0] + k for k in range(len(run))):
            pairs.append((w, b_words[owner[run[0]]]))
            used.update(owner[p] for p in run)
            if claimed is not None:
                for p in run:
                    b = b_words[owner[p]]
                    claimed.setdefault(id(b), (b, [False] * len(b.text)))[1][p - first[p]] = True
        else:
            a_left.append(w)
    return pairs, a_left, [b for k, b in enumerate(b_words) if k not in used]


def same_page_pieces(a_words, b_words, claimed=None, flow=None):
    """The words of a_words (LibreOffice's, left unmatched) whose text is a
    stretch of the text of a word of b_words (vndoc's) on the same page,
    at most PIECE_DY above or below it, that no other word was matched with (`claimed`, from char_match: the
    characters of b words already matched), each paired with that word; a
    character of b_words is given once.  `flow` (id of an a word -> (page,
    y)) gives a second place to look: where vndoc draws the matched word
    LibreOffice has before it on its page, moved by the distance between the
    two in LibreOffice's PDF (where the two paginate differently, the text
    LibreOffice has at the top of a page vndoc has at the foot of the page
    before).  Returns (pairs, a words left)."""
    avail = {}
    for b in b_words:
        mask = claimed[id(b)][1] if claimed and id(b) in claimed else [False] * len(b.text)
        avail.setdefault(b.page, []).append([b, "".join("\0" if m else c for c, m in zip(b.text, mask))])
    pairs, left = [], []
    for a in a_words:
        places = [(a.page, a.y)]
        if flow and id(a) in flow and flow[id(a)][0] != a.page:
            places.append(flow[id(a)])
        # the nearest such word: rows first, then across
        found = [(abs(e[0].y - y), abs(e[0].x - a.x), n, e) for page, y in places
                 for n, e in enumerate(avail.get(page, []))
                 if a.text in e[1] and abs(e[0].y - y) <= PIECE_DY]
        if not found:
            left.append(a)
            continue
        e = min(found)[3]
        k = e[1].find(a.text)
        e[1] = e[1][:k] + "\0" * len(a.text) + e[1][k + len(a.text):]
        pairs.append((a, e[0]))
    return pairs, left


def flow_places(lo, pairs):
    """For each of LibreOffice's words (lo, in reading order), where vndoc's
    text has it: the page of vndoc's word matched with the nearest matched
    word before it on the same page of LibreOffice's, and that word's y
    moved by the distance between the two in LibreOffice's PDF."""
    match = {id(a): b for a, b in pairs}
    places, prev = {}, None
    for a in lo:
        if id(a) in match:
            prev = (a, match[id(a)])
        elif prev and prev[0].page == a.page:
            places[id(a)] = (prev[1].page, prev[1].y + (a.y - prev[0].y))
    return places


def compare(lo_path, vn_path, details=0):
    """LibreOffice's words (the reference, lo_path) against vndoc's."""
    return compare_words(parse(lo_path), parse(vn_path), details)


def compare_words(ref, other, details=0):
    lo_pages, lo = ref
    vn_pages, vn = other
    sm = difflib.SequenceMatcher(None, [w.text for w in lo], [w.text for w in vn], autojunk=False)
    same = 0
    same_page = 0
    dist, adx, ady = [], [], []
    misses = []      # (kind, lo word, vndoc word)
    claimed = {}     # vndoc words some of whose characters char_match matched
    pairs = []
    lo_left, vn_left = [], []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            pairs.extend(zip(lo[i1:i2], vn[j1:j2]))
        elif tag == "replace":
            got, a_left, b_left = char_match(lo[i1:i2], vn[j1:j2], claimed)
            pairs.extend(got)
            lo_left.extend(a_left)
            vn_left.extend(b_left)
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
    unmatched = []
    for a in lo_left:
        cand = pool.get(a.text)
        if not cand:
            unmatched.append(a)
            continue
        here = [b for b in cand if b.page == a.page]
        b = min(here or cand, key=lambda b: (abs(b.page - a.page), abs(b.x - a.x) + abs(b.y - a.y)))
        cand.remove(b)
        pairs.append((a, b))
    extra = [b for cand in pool.values() for b in cand]   # vndoc's words LibreOffice has not
    # Third pass: what is left, character by character against what is
    # left of vndoc's words, both in reading order (a word broken at
    # another place in a table cell read in another order): the whole
    # document at once, or page by page where that is too long.
    order = {id(w): k for k, w in enumerate(vn)}
    extra.sort(key=lambda b: order[id(b)])
    if sum(len(a.text) for a in unmatched) <= CHAR_MATCH_MAX and sum(len(b.text) for b in extra) <= CHAR_MATCH_MAX:
        got, a_left, extra = char_match(unmatched, extra, claimed)
        pairs.extend(got)
        misses.extend(("text", a, None) for a in a_left)
    else:
        by_page, lo_by_page = {}, {}
        for b in extra:
            by_page.setdefault(b.page, []).append(b)
        for a in unmatched:
            lo_by_page.setdefault(a.page, []).append(a)
        extra = []
        for page, words in lo_by_page.items():
            got, a_left, b_left = char_match(words, by_page.pop(page, []), claimed)
            pairs.extend(got)
            misses.extend(("text", a, None) for a in a_left)
            extra.extend(b_left)
        for words in by_page.values():
            extra.extend(words)
    got, left = same_page_pieces([m[1] for m in misses], extra + [b for b, _ in claimed.values()], claimed,
                                 flow_places(lo, pairs))
    pairs.extend(got)
    misses = [("text", a, None) for a in left]
    drawn = len(pairs)
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
    # The first page where the layouts part: a word missed, or drawn where
    # LibreOffice has none; else the first page only one of them has.
    parts = [m[1].page for m in misses] + [b.page for b in extra]
    if not parts and lo_pages != vn_pages:
        parts = [min(lo_pages, vn_pages) + 1]
    n = len(lo)
    res = {
        "pages_lo": lo_pages, "pages_vndoc": vn_pages,
        "words_lo": n, "words_vndoc": len(vn),
        "same_page": same_page, "same_line": same,
        "pct": 100.0 * same / n if n else 100.0,
        "drawn": 100.0 * drawn / n if n else 100.0,
        "parts": min(parts) if parts else None,
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


def why_fail(r):
    why = []
    if r["pages_lo"] != r["pages_vndoc"]:
        why.append("pages")
    if r["pct"] < TARGET_SAME:
        why.append("lines")
    if not r["median"] < TARGET_DIFF:
        why.append("position")
    return why


def read_manifest(path):
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 9:
                raise SystemExit("compare.py: %s: a line has %d columns, not 9" % (path, len(cols)))
            d = dict(zip(("name", "status", "seconds", "warnings", "lo_html", "lo_pdf",
                          "vn_html", "vn_pdf", "word_html"), cols))
            d["seconds"] = float(d["seconds"])
            d["warnings"] = int(d["warnings"])
            docs.append(d)
    return docs


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def libreoffice_table(docs, details):
    """The main table, against LibreOffice; returns the rows."""
    rows = []
    fmt = "%-28s %9s %7s %6s %6s %7s %13s %5s %4s %6s  %s"
    print(fmt % ("document", "pages", "words", "same", "drawn", "median", "|dx| / |dy|", "parts", "warn",
                 "time", "result"))
    print(fmt % ("", "LO/vndoc", "LO", "p+l %", "%", "pt", "pt", "at p", "", "s", ""))
    for d in docs:
        lo = parse(d["lo_html"])
        r = {"name": d["name"], "status": d["status"], "seconds": d["seconds"], "warnings": d["warnings"],
             "pages_lo": lo[0], "words_lo": len(lo[1])}
        if d["status"] != "ok":
            r.update({"pass": False, "pct": 0.0, "drawn": 0.0, "same_line": 0})
            rows.append(r)
            print(fmt % (d["name"], "%d/-" % lo[0], len(lo[1]), "0.0", "0.0", "-", "-", "-", d["warnings"],
                         "%.2f" % d["seconds"], "FAIL (%s)" % ("vndoc refused it" if d["status"] == "refused"
                                                                else "over the time limit")))
            continue
        r.update(compare_words(lo, parse(d["vn_html"]), details))
        rows.append(r)
        why = why_fail(r)
        print(fmt % (d["name"], "%d/%d" % (r["pages_lo"], r["pages_vndoc"]), r["words_lo"], "%.1f" % r["pct"],
                     "%.1f" % r["drawn"], "%.2f" % r["median"], "%.2f / %.2f" % (r["median_dx"], r["median_dy"]),
                     r["parts"] or "-", d["warnings"], "%.2f" % d["seconds"],
                     "PASS" if r["pass"] else "FAIL (" + ", ".join(why) + ")"))
    return rows


def libreoffice_totals(rows, timeout):
    n = len(rows)
    words = sum(r["words_lo"] for r in rows)
    same = sum(r["same_line"] for r in rows)
    refused = [r for r in rows if r["status"] == "refused"]
    slow = [r for r in rows if r["status"] == "timeout"]
    opened = [r for r in rows if r["status"] == "ok"]
    drawn_all = [r["drawn"] for r in rows]
    drawn_open = [r["drawn"] for r in opened]
    warned = [r["warnings"] for r in rows]
    times = [r["seconds"] for r in rows]
    print("-" * 110)
    print("total: %d documents, %d PASS, %d FAIL; %d of %d words (%.1f%%) on the same page and line"
          % (n, sum(r["pass"] for r in rows), n - sum(r["pass"] for r in rows), same, words,
             100.0 * same / words if words else 0.0))
    print("  meeting all three targets:        %d of %d" % (sum(r["pass"] for r in rows), n))
    print("  refused by vndoc (exit != 0):     %d%s" % (len(refused), (": " + ", ".join(r["name"] for r in refused))
                                                         if refused else ""))
    print("  over the %g s limit (failures):   %d%s" % (timeout, len(slow), (": " + ", ".join(r["name"] for r in slow))
                                                          if slow else ""))
    print("  LibreOffice's page count:         %d of %d" % (sum(r.get("pages_vndoc") == r["pages_lo"] for r in rows), n))
    print("  words on LibreOffice's page+line: %.1f%% (%d of %d; refused documents count as missed)"
          % (100.0 * same / words if words else 0.0, same, words))
    print("  LibreOffice's words drawn anywhere: min %.1f%%, median %.1f%% per document (refused count as 0);"
          " over the %d opened: min %.1f%%, median %.1f%%"
          % (min(drawn_all, default=0.0), median(drawn_all), len(opened), min(drawn_open, default=0.0),
             median(drawn_open)))
    print("  warnings: %d in all, %d documents with some, median %g per document"
          % (sum(warned), sum(1 for w in warned if w), median(warned)))
    print("  render time: median %.2f s, max %.2f s" % (median(times), max(times, default=0.0)))
    print("targets: same page count, >= %.0f%% of words on the same page and line, median difference < %.0f pt"
          % (TARGET_SAME, TARGET_DIFF))
    return {"documents": n, "pass": sum(r["pass"] for r in rows), "refused": len(refused), "timeout": len(slow),
            "pages_equal": sum(r.get("pages_vndoc") == r["pages_lo"] for r in rows),
            "words_lo": words, "same_line": same, "pct": 100.0 * same / words if words else 0.0,
            "drawn_min": min(drawn_all, default=0.0), "drawn_median": median(drawn_all),
            "drawn_opened_min": min(drawn_open, default=0.0), "drawn_opened_median": median(drawn_open),
            "warnings": sum(warned), "seconds_median": median(times), "seconds_max": max(times, default=0.0)}


def word_table(docs):
    """LibreOffice and vndoc each against Word's own PDF; returns the rows."""
    with_word = [d for d in docs if d["word_html"] != "-"]
    if not with_word:
        return [], None
    print("\nagainst Word's own PDF (NAME.pdf beside NAME.docx): %d documents" % len(with_word))
    fmt = "%-28s %12s %9s %9s %9s %9s  %-22s %s"
    print(fmt % ("document", "pages", "same p+l", "same p+l", "median", "median", "LibreOffice", "vndoc"))
    print(fmt % ("", "W/LO/vndoc", "LO %", "vndoc %", "LO pt", "vndoc pt", "", ""))
    rows = []
    for d in with_word:
        word = parse(d["word_html"])
        lo = compare_words(word, parse(d["lo_html"]))
        vn = compare_words(word, parse(d["vn_html"])) if d["status"] == "ok" else None
        r = {"name": d["name"], "pages_word": word[0], "words_word": len(word[1]), "libreoffice": lo, "vndoc": vn}
        rows.append(r)
        res = lambda x: "-" if x is None else ("PASS" if x["pass"] else "FAIL (" + ", ".join(why_fail(x)) + ")")
        print(fmt % (d["name"], "%d/%d/%s" % (word[0], lo["pages_vndoc"], vn["pages_vndoc"] if vn else "-"),
                     "%.1f" % lo["pct"], "%.1f" % vn["pct"] if vn else "0.0", "%.2f" % lo["median"],
                     "%.2f" % vn["median"] if vn else "-", res(lo), res(vn) if vn else "FAIL (" + d["status"] + ")"))
    n = len(rows)
    words = sum(r["words_word"] for r in rows)
    print("-" * 110)
    print("%-40s %14s %14s" % ("against Word (%d documents)" % n, "LibreOffice", "vndoc"))
    pages = [sum(1 for r in rows if r[k] and r[k]["pages_vndoc"] == r["pages_word"]) for k in ("libreoffice", "vndoc")]
    same = [sum(r[k]["same_line"] for r in rows if r[k]) for k in ("libreoffice", "vndoc")]
    ok = [sum(1 for r in rows if r[k] and r[k]["pass"]) for k in ("libreoffice", "vndoc")]
    print("%-40s %14s %14s" % ("  pages equal to Word's", "%d of %d" % (pages[0], n), "%d of %d" % (pages[1], n)))
    print("%-40s %14s %14s" % ("  Word's words on Word's page and line",
                               "%.1f%%" % (100.0 * same[0] / words if words else 0),
                               "%.1f%%" % (100.0 * same[1] / words if words else 0)))
    print("%-40s %14s %14s" % ("  documents meeting the three targets", "%d of %d" % (ok[0], n), "%d of %d" % (ok[1], n)))
    print("  (over %d words of Word's; a document vndoc refuses counts as missed)" % words)
    totals = {"documents": n, "words_word": words}
    for i, k in enumerate(("libreoffice", "vndoc")):
        totals[k] = {"pages_equal": pages[i], "same_line": same[i],
                     "pct": 100.0 * same[i] / words if words else 0.0, "pass": ok[i]}
    return rows, totals


def side_by_side(rows, docs, outdir, worst):
    """PNGs of the first page where the layouts part, for the worst documents."""
    import os
    import subprocess
    import tempfile
    import zlib
    by_name = {d["name"]: d for d in docs}
    cands = [r for r in rows if r["status"] == "ok" and r.get("parts")]
    cands.sort(key=lambda r: (r["pct"], r["name"]))
    os.makedirs(outdir, exist_ok=True)
    written = []
    for r in cands[:worst]:
        d, page = by_name[r["name"]], r["parts"]
        images = []
        with tempfile.TemporaryDirectory() as tmp:
            for pdf, pages, tag in ((d["vn_pdf"], r["pages_vndoc"], "v"), (d["lo_pdf"], r["pages_lo"], "l")):
                p = min(page, pages)
                out = os.path.join(tmp, tag)
                subprocess.run(["pdftoppm", "-r", "50", "-f", str(p), "-l", str(p), "-singlefile", pdf, out],
                               check=True)
                images.append(read_ppm(out + ".ppm"))
        path = os.path.join(outdir, "%s-p%d.png" % (r["name"], page))
        write_png(path, images, zlib)
        written.append(path)
    if written:
        print("\nfirst differing page, vndoc left, LibreOffice right (%d worst documents):" % len(written))
        for p in written:
            print("  " + p)


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    # P6, width, height, maxval, one white-space byte, then RGB rows
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    w, h = int(fields[1]), int(fields[2])
    pixels = data[pos + 1:pos + 1 + 3 * w * h]
    return w, h, [pixels[y * 3 * w:(y + 1) * 3 * w] for y in range(h)]


def write_png(path, images, zlib):
    """The images side by side, 8 grey pixels apart, as one RGB PNG."""
    import struct
    gap = b"\x80\x80\x80" * 8
    h = max(im[1] for im in images)
    w = sum(im[0] for im in images) + 8 * (len(images) - 1)
    raw = bytearray()
    for y in range(h):
        raw.append(0)
        parts = [im[2][y] if y < im[1] else b"\xff" * 3 * im[0] for im in images]
        raw += gap.join(parts)

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


def no_nan(x):
    """NaN (a median of nothing) as null: JSON has no NaN."""
    if isinstance(x, float) and x != x:
        return None
    if isinstance(x, dict):
        return {k: no_nan(v) for k, v in x.items()}
    if isinstance(x, list):
        return [no_nan(v) for v in x]
    return x


def main(argv):
    details, jpath, images, worst, timeout = 0, None, None, 5, 10.0
    while argv and argv[0].startswith("--"):
        opt = argv.pop(0)
        if opt == "--details":
            details = int(argv.pop(0))
        elif opt == "--json":
            jpath = argv.pop(0)
        elif opt == "--images":
            images = argv.pop(0)
        elif opt == "--worst":
            worst = int(argv.pop(0))
        elif opt == "--timeout":
            timeout = float(argv.pop(0))
        else:
            print("compare.py: unknown option " + opt, file=sys.stderr)
            return 2
    if len(argv) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    docs = read_manifest(argv[0])
    rows = libreoffice_table(docs, details)
    totals = libreoffice_totals(rows, timeout)
    if details:
        for r in rows:
            if r.get("misses"):
                print("\n%s: first differences" % r["name"])
                for line in r["misses"]:
                    print("  " + line)
    word_rows, word_totals = word_table(docs)
    if images and worst > 0:
        side_by_side(rows, docs, images, worst)
    if jpath:
        with open(jpath, "w", encoding="utf-8") as f:
            json.dump(no_nan({"libreoffice": rows, "totals": totals, "word": word_rows, "word_totals": word_totals}),
                      f, ensure_ascii=False, indent=1, allow_nan=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
