/*
 * The parts of a unit's own .docx that --reference-docx takes (as pandoc's
 * --reference-doc): its style sheet, its body section properties (page size, margins),
 * the default header and footer that section uses, and its numbering definitions. The
 * XML is handed over as text; render/report_docx merges it (the CLI copies these
 * strings into struct docx_reference, which io cannot see).
 */
#ifndef JX_IO_DOCX_REFERENCE_H
#define JX_IO_DOCX_REFERENCE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/strbuf.h"

/* Each part NUL-terminated; the has_ flag says whether the reference had it. */
struct docx_reference_parts {
    struct strbuf styles_xml, document_xml, header_xml, footer_xml, numbering_xml;
    bool has_styles, has_document, has_header, has_footer, has_numbering;
};

void docx_reference_parts_init(struct docx_reference_parts *p);
void docx_reference_parts_release(struct docx_reference_parts *p);

/*
 * Reads the parts from the .docx in data[0..len) (name for messages) into p, which must
 * be initialised. Parts the reference lacks are left out (has_ false). Returns 0, or -1
 * with a message appended to why when the file is not a usable Word document: not a
 * zip, over a cap, no word/document.xml, malformed XML in a part that is needed.
 */
int docx_reference_read(const char *data, size_t len, const char *name,
                        struct docx_reference_parts *p, struct strbuf *why);

#endif
