# docx model, layout and renderers.  Included from tests/CMakeLists.txt.
# Helpers shared by the docx, layout and render suites.
add_library(vndoc_render_test_util STATIC support/render_util.c)
target_link_libraries(vndoc_render_test_util PUBLIC vndoc_test_support vndoc_render vndoc_layout vndoc_docx
  vndoc_package vndoc_core)
vndoc_target_defaults(vndoc_render_test_util)
# The docx model (test_docx), the layout API (test_layout, test_layout_flow)
# and the PDF and PNG renderers (test_render).  They run `vndoc render` and
# `vndoc merge` (the templates, to compare streamed and loaded documents).
foreach(suite docx layout layout_flow render)
  vndoc_add_check_test(${suite} LABEL unit SOURCES unit/test_${suite}.c LINKS vndoc_render_test_util)
  add_dependencies(test_${suite} vndoc vndoc_templates)
endforeach()
# Fallback fonts, symbol fonts, legacy Vietnamese fonts (runs `vndoc render`).
vndoc_add_check_test(fonts LABEL unit SOURCES unit/test_fonts.c LINKS vndoc_render_test_util)
add_dependencies(test_fonts vndoc)
# fontconfig's sorted font lists kept by style: the same lists at every size.
vndoc_add_check_test(font_sort LABEL unit SOURCES unit/test_font_sort.c LINKS vndoc_render_test_util)
vndoc_add_check_test(docx_walk LABEL unit SOURCES unit/test_docx_walk.c LINKS vndoc_docx vndoc_core)
# The layout spec: small documents in a shorthand and their layout dumps.
vndoc_add_check_test(layout_spec LABEL spec SOURCES spec/run_layout_spec.c spec/spec_file.c spec/layout_doc.c spec/layout_doc_pkg.c
  LINKS vndoc_render vndoc_layout vndoc_docx vndoc_package vndoc_core z
  ARGS ${CMAKE_CURRENT_SOURCE_DIR}/spec/layout.txt)
# The line breaks forbidden where LibreOffice does not break, and their bound.
vndoc_add_check_test(keep LABEL unit SOURCES unit/test_keep.c LINKS vndoc_render_test_util)
vndoc_add_check_test(one_line LABEL unit SOURCES unit/test_one_line.c LINKS vndoc_render_test_util)
vndoc_add_check_test(presplit LABEL unit SOURCES unit/test_presplit.c LINKS vndoc_render_test_util)
# Shapes, text boxes, groups and VML: the docx model and the shapes' drawing.
vndoc_add_check_test(shapes LABEL unit SOURCES unit/test_shapes.c LINKS vndoc_render_test_util)
# w:framePr frames: read as floating text boxes, placed as LibreOffice does.
vndoc_add_check_test(frames LABEL unit SOURCES unit/test_frames.c LINKS vndoc_render_test_util)
# A table style's first row as a header row, repeated on each page.
vndoc_add_check_test(tstyle_header LABEL unit SOURCES unit/test_tstyle_header.c LINKS vndoc_render_test_util)
# Tracked changes drawn as accepted, with a warning.
vndoc_add_check_test(tracked LABEL unit SOURCES unit/test_tracked.c LINKS vndoc_render_test_util)
# Right-to-left text written into the PDF in visual order (render/text.c).
vndoc_add_check_test(rtl LABEL unit SOURCES unit/test_rtl.c LINKS vndoc_render_test_util)
# w:rFonts eastAsia / cs / hint: each character in the font of its script.
vndoc_add_check_test(scripts LABEL unit SOURCES unit/test_scripts.c LINKS vndoc_render_test_util)
