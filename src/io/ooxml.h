/*
 * Reading Office Open XML packages (.docx, .xlsx) from memory with libzip, with the caps
 * that keep a hostile file from exhausting memory: a limit on the number of entries, on
 * each part's uncompressed size and on the total, checked against what is actually
 * inflated (not only the sizes the archive claims), so a zip bomb stops with a message.
 */
#ifndef JX_IO_OOXML_H
#define JX_IO_OOXML_H

#include <stdbool.h>
#include <stddef.h>

#include "core/strbuf.h"

#define OOXML_MAX_ENTRIES 10000
#define OOXML_MAX_PART (64u << 20)   /* bytes, one uncompressed part */
#define OOXML_MAX_TOTAL (256u << 20) /* bytes, all parts read from one package */

struct ooxml;

/*
 * Opens the package in data[0..len) (the bytes must outlive the handle). name is used in
 * messages. Returns 0, or -1 with a message in why ("'x.docx' is not a zip archive (is
 * it an old .doc/.xls? save it as .docx/.xlsx)").
 */
int ooxml_open(const char *data, size_t len, const char *name, struct ooxml **out,
               struct strbuf *why);
void ooxml_close(struct ooxml *z);

/* True when the package has a part called part ("word/document.xml"). */
bool ooxml_has(struct ooxml *z, const char *part);

/*
 * Reads part into out (replacing its contents, NUL-terminated). Returns 0; 1 when the
 * part does not exist; -1 with a message in why when it is corrupt or over a cap.
 */
int ooxml_read(struct ooxml *z, const char *part, struct strbuf *out, struct strbuf *why);

/* Names of the parts, in archive order, valid until ooxml_close. */
size_t ooxml_count(struct ooxml *z);
const char *ooxml_name(struct ooxml *z, size_t i);

#endif
