/*
 * The leaf-table scorer (docs/leaftable.md): a hand-written CSV scanner that scores every
 * row with method_score() and sums the rows of each evaluation exactly. The bytes come
 * as one buffer (an mmap'd file) or in blocks from a read function. Nothing is allocated
 * per field: fields are views into the bytes, copied only when they are quoted with
 * doubled quotes inside.
 *
 * The calling thread cuts the table into chunks of about CHUNK_SIZE bytes at line feeds
 * (views into the buffer, or blocks read straight into the chunk's own memory). Worker
 * threads score chunks into records (one per run of rows with one eval_id); the calling
 * thread alone takes the records in file order, merges an evaluation that spans chunks,
 * and makes every callback. Invariant: what the callbacks see and which error is
 * reported depend only on the rows, never on the chunking, the reads or the threads.
 *
 * A chunk cut at a line feed inside a quoted field is detected, not prevented: parsed
 * from a true row start, it reaches its end inside quotes (SPLIT); it and every chunk
 * after it go back in front of the unread bytes, and the rest of the table is scored in
 * the calling thread, a chunk growing until the quoted field fits. (A cut must land in
 * a field with a line break, and such fields are rare in exported tables.)
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/decimal.h"
#include "core/grade.h"
#include "core/method.h"
#include "core/qty.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "io/leaftable.h"

#define CHUNK_SIZE ((size_t)1 << 19)
#define SLOTS_PER_THREAD 3
#define QUOTE_MAX 48   /* bytes of a field quoted in a message */
#define UNIT_SLOTS 128 /* a power of two, over twice ARRAY_SIZE(plain_units) */

enum role {
    R_EVAL_ID,
    R_L1,
    R_LEAF_ID,
    R_WEIGHT,
    R_METHOD,
    R_TARGET,
    R_ACTUAL,
    R_SCORE,
    R_TIER, /* optional */
    NR_ROLES,
};
#define NR_REQUIRED R_TIER
#define R_NONE 0xff

static const char *const role_names[NR_ROLES] = {
    "eval_id", "l1", "leaf_id", "weight", "method", "target", "actual", "score", "tier",
};

static const char *const tier_names[] = {
    [JX_TIER_MET] = "达成",
    [JX_TIER_PARTLY] = "部分达成",
    [JX_TIER_MISSED] = "未达成",
};

/* Bytes that end an unquoted field, or must not appear in one. */
static const unsigned char stop_class[256] = {[','] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1};

/* scan results besides 0 (a row) and the negative JX_E* codes */
#define ROW_BLANK 1
#define SPLIT 2 /* the chunk ends inside a quoted field: it was cut at a false row start */

struct method_entry {
    const char *name;
    size_t len;
    enum jx_method m;
};

/* Read-only once the header is read; shared by every thread. */
struct setup {
    const char *name;
    unsigned char *role; /* per column: enum role or R_NONE */
    size_t nr_cols;
    unsigned body_line; /* line number of the first row after the header */
    bool want_leaves;
    struct method_entry methods[JX_METHOD_COUNT_];
    size_t nr_methods;
    const struct jx_grade_band *bands;
    size_t nr_bands;
    uint64_t unit_keys[UNIT_SLOTS]; /* plain_units, hashed by unit_slot() */
    bool unit_used[UNIT_SLOTS];
};

/* An error found while scanning; the line is relative to the chunk's first row. */
struct fault {
    int code;
    struct jx_pos at;
    struct strbuf msg;
};

struct l1_rec {
    size_t name, len; /* NUL-terminated in the chunk's strs */
    int64_t weight, score;
    struct jx_pos at; /* where it first appears in the chunk */
    size_t row;       /* and on which row of its record (0 = the first) */
};

struct leaf_rec {
    size_t id; /* in strs */
    int64_t score;
};

/* A run of rows of one evaluation inside one chunk. */
struct ev_rec {
    size_t id, id_len; /* in strs */
    struct jx_pos at;  /* its eval_id field on its first row in the chunk */
    size_t nr_leaves;
    size_t l1, nr_l1;     /* l1s[l1 .. l1 + nr_l1) */
    size_t leaf, nr_leaf; /* leaves[leaf .. leaf + nr_leaf) when leaves are wanted */
    int64_t weight, total;
};

struct chunk {
    const char *begin, *end; /* its bytes: a view, or own when streaming */
    bool eof;                /* end is the end of the input */
    char *own;
    size_t own_cap;
    const char *stop; /* where scoring stopped: end, or a SPLIT or failing row */
    unsigned lines;   /* line feeds in [begin, stop) */
    struct ev_rec *evs;
    size_t nr_evs, alloc_evs;
    struct l1_rec *l1s;
    size_t nr_l1s, alloc_l1s;
    struct leaf_rec *leaves;
    size_t nr_leaves, alloc_leaves;
    struct strbuf strs;
    struct fault fault; /* code 0, SPLIT, or the first error: the records stop there */
    bool ready;         /* guarded by the pipeline's mutex */
};

/* The mask of the 64 bytes at base; base NULL until a field sets it. */
struct scan {
    const char *base;
    uint64_t mask;
};

#define MEMO_SIZE 256
#define MEMO_TEXT 46

/* A quantity text qty_parse() has read; len MEMO_TEXT + 1 marks an empty slot. */
struct memo {
    unsigned char len;
    char text[MEMO_TEXT];
    struct jx_qty q;
};

/* One per thread that scans. */
struct parser {
    struct memo memo[MEMO_SIZE];
    const struct setup *s;
    struct strbuf unq[NR_ROLES]; /* fields unescaped from "a""b" */
    struct strbuf why;
    struct str f[NR_ROLES];
    const char *at[NR_ROLES]; /* where each field starts, for messages */
    const char *row;          /* the row being scanned */
    struct scan scan;
    unsigned row_line, line; /* relative to the chunk's first row */
    size_t last_l1;          /* index in l1s of the last row's 一级指标 */
};

/* An evaluation seen so far: its id in the sink's ids, the line its rows start on. */
struct seen {
    size_t id;
    unsigned line;
};

/* The calling thread's side: merges records and makes the callbacks. */
struct sink {
    const struct setup *s;
    leaftable_fn fn;
    leaftable_leaf_fn leaf_fn;
    void *user;
    struct jx_err *err;
    struct leaftable_eval ev;
    struct strbuf id;
    bool open;
    unsigned char l1_len[LEAFTABLE_MAX_L1]; /* strlen of ev.l1[k].name */
    unsigned base_line;                     /* line of the next chunk's first row */
    /*
     * Every eval_id so far, to refuse one that comes back: open addressing on the hash
     * alone (non-zero; 0 is empty) so that a probe touches one word, with the index of
     * the entry beside it.
     */
    uint64_t *hashes;
    uint32_t *refs;
    size_t size;
    struct seen *seen;
    size_t nr_seen, alloc_seen;
    struct strbuf ids;
};

/* ---- positions and messages ---- */

/* Line (relative to the chunk) and column (in characters) of `at` in the current row. */
static struct jx_pos pos_in_row(const struct parser *ps, const char *at)
{
    const char *ls = ps->row, *p = ps->row, *nl;
    unsigned line = ps->row_line;
    unsigned col = 1;

    while ((nl = memchr(p, '\n', (size_t)(at - p)))) {
        line++;
        p = ls = nl + 1;
    }
    for (p = ls; p < at; p++)
        col += ((unsigned char)*p & 0xC0) != 0x80;
    return (struct jx_pos){line, col};
}

static void add_quoted(struct strbuf *sb, const char *s, size_t len)
{
    size_t n = len;

    if (n > QUOTE_MAX) {
        n = QUOTE_MAX;
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    strbuf_addch(sb, '\'');
    strbuf_add(sb, s, n);
    strbuf_addstr(sb, n < len ? "...'" : "'");
}

static int fault_at(struct parser *ps, struct fault *f, int code, const char *at, const char *fmt,
                    ...) JX_PRINTF(5, 6);
static int fault_at(struct parser *ps, struct fault *f, int code, const char *at, const char *fmt,
                    ...)
{
    va_list ap;

    f->code = code;
    f->at = pos_in_row(ps, at);
    strbuf_reset(&f->msg);
    va_start(ap, fmt);
    strbuf_vaddf(&f->msg, fmt, ap);
    va_end(ap);
    return code;
}

/* "bad weight 'x': expected ..." with the field quoted. */
static int field_fault(struct parser *ps, struct fault *f, int code, enum role r, const char *what,
                       const char *rest)
{
    f->code = code;
    f->at = pos_in_row(ps, ps->at[r]);
    strbuf_reset(&f->msg);
    strbuf_addf(&f->msg, "%s ", what);
    add_quoted(&f->msg, ps->f[r].ptr, ps->f[r].len);
    strbuf_addstr(&f->msg, rest);
    return code;
}

static void l1_overflow_msg(struct strbuf *sb, const char *eval_id, const char *l1, size_t len)
{
    strbuf_addstr(sb, "evaluation ");
    add_quoted(sb, eval_id, strlen(eval_id));
    strbuf_addf(sb, " has more than %d 一级指标 (l1 ", LEAFTABLE_MAX_L1);
    add_quoted(sb, l1, len);
    strbuf_addf(sb, " is number %d)", LEAFTABLE_MAX_L1 + 1);
}

/* ---- the CSV scanner ---- */

static void count_lines(struct parser *ps, const char *p, const char *end)
{
    while ((p = memchr(p, '\n', (size_t)(end - p)))) {
        ps->line++;
        p++;
    }
}

/*
 * The separators of unquoted fields are found 64 bytes at a time: a bit mask of the
 * positions of , \n \r and " (SSE2 on x86-64, exact SWAR on other little-endian CPUs),
 * then one count-trailing-zeros per field. No branch depends on a field's length.
 */
#if defined(__SSE2__)
#include <emmintrin.h>
#define HAVE_MASK64 1
static inline uint64_t specials64(const char *p)
{
    const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r'), quote = _mm_set1_epi8('"');
    uint64_t bits = 0;

    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, lf)),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, quote)));

        bits |= (uint64_t)(unsigned)_mm_movemask_epi8(m) << (16 * k);
    }
    return bits;
}
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define HAVE_MASK64 1
#define ONES UINT64_C(0x0101010101010101)
#define LOWS UINT64_C(0x7F7F7F7F7F7F7F7F)

/* High bit of each byte of w that equals c, exactly. */
static inline uint64_t eq_bytes(uint64_t w, unsigned char c)
{
    uint64_t x = w ^ (ONES * c);

    return ~(((x & LOWS) + LOWS) | x | LOWS);
}

static inline uint64_t specials64(const char *p)
{
    uint64_t bits = 0;

    for (int k = 0; k < 8; k++) {
        uint64_t w, m;

        memcpy(&w, p + 8 * k, 8);
        m = eq_bytes(w, ',') | eq_bytes(w, '\n') | eq_bytes(w, '\r') | eq_bytes(w, '"');
        /* gather the 8 high bits into one byte */
        bits |= (((m >> 7) * UINT64_C(0x0102040810204080)) >> 56) << (8 * k);
    }
    return bits;
}
#endif

/* The first byte at or after p that ends an unquoted field (stop_class), or end. */
static inline const char *skip_plain(struct scan *sc, const char *p, const char *end)
{
#ifdef HAVE_MASK64
    for (;;) {
        if (sc->base && p >= sc->base && p < sc->base + 64) {
            uint64_t m = sc->mask & (~UINT64_C(0) << (p - sc->base));

            if (m)
                return sc->base + __builtin_ctzll(m);
            p = sc->base + 64;
        }
        if (end - p < 64)
            break;
        sc->base = p;
        sc->mask = specials64(p);
    }
#else
    (void)sc;
#endif
    while (p < end && !stop_class[(unsigned char)*p])
        p++;
    return p;
}

/*
 * Scans one field at *pp into *out (a view into the input, or into unq when it had
 * doubled quotes and unq is given). Returns ',' or '\n' for the byte that ended it and 0
 * at the end of the input; SPLIT; or a negative code with f filled.
 */
static inline __attribute__((always_inline)) int scan_field(struct parser *ps, struct fault *f,
                                                            const char **pp, const char *end,
                                                            bool eof, struct str *out,
                                                            struct strbuf *unq)
{
    const char *p = *pp, *start = p;

    if (p < end && *p == '"') {
        const char *q, *cs = ++p;
        bool doubled = false;

        for (;;) {
            q = memchr(p, '"', (size_t)(end - p));
            if (!q) {
                if (!eof)
                    return SPLIT;
                return fault_at(ps, f, JX_ESYNTAX, start,
                                "quoted field is not closed (no '\"' after this one)");
            }
            if (q + 1 < end && q[1] == '"') {
                doubled = true;
                p = q + 2;
                continue;
            }
            break;
        }
        count_lines(ps, cs, q);
        if (doubled && unq) {
            const char *s = cs, *d;

            strbuf_reset(unq);
            while ((d = memchr(s, '"', (size_t)(q - s)))) {
                strbuf_add(unq, s, (size_t)(d + 1 - s));
                s = d + 2;
            }
            strbuf_add(unq, s, (size_t)(q - s));
            *out = (struct str){unq->buf, unq->len};
        } else {
            *out = (struct str){cs, (size_t)(q - cs)};
        }
        p = q + 1;
        if (p < end && *p != ',' && *p != '\n' && *p != '\r')
            return fault_at(ps, f, JX_ESYNTAX, p,
                            "unexpected text after a closing quote (a '\"' inside a quoted "
                            "field is written '\"\"')");
    } else {
        p = skip_plain(&ps->scan, p, end);
        if (p < end && *p == '"')
            return fault_at(ps, f, JX_ESYNTAX, p,
                            "'\"' inside an unquoted field (quote the whole field and double "
                            "the '\"')");
        *out = (struct str){start, (size_t)(p - start)};
    }
    if (p >= end) {
        *pp = p;
        return eof ? 0 : SPLIT;
    }
    if (*p == ',') {
        *pp = p + 1;
        return ',';
    }
    if (*p == '\n' || (p + 1 < end && p[1] == '\n')) {
        *pp = p + 1 + (*p == '\r');
        ps->line++;
        return '\n';
    }
    if (p + 1 == end && eof) { /* a lone CR ends the file */
        *pp = p + 1;
        return 0;
    }
    return fault_at(ps, f, JX_ESYNTAX, p, "carriage return not followed by a line feed");
}

/* Scans one row into ps->f and ps->at. Returns 0, ROW_BLANK, SPLIT or a negative code. */
static int scan_row(struct parser *ps, struct fault *f, const char **pp, const char *end, bool eof)
{
    const struct setup *s = ps->s;
    const char *p = *pp, *last = p;
    size_t col = 0;
    int rc;

    ps->row = p;
    ps->row_line = ps->line;
    if (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n')) {
        *pp = p + 1 + (*p == '\r');
        ps->line++;
        return ROW_BLANK;
    }
    do {
        unsigned r = col < s->nr_cols ? s->role[col] : R_NONE;

        /* The view goes straight to its place: a copy through a local would reload the
         * two halves just stored as one 16-byte value, a store-forwarding stall. */
        if (r != R_NONE) {
            ps->at[r] = p;
            rc = scan_field(ps, f, &p, end, eof, &ps->f[r], &ps->unq[r]);
        } else {
            struct str ignored;

            if (col == s->nr_cols)
                last = p;
            rc = scan_field(ps, f, &p, end, eof, &ignored, NULL);
        }
        if (rc < 0 || rc == SPLIT)
            return rc;
        col++;
    } while (rc == ',');
    if (col != s->nr_cols) {
        if (col > s->nr_cols)
            return fault_at(ps, f, JX_ESYNTAX, last, "row has %zu fields but the header has %zu",
                            col, s->nr_cols);
        for (size_t k = col; k < s->nr_cols; k++) {
            if (s->role[k] != R_NONE)
                return fault_at(ps, f, JX_ESYNTAX, ps->row,
                                "row has %zu fields but the header has %zu (no '%s')", col,
                                s->nr_cols, role_names[s->role[k]]);
        }
        return fault_at(ps, f, JX_ESYNTAX, ps->row, "row has %zu fields but the header has %zu",
                        col, s->nr_cols);
    }
    *pp = p;
    return 0;
}

/* ---- scoring one row ---- */

static size_t add_str(struct chunk *ch, const char *s, size_t len)
{
    size_t off = ch->strs.len;

    strbuf_add(&ch->strs, s, len);
    strbuf_addch(&ch->strs, '\0');
    return off;
}

/* Equal bytes; ids and names are short, so no call to memcmp() for them. */
static inline bool bytes_eq(const char *a, const char *b, size_t n)
{
    uint64_t x, y, x2, y2;

    if (n < 8) {
        for (size_t k = 0; k < n; k++)
            if (a[k] != b[k])
                return false;
        return true;
    }
    if (n > 16)
        return !memcmp(a, b, n);
    memcpy(&x, a, 8);
    memcpy(&y, b, 8);
    memcpy(&x2, a + n - 8, 8);
    memcpy(&y2, b + n - 8, 8);
    return x == y && x2 == y2;
}

static bool same(const struct chunk *ch, size_t off, size_t len, struct str v)
{
    return len == v.len && bytes_eq(ch->strs.buf + off, v.ptr, len);
}

static int text_field(struct parser *ps, struct fault *f, enum role r, size_t max)
{
    struct str v = ps->f[r];

    if (!v.len)
        return fault_at(ps, f, JX_EINVAL, ps->at[r], "empty %s", role_names[r]);
    if (!utf8_valid(v.ptr, v.len, NULL))
        return fault_at(ps, f, JX_EINVAL, ps->at[r], "%s is not valid UTF-8", role_names[r]);
    if (max && v.len > max)
        return field_fault(ps, f, JX_EINVAL, r, role_names[r], " is too long (at most 63 bytes)");
    return 0;
}

/*
 * The common spelling of points, "12" or "2.5" or "0.75", read directly; anything else
 * (signs, separators, full-width digits, "2.500") goes to dec_parse(), which gives the
 * same value for these.
 */
static inline bool plain_points(const char *s, size_t n, int64_t *out)
{
    size_t i = 0, f = 0;
    int64_t v = 0;

    while (i < n && s[i] >= '0' && s[i] <= '9' && i < 12)
        v = v * 10 + (s[i++] - '0');
    if (!i)
        return false;
    if (i < n) {
        if (s[i] != '.')
            return false;
        while (++i < n && s[i] >= '0' && s[i] <= '9' && f < 2) {
            v = v * 10 + (s[i] - '0');
            f++;
        }
        if (i < n || !f)
            return false;
    }
    *out = f == 2 ? v : f == 1 ? v * 10 : v * 100;
    return true;
}

/* The points in field r (weight or score). */
static int points(struct parser *ps, struct fault *f, enum role r, int64_t *out)
{
    struct str v = ps->f[r];
    int rc;

    if (plain_points(v.ptr, v.len, out))
        return 0;
    if (!(rc = dec_parse(v.ptr, v.len, 2, out)))
        return 0;
    if (rc == JX_ERANGE && dec_places(v.ptr, v.len) > 2)
        return field_fault(ps, f, JX_EINVAL, r, role_names[r], " has more than 2 decimals");
    if (rc == JX_ERANGE)
        return field_fault(ps, f, JX_EINVAL, r, role_names[r], " is too large");
    strbuf_reset(&ps->why);
    strbuf_addf(&ps->why, "bad %s", role_names[r]);
    field_fault(ps, f, JX_EINVAL, r, ps->why.buf, ": expected points such as '2.5'");
    strbuf_reset(&ps->why);
    return JX_EINVAL;
}

/*
 * Units that qty_parse() copies as they are: no digit, range mark, blank, 以上/以下, and
 * at most 8 bytes so that the bytes themselves, zero-padded, are the key.
 */
static const char *const plain_units[] = {
    "",     "%",  "个", "次",   "人",   "人次", "户", "亩", "台",   "场",   "项", "座",
    "份",   "处", "盏", "天",   "秒",   "年",   "月", "元", "万元", "亿元", "家", "套",
    "件",   "所", "名", "辆",   "条",   "间",   "张", "本", "篇",   "批",   "期", "公里",
    "千米", "米", "吨", "小时", "分钟", "公顷", "km", "m",  "kg",   "t",
};

static uint64_t unit_key(const char *s, size_t n)
{
    uint64_t key = 0;

    for (size_t k = 0; k < n; k++)
        key |= (uint64_t)(unsigned char)s[k] << (8 * k);
    return key;
}

static size_t unit_slot(uint64_t key)
{
    return (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 57);
}

static void units_init(struct setup *s)
{
    for (size_t k = 0; k < ARRAY_SIZE(plain_units); k++) {
        uint64_t key = unit_key(plain_units[k], strlen(plain_units[k]));
        size_t h = unit_slot(key);

        while (s->unit_used[h])
            h = (h + 1) & (UNIT_SLOTS - 1);
        s->unit_used[h] = true;
        s->unit_keys[h] = key;
    }
}

static bool is_plain_unit(const struct setup *s, const char *u, size_t n)
{
    uint64_t key;
    size_t h;

    if (n > 8)
        return false;
    key = unit_key(u, n);
    for (h = unit_slot(key); s->unit_used[h]; h = (h + 1) & (UNIT_SLOTS - 1))
        if (s->unit_keys[h] == key)
            return true;
    return false;
}

/*
 * The common spelling of a quantity, "≥4个" or "95.5%" or "<=20%": an optional symbol,
 * ASCII digits with at most 6 decimals, a unit from plain_units, nothing else. Gives
 * exactly what qty_parse() gives for such text; the rest goes to qty_parse().
 */
static bool plain_qty(const struct setup *st, const char *s, size_t n, struct jx_qty *q)
{
    const unsigned char *u = (const unsigned char *)s;
    enum jx_cmp cmp = JX_CMP_NONE;
    size_t i = 0, digits = 0, f = 0, ulen;
    int64_t v = 0;

    if (!n)
        return false;
    if (u[0] == 0xE2 && n >= 3 && u[1] == 0x89 && (u[2] == 0xA5 || u[2] == 0xA4)) {
        cmp = u[2] == 0xA5 ? JX_CMP_GE : JX_CMP_LE; /* ≥ ≤ */
        i = 3;
    } else if (u[0] == '>' || u[0] == '<') {
        bool eq = n >= 2 && u[1] == '=';

        cmp = u[0] == '>' ? (eq ? JX_CMP_GE : JX_CMP_GT) : (eq ? JX_CMP_LE : JX_CMP_LT);
        i = 1 + eq;
    } else if (u[0] == '=') {
        cmp = JX_CMP_EQ;
        i = 1;
    }
    /* At most 12 integer digits (and 6 decimals) fit in int64 micro-units; longer
     * numbers go to qty_parse, which reports them, before v can overflow. */
    for (; i < n && u[i] >= '0' && u[i] <= '9'; i++, digits++) {
        if (digits == 12)
            return false;
        v = v * 10 + (u[i] - '0');
    }
    if (!digits)
        return false;
    if (i < n && u[i] == '.') {
        for (i++; i < n && u[i] >= '0' && u[i] <= '9' && f < 6; i++, f++)
            v = v * 10 + (u[i] - '0');
        if (!f || (i < n && u[i] >= '0' && u[i] <= '9'))
            return false;
    }
    for (; f < 6; f++)
        v *= 10;
    ulen = n - i;
    if (!is_plain_unit(st, s + i, ulen))
        return false;
    q->is_number = true;
    q->cmp = cmp;
    q->micro = v;
    memcpy(q->unit, s + i, ulen);
    q->unit[ulen] = '\0';
    return true;
}

/* A slot for the memo: the length and the first and last 8 bytes are enough. */
static size_t memo_slot(const char *s, size_t n)
{
    uint64_t a = 0, b = 0;

    if (n >= 8) {
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
    } else {
        a = unit_key(s, n);
    }
    return (size_t)((((a ^ (b >> 1)) + n) * UINT64_C(0x9E3779B97F4A7C15)) >> 56) & (MEMO_SIZE - 1);
}

static int quantity(struct parser *ps, struct fault *f, enum role r, struct jx_qty *q)
{
    struct str v = ps->f[r];
    struct memo *m;

    if (plain_qty(ps->s, v.ptr, v.len, q))
        return 0;
    /* Texts repeat ("达到预期目标", "90%以上"): qty_parse() is pure, so remember it. */
    m = &ps->memo[memo_slot(v.ptr, v.len)];
    if (v.len <= MEMO_TEXT && m->len == v.len && !memcmp(m->text, v.ptr, v.len)) {
        *q = m->q;
        return 0;
    }
    if (!qty_parse(v.ptr, v.len, q, &ps->why)) {
        if (v.len <= MEMO_TEXT) {
            memcpy(m->text, v.ptr, v.len);
            m->len = (unsigned char)v.len;
            m->q = *q;
        }
        return 0;
    }
    fault_at(ps, f, JX_EINVAL, ps->at[r], "bad %s: %s", role_names[r], ps->why.buf);
    strbuf_reset(&ps->why);
    return JX_EINVAL;
}

static int method_of(struct parser *ps, struct fault *f, const struct jx_qty *target,
                     enum jx_method *m)
{
    const struct setup *s = ps->s;
    struct str v = ps->f[R_METHOD];

    if (!v.len) {
        /* As in an evaluation file: the target's comparison implies it, if it has one. */
        *m = method_infer(target);
        return 0;
    }
    for (size_t k = 0; k < s->nr_methods; k++) {
        if (s->methods[k].len == v.len && !memcmp(s->methods[k].name, v.ptr, v.len)) {
            *m = s->methods[k].m;
            return 0;
        }
    }
    if ((v.len == 9 && !memcmp(v.ptr, "execution", 9)) ||
        (v.len == 6 && !memcmp(v.ptr, "survey", 6)))
        return field_fault(ps, f, JX_EINVAL, R_METHOD, "method",
                           " cannot be scored from one row: write it as 'ratio' with the rate "
                           "as actual and '100%' as target");
    return field_fault(ps, f, JX_EINVAL, R_METHOD, "unknown method",
                       " (expected ratio, inverse, equal, reach, tiers, deduct, manual or "
                       "deviation)");
}

static int tier_of(struct parser *ps, struct fault *f, int64_t w, int64_t given, enum jx_tier *t)
{
    struct str v = ps->f[R_TIER];

    if (ps->at[R_TIER] && v.len) {
        for (unsigned k = JX_TIER_MET; k <= JX_TIER_MISSED; k++) {
            if (strlen(tier_names[k]) == v.len && !memcmp(tier_names[k], v.ptr, v.len)) {
                *t = (enum jx_tier)k;
                return 0;
            }
        }
        return field_fault(ps, f, JX_EINVAL, R_TIER, "unknown tier",
                           " (expected 达成, 部分达成 or 未达成)");
    }
    /*
     * No tier given: the score names its own tier, so method_score() still checks that
     * it lies in [0, w]. The bounds are pmkpi's round(w*0.8, 2) and round(w*0.6, 2).
     */
    if (given >= dec_div_round((jx_i128)w * 80, 100))
        *t = JX_TIER_MET;
    else if (given >= dec_div_round((jx_i128)w * 60, 100))
        *t = JX_TIER_PARTLY;
    else
        *t = JX_TIER_MISSED;
    return 0;
}

static int given(struct parser *ps, struct fault *f, struct method_input *in)
{
    struct str v = ps->f[R_SCORE];
    const char *m = method_name(in->method);
    int rc;

    if (!v.len)
        return fault_at(ps, f, JX_EINVAL, ps->at[R_SCORE], "method '%s' needs a score%s", m,
                        in->method == JX_METHOD_DEDUCT  ? " (the points deducted, 0 for none)"
                        : in->method == JX_METHOD_REACH ? " (1 reached, 0 not reached)"
                                                        : "");
    switch (in->method) {
    case JX_METHOD_REACH:
        if ((v.len == 1 && (*v.ptr == '1' || *v.ptr == '0')) ||
            (v.len == 4 && !memcmp(v.ptr, "true", 4)) ||
            (v.len == 5 && !memcmp(v.ptr, "false", 5))) {
            in->reached = *v.ptr == '1' || *v.ptr == 't';
            in->has_reached = true;
            return 0;
        }
        return field_fault(ps, f, JX_EINVAL, R_SCORE, "bad score",
                           " for method 'reach': expected 1 (reached) or 0 (not reached)");
    case JX_METHOD_DEDUCT:
        return points(ps, f, R_SCORE, &in->deducted);
    case JX_METHOD_TIERS:
        if ((rc = points(ps, f, R_SCORE, &in->given_score)))
            return rc;
        in->has_given_score = true;
        return tier_of(ps, f, in->weight, in->given_score, &in->tier);
    default:
        in->has_given_score = true;
        return points(ps, f, R_SCORE, &in->given_score);
    }
}

/* The field a method_score() message is about, judged by its first word. */
static enum role culprit(enum jx_method m, const char *why)
{
    if (!strncmp(why, "weight", 6))
        return R_WEIGHT;
    if (!strncmp(why, "actual", 6) || !strncmp(why, "unit", 4))
        return R_ACTUAL;
    if (m == JX_METHOD_TIERS || m == JX_METHOD_MANUAL || m == JX_METHOD_DEDUCT ||
        m == JX_METHOD_REACH)
        return R_SCORE;
    if (!strncmp(why, "target", 6) || !strncmp(why, "method", 6))
        return R_TARGET;
    return R_METHOD;
}

static struct ev_rec *start_eval(struct parser *ps, struct chunk *ch)
{
    struct ev_rec *ev;

    ALLOC_GROW(ch->evs, ch->nr_evs + 1, ch->alloc_evs);
    ev = &ch->evs[ch->nr_evs++];
    memset(ev, 0, sizeof(*ev));
    ev->id_len = ps->f[R_EVAL_ID].len;
    ev->id = add_str(ch, ps->f[R_EVAL_ID].ptr, ev->id_len);
    ev->at = pos_in_row(ps, ps->at[R_EVAL_ID]);
    ev->l1 = ch->nr_l1s;
    ev->leaf = ch->nr_leaves;
    return ev;
}

static int find_l1(struct parser *ps, struct chunk *ch, struct ev_rec *ev, struct l1_rec **out)
{
    struct fault *f = &ch->fault;
    struct str v = ps->f[R_L1];
    struct l1_rec *l1;
    size_t k;
    int rc;

    if (ps->last_l1 >= ev->l1 && ps->last_l1 < ch->nr_l1s &&
        same(ch, ch->l1s[ps->last_l1].name, ch->l1s[ps->last_l1].len, v)) {
        *out = &ch->l1s[ps->last_l1];
        return 0;
    }
    for (k = ev->l1; k < ch->nr_l1s; k++) {
        if (same(ch, ch->l1s[k].name, ch->l1s[k].len, v)) {
            ps->last_l1 = k;
            *out = &ch->l1s[k];
            return 0;
        }
    }
    if ((rc = text_field(ps, f, R_L1, LEAFTABLE_L1_NAME_MAX - 1)))
        return rc;
    if (ev->nr_l1 == LEAFTABLE_MAX_L1) {
        fault_at(ps, f, JX_EINVAL, ps->at[R_L1], "%s", "");
        l1_overflow_msg(&f->msg, ch->strs.buf + ev->id, v.ptr, v.len);
        return JX_EINVAL;
    }
    ALLOC_GROW(ch->l1s, ch->nr_l1s + 1, ch->alloc_l1s);
    l1 = &ch->l1s[ch->nr_l1s];
    memset(l1, 0, sizeof(*l1));
    l1->len = v.len;
    l1->name = add_str(ch, v.ptr, v.len);
    l1->at = pos_in_row(ps, ps->at[R_L1]);
    l1->row = ev->nr_leaves;
    ps->last_l1 = ch->nr_l1s++;
    ev->nr_l1++;
    *out = l1;
    return 0;
}

static int take_row(struct parser *ps, struct chunk *ch)
{
    const struct setup *s = ps->s;
    struct fault *f = &ch->fault;
    struct ev_rec *ev = ch->nr_evs ? &ch->evs[ch->nr_evs - 1] : NULL;
    struct method_input in;
    struct jx_qty target, actual;
    struct l1_rec *l1;
    int64_t score;
    int rc;

    if (!ev || !same(ch, ev->id, ev->id_len, ps->f[R_EVAL_ID])) {
        if ((rc = text_field(ps, f, R_EVAL_ID, 0)))
            return rc;
        ev = start_eval(ps, ch);
    }
    if ((rc = find_l1(ps, ch, ev, &l1)))
        return rc;
    if ((rc = text_field(ps, f, R_LEAF_ID, 0)))
        return rc;

    memset(&in, 0, sizeof(in));
    in.tolerance = 10 * JX_MICRO; /* deviation: the defaults of an evaluation file */
    in.zero_at = 50 * JX_MICRO;
    in.exec_spent = in.exec_base = in.satisfaction = -1;
    if (!ps->f[R_WEIGHT].len)
        return fault_at(ps, f, JX_EINVAL, ps->at[R_WEIGHT], "empty weight");
    if ((rc = points(ps, f, R_WEIGHT, &in.weight)))
        return rc;
    if (in.weight < 0)
        return field_fault(ps, f, JX_EINVAL, R_WEIGHT, "weight", " is negative");
    if (ps->f[R_TARGET].len) {
        if ((rc = quantity(ps, f, R_TARGET, &target)))
            return rc;
        in.target = &target;
    }
    if (ps->f[R_ACTUAL].len) {
        if ((rc = quantity(ps, f, R_ACTUAL, &actual)))
            return rc;
        in.actual = &actual;
    }
    if ((rc = method_of(ps, f, in.target, &in.method)))
        return rc;
    if (in.method == JX_METHOD_TIERS || in.method == JX_METHOD_MANUAL ||
        in.method == JX_METHOD_DEDUCT || in.method == JX_METHOD_REACH) {
        if ((rc = given(ps, f, &in)))
            return rc;
    }
    if (method_score(&in, &score, NULL, &ps->why)) {
        fault_at(ps, f, JX_EINVAL, ps->at[culprit(in.method, ps->why.buf)], "leaf %s", "");
        add_quoted(&f->msg, ps->f[R_LEAF_ID].ptr, ps->f[R_LEAF_ID].len);
        strbuf_addf(&f->msg, ": %s", ps->why.buf);
        strbuf_reset(&ps->why);
        return JX_EINVAL;
    }

    ev->nr_leaves++;
    ev->weight += in.weight;
    ev->total += score;
    l1->weight += in.weight;
    l1->score += score;
    if (s->want_leaves) {
        struct leaf_rec *lr;

        ALLOC_GROW(ch->leaves, ch->nr_leaves + 1, ch->alloc_leaves);
        lr = &ch->leaves[ch->nr_leaves++];
        lr->id = add_str(ch, ps->f[R_LEAF_ID].ptr, ps->f[R_LEAF_ID].len);
        lr->score = score;
        ev->nr_leaf++;
    }
    return 0;
}

/*
 * Scores the rows that start in [begin, soft), reading no further than end. With soft ==
 * end the chunk is exactly that range; otherwise it ends with the first row that ends at
 * or after soft. A row that runs past end (when end is not the end of the input) stops
 * the chunk with SPLIT, ch->stop at that row and ch->lines counting the lines before it.
 */
static void parse_chunk(struct parser *ps, struct chunk *ch, const char *begin, const char *soft,
                        const char *end, bool eof)
{
    const char *p = begin;
    int rc;

    ps->line = 0;
    ps->last_l1 = SIZE_MAX;
    ps->scan.base = NULL;
    while (p < soft) {
        rc = scan_row(ps, &ch->fault, &p, end, eof);
        if (rc == ROW_BLANK)
            continue;
        if (rc == SPLIT) {
            ch->fault.code = SPLIT;
            p = ps->row;
            ps->line = ps->row_line;
            break;
        }
        if (rc || take_row(ps, ch))
            break;
    }
    ch->stop = p;
    ch->lines = ps->line;
}

static void parser_init(struct parser *ps, const struct setup *s)
{
    memset(ps, 0, sizeof(*ps));
    ps->s = s;
    for (size_t k = 0; k < MEMO_SIZE; k++)
        ps->memo[k].len = MEMO_TEXT + 1;
    for (size_t k = 0; k < NR_ROLES; k++)
        strbuf_init(&ps->unq[k], 0);
    strbuf_init(&ps->why, 0);
}

static void parser_release(struct parser *ps)
{
    for (size_t k = 0; k < NR_ROLES; k++)
        strbuf_release(&ps->unq[k]);
    strbuf_release(&ps->why);
}

static void chunk_init(struct chunk *ch)
{
    memset(ch, 0, sizeof(*ch));
    strbuf_init(&ch->strs, 0);
    strbuf_init(&ch->fault.msg, 0);
}

/* Empties ch for the next chunk, keeping its allocations. */
static void chunk_reset(struct chunk *ch)
{
    ch->nr_evs = ch->nr_l1s = ch->nr_leaves = 0;
    ch->lines = 0;
    strbuf_reset(&ch->strs);
    strbuf_reset(&ch->fault.msg);
    ch->fault.code = 0;
    ch->ready = false;
}

static void chunk_release(struct chunk *ch)
{
    free(ch->evs);
    free(ch->l1s);
    free(ch->leaves);
    free(ch->own);
    strbuf_release(&ch->strs);
    strbuf_release(&ch->fault.msg);
}

static uint64_t hash_id(const char *s)
{
    uint64_t h = UINT64_C(14695981039346656037);

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
    return h | 1;
}

/* The slot of id: where it is, or the empty one where it goes. */
static size_t seen_slot(const struct sink *sk, const char *id, uint64_t h)
{
    size_t mask = sk->size - 1, k = h & mask;

    while (sk->hashes[k]) {
        if (sk->hashes[k] == h && !strcmp(sk->ids.buf + sk->seen[sk->refs[k]].id, id))
            return k;
        k = (k + 1) & mask;
    }
    return k;
}

static void seen_grow(struct sink *sk)
{
    uint64_t *old_hashes = sk->hashes;
    uint32_t *old_refs = sk->refs;
    size_t old_size = sk->size;

    sk->size = old_size ? 2 * old_size : 4096;
    sk->hashes = xcalloc(sk->size, sizeof(*sk->hashes));
    sk->refs = xcalloc(sk->size, sizeof(*sk->refs));
    for (size_t k = 0; k < old_size; k++) {
        size_t j = old_hashes[k] & (sk->size - 1);

        if (!old_hashes[k])
            continue;
        while (sk->hashes[j])
            j = (j + 1) & (sk->size - 1);
        sk->hashes[j] = old_hashes[k];
        sk->refs[j] = old_refs[k];
    }
    free(old_hashes);
    free(old_refs);
}

static int sink_fail(struct sink *sk, int code, unsigned line, unsigned col, const char *msg)
{
    return jx_err_set(sk->err, code, sk->s->name, (struct jx_pos){line, col}, "%s", msg);
}

static int sink_finish(struct sink *sk)
{
    if (!sk->open)
        return 0;
    sk->open = false;
    sk->ev.id = sk->id.buf;
    sk->ev.grade = grade_of(sk->s->bands, sk->s->nr_bands, sk->ev.total);
    return sk->fn ? sk->fn(&sk->ev, sk->user) : 0;
}

static void emit_leaves(struct sink *sk, const struct chunk *ch, const struct ev_rec *r, size_t n)
{
    if (!sk->leaf_fn)
        return;
    for (size_t k = r->leaf; k < r->leaf + n; k++)
        sk->leaf_fn(sk->id.buf, ch->strs.buf + ch->leaves[k].id, ch->leaves[k].score, sk->user);
}

/*
 * Adds the 一级指标 of record r to the open evaluation. Over LEAFTABLE_MAX_L1, the rows of
 * r before the one that brought the extra name still have their leaf calls, as they would
 * have if r had not been cut from the rows before it.
 */
static int add_l1s(struct sink *sk, const struct chunk *ch, const struct ev_rec *r)
{
    struct leaftable_eval *ev = &sk->ev;

    for (size_t k = r->l1; k < r->l1 + r->nr_l1; k++) {
        const struct l1_rec *l = &ch->l1s[k];
        const char *name = ch->strs.buf + l->name;
        size_t j;

        for (j = 0; j < ev->nr_l1; j++)
            if (sk->l1_len[j] == l->len && bytes_eq(ev->l1[j].name, name, l->len))
                break;
        if (j == ev->nr_l1) {
            if (j == LEAFTABLE_MAX_L1) {
                struct strbuf msg = STRBUF_INIT;
                int rc;

                emit_leaves(sk, ch, r, l->row);
                l1_overflow_msg(&msg, sk->id.buf, name, l->len);
                rc = sink_fail(sk, JX_EINVAL, sk->base_line + l->at.line, l->at.col, msg.buf);
                strbuf_release(&msg);
                return rc;
            }
            memcpy(ev->l1[j].name, name, l->len + 1);
            sk->l1_len[j] = (unsigned char)l->len;
            ev->l1[j].weight = ev->l1[j].score = 0;
            ev->nr_l1++;
        }
        ev->l1[j].weight += l->weight;
        ev->l1[j].score += l->score;
    }
    return 0;
}

static int start_record(struct sink *sk, const struct chunk *ch, const struct ev_rec *r)
{
    const char *id = ch->strs.buf + r->id;
    unsigned line = sk->base_line + r->at.line;
    uint64_t h = hash_id(id);
    size_t k;

    if (2 * (sk->nr_seen + 1) > sk->size)
        seen_grow(sk);
    k = seen_slot(sk, id, h);
    if (sk->hashes[k]) {
        struct strbuf msg = STRBUF_INIT;
        int rc;

        strbuf_addstr(&msg, "rows of evaluation ");
        add_quoted(&msg, id, r->id_len);
        strbuf_addf(&msg, " are not contiguous: its rows started on line %u",
                    sk->seen[sk->refs[k]].line);
        rc = sink_fail(sk, JX_EINVAL, line, r->at.col, msg.buf);
        strbuf_release(&msg);
        return rc;
    }
    if (sk->nr_seen >= UINT32_MAX)
        JX_BUG("too many evaluations");
    ALLOC_GROW(sk->seen, sk->nr_seen + 1, sk->alloc_seen);
    sk->seen[sk->nr_seen].id = sk->ids.len;
    sk->seen[sk->nr_seen].line = line;
    strbuf_add(&sk->ids, id, r->id_len + 1);
    sk->hashes[k] = h;
    sk->refs[k] = (uint32_t)sk->nr_seen++;

    strbuf_reset(&sk->id);
    strbuf_add(&sk->id, id, r->id_len);
    sk->ev.nr_leaves = sk->ev.nr_l1 = 0; /* l1[] entries are set as they are added */
    sk->ev.weight = sk->ev.total = 0;
    sk->ev.line = line;
    sk->open = true;
    return 0;
}

/* Takes the records of ch, then its fault. Returns 0, an error code or the callback's. */
static int take_chunk(struct sink *sk, const struct chunk *ch)
{
    int rc;

    for (size_t i = 0; i < ch->nr_evs; i++) {
        const struct ev_rec *r = &ch->evs[i];

        /* Only a chunk's first record can continue an evaluation: records alternate ids. */
        if (!(i == 0 && sk->open && !strcmp(sk->id.buf, ch->strs.buf + r->id))) {
            if ((rc = sink_finish(sk)) || (rc = start_record(sk, ch, r)))
                return rc;
        }
        if ((rc = add_l1s(sk, ch, r)))
            return rc;
        sk->ev.nr_leaves += r->nr_leaves;
        sk->ev.weight += r->weight;
        sk->ev.total += r->total;
        emit_leaves(sk, ch, r, r->nr_leaf);
    }
    if (ch->fault.code && ch->fault.code != SPLIT) /* SPLIT: the caller reads on */
        return sink_fail(sk, ch->fault.code, sk->base_line + ch->fault.at.line, ch->fault.at.col,
                         ch->fault.msg.buf);
    sk->base_line += ch->lines;
    return 0;
}

static void sink_release(struct sink *sk)
{
    free(sk->hashes);
    free(sk->refs);
    free(sk->seen);
    strbuf_release(&sk->ids);
    strbuf_release(&sk->id);
}

/* ---- where the bytes come from ---- */

/*
 * The bytes not yet cut into chunks, buf[pos..len): a view of the caller's buffer, or
 * (streaming) the carry, the start of a row that the last chunk cut off, followed by
 * whatever read() has not delivered yet. eof: the source has nothing more.
 */
struct window {
    const char *buf;
    size_t pos, len;
    bool eof;
    char *own; /* streaming: buf == own, cap bytes */
    size_t cap;
    leaftable_read_fn read;
    void *src;
};

/* Streaming: grows the buffer of ch to hold at least n bytes, keeping its first `keep`. */
static void own_grow(struct chunk *ch, size_t n, size_t keep)
{
    char *p;

    if (n <= ch->own_cap)
        return;
    n = n > 2 * ch->own_cap ? n : 2 * ch->own_cap;
    p = xmalloc(n);
    if (keep)
        memcpy(p, ch->own, keep);
    free(ch->own);
    ch->own = p;
    ch->own_cap = n;
}

/*
 * Cuts the next chunk off the window: at least `min` bytes (so that a chunk cut inside a
 * quoted field can be retried longer), about `size`, up to and including a line feed. A
 * view into the caller's buffer; or, streaming, the carry and then read() straight into
 * the chunk's own buffer. Returns 0, or JX_EIO when read fails.
 */
static int fill_chunk(struct window *w, struct chunk *ch, size_t size, size_t min)
{
    size_t want = size > min ? size : min + 1, n, cut;
    const char *nl;

    if (!w->own) {
        cut = w->len - w->pos > want ? w->pos + want : w->len;
        if (cut < w->len) {
            nl = memchr(w->buf + cut - 1, '\n', w->len - (cut - 1));
            cut = nl ? (size_t)(nl + 1 - w->buf) : w->len;
        }
        ch->begin = w->buf + w->pos;
        ch->end = w->buf + cut;
        ch->eof = cut == w->len && w->eof;
        w->pos = cut;
        return 0;
    }

    n = w->len - w->pos;
    own_grow(ch, (n > want ? n : want) + 1, 0);
    memcpy(ch->own, w->buf + w->pos, n);
    w->pos = w->len = 0;
    for (;;) {
        while (!w->eof && n < want) {
            ssize_t got = w->read(w->src, ch->own + n, ch->own_cap - n);

            if (got < 0)
                return JX_EIO;
            if (!got)
                w->eof = true;
            n += (size_t)got;
        }
        /* The last line feed at or after min: the bytes after it are the next carry. */
        for (cut = n; cut > min && ch->own[cut - 1] != '\n'; cut--)
            ;
        if (cut > min || w->eof)
            break;
        want = 2 * n; /* one row longer than all that was read: read more */
        own_grow(ch, want + 1, n);
    }
    if (cut <= min)
        cut = n;
    if (n - cut > w->cap) {
        w->cap = n - cut > 2 * w->cap ? n - cut : 2 * w->cap;
        free(w->own);
        w->own = xmalloc(w->cap);
        w->buf = w->own;
    }
    memcpy(w->own, ch->own + cut, n - cut);
    w->len = n - cut;
    ch->begin = ch->own;
    ch->end = ch->own + cut;
    ch->eof = w->eof && !w->len;
    return 0;
}

/* Gives back the bytes of a chunk from `from` on, which come before the window's. */
static void unread(struct window *w, const struct chunk *ch, const char *from)
{
    size_t n = (size_t)(ch->end - from), rest = w->len - w->pos;

    if (!w->own) {
        w->pos = (size_t)(from - w->buf);
        return;
    }
    if (n + rest > w->cap) {
        w->cap = n + rest;
        w->own = xrealloc(w->own, w->cap);
    }
    memmove(w->own + n, w->own + w->pos, rest);
    memcpy(w->own, from, n);
    w->buf = w->own;
    w->pos = 0;
    w->len = n + rest;
}

/* Streaming: reads until the window holds `want` more bytes or the source ends. */
static int window_more(struct window *w, size_t want)
{
    want += w->len;
    if (want > w->cap) {
        w->cap = want;
        w->own = xrealloc(w->own, w->cap);
        w->buf = w->own;
    }
    while (!w->eof && w->len < want) {
        ssize_t got = w->read(w->src, w->own + w->len, w->cap - w->len);

        if (got < 0)
            return JX_EIO;
        if (!got)
            w->eof = true;
        w->len += (size_t)got;
    }
    return 0;
}

static bool window_done(const struct window *w)
{
    return w->pos == w->len && w->eof;
}

static int read_failed(struct sink *sk)
{
    return jx_err_set(sk->err, JX_EIO, sk->s->name, (struct jx_pos){0, 0},
                      "read error after line %u", sk->base_line);
}

/* Scores the window to its end in the calling thread. */
static int run_sequential(struct sink *sk, struct window *w, size_t chunk_size)
{
    struct parser ps;
    struct chunk ch;
    size_t min = 0;
    int rc = 0;

    parser_init(&ps, sk->s);
    chunk_init(&ch);
    while (!window_done(w)) {
        chunk_reset(&ch);
        if (fill_chunk(w, &ch, chunk_size, min)) {
            rc = read_failed(sk);
            break;
        }
        parse_chunk(&ps, &ch, ch.begin, ch.end, ch.end, ch.eof);
        if ((rc = take_chunk(sk, &ch)))
            break;
        /* Cut inside a quoted field: the rows from there on go again, in a longer chunk. */
        min = 0;
        if (ch.fault.code == SPLIT) {
            min = (size_t)(ch.end - ch.stop);
            unread(w, &ch, ch.stop);
        }
    }
    if (!rc)
        rc = sink_finish(sk);
    chunk_release(&ch);
    parser_release(&ps);
    return rc;
}

struct pipeline {
    struct sink *sk;
    struct window *w;
    size_t chunk_size;
    pthread_mutex_t mu;
    pthread_cond_t cv; /* any change below */
    struct chunk *slots;
    size_t nr_slots;
    size_t filled, taken, delivered; /* chunks so far; guarded by mu */
    bool all_filled, stop;           /* guarded by mu */
};

static void *worker(void *arg)
{
    struct pipeline *pl = arg;
    struct parser ps;

    parser_init(&ps, pl->sk->s);
    pthread_mutex_lock(&pl->mu);
    while (!pl->stop) {
        struct chunk *ch;

        if (pl->taken == pl->filled) {
            if (pl->all_filled)
                break;
            pthread_cond_wait(&pl->cv, &pl->mu);
            continue;
        }
        ch = &pl->slots[pl->taken++ % pl->nr_slots];
        pthread_mutex_unlock(&pl->mu);

        parse_chunk(&ps, ch, ch->begin, ch->end, ch->end, ch->eof);

        pthread_mutex_lock(&pl->mu);
        ch->ready = true;
        pthread_cond_broadcast(&pl->cv);
    }
    pthread_mutex_unlock(&pl->mu);
    parser_release(&ps);
    return NULL;
}

/*
 * The calling thread cuts chunks and takes the scored ones in order; the workers score
 * them. At most nr_slots chunks exist at a time. A chunk cut inside a quoted field
 * (SPLIT) sends it and all after it back to the window, to be scored here in order.
 */
static int run_parallel(struct sink *sk, struct window *w, unsigned nr_threads, size_t chunk_size)
{
    struct pipeline pl;
    pthread_t *threads = xcalloc(nr_threads, sizeof(*threads));
    unsigned started = 0;
    bool split = false;
    int rc = 0;

    memset(&pl, 0, sizeof(pl));
    pl.sk = sk;
    pl.w = w;
    pl.chunk_size = chunk_size;
    pl.nr_slots = (size_t)nr_threads * SLOTS_PER_THREAD;
    pl.slots = xcalloc(pl.nr_slots, sizeof(*pl.slots));
    for (size_t k = 0; k < pl.nr_slots; k++)
        chunk_init(&pl.slots[k]);
    pthread_mutex_init(&pl.mu, NULL);
    pthread_cond_init(&pl.cv, NULL);
    while (started < nr_threads && !pthread_create(&threads[started], NULL, worker, &pl))
        started++;

    while (started) {
        struct chunk *ch = &pl.slots[pl.delivered % pl.nr_slots];
        enum { FILL, TAKE, DONE } next;

        pthread_mutex_lock(&pl.mu);
        for (;;) {
            if (pl.delivered < pl.filled && ch->ready)
                next = TAKE;
            else if (!pl.all_filled && pl.filled < pl.delivered + pl.nr_slots)
                next = FILL;
            else if (pl.all_filled && pl.delivered == pl.filled)
                next = DONE;
            else {
                pthread_cond_wait(&pl.cv, &pl.mu);
                continue;
            }
            break;
        }
        pthread_mutex_unlock(&pl.mu);

        if (next == DONE)
            break;
        if (next == FILL) {
            struct chunk *slot = &pl.slots[pl.filled % pl.nr_slots];
            bool last;

            chunk_reset(slot);
            if (fill_chunk(w, slot, chunk_size, 0)) {
                rc = read_failed(sk);
                break;
            }
            last = window_done(w);
            pthread_mutex_lock(&pl.mu);
            pl.filled++;
            pl.all_filled = last;
            pthread_cond_broadcast(&pl.cv);
            pthread_mutex_unlock(&pl.mu);
            continue;
        }
        if (ch->fault.code == SPLIT) {
            split = true;
            break;
        }
        rc = take_chunk(sk, ch);
        pthread_mutex_lock(&pl.mu);
        pl.delivered++;
        pthread_cond_broadcast(&pl.cv);
        pthread_mutex_unlock(&pl.mu);
        if (rc)
            break;
    }

    pthread_mutex_lock(&pl.mu);
    pl.stop = true;
    pthread_cond_broadcast(&pl.cv);
    pthread_mutex_unlock(&pl.mu);
    for (unsigned t = 0; t < started; t++)
        pthread_join(threads[t], NULL);

    if (split) {
        /* Last chunk first: each goes in front of what is already back. */
        for (size_t j = pl.filled; j-- > pl.delivered;)
            unread(w, &pl.slots[j % pl.nr_slots], pl.slots[j % pl.nr_slots].begin);
    }
    if (!started || split)
        rc = run_sequential(sk, w, chunk_size);
    else if (!rc)
        rc = sink_finish(sk);

    for (size_t k = 0; k < pl.nr_slots; k++)
        chunk_release(&pl.slots[k]);
    free(pl.slots);
    free(threads);
    pthread_cond_destroy(&pl.cv);
    pthread_mutex_destroy(&pl.mu);
    return rc;
}

/* ---- the header ---- */

static bool header_is(struct str v, const char *name)
{
    size_t n = strlen(name);

    while (v.len && (*v.ptr == ' ' || *v.ptr == '\t')) {
        v.ptr++;
        v.len--;
    }
    while (v.len && (v.ptr[v.len - 1] == ' ' || v.ptr[v.len - 1] == '\t'))
        v.len--;
    if (v.len != n)
        return false;
    for (size_t k = 0; k < n; k++) {
        char c = v.ptr[k];

        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != name[k])
            return false;
    }
    return true;
}

/*
 * Reads the header row at the start of the window into s->role and moves the window past
 * it. Returns 0, SPLIT when the window ends inside it (read more and call again), or an
 * error with f filled.
 */
static int scan_header(struct setup *s, struct window *w, struct fault *f)
{
    struct parser ps;
    struct strbuf unq = STRBUF_INIT;
    const char *start = w->buf + w->pos, *p = start, *end = w->buf + w->len;
    size_t col_at[NR_ROLES], alloc = 0;
    int rc;

    if (end - p >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        p += 3;
    else if (!w->eof && end - p < 3)
        return SPLIT;
    parser_init(&ps, s);
    ps.row = p;
    ps.scan.base = NULL;
    free(s->role);
    s->role = NULL;
    s->nr_cols = 0;
    if (p == end || *p == '\n' || *p == '\r') {
        rc = p == end && !w->eof ? SPLIT
                                 : fault_at(&ps, f, JX_ESYNTAX, p,
                                            "%s: expected a header row such as "
                                            "'eval_id,l1,leaf_id,weight,method,target,actual,"
                                            "score'",
                                            p == end ? "empty file" : "empty first line");
        goto out;
    }
    for (size_t k = 0; k < NR_ROLES; k++)
        col_at[k] = SIZE_MAX;
    do {
        const char *at = p;
        struct str v = {NULL, 0};

        rc = scan_field(&ps, f, &p, end, w->eof, &v, &unq);
        if (rc < 0 || rc == SPLIT)
            goto out;
        ALLOC_GROW(s->role, s->nr_cols + 1, alloc);
        s->role[s->nr_cols] = R_NONE;
        for (unsigned k = 0; k < NR_ROLES; k++) {
            if (!header_is(v, role_names[k]))
                continue;
            if (col_at[k] != SIZE_MAX) {
                rc = fault_at(&ps, f, JX_ESYNTAX, at, "duplicate column '%s' (also column %zu)",
                              role_names[k], col_at[k] + 1);
                goto out;
            }
            col_at[k] = s->nr_cols;
            s->role[s->nr_cols] = (unsigned char)k;
        }
        s->nr_cols++;
    } while (rc == ',');
    for (size_t k = 0; k < NR_REQUIRED; k++) {
        if (col_at[k] == SIZE_MAX) {
            rc = fault_at(&ps, f, JX_ESYNTAX, ps.row,
                          "missing column '%s' in the header (required: eval_id, l1, leaf_id, "
                          "weight, method, target, actual, score)",
                          role_names[k]);
            goto out;
        }
    }
    rc = 0;
    w->pos = (size_t)(p - w->buf);
    s->body_line = 1 + ps.line;
out:
    strbuf_release(&unq);
    parser_release(&ps);
    return rc;
}

/* ---- entry points ---- */

/*
 * All entry points, and the tests (which pick small chunks to make many of them). The
 * window holds the caller's buffer, or is empty and read from src.
 */
static int score_window(struct window *w, const char *name, const struct jx_grade_band *bands,
                        size_t nr_bands, unsigned nr_threads, size_t chunk_size, leaftable_fn fn,
                        leaftable_leaf_fn leaf_fn, void *user, struct jx_err *err)
{
    struct setup s;
    struct sink sk;
    struct fault f = {0, {0, 0}, STRBUF_INIT};
    int rc;

    memset(&s, 0, sizeof(s));
    s.name = name;
    s.want_leaves = leaf_fn != NULL;
    s.bands = bands;
    s.nr_bands = bands ? nr_bands : 0;
    for (unsigned m = JX_METHOD_NONE + 1; m < JX_METHOD_COUNT_; m++) {
        if (m == JX_METHOD_EXECUTION || m == JX_METHOD_SURVEY)
            continue; /* they need data a row does not carry */
        s.methods[s.nr_methods].name = method_name((enum jx_method)m);
        s.methods[s.nr_methods].len = strlen(s.methods[s.nr_methods].name);
        s.methods[s.nr_methods].m = (enum jx_method)m;
        s.nr_methods++;
    }
    units_init(&s);
    if (chunk_size < 1)
        chunk_size = 1;

    memset(&sk, 0, sizeof(sk));
    sk.s = &s;
    sk.fn = fn;
    sk.leaf_fn = leaf_fn;
    sk.user = user;
    sk.err = err;
    strbuf_init(&sk.id, 0);
    strbuf_init(&sk.ids, 0);

    while ((rc = scan_header(&s, w, &f)) == SPLIT) {
        if (window_more(w, chunk_size)) {
            rc = jx_err_set(err, JX_EIO, name, (struct jx_pos){0, 0}, "read error");
            goto out;
        }
    }
    if (rc) {
        jx_err_set(err, rc, name, (struct jx_pos){1 + f.at.line, f.at.col}, "%s", f.msg.buf);
        goto out;
    }
    sk.base_line = s.body_line;
    if (nr_threads <= 1 || (w->eof && w->len - w->pos <= chunk_size))
        rc = run_sequential(&sk, w, chunk_size);
    else
        rc = run_parallel(&sk, w, nr_threads, chunk_size);
out:
    strbuf_release(&f.msg);
    sink_release(&sk);
    free(s.role);
    return rc;
}

static int score_buffer(const char *data, size_t len, const char *name,
                        const struct jx_grade_band *bands, size_t nr_bands, unsigned nr_threads,
                        size_t chunk_size, leaftable_fn fn, leaftable_leaf_fn leaf_fn, void *user,
                        struct jx_err *err)
{
    struct window w;

    memset(&w, 0, sizeof(w));
    w.buf = data;
    w.len = len;
    w.eof = true;
    return score_window(&w, name, bands, nr_bands, nr_threads, chunk_size, fn, leaf_fn, user, err);
}

static int score_stream(leaftable_read_fn read, void *src, const char *name,
                        const struct jx_grade_band *bands, size_t nr_bands, unsigned nr_threads,
                        size_t chunk_size, leaftable_fn fn, leaftable_leaf_fn leaf_fn, void *user,
                        struct jx_err *err)
{
    struct window w;
    int rc;

    memset(&w, 0, sizeof(w));
    w.read = read;
    w.src = src;
    w.cap = chunk_size + 1;
    w.own = xmalloc(w.cap);
    w.buf = w.own;
    rc = score_window(&w, name, bands, nr_bands, nr_threads, chunk_size, fn, leaf_fn, user, err);
    free(w.own);
    return rc;
}

int leaftable_score(const char *data, size_t len, const char *name,
                    const struct jx_grade_band *bands, size_t nr_bands, leaftable_fn fn,
                    leaftable_leaf_fn leaf_fn, void *user, struct jx_err *err)
{
    return score_buffer(data, len, name, bands, nr_bands, 1, CHUNK_SIZE, fn, leaf_fn, user, err);
}

int leaftable_score_threads(const char *data, size_t len, const char *name,
                            const struct jx_grade_band *bands, size_t nr_bands, unsigned nr_threads,
                            leaftable_fn fn, leaftable_leaf_fn leaf_fn, void *user,
                            struct jx_err *err)
{
    return score_buffer(data, len, name, bands, nr_bands, nr_threads, CHUNK_SIZE, fn, leaf_fn, user,
                        err);
}

int leaftable_score_stream(leaftable_read_fn read, void *src, const char *name,
                           const struct jx_grade_band *bands, size_t nr_bands, unsigned nr_threads,
                           leaftable_fn fn, leaftable_leaf_fn leaf_fn, void *user,
                           struct jx_err *err)
{
    return score_stream(read, src, name, bands, nr_bands, nr_threads, CHUNK_SIZE, fn, leaf_fn, user,
                        err);
}
