/*
 * The text of a Word document (.docx) in the plain-text report layout that
 * report_text_parse() reads: one line per paragraph, and a table as one line per cell
 * ("\t" + the cell's text, an empty cell as a bare "\t") with a blank line after each row,
 * as a report copied out of Word into a text file looks.
 */
#ifndef JX_IO_DOCX_TEXT_H
#define JX_IO_DOCX_TEXT_H

#include <stddef.h>

#include "core/strbuf.h"

/*
 * Appends the text of word/document.xml of the package in data[0..len) to out: paragraphs
 * (w:t runs, w:tab as a tab, w:br as a line break) and tables in document order, deleted
 * text (w:del) left out and inserted text (w:ins) kept. name is used in messages.
 * Returns 0, or -1 with a message (naming name, no final period) appended to why when the
 * file is not a readable .docx: not a zip, encrypted, over a cap, no word/document.xml,
 * or malformed XML.
 */
int docx_text(const char *data, size_t len, const char *name, struct strbuf *out,
              struct strbuf *why);

/* The same on word/document.xml itself (xml[0..len)), for tests and the fuzzer. */
int docx_text_xml(const char *xml, size_t len, const char *name, struct strbuf *out,
                  struct strbuf *why);

#endif
