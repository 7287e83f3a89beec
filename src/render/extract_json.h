/* `jixiao check --extract`: what was read out of a report, as JSON ("jixiao-extract/1"). */
#ifndef JX_RENDER_EXTRACT_JSON_H
#define JX_RENDER_EXTRACT_JSON_H

#include "core/report_extract.h"
#include "core/strbuf.h"

/* Appends the document for file (with a final newline) to out. */
void extract_json(const char *file, const struct report_extract *rx, struct strbuf *out);

#endif
