/*
 * tests/unit/test_shapes.c: shapes, text boxes, groups and VML read into
 * the docx model (docx/shapes.c, docx/vml.c), and the shapes' dump lines
 * and drawing (render/shape.c).
 *
 * The fixture tests/fixtures/render/shapes (make_shapes.py) is written as
 * Word writes: each drawing in wps/wpg with its VML in mc:Fallback, then
 * Word 2003's VML alone.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "core/buf.h"
#include "core/fsutil.h"
#include "docx/docx.h"
#include "layout/layout.h"
#include "package/package.h"
#include "render/render.h"
#include "render/shape.h"
#include "render_util.h"
#include "test.h"

/* Every drawing of a story (its tables' cells too) and of its text boxes,
 * one line for the drawing and one per shape. */
static void story_text(vndoc_buf *out, const vndoc_docx_story *st, bool texts);

static void drawing_text(vndoc_buf *out, const vndoc_docx_inline *in)
{
	const vndoc_docx_drawing *d = in->drawing;
	vndoc_buf_printf(out, "%s %.1fx%.1f", in->kind == VNDOC_DOCX_INLINE_FLOAT ? "float" : "inline", in->image_w,
			 in->image_h);
	if (d->rel_w > 0)
		vndoc_buf_printf(out, " rel_w=%.2f", d->rel_w);
	if (in->kind == VNDOC_DOCX_INLINE_FLOAT)
		vndoc_buf_printf(out, " from=%d,%d at=%.1f,%.1f wrap=%d%s", in->anchor.h_from, in->anchor.v_from,
				 in->anchor.h_offset, in->anchor.v_offset, in->anchor.wrap,
				 in->anchor.behind ? " behind" : "");
	vndoc_buf_putc(out, '\n');
	for (size_t i = 0; i < d->n_shapes; i++) {
		const vndoc_docx_shape *s = &d->shapes[i];
		vndoc_render__dump_shape(out, s, s->x, s->y, s->w, s->h);
		if (s->text) {
			static const char *const anchors[] = { "top", "center", "bottom" };
			vndoc_buf_printf(out, "    text inset=%.1f,%.1f,%.1f,%.1f %s%s\n", s->text->inset[VNDOC_DOCX_LEFT],
					 s->text->inset[VNDOC_DOCX_TOP], s->text->inset[VNDOC_DOCX_RIGHT],
					 s->text->inset[VNDOC_DOCX_BOTTOM], anchors[s->text->anchor],
					 s->text->grow ? " grow" : "");
			story_text(out, &s->text->story, true);
		}
	}
}

static void story_text(vndoc_buf *out, const vndoc_docx_story *st, bool texts)
{
	for (size_t b = 0; b < st->n_blocks; b++) {
		const vndoc_docx_block *blk = &st->blocks[b];
		if (blk->kind == VNDOC_DOCX_BLOCK_TABLE) {
			for (size_t r = 0; r < blk->u.table.n_rows; r++)
				for (size_t c = 0; c < blk->u.table.rows[r].n_cells; c++)
					story_text(out, &blk->u.table.rows[r].cells[c].content, texts);
			continue;
		}
		for (size_t i = 0; i < blk->u.para.n_inlines; i++) {
			const vndoc_docx_inline *in = &blk->u.para.inlines[i];
			if (in->drawing)
				drawing_text(out, in);
			else if (texts && in->kind == VNDOC_DOCX_INLINE_TEXT)
				vndoc_buf_printf(out, "      \"%s\"\n", in->text);
		}
	}
}

/* Long texts: Check cannot carry them in its message; print what came. */
#define assert_text(got, want)                                                      \
	do {                                                                       \
		if (strcmp((got), (want))) {                                       \
			fprintf(stderr, "got:\n%s\nwanted:\n%s\n", (got), (want));     \
			ck_abort_msg("text differs (printed above)");             \
		}                                                                  \
	} while (0)

static char *drawings_of(const vndoc_docx_story *st)
{
	vndoc_buf out = VNDOC_BUF_INIT((size_t)1 << 20);
	story_text(&out, st, false);
	return vndoc_buf_detach(&out, NULL);
}

START_TEST(shapes_docx__word_drawings_read_from_their_choice)
{
	vndoc_docx *doc = load_docx(test_fixture("render/shapes"));
	char *d = drawings_of(&doc->body);
	assert_text(d,
		/* the short rules under the issuing body and the motto */
		"float 54.0x0.0 from=2,3 at=36.0,15.0 wrap=0\n"
		"  shape line x=0.0 y=0.0 w=54.0 h=0.0 stroke=0.75 #000000 solid\n"
		"float 162.0x0.0 from=2,3 at=49.5,15.0 wrap=0\n"
		"  shape line x=0.0 y=0.0 w=162.0 h=0.0 stroke=0.75 #000000 solid\n"
		/* yellow, dashed red outline 1.5 pt */
		"inline 100.0x30.0\n"
		"  shape rect x=0.0 y=0.0 w=100.0 h=30.0 stroke=1.50 #FF0000 dash fill=#FFFF00\n"
		/* lt1 through the theme; prstClr black */
		"float 150.0x60.0 from=1,3 at=283.5,10.0 wrap=1\n"
		"  shape rect x=0.0 y=0.0 w=150.0 h=60.0 stroke=0.50 #000000 solid fill=#FFFFFF\n"
		"    text inset=7.2,3.6,7.2,3.6 center\n"
		"      \"Nơi nhận:\"\n"
		"      \"- Như trên;\"\n"
		/* the group's child coordinates are twice its size; the oval's
		 * colours from its style (fillRef accent1, lnRef 2: 2 pt of
		 * accent1 at half its luminance; Word writes #243F60) */
		"float 100.0x50.0 from=1,3 at=0.0,0.0 wrap=0\n"
		"  shape ellipse x=0.0 y=0.0 w=50.0 h=50.0 stroke=2.00 #254061 solid fill=#4F81BD\n"
		"  shape roundrect x=50.0 y=10.0 w=50.0 h=30.0 stroke=1.00 #00B050 solid radius=7.5\n"
		"float 50.0x50.0 from=1,3 at=200.0,0.0 wrap=0 behind\n"
		"  shape path x=0.0 y=0.0 w=50.0 h=50.0 stroke=none fill=#953735 rot=90 flip=h path=4\n"
		/* Word 2003's VML */
		"inline 60.0x20.0\n"
		"  shape roundrect x=0.0 y=0.0 w=60.0 h=20.0 stroke=0.75 #000080 solid fill=#DDDDDD radius=3.3\n"
		"float 40.0x20.0 from=0,3 at=300.0,-5.0 wrap=0\n"
		"  shape ellipse x=0.0 y=0.0 w=40.0 h=20.0 stroke=1.00 #0000FF sysDot\n"
		"inline 0.0x1.5 rel_w=1.00\n"
		"  shape rect x=0.0 y=0.0 w=0.0 h=1.5 stroke=none fill=#A0A0A0\n");
	free(d);
	ck_assert_uint_eq(doc->n_warnings, 0);
	vndoc_docx_free(doc);
}
END_TEST

/* The fixture copied to a fresh folder, every `from` in word/document.xml
 * replaced by `to` (same length); the folder (static buffer). */
static const char *fixture_with(const char *from, const char *to)
{
	static char dir[4096];
	char cmd[8400], path[4200], *xml;
	size_t len;
	vndoc_error e;
	snprintf(dir, sizeof dir, "%s/shapes", test_tmpdir());
	snprintf(cmd, sizeof cmd, "cp -r '%s' '%s'", test_fixture("render/shapes"), dir);
	ck_assert_int_eq(test_run(cmd, NULL, NULL), 0);
	snprintf(path, sizeof path, "%s/word/document.xml", dir);
	xml = test_read_file(path, &len);
	for (char *p = strstr(xml, from); p; p = strstr(p, from))
		memcpy(p, to, strlen(to));
	ck_assert_int_eq(vndoc_fs_write_file(path, xml, len, &e), 0);
	free(xml);
	return dir;
}

START_TEST(shapes_docx__vml_fallback_when_the_choice_is_not_read)
{
	/* A choice asking for what we do not read (here "wps" renamed):
	 * the same drawings from their VML. */
	vndoc_docx *doc = load_docx(fixture_with("Requires=\"wp", "Requires=\"xx"));
	char *d = drawings_of(&doc->body);
	assert_text(d,
		/* v:line from 36pt,15pt to 90pt,15pt */
		"float 54.0x0.0 from=2,3 at=36.0,15.0 wrap=0\n"
		"  shape line x=0.0 y=0.0 w=54.0 h=0.0 stroke=0.75 #000000 solid\n"
		"float 162.0x0.0 from=2,3 at=49.5,15.0 wrap=0\n"
		"  shape line x=0.0 y=0.0 w=162.0 h=0.0 stroke=0.75 #000000 solid\n"
		"inline 100.0x30.0\n"
		"  shape rect x=0.0 y=0.0 w=100.0 h=30.0 stroke=1.50 #FF0000 dash fill=#FFFF00\n"
		/* v:shape of shapetype 202 (a text box), fillcolor "white [3201]" */
		"float 150.0x60.0 from=1,3 at=283.4,10.0 wrap=1\n"
		"  shape rect x=0.0 y=0.0 w=150.0 h=60.0 stroke=0.50 #000000 solid fill=#FFFFFF\n"
		"    text inset=7.2,3.6,7.2,3.6 center\n"
		"      \"Nơi nhận:\"\n"
		"      \"- Như trên;\"\n"
		/* v:group coordsize 12700,6350 on 100 x 50 pt */
		"float 100.0x50.0 from=1,3 at=0.0,0.0 wrap=0\n"
		"  shape ellipse x=0.0 y=0.0 w=50.0 h=50.0 stroke=2.00 #243F60 solid fill=#4F81BD\n"
		"  shape roundrect x=50.0 y=10.0 w=50.0 h=30.0 stroke=1.00 #00B050 solid radius=7.5\n"
		/* v:shape path "m50,l100,100,,100xe" in coordsize 100,100 */
		"float 50.0x50.0 from=1,3 at=200.0,0.0 wrap=0 behind\n"
		"  shape path x=0.0 y=0.0 w=50.0 h=50.0 stroke=none fill=#903C39 rot=90 flip=h path=4\n"
		"inline 60.0x20.0\n"
		"  shape roundrect x=0.0 y=0.0 w=60.0 h=20.0 stroke=0.75 #000080 solid fill=#DDDDDD radius=3.3\n"
		"float 40.0x20.0 from=0,3 at=300.0,-5.0 wrap=0\n"
		"  shape ellipse x=0.0 y=0.0 w=40.0 h=20.0 stroke=1.00 #0000FF sysDot\n"
		"inline 0.0x1.5 rel_w=1.00\n"
		"  shape rect x=0.0 y=0.0 w=0.0 h=1.5 stroke=none fill=#A0A0A0\n");
	free(d);
	ck_assert_uint_eq(doc->n_warnings, 0);
	vndoc_docx_free(doc);
}
END_TEST

START_TEST(shapes_docx__shapes_in_a_header)
{
	vndoc_docx *doc = load_docx(test_fixture("render/shapes"));
	char *d;
	ck_assert_int_ge(doc->sections[0].header[VNDOC_DOCX_HF_DEFAULT], 0);
	d = drawings_of(&doc->stories[doc->sections[0].header[VNDOC_DOCX_HF_DEFAULT]]);
	/* tx1 is dk1, the theme's sysClr windowText (lastClr 000000) */
	assert_text(d, "float 453.6x0.0 from=1,3 at=0.0,18.0 wrap=0\n"
		       "  shape line x=0.0 y=0.0 w=453.6 h=0.0 stroke=1.00 #000000 sysDot\n");
	free(d);
	vndoc_docx_free(doc);
}
END_TEST

START_TEST(shapes_render__drawn_with_their_colours)
{
	/* A 20 x 10 pt red rectangle with a 2 pt blue outline, on a 40 x 20
	 * pt white surface at 1 pixel a point. */
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 40, 20);
	cairo_t *cr = cairo_create(s);
	vndoc_docx_shape sh;
	const uint32_t *px;
	int stride;
	memset(&sh, 0, sizeof sh);
	sh.kind = VNDOC_DOCX_SHAPE_RECT;
	sh.has_fill = sh.has_stroke = true;
	sh.fill = 0xff0000;
	sh.stroke = 0x0000ff;
	sh.stroke_w = 2;
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	vndoc_render__draw_shape(cr, &sh, 10, 5, 20, 10);
	cairo_surface_flush(s);
	px = (const uint32_t *)(const void *)cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s) / 4;
	ck_assert_uint_eq(px[10 * stride + 20] & 0xffffff, 0xff0000); /* inside */
	ck_assert_uint_eq(px[5 * stride + 20] & 0xffffff, 0x0000ff);  /* on the top edge */
	ck_assert_uint_eq(px[2 * stride + 20] & 0xffffff, 0xffffff);  /* outside */
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}
END_TEST

/* A folder package holding word/document.xml with `body` (static buffer). */
static const char *body_doc(const char *body)
{
	return write_doc_xmlns(W_NS " xmlns:wp=\"wp\" xmlns:a=\"a\" xmlns:wps=\"wps\" xmlns:wpg=\"wpg\" "
			       "xmlns:v=\"v\" xmlns:o=\"o\"", body);
}

static bool has_warning(const vndoc_docx *doc, const char *w)
{
	for (size_t i = 0; i < doc->n_warnings; i++)
		if (!strcmp(doc->warnings[i], w))
			return true;
	return false;
}

#define WSP(inner) "<w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"127000\" cy=\"127000\"/><a:graphic>" \
		   "<a:graphicData>" inner "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"

START_TEST(shapes_docx__hostile_drawings_are_cut_with_a_warning)
{
	vndoc_buf b = VNDOC_BUF_INIT((size_t)1 << 24);
	vndoc_docx *doc;
	char *d;
	/* groups 40 deep */
	vndoc_buf_puts(&b, "<w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"127000\" cy=\"127000\"/><a:graphic>"
			   "<a:graphicData><wpg:wgp>");
	for (int i = 0; i < 40; i++)
		vndoc_buf_puts(&b, "<wpg:grpSp>");
	vndoc_buf_puts(&b, "<wps:wsp><wps:spPr><a:prstGeom prst=\"rect\"/></wps:spPr></wps:wsp>");
	for (int i = 0; i < 40; i++)
		vndoc_buf_puts(&b, "</wpg:grpSp>");
	vndoc_buf_puts(&b, "</wpg:wgp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>");
	/* text boxes 4 deep: the third is not read */
	vndoc_buf_puts(&b, "<w:p><w:r><w:pict><v:rect style=\"width:10pt;height:10pt\"><v:textbox><w:txbxContent>"
			   "<w:p><w:r><w:pict><v:rect style=\"width:8pt;height:8pt\"><v:textbox><w:txbxContent>"
			   "<w:p><w:r><w:pict><v:rect style=\"width:6pt;height:6pt\"><v:textbox><w:txbxContent>"
			   "<w:p><w:r><w:t>deep</w:t></w:r></w:p></w:txbxContent></v:textbox></v:rect></w:pict></w:r></w:p>"
			   "</w:txbxContent></v:textbox></v:rect></w:pict></w:r></w:p>"
			   "</w:txbxContent></v:textbox></v:rect></w:pict></w:r></w:p>");
	/* absurd numbers, a computed outline, a VML formula path */
	vndoc_buf_puts(&b, WSP("<wps:wsp><wps:spPr><a:xfrm rot=\"nan\"><a:off x=\"1e300\" y=\"-inf\"/>"
			       "<a:ext cx=\"1e300\" cy=\"0\"/></a:xfrm><a:custGeom><a:pathLst><a:path w=\"0\" h=\"-5\">"
			       "<a:moveTo><a:pt x=\"w\" y=\"0\"/></a:moveTo></a:path></a:pathLst></a:custGeom>"
			       "<a:ln w=\"-9\"><a:solidFill><a:schemeClr val=\"nothing\"/></a:solidFill></a:ln>"
			       "</wps:spPr></wps:wsp>"));
	vndoc_buf_puts(&b, "<w:p><w:r><w:pict><v:shape style=\"width:5pt;height:5pt;rotation:1e308fd\" "
			   "path=\"m@1,@2l@3,@4xe\" coordsize=\"0,-1\"/></w:pict></w:r></w:p>");
	/* an extent past any page (it read as 0 x 0: its text box's text a
	 * letter a line) */
	vndoc_buf_puts(&b, "<w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"9223372036854775807\" cy=\"1e13\"/>"
			   "<a:graphic><a:graphicData><wps:wsp><wps:spPr/><wps:txbx><w:txbxContent><w:p><w:r>"
			   "<w:t>chữ</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>"
			   "</wp:inline></w:drawing></w:r></w:p>");
	doc = load_docx(body_doc(b.ptr));
	vndoc_buf_dispose(&b);
	ck_assert(has_warning(doc, "drawing without a size not drawn (wp:extent)"));
	ck_assert(has_warning(doc, "groups of shapes nested more than 16 deep: the deeper ones not drawn"));
	ck_assert(has_warning(doc, "text boxes inside text boxes more than 2 deep: not drawn"));
	ck_assert(has_warning(doc, "shape with a computed outline drawn as its box (a:custGeom)"));
	ck_assert(has_warning(doc, "VML shape with a computed outline drawn as its box (v:shape)"));
	d = drawings_of(&doc->body);
	/* the deep group's shape is not there; the third text box has no
	 * text; absurd numbers read as none (the box fills the extent, the
	 * outline is 0.75 pt, a colour the theme lacks is black) */
	assert_text(d, "inline 10.0x10.0\n"
		       "inline 10.0x10.0\n"
		       "  shape rect x=0.0 y=0.0 w=10.0 h=10.0 stroke=0.75 #000000 solid fill=#FFFFFF\n"
		       "    text inset=7.2,3.6,7.2,3.6 top\n"
		       "inline 8.0x8.0\n"
		       "  shape rect x=0.0 y=0.0 w=8.0 h=8.0 stroke=0.75 #000000 solid fill=#FFFFFF\n"
		       "    text inset=7.2,3.6,7.2,3.6 top\n"
		       "inline 6.0x6.0\n"
		       "  shape rect x=0.0 y=0.0 w=6.0 h=6.0 stroke=0.75 #000000 solid fill=#FFFFFF\n"
		       "inline 10.0x10.0\n"
		       "  shape rect x=0.0 y=0.0 w=10.0 h=10.0 stroke=0.75 #000000 solid\n"
		       "inline 5.0x5.0\n"
		       "  shape rect x=0.0 y=0.0 w=5.0 h=5.0 stroke=0.75 #000000 solid fill=#FFFFFF rot=176\n");
	free(d);
	vndoc_docx_free(doc);
}
END_TEST

START_TEST(shapes_docx__vml_presets_by_their_shape_type)
{
	/* Word 2003 flowcharts: the terminator's path is drawn with quadrants
	 * (qx), the alternate process's with formulas: both read from their
	 * o:spt, a stadium and a rounded rectangle. */
	vndoc_docx *doc = load_docx(body_doc(
		"<w:p><w:r><w:pict><v:shapetype id=\"_x0000_t116\" coordsize=\"21600,21600\" o:spt=\"116\" "
		"path=\"m3475,qx,10800,3475,21600l18125,21600qx21600,10800,18125,xe\"/>"
		"<v:shape type=\"#_x0000_t116\" style=\"width:80pt;height:20pt\"/></w:pict></w:r></w:p>"
		"<w:p><w:r><w:pict><v:shapetype id=\"_x0000_t176\" coordsize=\"21600,21600\" o:spt=\"176\" "
		"path=\"m@0,qx0@0l0@2qy@0,21600l@1,21600qx21600@2l21600@0qy@1,xe\"/>"
		"<v:shape type=\"#_x0000_t176\" style=\"width:80pt;height:40pt\"/></w:pict></w:r></w:p>"));
	char *d = drawings_of(&doc->body);
	assert_text(d, "inline 80.0x20.0\n"
		       "  shape roundrect x=0.0 y=0.0 w=80.0 h=20.0 stroke=0.75 #000000 solid fill=#FFFFFF radius=10.0\n"
		       "inline 80.0x40.0\n"
		       "  shape roundrect x=0.0 y=0.0 w=80.0 h=40.0 stroke=0.75 #000000 solid fill=#FFFFFF radius=5.0\n");
	ck_assert_uint_eq(doc->n_warnings, 0);
	free(d);
	vndoc_docx_free(doc);
}
END_TEST

START_TEST(shapes_docx__vml_diamond_path_and_text_rectangle)
{
	/* Word's diamond (o:spt 4): "l," is a 0 left out, so its corners are
	 * the sides' middles (the path read the 10800 after it as x before);
	 * its textboxrect puts the text in the middle half, within its
	 * insets (poi-stress003 p18).  A flowChartDocument's (114) leaves the
	 * wavy foot out, and ",,," before its end is the corner (0, 0); a text
	 * rectangle of formulas (176) is not read.  A shape type defined in
	 * an earlier w:pict is found. */
	vndoc_docx *doc = load_docx(body_doc(
		"<w:p><w:r><w:pict><v:shapetype id=\"_x0000_t4\" coordsize=\"21600,21600\" o:spt=\"4\" "
		"path=\"m10800,l,10800,10800,21600,21600,10800xe\"><v:path gradientshapeok=\"t\" "
		"o:connecttype=\"rect\" textboxrect=\"5400,5400,16200,16200\"/></v:shapetype>"
		"<v:shape type=\"#_x0000_t4\" style=\"width:80pt;height:40pt\"><v:textbox><w:txbxContent>"
		"<w:p><w:r><w:t>a</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
		"<w:p><w:r><w:pict><v:shapetype id=\"_x0000_t114\" coordsize=\"21600,21600\" o:spt=\"114\" "
		"path=\"m,20172c5000,21600,16000,17000,21597,17322l21597,,,xe\"><v:path o:connecttype=\"custom\" "
		"textboxrect=\"0,0,21600,17322\"/></v:shapetype>"
		"<v:shape type=\"#_x0000_t114\" style=\"width:100pt;height:50pt\"><v:textbox inset=\"0,0,0,0\">"
		"<w:txbxContent><w:p><w:r><w:t>b</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
		"<w:p><w:r><w:pict><v:shapetype id=\"_x0000_t176\" coordsize=\"21600,21600\" o:spt=\"176\" "
		"path=\"m@0,qx0@0l0@2qy@0,21600l@1,21600qx21600@2l21600@0qy@1,xe\"><v:path textboxrect=\"@3,@3,@4,@5\"/>"
		"</v:shapetype><v:shape type=\"#_x0000_t176\" style=\"width:80pt;height:40pt\"><v:textbox><w:txbxContent>"
		"<w:p><w:r><w:t>c</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
		/* a shape whose type an earlier w:pict defined */
		"<w:p><w:r><w:pict><v:shape type=\"#_x0000_t4\" style=\"width:40pt;height:40pt\"><v:textbox>"
		"<w:txbxContent><w:p><w:r><w:t>d</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"));
	char *d = drawings_of(&doc->body);
	const vndoc_docx_shape *s = doc->body.blocks[0].u.para.inlines[0].drawing->shapes;
	ck_assert_uint_eq(s->n_path, 5);
	ck_assert_double_eq_tol(s->path[0].x[0], 40, 1e-9);
	ck_assert_double_eq_tol(s->path[0].y[0], 0, 1e-9);
	ck_assert_double_eq_tol(s->path[1].x[0], 0, 1e-9);
	ck_assert_double_eq_tol(s->path[1].y[0], 20, 1e-9);
	ck_assert_double_eq_tol(s->path[2].x[0], 40, 1e-9);
	ck_assert_double_eq_tol(s->path[2].y[0], 40, 1e-9);
	ck_assert_double_eq_tol(s->path[3].x[0], 80, 1e-9);
	ck_assert_double_eq_tol(s->path[3].y[0], 20, 1e-9);
	/* "l21597,,,xe": to (21597, 0), then to (0, 0) */
	s = doc->body.blocks[1].u.para.inlines[0].drawing->shapes;
	ck_assert_uint_eq(s->n_path, 5);
	ck_assert_double_eq_tol(s->path[2].x[0], 100 * 21597.0 / 21600, 1e-9);
	ck_assert_double_eq_tol(s->path[2].y[0], 0, 1e-9);
	ck_assert_double_eq_tol(s->path[3].x[0], 0, 1e-9);
	ck_assert_double_eq_tol(s->path[3].y[0], 0, 1e-9);
	assert_text(d, "inline 80.0x40.0\n"
		       "  shape path x=0.0 y=0.0 w=80.0 h=40.0 stroke=0.75 #000000 solid fill=#FFFFFF path=5\n"
		       "    text inset=27.2,13.6,27.2,13.6 top\n"
		       "      \"a\"\n"
		       "inline 100.0x50.0\n"
		       "  shape path x=0.0 y=0.0 w=100.0 h=50.0 stroke=0.75 #000000 solid fill=#FFFFFF path=5\n"
		       "    text inset=0.0,0.0,0.0,9.9 top\n"
		       "      \"b\"\n"
		       "inline 80.0x40.0\n"
		       "  shape roundrect x=0.0 y=0.0 w=80.0 h=40.0 stroke=0.75 #000000 solid fill=#FFFFFF radius=5.0\n"
		       "    text inset=7.2,3.6,7.2,3.6 top\n"
		       "      \"c\"\n"
		       "inline 40.0x40.0\n"
		       "  shape path x=0.0 y=0.0 w=40.0 h=40.0 stroke=0.75 #000000 solid fill=#FFFFFF path=5\n"
		       "    text inset=17.2,13.6,17.2,13.6 top\n"
		       "      \"d\"\n");
	free(d);
	vndoc_docx_free(doc);
}
END_TEST

/* ---------------------------------------------------------------- layout */

START_TEST(shapes_layout__placed_as_libreoffice_places_them)
{
	char *d = dump_path(test_fixture("render/shapes"));
	/* Checked against LibreOffice 7.4 (the fixture zipped, converted to
	 * PDF and drawn at 100 dpi beside ours).  Behind the text first (the
	 * triangle), then the flow with its inline shapes (the rectangle, the
	 * VML rounded rectangle, the rule as wide as the text), the header, and
	 * the floating drawings over the text by relativeHeight: the motto's
	 * rules under their paragraphs, the text box at the margin with its
	 * text centred in it (60 pt high, two lines of 14.9 pt, 3.6 pt insets),
	 * the group, the header's dotted rule, the VML oval. */
	assert_text(d,
		"page 1 595.3x841.9\n"
		"  shape path x=285.1 y=149.9 w=50.0 h=50.0 stroke=none fill=#953735 rot=90 flip=h path=4\n"
		"  cell r0c0 x=79.6 y=56.7 w=177.2 h=44.8\n"
		"  line y=56.7 x=107.4 w=121.7 h=14.9 \"ỦY BAN NHÂN DÂN\"\n"
		"  line y=71.6 x=127.4 w=81.6 h=14.9 \"SỞ VĂN HÓA\"\n"
		"  cell r0c1 x=256.8 y=56.7 w=276.4 h=44.8\n"
		"  line y=56.7 x=276.6 w=236.9 h=14.9 \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT \"\n"
		"  line y=71.6 x=379.5 w=31.0 h=14.9 \"NAM\"\n"
		"  line y=86.6 x=315.5 w=159.1 h=14.9 \"Độc lập - Tự do - Hạnh phúc\"\n"
		"  line y=101.5 x=85.0 w=244.3 h=33.4 \"Hình chữ nhật: \xef\xbf\xbc trong dòng.\"\n"
		"  shape rect x=166.1 y=102.1 w=100.0 h=30.0 stroke=1.50 #FF0000 dash fill=#FFFF00\n"
		"  line y=134.9 x=85.0 w=163.5 h=14.9 \"Văn bản bên cạnh hộp văn bản.\"\n"
		"  line y=149.9 x=85.0 w=144.5 h=14.9 \"Nhóm hình và đường tự do.\"\n"
		"  line y=164.8 x=85.0 w=95.8 h=23.4 \"VML: \xef\xbf\xbc\"\n"
		"  shape roundrect x=120.8 y=165.4 w=60.0 h=20.0 stroke=0.75 #000080 solid fill=#DDDDDD radius=3.3\n"
		"  line y=188.2 x=85.0 w=467.8 h=14.9 \"\xef\xbf\xbc\"\n"
		"  shape rect x=85.0 y=198.8 w=467.8 h=1.5 stroke=none fill=#A0A0A0\n"
		"  line y=203.1 x=85.0 w=22.0 h=14.9 \"Hết.\"\n"
		"  header y=28.4 x=261.9 w=114.1 h=14.9 \"Sở Văn hóa - Báo cáo\"\n"
		"  shape line x=121.0 y=86.6 w=54.0 h=0.0 stroke=0.75 #000000 solid\n"
		"  shape line x=311.7 y=101.6 w=162.0 h=0.0 stroke=0.75 #000000 solid\n"
		"  shape rect x=368.5 y=144.9 w=150.0 h=60.0 stroke=0.50 #000000 solid fill=#FFFFFF\n"
		"  line y=160.0 x=375.7 w=56.0 h=14.9 \"Nơi nhận:\"\n"
		"  line y=174.9 x=375.7 w=57.6 h=14.9 \"- Như trên;\"\n"
		"  shape ellipse x=85.0 y=149.9 w=50.0 h=50.0 stroke=2.00 #254061 solid fill=#4F81BD\n"
		"  shape roundrect x=135.1 y=159.9 w=50.0 h=30.0 stroke=1.00 #00B050 solid radius=7.5\n"
		"  shape line x=85.0 y=46.4 w=453.6 h=0.0 stroke=1.00 #000000 sysDot\n"
		"  shape ellipse x=300.0 y=159.8 w=40.0 h=20.0 stroke=1.00 #0000FF sysDot\n");
	free(d);
	/* streamed (vndoc_docx_open, page by page): the same bytes */
	check_stream_same(test_fixture("render/shapes"));
	check_open_same(test_fixture("render/shapes"));
}
END_TEST

/* The colour at (x, y) of a page drawn at 72 dpi (x, y in points). */
static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
	const uint32_t *px = (const uint32_t *)(const void *)cairo_image_surface_get_data(s);
	return px[y * (cairo_image_surface_get_stride(s) / 4) + x] & 0xffffff;
}

START_TEST(shapes_render__page_shows_fills_and_outlines)
{
	vndoc_error e;
	vndoc_layout *l = layout_path(test_fixture("render/shapes"), &e);
	const char *dir = test_tmpdir();
	char path[4200];
	cairo_surface_t *s;
	int dots = 0;
	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(vndoc_render_png(l, dir, 72, &e), 0);
	vndoc_layout_free(l);
	snprintf(path, sizeof path, "%s/page-001.png", dir);
	s = cairo_image_surface_create_from_png(path);
	ck_assert_int_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	cairo_surface_flush(s);
	ck_assert_uint_eq(pixel(s, 216, 125), 0xffff00); /* the inline rectangle, under the text's line */
	ck_assert_uint_eq(pixel(s, 110, 185), 0x4f81bd); /* the group's oval */
	ck_assert_uint_eq(pixel(s, 300, 199), 0xa0a0a0); /* the rule */
	ck_assert_uint_eq(pixel(s, 500, 196), 0xffffff); /* inside the text box */
	ck_assert_uint_ne(pixel(s, 368, 196), 0xffffff); /* its outline (0.5 pt: grey at 72 dpi) */
	ck_assert_uint_eq(pixel(s, 366, 196), 0xffffff); /* and outside it */
	ck_assert_uint_eq(pixel(s, 300, 175), 0x953735); /* the triangle (turned to point right), behind */
	/* the header's rule is dotted (1 pt on, 1 pt off): every other pixel dark */
	for (int x = 86; x < 538; x++)
		dots += (pixel(s, x, 46) & 0xff) < 128;
	ck_assert_int_eq(dots, 226);
	cairo_surface_destroy(s);
}
END_TEST

START_TEST(shapes_layout__rotated_text_box_turns_its_text)
{
	/* A 100 x 20 pt text box turned a quarter (rot 5400000), as the
	 * "15 - 20 mm" labels of Decree 30's envelope: its text laid out
	 * upright in the box, then turned with it about its centre. */
	char *d = dump_path(write_doc(
		"<w:p><w:r><w:drawing xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
		"xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
		"xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"
		"<wp:anchor behindDoc=\"0\" relativeHeight=\"1\"><wp:positionH relativeFrom=\"margin\"><wp:posOffset>0"
		"</wp:posOffset></wp:positionH><wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>0</wp:posOffset>"
		"</wp:positionV><wp:extent cx=\"1270000\" cy=\"254000\"/><wp:wrapNone/><a:graphic><a:graphicData>"
		"<wps:wsp><wps:spPr><a:xfrm rot=\"5400000\"><a:off x=\"0\" y=\"0\"/><a:ext cx=\"1270000\" cy=\"254000\"/>"
		"</a:xfrm><a:prstGeom prst=\"rect\"/><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr><wps:txbx>"
		"<w:txbxContent><w:p><w:r><w:t>Dọc</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr lIns=\"0\" "
		"tIns=\"0\" rIns=\"0\" bIns=\"0\"/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
		"<w:r><w:t>Sau.</w:t></w:r></w:p>" A4));
	assert_text(d, "page 1 595.3x841.9\n"
		       "  line y=56.7 x=85.0 w=17.5 h=11.5 \"Sau.\"\n"
		       "  shape rect x=85.0 y=56.7 w=100.0 h=20.0 stroke=none rot=90\n"
		       "  line y=56.7 x=85.0 w=16.7 h=11.5 \"Dọc\" rot=90\n");
	free(d);
}
END_TEST

/* The layout dump of the two-page document in `dir` shows `want1` on page
 * 1 and `want2` on page 2. */
static void assert_pages_show(const char *dir, const char *want1, const char *want2)
{
	char *d = dump_path(dir), *p1 = page_of(d, 1), *p2 = page_of(d, 2);
	ck_assert_msg(strstr(p1, want1) != NULL, "%s", p1);
	ck_assert_msg(strstr(p2, want2) != NULL, "%s", p2);
	free(p1);
	free(p2);
	free(d);
}

START_TEST(shapes_layout__outside_mirrored_on_even_pages)
{
	/* wp:positionH align outside of the margin, with settings.xml's
	 * mirrorMargins (w:left 2 in, w:right 1 in): a 72 pt rectangle at the
	 * right of page 1's margin [144, 540], at the left of page 2's
	 * [72, 468]. */
#define OUTSIDE_RECT                                                                                                 \
	"<w:p><w:r><w:drawing xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "    \
	"xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "                                          \
	"xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"                            \
	"<wp:anchor behindDoc=\"0\" relativeHeight=\"1\"><wp:positionH relativeFrom=\"margin\"><wp:align>outside"    \
	"</wp:align></wp:positionH><wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>0</wp:posOffset>"          \
	"</wp:positionV><wp:extent cx=\"914400\" cy=\"254000\"/><wp:wrapNone/><a:graphic><a:graphicData>"             \
	"<wps:wsp><wps:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"914400\" cy=\"254000\"/></a:xfrm>"           \
	"<a:prstGeom prst=\"rect\"/><a:noFill/></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"       \
	"</wp:anchor></w:drawing></w:r></w:p>"
	const char *dir = write_doc_mirrored(OUTSIDE_RECT "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>" OUTSIDE_RECT);
#undef OUTSIDE_RECT
	assert_pages_show(dir, "shape rect x=468.0 y=72.0 w=72.0 h=20.0", "shape rect x=72.0 y=72.0 w=72.0 h=20.0");
}
END_TEST

START_TEST(shapes_layout__vml_in_the_margin_areas)
{
	/* A VML oval centred in the bottom margin at the right of the outer
	 * margin, as poi-stress018's footer page numbers (mso-position-*-relative
	 * bottom-margin-area, outer-margin-area), with mirrored margins (w:left
	 * 2 in, w:right 1 in, w:bottom 1 in on a letter page): the strip
	 * [720, 792] on both pages, the right margin [540, 612] on page 1, the
	 * left one [0, 72] on page 2. */
#define MARGIN_OVAL                                                                                                  \
	"<w:p><w:r><w:pict><v:oval xmlns:v=\"urn:schemas-microsoft-com:vml\" style=\"position:absolute;"              \
	"margin-left:0;margin-top:0;width:44pt;height:44pt;z-index:1;mso-position-horizontal:right;"                  \
	"mso-position-horizontal-relative:outer-margin-area;mso-position-vertical:center;"                           \
	"mso-position-vertical-relative:bottom-margin-area\" strokecolor=\"#A7BFDE\"/></w:pict></w:r></w:p>"
	const char *dir = write_doc_mirrored(MARGIN_OVAL "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>" MARGIN_OVAL);
#undef MARGIN_OVAL
	assert_pages_show(dir, "shape ellipse x=568.0 y=734.0 w=44.0 h=44.0",
			  "shape ellipse x=28.0 y=734.0 w=44.0 h=44.0");
}
END_TEST

START_TEST(shapes_layout__vml_text_box_text_stays_level)
{
	/* poi-stress018's footer page number: a VML oval turned a half
	 * (rotation:180) and mirrored (flip:x), its v:textbox holding the
	 * number.  The oval keeps its rotation and flip; the text is drawn
	 * level, as LibreOffice 7.4 draws it (and the author saw it), where
	 * vndoc drew it upside down (rot=180).  So is a plain rotation:90. */
#define VML_OVAL(STYLE, TEXT)                                                                                        \
	"<w:p><w:r><w:pict><v:oval xmlns:v=\"urn:schemas-microsoft-com:vml\" style=\"position:absolute;"               \
	"margin-left:100pt;margin-top:0;width:44pt;height:44pt;" STYLE ";v-text-anchor:middle\" filled=\"f\" "          \
	"strokecolor=\"#A7BFDE\"><v:textbox inset=\",0,,0\"><w:txbxContent><w:p><w:r><w:t>" TEXT                      \
	"</w:t></w:r></w:p></w:txbxContent></v:textbox></v:oval></w:pict></w:r></w:p>"
	char *d = dump_path(write_doc(VML_OVAL("rotation:180;flip:x", "12") VML_OVAL("rotation:90", "34") A4));
#undef VML_OVAL
	assert_text(d, "page 1 595.3x841.9\n"
		       "  line y=56.7 x=85.0 w=0.0 h=11.5 \"\"\n"
		       "  line y=68.2 x=85.0 w=0.0 h=11.5 \"\"\n"
		       "  shape ellipse x=185.1 y=56.7 w=44.0 h=44.0 stroke=0.75 #A7BFDE solid rot=180 flip=h\n"
		       "  line y=73.0 x=192.2 w=10.0 h=11.5 \"12\"\n"
		       "  shape ellipse x=185.1 y=68.2 w=44.0 h=44.0 stroke=0.75 #A7BFDE solid rot=90\n"
		       "  line y=84.4 x=192.2 w=10.0 h=11.5 \"34\"\n");
	free(d);
}
END_TEST

static Suite *shapes_suite(void)
{
	Suite *s = suite_create("shapes");
	TCase *tc = tcase_create("docx");
	tcase_add_test(tc, shapes_docx__word_drawings_read_from_their_choice);
	tcase_add_test(tc, shapes_docx__vml_fallback_when_the_choice_is_not_read);
	tcase_add_test(tc, shapes_docx__shapes_in_a_header);
	tcase_add_test(tc, shapes_render__drawn_with_their_colours);
	tcase_add_test(tc, shapes_docx__hostile_drawings_are_cut_with_a_warning);
	tcase_add_test(tc, shapes_docx__vml_presets_by_their_shape_type);
	tcase_add_test(tc, shapes_docx__vml_diamond_path_and_text_rectangle);
	tcase_add_test(tc, shapes_layout__placed_as_libreoffice_places_them);
	tcase_add_test(tc, shapes_render__page_shows_fills_and_outlines);
	tcase_add_test(tc, shapes_layout__rotated_text_box_turns_its_text);
	tcase_add_test(tc, shapes_layout__outside_mirrored_on_even_pages);
	tcase_add_test(tc, shapes_layout__vml_in_the_margin_areas);
	tcase_add_test(tc, shapes_layout__vml_text_box_text_stays_level);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(shapes_suite());
}
