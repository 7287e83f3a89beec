/*
 * The one chart module: draws a report_chart with cairo (and pango for the Chinese
 * labels) into vector PDF (on the caller's cairo context), PNG (for DOCX) and SVG (for
 * HTML), so that the three outputs show the same picture. Charts must read in
 * black-and-white print: bars are told apart by fill patterns and grey levels, values are
 * printed on the bars, the axis has its unit.
 */
#ifndef JX_RENDER_CHART_H
#define JX_RENDER_CHART_H

#include <cairo.h>

#include "core/report.h"
#include "core/strbuf.h"

/* The size a chart is drawn at, in points (1/72 inch): fits the A4 text width. */
#define CHART_WIDTH_PT 420.0
#define CHART_HEIGHT_PT 240.0

/* Draws c into the rectangle (0, 0, width, height) of cr, in user units (points). */
void chart_draw(const struct report_chart *c, cairo_t *cr, double width, double height);

/* Appends a standalone SVG document (no XML declaration, so it can be inlined in HTML).
 * Ids inside are prefixed "jxc<out->len>-": append every chart of one page to the same
 * buffer so that their ids differ. Returns 0 or JX_EINTERNAL. */
int chart_svg(const struct report_chart *c, struct strbuf *out);

/* Appends a PNG at dpi (e.g. 192 for a sharp print), of CHART_WIDTH_PT x CHART_HEIGHT_PT.
 * Returns 0, JX_EINVAL for a dpi outside 36..1200, or JX_EINTERNAL. */
int chart_png(const struct report_chart *c, unsigned dpi, struct strbuf *out);

#endif
