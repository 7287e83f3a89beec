/*
 * The PNG encoder: chunks with correct lengths and CRCs, a zlib stream that inflates to
 * exactly the rows (filter byte 0, then the pixels), greyscale when every pixel is grey
 * and RGB as soon as one is not, the same bytes for the same pixels, and a refusal of
 * surfaces it does not handle.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "render/png_encode.h"

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Checks the chunk structure and returns the inflated image data (caller frees). */
static unsigned char *decode(const struct strbuf *png, uint32_t *w, uint32_t *h, unsigned *colour,
                             size_t *len)
{
    const unsigned char *p = (const unsigned char *)png->buf;
    size_t i = 8;
    unsigned char *idat = NULL;
    size_t idat_len = 0;
    unsigned nr = 0;

    assert_memory_equal(p, "\x89PNG\r\n\x1a\n", 8);
    static const char *const order[] = {"IHDR", "IDAT", "IEND"};
    while (i < png->len) {
        assert_true(i + 12 <= png->len);
        uint32_t n = get32(p + i);
        assert_true(i + 12 + n <= png->len);
        assert_true(nr < 3);
        assert_memory_equal(p + i + 4, order[nr], 4);
        assert_int_equal(get32(p + i + 8 + n), (uint32_t)crc32(0, p + i + 4, n + 4));
        if (nr == 0) {
            assert_int_equal(n, 13);
            *w = get32(p + i + 8);
            *h = get32(p + i + 12);
            assert_int_equal(p[i + 16], 8);
            *colour = p[i + 17];
        } else if (nr == 1) {
            idat = (unsigned char *)(p + i + 8);
            idat_len = n;
        } else {
            assert_int_equal(n, 0);
        }
        nr++;
        i += 12 + n;
    }
    assert_int_equal(nr, 3);
    assert_int_equal(i, png->len);
    size_t bpp = *colour == 0 ? 1 : 3;
    *len = (size_t)*h * (1 + *w * bpp);
    unsigned char *raw = malloc(*len + 1);
    uLongf got = *len + 1;
    assert_int_equal(uncompress(raw, &got, idat, idat_len), Z_OK);
    assert_int_equal(got, *len);
    return raw;
}

static cairo_surface_t *grey_ramp(int w, int h)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);

    cairo_surface_flush(s);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t v = (uint32_t)((x * 7 + y * 13) & 0xff);
            ((uint32_t *)(void *)(d + (size_t)y * stride))[x] = v << 16 | v << 8 | v;
        }
    cairo_surface_mark_dirty(s);
    return s;
}

static void test_grey(void **state)
{
    (void)state;
    cairo_surface_t *s = grey_ramp(37, 11);
    struct strbuf png = STRBUF_INIT, again = STRBUF_INIT;
    uint32_t w, h;
    unsigned colour;
    size_t len;

    assert_int_equal(png_encode_rgb24(s, &png), 0);
    unsigned char *raw = decode(&png, &w, &h, &colour, &len);
    assert_int_equal(w, 37);
    assert_int_equal(h, 11);
    assert_int_equal(colour, 0);
    for (uint32_t y = 0; y < h; y++) {
        assert_int_equal(raw[y * (w + 1)], 0);
        for (uint32_t x = 0; x < w; x++)
            assert_int_equal(raw[y * (w + 1) + 1 + x], (x * 7 + y * 13) & 0xff);
    }
    free(raw);
    assert_int_equal(png_encode_rgb24(s, &again), 0);
    assert_int_equal(again.len, png.len);
    assert_memory_equal(again.buf, png.buf, png.len);
    strbuf_release(&again);
    strbuf_release(&png);
    cairo_surface_destroy(s);
}

static void test_colour_falls_back_to_rgb(void **state)
{
    (void)state;
    cairo_surface_t *s = grey_ramp(20, 9);
    struct strbuf png = STRBUF_INIT;
    uint32_t w, h;
    unsigned colour;
    size_t len;

    /* One red pixel near the end: the grey attempt is abandoned late. */
    unsigned char *d = cairo_image_surface_get_data(s);
    ((uint32_t *)(void *)(d + 8 * (size_t)cairo_image_surface_get_stride(s)))[19] = 0xff0000;
    cairo_surface_mark_dirty(s);
    strbuf_addstr(&png, "prefix");
    assert_int_equal(png_encode_rgb24(s, &png), 0);
    assert_memory_equal(png.buf, "prefix", 6);
    struct strbuf body = STRBUF_INIT;
    strbuf_add(&body, png.buf + 6, png.len - 6);
    unsigned char *raw = decode(&body, &w, &h, &colour, &len);
    assert_int_equal(colour, 2);
    const unsigned char *last = raw + 8 * (1 + 3 * w) + 1 + 3 * 19;
    assert_memory_equal(last, "\xff\x00\x00", 3);
    /* A grey pixel comes out as three equal samples. */
    assert_int_equal(raw[1], raw[2]);
    assert_int_equal(raw[2], raw[3]);
    free(raw);
    strbuf_release(&body);
    strbuf_release(&png);
    cairo_surface_destroy(s);
}

static void test_refuses_other_surfaces(void **state)
{
    (void)state;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 4);
    struct strbuf png = STRBUF_INIT;

    strbuf_addstr(&png, "keep");
    assert_int_equal(png_encode_rgb24(s, &png), -1);
    assert_string_equal(png.buf, "keep");
    strbuf_release(&png);
    cairo_surface_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grey),
        cmocka_unit_test(test_colour_falls_back_to_rgb),
        cmocka_unit_test(test_refuses_other_surfaces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
