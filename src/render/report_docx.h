/*
 * The report model as a DOCX (WordprocessingML) written with libzip and an XML writer:
 * real styles (标题 1–3, 正文) with 公文 fonts set in w:eastAsia, real tables with borders
 * and a repeating header row, A4 with GB/T 9704 margins, page numbers in the footer,
 * charts as PNG pictures. Clean, editable Word that also opens right in WPS.
 */
#ifndef JX_RENDER_REPORT_DOCX_H
#define JX_RENDER_REPORT_DOCX_H

#include <stddef.h>

#include "core/report.h"
#include "core/strbuf.h"

/*
 * Parts taken from a unit's own .docx (--reference-docx, as pandoc's --reference-doc):
 * any of them may be NULL. The CLI reads them with io/ooxml.h and passes the XML text;
 * the renderer keeps the reference's styles (adding the ones the report uses that it
 * lacks), its section properties (page size, margins) and its header and footer.
 */
struct docx_reference {
    const char *styles_xml;    /* word/styles.xml */
    const char *document_xml;  /* word/document.xml: its last w:sectPr is used */
    const char *header_xml;    /* the default header part referenced by that w:sectPr */
    const char *footer_xml;    /* the default footer part */
    const char *numbering_xml; /* word/numbering.xml, if styles refer to it */
};

/* Returns 0, or -1 with a message in why (a bad reference part, or a libzip failure). */
int report_docx(const struct report *r, const struct docx_reference *ref, struct strbuf *out,
                struct strbuf *why);

#endif
