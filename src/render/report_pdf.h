/*
 * The report model as PDF with cairo + pango and Noto CJK: A4, embedded subset fonts,
 * Chinese line breaking, tables that split across pages with their header rows repeated,
 * page numbers, an outline entry per heading, title and author metadata, vector charts.
 */
#ifndef JX_RENDER_REPORT_PDF_H
#define JX_RENDER_REPORT_PDF_H

#include "core/report.h"
#include "core/strbuf.h"

/* Returns 0, or -1 with a message in why (a font is missing, cairo failed). */
int report_pdf(const struct report *r, struct strbuf *out, struct strbuf *why);

#endif
