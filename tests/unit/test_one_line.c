/*
 * tests/unit/test_one_line.c: a text that fits on one line laid out with
 * one shaping (layout/one_line.c) is the line Pango's line breaking gives:
 * the same glyphs, advances and offsets, at the same place; a text that
 * does not fit, or that the shortcut leaves alone, is laid out as before.
 */
#include <string.h>

#include "layout/layout_internal.h"
#include "layout/para.h"
#include "render_util.h"
#include "test.h"

typedef struct para {
	const char *text;
	double width;      /* points */
	PangoAlignment align;
	bool justify;
	int indent;        /* Pango units */
	int letter_spacing; /* Pango units, 0: none */
} para;

static PangoLayout *make(PangoContext *ctx, const para *p)
{
	PangoLayout *layout = pango_layout_new(ctx);
	PangoFontDescription *fd = pango_font_description_from_string("Times New Roman 12");
	PangoAttrList *attrs = pango_attr_list_new();
	PangoAttribute *bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
	bold->start_index = 0;
	bold->end_index = 5; /* a second run: "Độ" bold in the texts below */
	pango_attr_list_insert(attrs, bold);
	if (p->letter_spacing)
		pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(p->letter_spacing));
	pango_layout_set_text(layout, p->text, -1);
	pango_layout_set_attributes(layout, attrs);
	pango_layout_set_font_description(layout, fd);
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_width(layout, PU(p->width));
	pango_layout_set_indent(layout, p->indent);
	pango_layout_set_alignment(layout, p->align);
	pango_layout_set_justify(layout, p->justify);
	pango_attr_list_unref(attrs);
	pango_font_description_free(fd);
	return layout;
}

/* Each line's place and runs, glyph by glyph. */
static char *describe(PangoLayout *layout)
{
	GString *out = g_string_new(NULL);
	PangoLayoutIter *it = pango_layout_get_iter(layout);
	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		g_string_append_printf(out, "line %d+%d x=%d w=%d:", line->start_index, line->length, logical.x,
				       logical.width);
		for (GSList *r = line->runs; r; r = r->next) {
			const PangoGlyphItem *run = r->data;
			g_string_append_printf(out, " [%d+%d", run->item->offset, run->item->length);
			for (int g = 0; g < run->glyphs->num_glyphs; g++) {
				const PangoGlyphInfo *gi = &run->glyphs->glyphs[g];
				g_string_append_printf(out, " %u/%d/%d/%d", gi->glyph, gi->geometry.width,
						       gi->geometry.x_offset, gi->geometry.y_offset);
			}
			g_string_append(out, "]");
		}
		g_string_append(out, "\n");
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	return g_string_free(out, FALSE);
}

/* Lays `p` out as Pango breaks it and through the shortcut; the same
 * lines.  Returns whether the shortcut kept its one-shaping layout. */
static bool same_lines(PangoContext *ctx, const para *p)
{
	PangoLayout *wrapped = make(ctx, p), *one = make(ctx, p);
	char *want, *got;
	bool kept = false;

	if (vndoc_layout__one_line_try(one, p->text, (int)strlen(p->text), 12, p->width)) {
		vndoc_layout__one_line_check(one);
		kept = pango_layout_get_ellipsize(one) == PANGO_ELLIPSIZE_END;
	}
	want = describe(wrapped);
	got = describe(one);
	ck_assert_msg(!strcmp(want, got), "\"%s\":\n%s\nwant\n%s", p->text, got, want);
	g_free(want);
	g_free(got);
	g_object_unref(wrapped);
	g_object_unref(one);
	return kept;
}

START_TEST(one_line__same_line_as_wrapped)
{
	vndoc_error e;
	vndoc_docx *doc = load_docx(write_doc("<w:p><w:r><w:t>x</w:t></w:r></w:p>"));
	vndoc_layout *l = NULL;
	const char *vn = "Độc lập - Tự do - Hạnh phúc";

	ck_assert_int_eq(vndoc_layout_run(&l, doc, NULL, &e), 0);
	/* One line, kept: left, centred, right, justified (its one line is
	 * the last: not stretched), with a first-line indent. */
	ck_assert(same_lines(l->ctx, &(para){ vn, 300, PANGO_ALIGN_LEFT, false, 0, 0 }));
	ck_assert(same_lines(l->ctx, &(para){ vn, 300, PANGO_ALIGN_CENTER, false, 0, 0 }));
	ck_assert(same_lines(l->ctx, &(para){ vn, 300, PANGO_ALIGN_RIGHT, false, 0, 0 }));
	ck_assert(same_lines(l->ctx, &(para){ vn, 300, PANGO_ALIGN_LEFT, true, 0, 0 }));
	ck_assert(same_lines(l->ctx, &(para){ vn, 300, PANGO_ALIGN_RIGHT, false, PU(36), 0 }));
	ck_assert(same_lines(l->ctx, &(para){ "TT", 30, PANGO_ALIGN_CENTER, false, 0, 0 }));
	ck_assert(same_lines(l->ctx, &(para){ "", 30, PANGO_ALIGN_CENTER, false, 0, 0 }));
	/* A space at the end past the margin (Pango lets it hang): left to
	 * Pango, the same line. */
	ck_assert(!same_lines(l->ctx, &(para){ "Stt ", 18.5, PANGO_ALIGN_LEFT, false, 0, 0 }));
	/* Too wide: broken as before, the shortcut taken off. */
	ck_assert(!same_lines(l->ctx, &(para){ vn, 100, PANGO_ALIGN_CENTER, true, 0, 0 }));
	ck_assert(!same_lines(l->ctx, &(para){ vn, 138, PANGO_ALIGN_LEFT, false, 0, 0 }));
	/* Not tried: a tab, a line separator, letter spacing. */
	ck_assert(!same_lines(l->ctx, &(para){ "a\tb", 300, PANGO_ALIGN_LEFT, false, 0, 0 }));
	ck_assert(!same_lines(l->ctx, &(para){ "a\xe2\x80\xa8" "b", 300, PANGO_ALIGN_LEFT, false, 0, 0 }));
	ck_assert(!same_lines(l->ctx, &(para){ vn, 300, PANGO_ALIGN_LEFT, false, 0, PU(1) }));
	vndoc_layout_free(l);
	vndoc_docx_free(doc);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("one_line");
	TCase *tc = tcase_create("one_line");
	tcase_add_test(tc, one_line__same_line_as_wrapped);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
