# docx model, layout and renderers.  Included from tests/CMakeLists.txt.
vndoc_add_check_test(render LABEL unit SOURCES unit/test_render.c
  LINKS vndoc_render vndoc_layout vndoc_docx vndoc_package vndoc_core)
# One test runs `vndoc render` for its warnings.
add_dependencies(test_render vndoc)
vndoc_add_check_test(docx_walk LABEL unit SOURCES unit/test_docx_walk.c LINKS vndoc_docx vndoc_core)
