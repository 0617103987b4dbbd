#!/usr/bin/env python3
"""tests/bench/test_compare.py: the rules bench/fidelity/compare.py
credits words by (issue 14): LibreOffice's kashida left out of its
Arabic words, and a piece of a word LibreOffice's PDF cuts counted as
drawn only where vndoc draws it, on the same page or where vndoc draws
the word before it, each of vndoc's characters given once.  Standard library only."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench", "fidelity"))
import compare  # noqa: E402


def word(text, page=1, x=0.0, y=0.0, line=0):
    w = compare.Word()
    w.text, w.page, w.x, w.y, w.line, w.row = text, page, x, y, line, line
    w.x1, w.y0, w.y1 = x + 10, y - 5, y + 5
    return w


# قرآن as seen, left to right, and its two pieces where LibreOffice's
# kashida cut it
QURAN_SEEN = "\u0646\u0622\u0631\u0642"
LEFT, RIGHT = "\u0646\u0622\u0631", "\u0642"


class Kashida(unittest.TestCase):
    def test_quote_between_arabic_letters_is_left_out(self):
        self.assertEqual(compare.kashida("\u0646\u0622\u0631\"\"\u0642"), QURAN_SEEN)

    def test_quote_elsewhere_stays(self):
        self.assertEqual(compare.kashida("\"\u0642\""), "\"\u0642\"")
        self.assertEqual(compare.kashida("a\"\"b"), "a\"\"b")


class SamePagePieces(unittest.TestCase):
    def test_pieces_of_one_vndoc_word(self):
        vn = word(QURAN_SEEN, x=100)
        pairs, left = compare.same_page_pieces([word(RIGHT, x=120), word(LEFT, x=100)], [vn])
        self.assertEqual([(a.text, b.text) for a, b in pairs], [(RIGHT, QURAN_SEEN), (LEFT, QURAN_SEEN)])
        self.assertEqual(left, [])

    def test_a_character_is_given_once(self):
        pairs, left = compare.same_page_pieces([word(RIGHT), word(RIGHT)], [word(QURAN_SEEN)])
        self.assertEqual(len(pairs), 1)
        self.assertEqual([a.text for a in left], [RIGHT])

    def test_another_page_another_order_or_far_is_no_match(self):
        pairs, left = compare.same_page_pieces([word(LEFT, page=2), word(RIGHT + LEFT), word(LEFT, y=100)],
                                               [word(QURAN_SEEN)])
        self.assertEqual(pairs, [])
        self.assertEqual(len(left), 3)

    def test_the_nearest_word_first(self):
        far, near = word(QURAN_SEEN, y=130), word(QURAN_SEEN, y=102)
        pairs, _ = compare.same_page_pieces([word(RIGHT, y=100)], [far, near])
        self.assertIs(pairs[0][1], near)


class FlowPlaces(unittest.TestCase):
    # LibreOffice: "x" and a piece at the top of page 2; vndoc: "x" at the
    # foot of page 1, the word the piece belongs to just below it
    def test_where_vndoc_draws_the_word_before(self):
        x, piece = word("x", page=2, y=50), word(RIGHT, page=2, y=62)
        vn_x = word("x", page=1, y=700)
        self.assertEqual(compare.flow_places([x, piece], [(x, vn_x)]), {id(piece): (1, 712)})

    def test_none_across_libreoffice_pages(self):
        x, piece = word("x", page=1, y=700), word(RIGHT, page=2, y=50)
        self.assertEqual(compare.flow_places([x, piece], [(x, word("x", page=1, y=700))]), {})

    def test_a_piece_there_counts(self):
        piece = word(RIGHT, page=2, y=62)
        pairs, left = compare.same_page_pieces([piece], [word(QURAN_SEEN, page=1, y=712)], None,
                                               {id(piece): (1, 712)})
        self.assertEqual(len(pairs), 1)
        self.assertEqual(left, [])

    def test_a_piece_far_from_there_does_not(self):
        piece = word(RIGHT, page=2, y=62)
        pairs, left = compare.same_page_pieces([piece], [word(QURAN_SEEN, page=1, y=300)], None,
                                               {id(piece): (1, 712)})
        self.assertEqual(pairs, [])
        self.assertEqual(left, [piece])


class CompareWords(unittest.TestCase):
    def test_pieces_read_in_another_order_count_as_drawn(self):
        # LibreOffice: the pieces on two lines, read apart from each other
        # by a word vndoc has elsewhere; vndoc: the word whole
        lo = [word(LEFT, y=10), word("x", y=30), word(RIGHT, y=50)]
        vn = [word("x", y=10), word(QURAN_SEEN, y=30)]
        r = compare.compare_words((1, lo), (1, vn))
        self.assertAlmostEqual(r["drawn"], 100.0)

    def test_characters_matched_once_are_not_given_again(self):
        # vndoc draws the word once; LibreOffice's second copy of a piece
        # of it is not drawn
        lo = [word(LEFT, y=10), word("x", y=30), word(RIGHT, y=50), word(RIGHT, y=70)]
        vn = [word("x", y=10), word(QURAN_SEEN, y=30)]
        r = compare.compare_words((1, lo), (1, vn))
        self.assertAlmostEqual(r["drawn"], 75.0)

    def test_a_word_vndoc_does_not_draw_is_missed(self):
        lo = [word(LEFT, y=10), word("\u0628", y=30)]
        vn = [word(LEFT, y=10)]
        r = compare.compare_words((1, lo), (1, vn))
        self.assertAlmostEqual(r["drawn"], 50.0)


if __name__ == "__main__":
    unittest.main()
