/*
 * A fast PNG encoder for the pictures jixiao draws itself (charts). cairo's own writer
 * goes through libpng with adaptive filtering and zlib level 6, which costs 20-50 times
 * the drawing; charts are mostly flat white with grey bars, so an unfiltered 8-bit grey
 * image deflated at level 1 is as small and an order of magnitude faster. Output bytes
 * depend only on the pixels (no time chunk), so documents stay reproducible.
 */
#ifndef JX_RENDER_PNG_ENCODE_H
#define JX_RENDER_PNG_ENCODE_H

#include <cairo.h>

#include "core/strbuf.h"

/*
 * Appends a PNG of the CAIRO_FORMAT_RGB24 image surface s to out: 8-bit greyscale when
 * every pixel is grey, 8-bit RGB otherwise. The surface must be flushed. Returns 0, or
 * -1 when s is not an RGB24 image surface or zlib fails.
 */
int png_encode_rgb24(cairo_surface_t *s, struct strbuf *out);

#endif
