/*
 * layout/keep.c: the breaks vndoc forbids where Pango's rules (UAX #14,
 * Unicode 15.1) allow one and LibreOffice's do not: after a slash between
 * two words near a space, before a digit after an infix separator; and
 * the one LibreOffice takes and Pango does not: after a hyphen before a
 * digit.
 *
 * Each forbidden stretch is a Pango attribute, and Pango 1.50 pays for
 * every one in the piece it lays out: it finds each one's character from
 * the piece's start, and splits the piece's runs at it (about 1.4 KB a
 * run): 1,000,000 slashes in one paragraph of an 860 KB document took
 * 35 s and 2.8 GB, the 1 MB of "{/}" of tests/fixtures/hostile/stray-
 * closes.docx 10.7 s and 1 GB.  So none is made where Pango keeps the
 * text together itself (between digits: "05/7/2024", "0.37"), stretches
 * that touch are one attribute ("a/b/c/d": one), and a paragraph gets at most
 * VNDOC_LIMIT_LAYOUT_KEEPS of them and one more for each
 * VNDOC_LIMIT_LAYOUT_KEEP_BYTES of its text before it: past that, in
 * text no clerk writes, Pango's rules decide.
 */
#include <pthread.h>
#include <string.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "layout/para.h"

/* LibreOffice takes the break after a slash in a word (a path, a URL) only
 * when no whitespace lies in the 66 UTF-16 units before the break, the
 * slash excluded ("Avoid an overly long path and break it as was
 * indicated. Overly long here is arbitrarily defined":
 * BreakIterator_Unicode::getLineBreak); nearer, it breaks at the
 * whitespace instead. */
enum { SLASH_WORD_LONG = 66 };

typedef struct keeps {
	PangoAttrList *attrs;
	int start, end; /* the stretch being gathered; end 0: none */
	long used;      /* attributes added */
} keeps;

static void flush(keeps *k)
{
	PangoAttribute *a;
	if (!k->end)
		return;
	/* the allowance at the stretch's start */
	if (k->used < VNDOC_LIMIT_LAYOUT_KEEPS + k->start / VNDOC_LIMIT_LAYOUT_KEEP_BYTES) {
		a = pango_attr_allow_breaks_new(FALSE);
		a->start_index = (guint)k->start;
		a->end_index = (guint)k->end;
		pango_attr_list_insert(k->attrs, a);
		k->used++;
	}
	k->end = 0;
}

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

/* ICU's u_isWhitespace: white space that is not a no-break space. */
static bool whitespace(gunichar c)
{
	return g_unichar_isspace(c) && c != 0xa0 && c != 0x2007 && c != 0x202f;
}

/* Bytes [start, end) kept on one line; `start` never below an earlier one's. */
static void keep(keeps *k, int start, int end)
{
	if (k->end && start <= k->end) {
		if (end > k->end)
			k->end = end;
		return;
	}
	flush(k);
	k->start = start;
	k->end = end;
}

/* What the loop below asks of each character, for ASCII from a table made
 * once from GLib's own answers (most of a text is ASCII; the two calls a
 * character were 0.6% of vndoc's instructions in bench/render). */
enum { C_NUMERIC = 1, C_INFIX = 2, C_SPACE = 4 };
static unsigned char ascii_class[128];
static pthread_once_t ascii_once = PTHREAD_ONCE_INIT;

static unsigned char class_of(gunichar c)
{
	GUnicodeBreakType type = g_unichar_break_type(c);
	return (type == G_UNICODE_BREAK_NUMERIC ? C_NUMERIC : 0) |
	       (type == G_UNICODE_BREAK_INFIX_SEPARATOR ? C_INFIX : 0) | (whitespace(c) ? C_SPACE : 0);
}

static void ascii_classes(void)
{
	for (gunichar c = 0; c < 128; c++)
		ascii_class[c] = class_of(c);
}

void vndoc_layout__keep_breaks(PangoAttrList *attrs, const char *text, int len, bool word)
{
	keeps k = { attrs, 0, 0, 0 };
	const char *p = text, *end = text + len, *prev = NULL;
	bool infix = false;
	long u = 0, space = -SLASH_WORD_LONG; /* UTF-16 units: this character's, the last whitespace's */

	pthread_once(&ascii_once, ascii_classes);
	while (p < end) {
		const char *next = g_utf8_next_char(p);
		int i = (int)(p - text);
		gunichar c = (unsigned char)*p < 0x80 ? (unsigned char)*p : g_utf8_get_char(p);
		unsigned char cls = c < 0x80 ? ascii_class[c] : class_of(c);
		/* "Số 15/HD-SVHTTDL": LibreOffice (ICU) does not break after a
		 * slash between two words when whitespace lies near before it;
		 * Pango does (not between two digits: "NU (SY | IS)* x NU" keeps
		 * "05/7/2024" already).  A long URL breaks after a slash in
		 * both (d4j-convert-out p1: ".../convert/out/common/").  Word
		 * (`word`: a document Word wrote) never breaks after a slash
		 * between two words: d4j-gettingstarted p10, "https://github.com/
		 * plutext/docx4j/blob/VERSION_11_4_8/docx4j-samples-" ends a line
		 * at the hyphen in Word's PDF, where vndoc broke after "main/";
		 * dxp-case6's "/api/auth/refresh" and en-telco-usermanual's
		 * "labeling/rubric.md" whole. */
		if (*p == '/' && i >= 1 && i + 1 < len && text[i - 1] != ' ' && text[i + 1] != ' ' &&
		    text[i + 1] != '\t' && !(digit(text[i - 1]) && digit(text[i + 1])) &&
		    (word || space >= u + 1 - SLASH_WORD_LONG))
			keep(&k, i, (int)(g_utf8_next_char(text + i + 1) - text));
		if (cls & C_SPACE)
			space = u;
		u += c > 0xffff ? 2 : 1;
		/* LibreOffice's rules (i18npool line.txt, LB 29 "IS x (AL | NU)")
		 * keep an infix separator with a digit after it, as UAX #14
		 * before Unicode 15.1 did; Pango's only after a number.  A form's
		 * dotted fill-in line "......6......" with a note mark is one
		 * word to LibreOffice: it goes to the next line whole, and Pango
		 * broke it before the "6" (vn-nd30-pl3 page 3).  After a number
		 * ("0.37") Pango keeps it too. */
		if (infix && (cls & C_NUMERIC))
			keep(&k, (int)(prev - text), (int)(next - text));
		infix = (cls & C_INFIX) && !(prev && digit(*prev));
		prev = p;
		p = next;
	}
	flush(&k);
}

/* A quotation mark (UAX #14 QU) whose character ends at byte `i` of `s`,
 * followed by spaces and an opening bracket (OP). */
static bool quote_before_bracket(const char *s, size_t len, size_t i)
{
	size_t b = i, j = i + 1;
	if (j >= len || s[j] != ' ')
		return false;
	while (b > 0 && ((unsigned char)s[b] & 0xc0) == 0x80)
		b--;
	if (g_unichar_break_type(g_utf8_get_char(s + b)) != G_UNICODE_BREAK_QUOTATION)
		return false;
	while (j < len && s[j] == ' ')
		j++;
	return j < len && g_unichar_break_type(g_utf8_get_char(s + j)) == G_UNICODE_BREAK_OPEN_PUNCTUATION;
}

/* Whether LibreOffice may break after byte `i` of `s` where Pango may not
 * (vndoc_layout__hyphen_breaks). */
static bool break_after(const char *s, size_t len, size_t i, bool word)
{
	if (word && s[i] == ' ' && i + 1 < len && s[i + 1] == '.')
		return true;
	if (s[i] == '-')
		return i + 1 < len && digit(s[i + 1]);
	if (s[i] == '\\')
		return i + 1 < len && (g_ascii_isalnum(s[i + 1]) || s[i + 1] == '(');
	return ((unsigned char)s[i] & 0xc0) != 0xc0 && quote_before_bracket(s, len, i);
}

/*
 * LibreOffice's line rules (i18npool line.txt, after UAX #14 5.0) break
 * after a hyphen-minus before a digit; Pango's (UAX #14 LB 25, "HY x NU")
 * do not: "2014-21018" ends a line with "2014-" in LibreOffice, and Pango
 * took the whole number to the next line (poi-stress018 p2).  After a space too: "el
 * número -" ends a line and "21018" begins the next in LibreOffice.  And
 * they break between a closing quotation mark, a space and an opening
 * bracket, where Pango keeps them together (LB 15, "QU SP* x OP"): "...
 * entre otras posibilidades” (Sabatini, ...)" ends a line with the quote in
 * LibreOffice, and Pango took "posibilidades”" down with "(Sabatini,"
 * (poi-stress018 p6; the same with " and »).  And after a backslash before
 * a letter, a digit or an opening parenthesis, where Pango keeps the
 * backslash (PR) with what follows (LB 24, 25): "p\0.20." ends a line with
 * "p\" in LibreOffice (poi-bug59058 p11; soffice: the same before "abc" and
 * "(0.20)", not after "$" before "0.20").  A zero-width space after
 * each such hyphen or quotation mark in `text` from byte `from` gives
 * Pango the break (after the spaces that follow it: UAX #14 LB 8, "ZW SP*
 * ÷"); vndoc_layout__line_text drops it.
 */
void vndoc_layout__hyphen_breaks(GString *text, size_t from, bool word)
{
	/* from the text before too: a run may end with the quotation mark
	 * and the next begin with the space (the space put in goes with it) */
	size_t n = 0, len = text->len, lo = from > 0 ? from - 1 : 0, w;
	const char *s;

	for (size_t i = lo; i + 1 < len; i++)
		n += break_after(text->str, len, i, word);
	if (!n)
		return;
	/* one pass from the end: "-1-1-1..." stays linear */
	g_string_set_size(text, len + 3 * n);
	s = text->str;
	w = len + 3 * n;
	for (size_t i = len; i-- > lo;) {
		if (i + 1 < len && break_after(s, len, i, word)) {
			w -= 3;
			memcpy(text->str + w, VNDOC_LAYOUT__ZWSP, 3);
		}
		if (i >= from)
			text->str[--w] = s[i];
	}
}

static void no_hyphens(PangoAttrList *attrs, int start, int end)
{
	PangoAttribute *a;
	if (end <= start)
		return;
	a = pango_attr_insert_hyphens_new(FALSE);
	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(attrs, a);
}

/*
 * Neither LibreOffice nor Word draws a hyphen where it cuts a word too long
 * for its line; Pango 1.50 does, and counts its width, so that the line
 * held one letter fewer than LibreOffice's ("(69):SElnORMH...abcde" where
 * LibreOffice has "...abcdef", spec).  The hyphen Pango shows after a soft
 * hyphen (U+00AD) where the line breaks stays: both show it.  One attribute
 * for the text between two soft hyphens.
 */
void vndoc_layout__no_cut_hyphens(PangoAttrList *attrs, const char *text, int len)
{
	int from = 0;
	for (int i = 0; i + 1 < len; i++) {
		if ((unsigned char)text[i] != 0xc2 || (unsigned char)text[i + 1] != 0xad)
			continue;
		/* the break after the soft hyphen left out */
		no_hyphens(attrs, from, i + 2);
		from = i + 2 < len ? (int)(g_utf8_next_char(text + i + 2) - text) : len;
		i++;
	}
	no_hyphens(attrs, from, len);
}

/*
 * A list label's tab is no place to break: the first word after it stays
 * on the label's line and, when it is too long for what is left of the
 * line, is cut at the margin there (Word and LibreOffice 7.4:
 * d4j-gettingstarted p20, the bullet item "ContentControlsAddCustomXml
 * DataStoragePart", 10 pt Calibri in a column of 216 pt, breaks after
 * "Storage" on the bullet's line in Word's PDF and LibreOffice's; Pango
 * broke after the tab, leaving the bullet alone on its line, and the
 * column ran a line long).  The label is kept whole with them: Pango,
 * finding no break after the tab, would cut the line inside the label.
 */
void vndoc_layout__keep_label(PangoAttrList *attrs, const char *text, int len, int from, int tab)
{
	PangoAttribute *a;
	if (from < 0 || tab < from || tab + 1 >= len)
		return;
	a = pango_attr_allow_breaks_new(FALSE);
	a->start_index = (guint)from;
	a->end_index = (guint)(g_utf8_next_char(text + tab + 1) - text);
	pango_attr_list_insert(attrs, a);
}
