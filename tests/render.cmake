# docx model, layout and renderers.  Included from tests/CMakeLists.txt.
vndoc_add_check_test(render LABEL unit SOURCES unit/test_render.c
  LINKS vndoc_render vndoc_layout vndoc_docx vndoc_package vndoc_core)
# One test runs `vndoc render` for its warnings.
add_dependencies(test_render vndoc)
vndoc_add_check_test(docx_walk LABEL unit SOURCES unit/test_docx_walk.c LINKS vndoc_docx vndoc_core)
# The layout spec: small documents in a shorthand and their layout dumps.
vndoc_add_check_test(layout_spec LABEL spec SOURCES spec/run_layout_spec.c spec/spec_file.c spec/layout_doc.c spec/layout_doc_pkg.c
  LINKS vndoc_render vndoc_layout vndoc_docx vndoc_package vndoc_core z
  ARGS ${CMAKE_CURRENT_SOURCE_DIR}/spec/layout.txt)
