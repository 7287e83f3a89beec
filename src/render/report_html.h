/* The report model as one self-contained HTML file: inline CSS (screen, phone, print),
 * inline SVG charts from the chart module, every text escaped. */
#ifndef JX_RENDER_REPORT_HTML_H
#define JX_RENDER_REPORT_HTML_H

#include "core/report.h"
#include "core/strbuf.h"

int report_html(const struct report *r, struct strbuf *out);

#endif
