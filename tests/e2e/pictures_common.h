/*
 * tests/e2e/pictures_common.h: what the two pictures-from-data suites
 * (test_e2e_pictures.c, test_e2e_pictures_stream.c) share: a 40x40 PNG
 * seal, a file written whole, and a one-part form package.
 */
#ifndef VNDOC_TEST_PICTURES_COMMON_H
#define VNDOC_TEST_PICTURES_COMMON_H

#include <stddef.h>

/* 40x40, one colour */
extern const char SEAL_PNG[];
extern const size_t SEAL_LEN;

/* Writes `len` bytes of `data` as `dir`/`name`; the test fails if it cannot. */
void write_file(const char *dir, const char *name, const char *data, size_t len);

/* Writes a package at `path` holding the main part `document` (with its
 * content type and relationship); the test fails if it cannot. */
void write_form(const char *path, const char *document);

#endif
