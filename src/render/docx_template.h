/*
 * The parts of a DOCX that are a matter of house style rather than content: the style
 * sheet, the section properties (page size and margins) and the header and footer. They
 * come either from jixiao's built-in 公文 template or from a unit's reference .docx
 * (--reference-docx), whose own definitions win and are completed with what it lacks.
 */
#ifndef JX_RENDER_DOCX_TEMPLATE_H
#define JX_RENDER_DOCX_TEMPLATE_H

#include <stdbool.h>

#include "core/strbuf.h"

/* The styles the report uses. */
enum docx_style_kind {
    DOCX_ST_NORMAL, /* 正文: body text */
    DOCX_ST_TITLE,
    DOCX_ST_SUBTITLE,
    DOCX_ST_HEADING1,
    DOCX_ST_HEADING2,
    DOCX_ST_HEADING3,
    DOCX_ST_CAPTION,
    DOCX_ST_NOTE,
    DOCX_ST_SIGNATURE,
    DOCX_ST_PLAIN,
    DOCX_ST_TABLE_TEXT,
    DOCX_ST_FIGURE,
    DOCX_ST_HEADER,
    DOCX_ST_FOOTER,
    DOCX_ST_TABLE_GRID,
    DOCX_ST_NR
};

/* The w:styleId to write for each kind (malloc'd; Chinese Word names heading 1 "1"). */
struct docx_styles {
    char *id[DOCX_ST_NR];
};

void docx_styles_release(struct docx_styles *st);

/*
 * Writes word/styles.xml into out and fills st. Without a reference (ref_styles NULL) the
 * built-in sheet; with one, the reference's sheet, whose styles are used wherever their
 * w:name matches ("heading 1", "Normal", ...) and to which the missing ones are added.
 * Returns 0, or -1 with a message in why when the reference is not usable XML.
 */
int docx_template_styles(const char *ref_styles, struct docx_styles *st, struct strbuf *out,
                         struct strbuf *why);

/*
 * Appends the body's w:sectPr taken from a reference document.xml, with its header and
 * footer references replaced by rIdFooter (and rIdHeader when has_header), turned to
 * landscape when asked and the reference is portrait. Returns the text width in twips,
 * or 0 with nothing appended when there is no usable w:sectPr (the caller then writes
 * the built-in one).
 */
unsigned docx_template_section(const char *ref_document, bool landscape, bool has_header,
                               struct strbuf *out);

/*
 * Writes a reference header or footer part into out, without the elements that point
 * to relationships of the reference package (pictures, links), which do not exist in
 * ours and would make Word refuse the file; word/numbering.xml (what contains
 * "numbering") goes through here too. Every part is re-serialised without its DTD and
 * entity references. Returns 0, or -1 with a message in why.
 */
int docx_template_header_footer(const char *xml, const char *what, struct strbuf *out,
                                struct strbuf *why);

#endif
