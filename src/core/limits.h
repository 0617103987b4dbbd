/*
 * core/limits.h: every limit in one place, each with its reason.
 *
 * Two kinds: a hostile-input limit refuses input no real document comes
 * near (its reason says how far real documents are from it); each has a
 * hostile fixture and a test expecting VNDOC_ELIMIT (or the reader's
 * refusal) with an exact message.  A working bound sizes what the engine
 * keeps or looks at (warnings listed, fonts sorted, a keep chain measured
 * ahead, guesses of the pre-split, a position clamped): reaching one
 * changes no output that a test of its module does not show.
 */
#ifndef VNDOC_CORE_LIMITS_H
#define VNDOC_CORE_LIMITS_H

/* A DOCX has tens of parts; thousands means a crafted archive. */
#define VNDOC_LIMIT_ZIP_ENTRIES 10000
/* The largest real document.xml we have seen is ~40 MB (a 1,000-page book). */
#define VNDOC_LIMIT_PART_BYTES (256u * 1024u * 1024u)
/* Sum of all unpacked parts: bounds memory for one package. */
#define VNDOC_LIMIT_PACKAGE_BYTES (1024u * 1024u * 1024u)
/* Deflate reaches ~1000:1 only on crafted input (zip bombs); XML text gets ~10-50:1. */
#define VNDOC_LIMIT_ZIP_RATIO 200
/* Ratio is only checked above this size, so tiny highly-compressible parts pass. */
#define VNDOC_LIMIT_ZIP_RATIO_MIN_BYTES (1024u * 1024u)
/* Bytes after the end of a zip archive that are ignored, as Word and
 * LibreOffice ignore them (a stray newline); the search for the archive's
 * end reads this much more of the file's tail. */
#define VNDOC_LIMIT_ZIP_TRAILING_BYTES (64u * 1024u)
/* A zip entry name longer than this is not a part name. */
#define VNDOC_LIMIT_PART_NAME 1024
/* WordprocessingML nests ~20 deep; libxml2's own default is 256. */
#define VNDOC_LIMIT_XML_DEPTH 256
/* Template sections nest a few levels; deeper is a crafted template. */
#define VNDOC_LIMIT_TMPL_DEPTH 64
/* Template expressions ({a > 1 ? b : c | upper}) are a line; a tag holds
 * at most a paragraph.  The parser recurses per nesting level. */
#define VNDOC_LIMIT_EXPR_BYTES 4096
#define VNDOC_LIMIT_EXPR_DEPTH 64
/* A picture from data ({%anh}): a scanned seal or a photo is a few MB. */
#define VNDOC_LIMIT_PICTURE_BYTES (32 * 1024 * 1024)
/* Pictures from data in one merged part, the distinct ones together (the
 * same picture again is one media part): all are held until the package is
 * written, also by a streamed merge (a summary with a logo per unit). */
#define VNDOC_LIMIT_PART_PICTURE_BYTES (256u * 1024u * 1024u)
/* Drawings from data in one part: each part's drawing ids are 10000 apart. */
#define VNDOC_LIMIT_PART_PICTURES 9999u
/* Merged output may grow past the template, but not without bound (loops). */
#define VNDOC_LIMIT_OUTPUT_BYTES (512u * 1024u * 1024u)
/* Tags in one part: a 100-page form has a few thousand (our templates
 * 30-50).  Each tag takes about 400 bytes while a part compiles (its
 * record, token, section slot, names), counted as it is found: 1,000,000
 * allowed 340,000 stray {/} (1 MB of XML, 2 KB zipped) to take 142 MB
 * (issue 18); 100,000 bound a part's tags to about 40 MB. */
#define VNDOC_LIMIT_TMPL_TAGS 100000
/* A data file (JSON) read whole into memory. */
#define VNDOC_LIMIT_DATA_BYTES (512u * 1024u * 1024u)
/* JSON nesting: registration data is 4 levels deep. */
#define VNDOC_LIMIT_JSON_DEPTH 64
/* One value (a cell, a field, a JSON string). */
#define VNDOC_LIMIT_VALUE_BYTES (1024u * 1024u)
/* One CSV field: the longest real text (a unit's solutions) is a few KB. */
#define VNDOC_LIMIT_CSV_FIELD_BYTES (256u * 1024u)
/* CSV columns: the flat registration sheet has about a dozen. */
#define VNDOC_LIMIT_CSV_COLUMNS 1024
/* Pages of one laid-out document: the longest real summary has a few hundred. */
#define VNDOC_LIMIT_PAGES 20000
/* A dotted path in a tag: a.b.c has 3 parts. */
#define VNDOC_LIMIT_PATH_PARTS 32

/* Tables inside table cells: real documents nest two or three; each level
 * is a recursion of the loader, the walker and the layout. */
#define VNDOC_LIMIT_TABLE_DEPTH 16
/* The largest offset or distance of a floating table (w:tblpPr) taken, in
 * twips, either way: Word's own bound for a position, 22 inches; a larger
 * one is taken as the bound. */
#define VNDOC_LIMIT_FLOAT_TWIPS 31680
/* Rows of an autofit table whose words Word's widening looks at
 * (table_measure.c, widen_to_words): each is laid out once more, and a
 * streamed table holds the rows read until placed. */
#define VNDOC_LIMIT_TABLE_WIDEN_ROWS 64
/* Complex fields inside fields (IF { PAGE } ...): Word documents nest a few;
 * deeper ones are not computed and their text is not drawn (a warning). */
#define VNDOC_LIMIT_FIELD_DEPTH 8
/* Content controls, custom XML, smart tags, hyperlinks, insertions wrapped
 * around blocks or runs: real documents wrap 2-4 deep; each is a recursion. */
#define VNDOC_LIMIT_WRAPPER_DEPTH 32
/* A picture's pixels: decoding takes 4 bytes a pixel (256 MB here). */
#define VNDOC_LIMIT_PICTURE_PIXELS (64.0 * 1024 * 1024)
/* Records of an EMF picture drawn: Office's own EMFs hold a few thousand
 * (poi-stress010's chart 1,900); each may draw text, which costs a Pango
 * layout.  The rest are skipped, with a warning. */
#define VNDOC_LIMIT_EMF_RECORDS 100000
/* Dashes of one dashed line in an EMF picture: Cairo draws each, and a
 * hostile picture's line can be a billion times its dash; past this the
 * line is drawn solid. */
#define VNDOC_LIMIT_EMF_DASHES 100000
/* SaveDC nesting in an EMF picture: Office nests 2 or 3 deep; each level
 * copies the drawing state.  Deeper saves are not kept. */
#define VNDOC_LIMIT_EMF_SAVES 64
/* A picture's side in pixels: cairo's own limit. */
#define VNDOC_LIMIT_PICTURE_SIDE 32767
/* Elements searched below a drawing for its picture (a:blip is 2 below
 * pic:pic); each is a recursion. */
#define VNDOC_LIMIT_DRAWING_DEPTH 16
/* Folders inside a folder package (word/_rels is 2 deep); each is a
 * recursion holding a 4 KB path. */
#define VNDOC_LIMIT_FOLDER_DEPTH 32

/* Issue 18, the XLSX reader.  One row's cells together: the flat sheet has
 * about a dozen short cells; 4 MiB is 16 of the longest CSV fields. */
#define VNDOC_LIMIT_XLSX_ROW_BYTES (4u * 1024u * 1024u)
/* Rows of a sheet: Excel's own maximum (so row numbers fit any integer). */
#define VNDOC_LIMIT_XLSX_ROWS 1048576
/* Date serial numbers: Excel shows dates up to 31/12/9999 (serial 2958465);
 * beyond (or NaN) a day count would overflow. */
#define VNDOC_LIMIT_XLSX_DATE_SERIAL 2958466

/* Characters drawn with a fallback font listed one by one per document; a
 * Japanese document would otherwise print a warning per kanji. */
#define VNDOC_LIMIT_FALLBACK_WARNINGS 50
/* Sorted font lists kept per process (layout/font_sort.c), one per style
 * (family, weight, slant, language) a document asks for: a document has
 * tens; past this, fontconfig sorts again each time (no error). */
#define VNDOC_LIMIT_FONT_SORTS 512
/* Blocks a keep-with-next chain is measured ahead (layout/place_para.c):
 * the measuring stops once the chain is taller than the page's body, so
 * this only bounds blocks of no height (each is held measured in the
 * section's window); past it the chain counts as ending (no error). */
#define VNDOC_LIMIT_KEEP_CHAIN 256

/* Shapes in one drawing (groups flattened): real drawings have tens. */
#define VNDOC_LIMIT_SHAPES 10000
/* Segments of one shape's outline (custGeom): a traced logo has thousands. */
#define VNDOC_LIMIT_SHAPE_PATH_OPS 100000
/* VML shape types kept for the w:pict elements after the one defining them
 * (docx/vml.c): Word writes each o:spt once; a document has a few tens. */
#define VNDOC_LIMIT_VML_SHAPETYPES 1000
/* Groups of shapes inside groups (wpg:grpSp, v:group): each is a recursion. */
#define VNDOC_LIMIT_SHAPE_DEPTH 16
/* Text boxes inside text boxes (Word allows none; each is a recursion of
 * the loader and the layout). */
#define VNDOC_LIMIT_TEXT_BOX_DEPTH 2

/* Template errors kept and printed (issue 18): a template with 340,000
 * stray {/} kept 482 MB of errors; past this they are only counted. */
#define VNDOC_LIMIT_TMPL_ERRORS 100
/* Steps of one part's merge (each text piece, value or section run): a
 * 20,000-unit summary takes a few million; six sections nested over a
 * 26-unit list took 300 million (a hang).  Written out for messages. */
#define VNDOC_LIMIT_TMPL_WORK 50000000
#define VNDOC_STR(x) VNDOC_STR_(x)
#define VNDOC_STR_(x) #x

/* Attributes (and namespace declarations) on one element: Word's root
 * element has about 40; libxml2 compares each with every one before it,
 * so 100,000 on one element took minutes (issue 18). */
#define VNDOC_LIMIT_XML_ATTRIBUTES 1024
/* xml/fast.c builds a part's whole tree in memory, about 15 times the
 * part's bytes: larger parts are left to libxml2's reader, which keeps
 * one block at a time (a 2 MiB body is a 30 MB tree). */
#define VNDOC_LIMIT_XML_FAST_BYTES (2u * 1024u * 1024u)
/* Its element stack; deeper parts are left to libxml2 (whose own limit,
 * VNDOC_LIMIT_XML_DEPTH, then decides). */
#define VNDOC_LIMIT_XML_FAST_DEPTH 200
/* Bytes of a paragraph Pango lays out at once (issue 18): Pango 1.50
 * breaks a run's lines in time growing with the square of its length (a
 * 200,000-character paragraph without a space took minutes), so a longer
 * paragraph goes to Pango a piece at a time (layout/para_chunk.c). */
#define VNDOC_LIMIT_LAYOUT_CHUNK_BYTES 4096
/* The pre-split (layout/presplit.c): line starts guessed for one layout at
 * most (a boundary attribute each: a 4096-byte piece holds about 60 lines
 * of text); a guessed line must fit, and with its next word not fit, by
 * this percentage of its largest font's size in nominal advances (on the
 * 21 documents of bench/fidelity 91 % of the lines measured their shaped
 * width exactly, nearly all the rest within 7 %: a wrong guess costs a
 * second layout, a line left out its saving); Pango's lines, in their
 * glyphs' widths, by this one (what the whole item's shaping across a
 * boundary may change besides kerning, which presplit.c rules out). */
#define VNDOC_LIMIT_LAYOUT_PRESPLIT_CUTS 128
#define VNDOC_LIMIT_LAYOUT_PRESPLIT_GUESS 6
#define VNDOC_LIMIT_LAYOUT_PRESPLIT_SURE 5
/* HarfBuzz results kept while Pango breaks one pre-split paragraph
 * (layout/shape_cache.c): the item met at a line's end, shaped whole, and
 * the pieces of it Pango tries at that end before it moves the item to the
 * next line, where the whole item is shaped again. */
#define VNDOC_LIMIT_SHAPE_CACHE 4
/* Lines of one piece that Word's justification, or LibreOffice's rounded
 * widths, may lay out again to take one more word each (layout/shrink.c):
 * each is a new Pango layout of the piece, so a piece costs at most this
 * many more. */
#define VNDOC_LIMIT_LAYOUT_SHRINK 256
/* Lines of one piece laid out again to move an italic word that ends in
 * LibreOffice's room after italic text to the next line (layout/italic.c):
 * each is a new Pango layout of the piece. */
#define VNDOC_LIMIT_LAYOUT_ITALIC 256
/* Words too long for their line that one paragraph breaks in their first
 * portion, as LibreOffice does (layout/long_word.c), and tabs it moves to
 * the next line (para_measure.c, tab_wraps): each costs a new Pango
 * layout of the rest of the paragraph. */
#define VNDOC_LIMIT_LAYOUT_LONG_WORDS 256
/* Breaks forbidden where Pango's rules allow one (a slash between words,
 * an infix separator before a digit: layout/keep.c), one Pango attribute
 * each, which Pango 1.50 pays for in time growing with its piece and
 * 1.4 KB of runs: 1,000,000 slashes in an 860 KB document took 35 s and
 * 2.8 GB.  A paragraph gets this many, and one more for each
 * VNDOC_LIMIT_LAYOUT_KEEP_BYTES of its text (a Vietnamese decree has a
 * slash group every few hundred bytes); past them Pango's rules decide. */
#define VNDOC_LIMIT_LAYOUT_KEEPS 64
#define VNDOC_LIMIT_LAYOUT_KEEP_BYTES 16
/* Runs of two or more spaces a paragraph makes hang past the margin as
 * LibreOffice does (layout/inline.c: two or three Pango attributes each,
 * paid for as the breaks above): this many, and one more for each
 * VNDOC_LIMIT_LAYOUT_HANG_BYTES of its text; past them only a run's last
 * space hangs, as in Pango.  150,000 runs "a  " in one paragraph took 11 s
 * and 318 MB; a Vietnamese form aligns with a few dozen. */
#define VNDOC_LIMIT_LAYOUT_HANGS 64
#define VNDOC_LIMIT_LAYOUT_HANG_BYTES 16
/* Width in points of the widest piece: Pango adds a run's width up in an
 * int of 1/1024 pt (2^31 is 2,097,152 pt); past it 80,000 words "fitted"
 * on one line wider than the page.  A piece of text in large letters is
 * shorter (its characters times their widest is under this). */
#define VNDOC_LIMIT_LAYOUT_PIECE_PT 1000000.0

/* Issue 18, batch: an earlier run's manifest read back to find the files it
 * wrote that a new run does not make (20,000 units give about 15 MB). */
#define VNDOC_LIMIT_MANIFEST_BYTES (256u * 1024u * 1024u)
/* --shard K/N: a number past this is a typo (and 99999999999 wrapped an int). */
#define VNDOC_LIMIT_SHARDS 1000000

/* Warnings about data (a control character removed from a cell, ...), the
 * notes of `collect` (a repair, a skipped form, text not taken) and the
 * files of an earlier batch left in place, kept and printed per run: a sheet with a problem in each of 1,000,000 rows
 * printed a million lines and kept them all (1.2 KB each, issue 18); past
 * this they are only counted ("N more warnings not shown"). */
#define VNDOC_LIMIT_WARNINGS 1000
/* Findings of `check` and of a batch's report.txt kept: each takes 900
 * bytes, and a sheet with five problems in each of 1,000,000 rows kept
 * 4.5 GB of them (issue 18).  A clerk reads the first hundred; a column
 * missing from every row of a 20,000-unit sheet is told by the first few.
 * Past this they are counted ("N more findings not shown"). */
#define VNDOC_LIMIT_FINDINGS 10000
/* A picture's width or height given in data ({"src": …, "width": mm}):
 * Word's largest page is 558.8 mm; 1e308 mm overflowed the size in EMU
 * (36,000 a mm), an undefined conversion (issue 18). */
#define VNDOC_LIMIT_PICTURE_MM 1000
/* Text that cells merged down (vMerge) in a returned form repeat in the
 * rows below them, all together: a real form repeats a field or a unit
 * over a few rows (hundreds of bytes); a 100 KB cell merged over 5,000
 * rows of a 62 KB form made 500 MB of data (issue 18). */
#define VNDOC_LIMIT_COLLECT_REPEAT_BYTES (1u * 1024u * 1024u)

/* Issue 19, `vndoc serve`.  One uploaded file (a data file, a returned
 * form): a form is tens of KB, a 20,000-unit sheet a few MB. */
#define VNDOC_LIMIT_SERVE_FILE_BYTES (20u * 1024u * 1024u)
/* One request's body: a department's forms dropped at once (a few hundred
 * of tens of KB each); beyond, a client sending without end. */
#define VNDOC_LIMIT_SERVE_REQUEST_BYTES (200u * 1024u * 1024u)
/* Files in one request: a province has a few hundred units. */
#define VNDOC_LIMIT_SERVE_FILES 500
/* Forms kept by one campaign: ten times the largest province's units. */
#define VNDOC_LIMIT_SERVE_FORMS 5000
/* Worker threads for heavy work (reading forms, making downloads): each
 * holds a layout (fonts, a page) of some tens of MB. */
#define VNDOC_LIMIT_SERVE_WORKERS 4
/* Connections served at once (a thread each); more wait in the kernel's
 * backlog.  One office uses a few; bounds threads and memory. */
#define VNDOC_LIMIT_SERVE_CONNECTIONS 64
/* Jobs waiting for a worker; past it a request is answered 503 at once
 * instead of holding memory for work that would take minutes. */
#define VNDOC_LIMIT_SERVE_QUEUE 64
/* Event streams open at once (each holds a connection): a client that
 * left is only seen at the next ping, so a page reloaded again and again
 * would take every connection; past this the oldest stream is ended (a
 * live page's EventSource opens it again). */
#define VNDOC_LIMIT_SERVE_STREAMS 16
/* Campaigns kept in the folder: each is listed on the page. */
#define VNDOC_LIMIT_SERVE_CAMPAIGNS 1000
/* A text field of a form (the campaign's name). */
#define VNDOC_LIMIT_SERVE_FIELD_BYTES 1024
/* A request's headers and URL (libmicrohttpd's connection memory). */
#define VNDOC_LIMIT_SERVE_HEADER_BYTES (64u * 1024u)
/* Seconds a connection may stay idle (a client that sends nothing). */
#define VNDOC_LIMIT_SERVE_IDLE_SECONDS 60

#endif
