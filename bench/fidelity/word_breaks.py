#!/usr/bin/env python3
"""bench/fidelity/word_breaks.py: where Word broke the pages of a DOCX, checked
against PDFs of it.

    word_breaks.py DOCX PDF...

Word writes <w:lastRenderedPageBreak/> into the text where its own layout
began a new page when it last saved the document: the page breaks the
author saw, in documents of ../shared/corpus/real that have no PDF of Word's.
For each such mark in word/document.xml, the three words after it are looked
for in the PDF (in order, from the last one found) and the three words
before it just above them; the PDF breaks where Word did when the words
before end a page and the words after begin the next one.  Prints, per PDF,
how many of the marks it matches of those found in it, and the first one
it does not match (the page of the words before and after, and the words).

Words are compared lower-cased, without punctuation, from `pdftotext` (one
call per page).  Marks in tables, headers or text boxes are checked the same
way; a mark whose words are not found (a field, a picture's text) is left
out.  Needs pdftotext and pdfinfo (poppler-utils).
"""
import re
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SPAN = 3      # words compared on each side of a mark
LOOK_BACK = 400  # words searched above the words after a mark for those before


def norm(word):
    return re.sub(r"[^\w]", "", word.lower())


def docx_words(path):
    """The body's words and, for each mark, the index of the word after it."""
    body = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml")).find(W + "body")
    words, marks, text = [], [], []

    def flush():
        for w in "".join(text).split():
            if norm(w):
                words.append(norm(w))
        text.clear()

    for el in body.iter():
        if el.tag == W + "t":
            text.append(el.text or "")
        elif el.tag in (W + "tab", W + "br", W + "cr"):
            text.append(" ")
        elif el.tag == W + "p":
            flush()
        elif el.tag == W + "lastRenderedPageBreak":
            flush()
            marks.append(len(words))
    flush()
    return words, marks


def pdf_words(path):
    """(page, word) for every word of the PDF."""
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    out = []
    for p in range(1, pages + 1):
        t = subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), path, "-"],
                           capture_output=True, text=True).stdout
        out.extend((p, norm(w)) for w in t.split() if norm(w))
    return out


def at(pw, i, seq):
    return all(pw[i + j][1] == seq[j] for j in range(len(seq)))


def check(words, marks, pdf):
    pw = pdf_words(pdf)
    cur = found = matched = 0
    first = None
    for m in marks:
        if m < SPAN or m + SPAN > len(words):
            continue
        before, after = words[m - SPAN:m], words[m:m + SPAN]
        i = next((k for k in range(cur, len(pw) - SPAN + 1) if at(pw, k, after)), -1)
        if i < 0:
            continue
        j = next((k for k in range(i - SPAN, max(i - LOOK_BACK, -1), -1) if at(pw, k, before)), -1)
        if j < 0:
            continue
        cur = i
        found += 1
        if pw[i][0] == pw[j + SPAN - 1][0] + 1:
            matched += 1
        elif first is None:
            first = "p%d | p%d: '%s | %s'" % (pw[j + SPAN - 1][0], pw[i][0], " ".join(before), " ".join(after))
    return found, matched, first


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    words, marks = docx_words(argv[0])
    print("%s: %d of Word's page breaks recorded" % (argv[0], len(marks)))
    for pdf in argv[1:]:
        found, matched, first = check(words, marks, pdf)
        print("  %s: %d of %d found breaks where Word broke; first other: %s" % (pdf, matched, found, first or "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
