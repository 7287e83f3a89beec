/*
 * Escaping text for XML 1.0 documents written by hand into a strbuf. Renderers build
 * their markup as literal strings (fast, and the bytes are exactly what we choose) and
 * pass every piece of user text through here, so no input can break the document.
 */
#ifndef JX_RENDER_XML_WRITER_H
#define JX_RENDER_XML_WRITER_H

#include <stddef.h>

#include "core/strbuf.h"

/*
 * Appends s[0..len) escaped for both element content and attribute values (& < > " ').
 * Characters XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF) and DEL, which
 * Word refuses, and bytes that are not valid UTF-8 are dropped: a report must open even when its
 * input carries garbage.
 */
void xml_writer_text(struct strbuf *sb, const char *s, size_t len);

/* xml_writer_text for a NUL-terminated string; NULL appends nothing. */
void xml_writer_str(struct strbuf *sb, const char *s);

#endif
