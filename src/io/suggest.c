/*
 * Edit distance for "did you mean" (optimal string alignment: Levenshtein plus swaps of
 * adjacent bytes, so 'wieght' is one edit from 'weight'). Names are short keys, so the
 * distance is computed on bytes in three rolling rows of a fixed size; longer words are
 * only matched by containment.
 */
#include <string.h>

#include "core/xalloc.h"
#include "io/suggest.h"

#define ROW_MAX 64

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;

    return m < c ? m : c;
}

size_t suggest_distance(const char *a, size_t alen, const char *b, size_t blen, size_t max)
{
    size_t rows[3][ROW_MAX + 1];
    size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

    if (alen > ROW_MAX || blen > ROW_MAX)
        return max + 1;
    if ((alen > blen ? alen - blen : blen - alen) > max)
        return max + 1;
    for (size_t j = 0; j <= blen; j++)
        prev[j] = j;
    for (size_t i = 1; i <= alen; i++) {
        size_t row_min;

        cur[0] = i;
        row_min = cur[0];
        for (size_t j = 1; j <= blen; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t d = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);

            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < d)
                d = prev2[j - 2] + 1;
            cur[j] = d;
            if (d < row_min)
                row_min = d;
        }
        if (row_min > max)
            return max + 1;
        {
            size_t *t = prev2;

            prev2 = prev;
            prev = cur;
            cur = t;
        }
    }
    return prev[blen] > max ? max + 1 : prev[blen];
}

static int contains(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
    if (nlen > hlen)
        return 0;
    for (size_t i = 0; i + nlen <= hlen; i++)
        if (!memcmp(hay + i, needle, nlen))
            return 1;
    return 0;
}

const char *suggest_closest(const char *word, size_t len, const char *const *cands, size_t nr)
{
    const char *best = NULL;
    size_t best_d = 3; /* worse than any accepted distance */

    for (size_t i = 0; i < nr; i++) {
        const char *c = cands[i];
        size_t clen, d, longer;

        if (!c)
            continue;
        clen = strlen(c);
        longer = clen > len ? clen : len;
        d = suggest_distance(word, len, c, clen, 2);
        if (d <= 2 && 2 * d < longer) {
            if (d < best_d) {
                best = c;
                best_d = d;
            }
        } else if (!best && len >= 3 && clen >= 3 &&
                   (contains(c, clen, word, len) || contains(word, len, c, clen))) {
            best = c; /* containment ranks below any edit-distance match */
        }
    }
    return best;
}
