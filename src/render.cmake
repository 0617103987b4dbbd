# The render pipeline: docx (resolved model) -> layout (Pango) -> render
# (text dump, PDF and PNG through Cairo).  Included from src/CMakeLists.txt.
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo pangoft2 cairo-pdf fontconfig)
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
# JPEG pictures on PNG pages (a PDF embeds them undecoded); libjpeg-turbo
# for its JCS_EXT_* output straight into Cairo's pixel layout.
pkg_check_modules(LIBJPEG REQUIRED IMPORTED_TARGET libjpeg)
# GIF pictures (giflib): checked when the document is read, decoded when drawn.
pkg_check_modules(LIBGIF REQUIRED IMPORTED_TARGET libgif)

vndoc_add_library(docx
  SOURCES docx/document.c docx/stream.c docx/styles.c docx/sections.c docx/tables.c docx/numbering.c
    docx/drawing.c docx/notes.c docx/walk.c docx/mc.c docx/picture.c docx/symbols.c docx/shapes.c docx/vml.c
    docx/frames.c
  LINKS vndoc_xml vndoc_package vndoc_core PkgConfig::XML2 PkgConfig::LIBGIF)

vndoc_add_library(layout
  SOURCES layout/drawing.c layout/fonts.c layout/inline.c layout/line.c layout/para_measure.c layout/para_chunk.c layout/stack.c
    layout/table_measure.c layout/page.c layout/columns.c layout/floats.c layout/notes.c layout/place_para.c
    layout/place_table.c layout/section.c layout/layout.c layout/check.c layout/repair.c layout/fallback.c
    layout/legacy_font.c layout/frames.c
  LINKS vndoc_docx vndoc_vn vndoc_core PkgConfig::PANGOCAIRO Threads::Threads m)
# The private fontconfig file; $VNDOC_FONTS_CONF or the layout option override it.
target_compile_definitions(vndoc_layout PRIVATE
  VNDOC_FONTS_CONF_DEFAULT="${PROJECT_SOURCE_DIR}/fonts/fonts.conf")

vndoc_add_library(render
  SOURCES render/dump.c render/pdf.c render/picture.c render/shape.c
  LINKS vndoc_layout vndoc_core PkgConfig::PANGOCAIRO PkgConfig::ZLIB PkgConfig::LIBJPEG)
