# vndoc collect (issue 15): returned forms read back into registration
# data; the flat sheet written as CSV or XLSX (libxlsxwriter).  Included
# from src/CMakeLists.txt after the render pipeline (it reads DOCX through
# src/docx) and before batch (which writes tong-hop.xlsx with it).
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)

vndoc_add_library(collect
  SOURCES collect/read.c collect/text.c collect/find.c collect/unit.c collect/collect.c collect/write.c
    collect/sheet.c
  LINKS vndoc_docx vndoc_data vndoc_vn vndoc_package vndoc_core PkgConfig::XLSXWRITER PkgConfig::GLIB)
