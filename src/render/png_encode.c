/*
 * PNG writing (ISO/IEC 15948): signature, IHDR, one IDAT holding the zlib stream of the
 * rows (each prefixed with filter type 0), IEND. Rows are converted and deflated one at
 * a time, so the only buffers are one row and the growing output.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/banned.h"
#include "render/png_encode.h"

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* Appends a chunk whose data is already at out->buf[start + 8 ..]: fills in its length
 * and type in front and its CRC behind. */
static void close_chunk(struct strbuf *out, size_t start, const char type[4])
{
    unsigned char crc[4];
    uint32_t len = (uint32_t)(out->len - start - 8);

    put32((unsigned char *)out->buf + start, len);
    memcpy(out->buf + start + 4, type, 4);
    put32(crc, (uint32_t)crc32(0, (const unsigned char *)out->buf + start + 4, len + 4));
    strbuf_add(out, crc, 4);
}

/*
 * Encodes the image as grey or as RGB. Greyscale is tried first and gives up (returning
 * 1, out unchanged) at the first coloured pixel, so a grey chart is read only once.
 */
static int encode(const unsigned char *data, int w, int h, int stride, bool grey,
                  struct strbuf *out)
{
    size_t row_len = 1 + (size_t)w * (grey ? 1 : 3);
    unsigned char *row = xmalloc(row_len);
    size_t start = out->len;
    z_stream zs;
    int ret = -1;

    strbuf_add(out, "\x89PNG\r\n\x1a\n", 8);
    size_t ihdr = out->len;
    unsigned char hdr[8 + 13];
    put32(hdr + 8, (uint32_t)w);
    put32(hdr + 12, (uint32_t)h);
    hdr[16] = 8;            /* bit depth */
    hdr[17] = grey ? 0 : 2; /* colour type: greyscale or truecolour */
    hdr[18] = hdr[19] = hdr[20] = 0;
    strbuf_add(out, hdr, sizeof(hdr));
    close_chunk(out, ihdr, "IHDR");

    memset(&zs, 0, sizeof(zs));
    if (deflateInit(&zs, 1) != Z_OK)
        goto out;
    size_t idat = out->len;
    strbuf_addchars(out, 0, 8);
    for (int y = 0; y < h; y++) {
        const uint32_t *px = (const uint32_t *)(const void *)(data + (size_t)y * stride);
        unsigned char *q = row;
        *q++ = 0; /* filter: none */
        for (int x = 0; x < w; x++) {
            uint32_t p = px[x];
            if (grey) {
                if (((p >> 16) & 0xff) != (p & 0xff) || ((p >> 8) & 0xff) != (p & 0xff)) {
                    ret = 1;
                    goto out_zs;
                }
                *q++ = (unsigned char)p;
            } else {
                *q++ = (unsigned char)(p >> 16);
                *q++ = (unsigned char)(p >> 8);
                *q++ = (unsigned char)p;
            }
        }
        zs.next_in = row;
        zs.avail_in = (uInt)row_len;
        int flush = y + 1 == h ? Z_FINISH : Z_NO_FLUSH;
        int rc;
        do {
            strbuf_grow(out, 65536);
            zs.next_out = (unsigned char *)out->buf + out->len;
            zs.avail_out = (uInt)(out->alloc - out->len - 1);
            size_t room = zs.avail_out;
            rc = deflate(&zs, flush);
            strbuf_setlen(out, out->len + (room - zs.avail_out));
            if (rc == Z_STREAM_ERROR)
                goto out_zs;
        } while (zs.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    }
    close_chunk(out, idat, "IDAT");
    size_t iend = out->len;
    strbuf_addchars(out, 0, 8);
    close_chunk(out, iend, "IEND");
    ret = 0;
out_zs:
    deflateEnd(&zs);
out:
    if (ret)
        strbuf_setlen(out, start);
    free(row);
    return ret;
}

int png_encode_rgb24(cairo_surface_t *s, struct strbuf *out)
{
    if (cairo_surface_get_type(s) != CAIRO_SURFACE_TYPE_IMAGE ||
        cairo_image_surface_get_format(s) != CAIRO_FORMAT_RGB24)
        return -1;
    const unsigned char *data = cairo_image_surface_get_data(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    if (!data || w <= 0 || h <= 0)
        return -1;
    int rc = encode(data, w, h, stride, true, out);
    return rc == 1 ? encode(data, w, h, stride, false, out) : rc;
}
