/*
 * The report model as JSON (`jixiao report -o x.json`): every block in order with its
 * final text, tables cell by cell, charts with their exact values. It is what the
 * golden tests compare, so that a change in the model shows up as a readable diff.
 * Shape (docs/report.md): {layout, title, subtitle, author, date, page, blocks: [...]}.
 */
#ifndef JX_RENDER_REPORT_JSON_H
#define JX_RENDER_REPORT_JSON_H

#include "core/report.h"
#include "core/strbuf.h"

/* Appends the JSON document (2-space indent, final newline) to out. */
void report_json(const struct report *r, struct strbuf *out);

#endif
