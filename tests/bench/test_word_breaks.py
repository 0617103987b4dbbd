#!/usr/bin/env python3
"""tests/bench/test_word_breaks.py: bench/fidelity/word_breaks.py reads
Word's recorded page breaks (w:lastRenderedPageBreak) from a DOCX and
counts the ones a PDF breaks at too.  The PDF's words are given here
(pdf_words replaced), the DOCX written in memory.  Standard library only."""
import io
import os
import sys
import tempfile
import unittest
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench", "fidelity"))
import word_breaks  # noqa: E402

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def para(text, mark_at=None):
    """A paragraph; a mark before word `mark_at` of it (0: before the first)."""
    words = text.split()
    runs = []
    for i, w in enumerate(words):
        if i == mark_at:
            runs.append("<w:r><w:lastRenderedPageBreak/><w:t>%s </w:t></w:r>" % w)
        else:
            runs.append('<w:r><w:t xml:space="preserve">%s </w:t></w:r>' % w)
    return "<w:p>%s</w:p>" % "".join(runs)


def docx(*paras):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document %s><w:body>%s</w:body></w:document>" % (NS, "".join(paras)))
    f = tempfile.NamedTemporaryFile(suffix=".docx", delete=False)
    f.write(buf.getvalue())
    f.close()
    return f.name


class WordBreaks(unittest.TestCase):
    def setUp(self):
        # Word broke the page before "Phänomen," (inside the paragraph) and
        # before the second paragraph.
        self.path = docx(para("ein individueller traumatischer Komplex. Das Phänomen, des Traumas", mark_at=5),
                         para("Archetyp versus Komplex an dieser Stelle", mark_at=0))
        self.words, self.marks = word_breaks.docx_words(self.path)

    def tearDown(self):
        os.unlink(self.path)

    def test_marks_are_read_between_the_words(self):
        self.assertEqual(self.words[5:8], ["phänomen", "des", "traumas"])
        self.assertEqual(self.marks, [5, 8])

    def pages(self, breaks):
        """The document's words on pages that begin before word indexes `breaks`."""
        out, page = [], 1
        for i, w in enumerate(self.words):
            if i in breaks:
                page += 1
            out.append((page, w))
        return out

    def test_a_pdf_breaking_where_word_did_matches_every_mark(self):
        word_breaks.pdf_words = lambda path: self.pages({5, 8})
        self.assertEqual(word_breaks.check(self.words, self.marks, "x.pdf"), (2, 2, None))

    def test_a_pdf_a_line_late_matches_the_marks_after_it(self):
        word_breaks.pdf_words = lambda path: self.pages({7, 8})
        found, matched, first = word_breaks.check(self.words, self.marks, "x.pdf")
        self.assertEqual((found, matched), (2, 1))
        self.assertEqual(first, "p1 | p1: 'traumatischer komplex das | phänomen des traumas'")


if __name__ == "__main__":
    unittest.main()
