# Every dependency comes from a Debian 12 package, found through pkg-config
# (libuemf: by name) and used only through its imported target.
find_package(PkgConfig REQUIRED)
pkg_check_modules(XML2 REQUIRED IMPORTED_TARGET libxml-2.0)
pkg_check_modules(ZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(GLIB REQUIRED IMPORTED_TARGET glib-2.0)
pkg_check_modules(JANSSON REQUIRED IMPORTED_TARGET jansson)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-i18n icu-uc)
# The render pipeline (docx, layout, render in src/CMakeLists.txt).
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo pangoft2 cairo-pdf fontconfig)
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
# JPEG pictures on PNG pages (a PDF embeds them undecoded); libjpeg-turbo
# for its JCS_EXT_* output straight into Cairo's pixel layout.
pkg_check_modules(LIBJPEG REQUIRED IMPORTED_TARGET libjpeg)
# GIF pictures (giflib): checked when the document is read, decoded when drawn.
pkg_check_modules(LIBGIF REQUIRED IMPORTED_TARGET libgif)
# EMF pictures (libuemf-dev, Inkscape's EMF/WMF library): its record-safety
# checks.  Debian ships no pkg-config file for it, so it is found by name.
find_path(UEMF_INCLUDE_DIR uemf_safe.h REQUIRED)
find_library(UEMF_LIBRARY uemf REQUIRED)
add_library(Vndoc::UEMF UNKNOWN IMPORTED)
set_target_properties(Vndoc::UEMF PROPERTIES IMPORTED_LOCATION "${UEMF_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${UEMF_INCLUDE_DIR}")
# vndoc serve's HTTP server (Debian's libmicrohttpd-dev).
pkg_check_modules(MHD REQUIRED IMPORTED_TARGET libmicrohttpd)
find_package(Threads REQUIRED)
if(VNDOC_TESTS)
  pkg_check_modules(CHECK REQUIRED IMPORTED_TARGET check)
endif()
