/*
 * UTF-8 validation, decoding and terminal display width. Width tables are sorted,
 * non-overlapping ranges searched by bisection; zero-width ranges are checked before
 * wide ones because a few combining marks (U+302A..U+302D, U+3099..U+309A) sit inside
 * wide blocks.
 */
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"

struct cp_range {
    uint32_t lo, hi;
};

/* Combining marks, zero-width spaces and joiners, variation selectors. */
static const struct cp_range zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF},   {0x05C1, 0x05C2},
    {0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x0610, 0x061A}, {0x064B, 0x065F},   {0x0670, 0x0670},
    {0x06D6, 0x06DC}, {0x06DF, 0x06E4}, {0x06E7, 0x06E8}, {0x06EA, 0x06ED},   {0x0E31, 0x0E31},
    {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF},   {0x200B, 0x200F},
    {0x202A, 0x202E}, {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0x302A, 0x302D},   {0x3099, 0x309A},
    {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

/* East Asian Wide and Fullwidth. */
static const struct cp_range wide[] = {
    {0x1100, 0x115F}, {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF}, {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD},
};

static bool in_table(uint32_t cp, const struct cp_range *t, size_t n)
{
    size_t lo = 0, hi = n;

    if (cp < t[0].lo || cp > t[n - 1].hi)
        return false;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (cp > t[mid].hi)
            lo = mid + 1;
        else if (cp < t[mid].lo)
            hi = mid;
        else
            return true;
    }
    return false;
}

/* Length of the sequence a lead byte announces; 0 for a continuation or invalid byte. */
static size_t seq_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return 2;
    if (c >= 0xE0 && c <= 0xEF)
        return 3;
    if (c >= 0xF0 && c <= 0xF4)
        return 4;
    return 0;
}

bool utf8_valid(const char *s, size_t len, size_t *bad)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        unsigned char c = u[i];
        size_t n;

        if (c < 0x80) {
            uint64_t w;

            /* Indentation and keys are ASCII: skip it eight bytes at a time. */
            while (len - i >= 8) {
                memcpy(&w, u + i, 8);
                if (w & UINT64_C(0x8080808080808080))
                    break;
                i += 8;
            }
            if (i < len && u[i] < 0x80)
                i++;
            continue;
        }
        n = seq_len(c);
        if (!n || n > len - i)
            goto fail;
        /* The second byte's allowed range rules out overlongs, surrogates and > U+10FFFF. */
        switch (c) {
        case 0xE0:
            if (u[i + 1] < 0xA0 || u[i + 1] > 0xBF)
                goto fail;
            break;
        case 0xED:
            if (u[i + 1] < 0x80 || u[i + 1] > 0x9F)
                goto fail;
            break;
        case 0xF0:
            if (u[i + 1] < 0x90 || u[i + 1] > 0xBF)
                goto fail;
            break;
        case 0xF4:
            if (u[i + 1] < 0x80 || u[i + 1] > 0x8F)
                goto fail;
            break;
        default:
            if ((u[i + 1] & 0xC0) != 0x80)
                goto fail;
        }
        for (size_t k = 2; k < n; k++)
            if ((u[i + k] & 0xC0) != 0x80)
                goto fail;
        i += n;
    }
    return true;
fail:
    if (bad)
        *bad = i;
    return false;
}

size_t utf8_decode(const char *s, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = seq_len(u[0]);
    uint32_t v;

    if (n == 1) {
        *cp = u[0];
        return u[0] ? 1 : 0;
    }
    /*
     * Input is documented as valid, but a stray byte must not make callers read past a
     * NUL: anything malformed decodes as one U+FFFD per byte.
     */
    if (!n)
        goto replace;
    v = u[0] & (0x7F >> n);
    for (size_t k = 1; k < n; k++) {
        if ((u[k] & 0xC0) != 0x80)
            goto replace;
        v = (v << 6) | (u[k] & 0x3F);
    }
    *cp = v;
    return n;
replace:
    *cp = 0xFFFD;
    return 1;
}

unsigned utf8_cp_width(uint32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) /* controls take no column */
        return 0;
    if (cp < 0x300)
        return 1;
    if (in_table(cp, zero_width, ARRAY_SIZE(zero_width)))
        return 0;
    return in_table(cp, wide, ARRAY_SIZE(wide)) ? 2 : 1;
}

size_t utf8_width(const char *s)
{
    size_t w = 0, n;
    uint32_t cp;

    while ((n = utf8_decode(s, &cp))) {
        w += utf8_cp_width(cp);
        s += n;
    }
    return w;
}

unsigned utf8_column(const char *line_start, size_t off)
{
    const unsigned char *u = (const unsigned char *)line_start;
    size_t chars = 0, last_lead = 0;
    bool any = false;

    for (size_t i = 0; i < off; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            chars++;
            last_lead = i;
            any = true;
        }
    }
    /*
     * An offset inside a multi-byte character reports that character's column; only
     * bytes before off are read, so off may equal the length of an unterminated line.
     */
    if (any && seq_len(u[last_lead]) > off - last_lead)
        return (unsigned)chars;
    return (unsigned)chars + 1;
}
