/*
 * Evaluation files → struct jx_eval. The bytes are checked first (size, NUL bytes,
 * UTF-8, emptiness), parsed into a ynode tree (yaml_doc.c), then decoded by one walker
 * driven by a static table of fields per mapping type (docs/format.md is the contract).
 *
 * Invariants: every problem is reported, not only the first, each at the position of
 * the node it is about; every string the evaluation keeps lives in ev->arena; aliases
 * are expanded while walking and every node visited counts against EVAL_READ_MAX_NODES,
 * so an alias bomb ends in one clear error instead of exhausting memory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/decimal.h"
#include "core/eval.h"
#include "core/method.h"
#include "core/money.h"
#include "core/qty.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "io/eval_read.h"
#include "io/suggest.h"
#include "io/yaml_doc.h"

/* After this many errors the file is hopeless (or hostile); say so and stop. */
#define MAX_ERRORS 200
/* Mappings have at most this many known keys (one slot each while decoding). */
#define MAX_FIELDS 32
/* '<<' merge keys may merge mappings that themselves merge, this deep. */
#define MAX_MERGE_DEPTH 8
/* Values quoted in messages are cut to this many bytes. */
#define QUOTE_MAX 40

struct ctx {
    struct jx_eval *ev;
    struct jx_diags *d;
    const char *name;
    size_t first;          /* d->v[first...] are this call's */
    size_t visited;        /* nodes walked, aliases expanded each time */
    size_t errors;         /* errors this decoder added */
    bool stop;             /* a limit was hit: unwind without further work */
    struct jx_pos alias;   /* the latest alias expanded, for the alias-bomb message */
    enum money_unit money; /* unit of bare budget numbers */
    struct strbuf why;     /* reasons from money_parse() and qty_parse() */
};

struct field;
typedef void (*field_fn)(struct ctx *c, const struct field *f, struct ynode *key, struct ynode *val,
                         void *obj);
typedef void (*init_fn)(void *elem, const void *parent);

enum ftype {
    F_TEXT,    /* const char * */
    F_TEXTS,   /* const char ** at off, size_t count at off2; one scalar is a list of one */
    F_COUNT,   /* int64_t, an integer >= 0 */
    F_YEAR,    /* int, 2000-2100 */
    F_VERSION, /* unsigned, 1..JX_FORMAT_VERSION */
    F_BOOL,    /* bool */
    F_POINTS,  /* int64_t centi-points >= 0 */
    F_SHARE,   /* int64_t centi-points, 0-100 (survey option values) */
    F_PERCENT, /* int64_t micro-percent >= 0 */
    F_RATE,    /* int64_t hundredths of a percent, 0-100% */
    F_MONEY,   /* int64_t fen >= 0, bare numbers in ctx->money */
    F_QTY,     /* struct jx_qty at off, its text (const char *) at off2 */
    F_DATE,    /* const char *, YYYY-MM-DD */
    F_ENUM,    /* an int-sized enum named by names */
    F_MAP,     /* a nested mapping decoded into the same object */
    F_LIST,    /* a sequence of mappings: array at off, size_t count at off2 */
    F_CALL,    /* fn does it all */
};

struct enum_names {
    const char *what; /* "method" */
    int first, end;   /* values first..end-1 */
    const char *(*name)(int v);
};

struct map_spec {
    const char *where; /* "in an indicator", for unknown and missing keys */
    const struct field *fields;
    size_t nr;
};

struct field {
    const char *key;
    unsigned char key_len;
    unsigned char type; /* enum ftype */
    bool required;
    int off;  /* the value */
    int has;  /* bool has_*, or -1 */
    int pos;  /* struct jx_pos of the value, or -1 */
    int off2; /* see enum ftype */
    const struct enum_names *names;
    const struct map_spec *spec; /* F_MAP, F_LIST */
    size_t item_size;            /* F_LIST */
    int item_pos;                /* F_LIST: struct jx_pos in each item, or -1 */
    init_fn init;                /* F_LIST, may be NULL */
    field_fn fn;                 /* F_CALL */
};

/* ---- messages ---- */

static void diag_error(struct ctx *c, struct jx_pos pos, const char *fmt, ...) JX_PRINTF(3, 4);
static void diag_error(struct ctx *c, struct jx_pos pos, const char *fmt, ...)
{
    va_list ap;

    if (c->stop)
        return;
    va_start(ap, fmt);
    jx_diags_vadd(c->d, JX_SEV_ERROR, c->name, pos, fmt, ap);
    va_end(ap);
    if (c->d->nr > c->first + 1) {
        /* An alias expanded many times repeats its errors; say each once. */
        struct jx_diag *last = &c->d->v[c->d->nr - 1], *prev = last - 1;

        if (prev->severity == JX_SEV_ERROR && prev->pos.line == pos.line &&
            prev->pos.col == pos.col && !strcmp(prev->msg, last->msg)) {
            free(last->msg);
            c->d->nr--;
            c->d->errors--;
            return;
        }
    }
    if (++c->errors >= MAX_ERRORS) {
        jx_diags_add(c->d, JX_SEV_ERROR, c->name, pos, "too many errors; stopping after %d",
                     MAX_ERRORS);
        c->stop = true;
    }
}

/* 'text' for messages: cut on a character boundary and at the first line break. */
struct quoted {
    char buf[QUOTE_MAX + 8];
};

static const char *quote(struct quoted *q, const char *s, size_t len)
{
    size_t n = len;
    const char *nl = memchr(s, '\n', len);
    bool cut;

    if (nl)
        n = (size_t)(nl - s);
    if (n > QUOTE_MAX) {
        n = QUOTE_MAX;
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    cut = n < len;
    q->buf[0] = '\'';
    memcpy(q->buf + 1, s, n);
    memcpy(q->buf + 1 + n, cut ? "...'" : "'", cut ? 5 : 2);
    return q->buf;
}

/* What a node is, for "got ...": its quoted text when it is a scalar with text. */
static const char *got(struct quoted *q, const struct ynode *n)
{
    if (n->type == YNODE_SCALAR && !ynode_is_null(n))
        return quote(q, n->s.text, n->s.len);
    return ynode_type_name(n);
}

static const char *const expected_of[] = {
    [F_TEXT] = "text",
    [F_TEXTS] = "a sequence of text",
    [F_COUNT] = "an integer",
    [F_YEAR] = "a year such as '2022'",
    [F_VERSION] = "an integer",
    [F_BOOL] = "true or false",
    [F_POINTS] = "points such as '7.5'",
    [F_SHARE] = "points such as '80'",
    [F_PERCENT] = "a percentage such as '130%'",
    [F_RATE] = "a percentage such as '95.5%'",
    [F_MONEY] = "an amount such as '345.3万元'",
    [F_QTY] = "a quantity such as '≥4个'",
    [F_DATE] = "a date such as '2023-03-20'",
    [F_ENUM] = "a name",
    [F_MAP] = "a mapping",
    [F_LIST] = "a sequence",
    [F_CALL] = "a sequence",
};

static void wrong_type(struct ctx *c, const char *expected, const char *key,
                       const struct ynode *val)
{
    struct quoted q;

    diag_error(c, val->pos, "expected %s for '%s', got %s", expected, key, got(&q, val));
}

/* ---- walking ---- */

/*
 * Every node the decoder looks at comes through here; aliases are followed and counted.
 * When tmp is given, an alias comes back as a copy of its target placed where the alias
 * is, so that "weight: *w" is reported (and its position kept) where it is used; the copy
 * lives in the caller's frame.
 */
static struct ynode *visit(struct ctx *c, struct ynode *n, struct ynode *tmp)
{
    if (c->stop)
        return NULL;
    if (n->type == YNODE_ALIAS) {
        c->alias = n->pos;
        if (tmp) {
            *tmp = *n->a.target;
            tmp->pos = n->pos;
            n = tmp;
        } else {
            n = n->a.target;
        }
    }
    if (++c->visited > EVAL_READ_MAX_NODES) {
        diag_error(c, c->alias,
                   "aliases expand to more than %u nodes; refusing to go on (an alias bomb?)",
                   EVAL_READ_MAX_NODES);
        c->stop = true;
        return NULL;
    }
    return n;
}

static void *at(void *obj, int off)
{
    return (char *)obj + off;
}

static void set_pos(void *obj, int off, struct jx_pos pos)
{
    if (off >= 0)
        memcpy(at(obj, off), &pos, sizeof(pos));
}

static void set_has(void *obj, int off)
{
    if (off >= 0)
        *(bool *)at(obj, off) = true;
}

static void set_ptr(void *obj, int off, const void *p)
{
    memcpy(at(obj, off), &p, sizeof(p));
}

/* ---- scalars ---- */

static bool text_is(const struct ynode *n, const char *lit)
{
    return n->s.len == strlen(lit) && !memcmp(n->s.text, lit, n->s.len);
}

static int parse_bool(const struct ynode *n, bool *out)
{
    static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES", "是"};
    static const char *const no[] = {"false", "False", "FALSE", "no", "No", "NO", "否"};

    for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
        if (text_is(n, yes[i])) {
            *out = true;
            return 0;
        }
        if (text_is(n, no[i])) {
            *out = false;
            return 0;
        }
    }
    return JX_ESYNTAX;
}

/*
 * A decimal at scale with the reader's messages: wrong form, too many decimals, too
 * large, negative. text may carry a unit suffix already stripped by the caller.
 */
static int parse_decimal(struct ctx *c, const char *key, const struct ynode *val, const char *text,
                         size_t len, unsigned scale, const char *expected, int64_t *out)
{
    struct quoted q;
    int rc = dec_parse(text, len, scale, out);

    if (rc == JX_ESYNTAX) {
        wrong_type(c, expected, key, val);
        return rc;
    }
    if (rc == JX_ERANGE) {
        if (!scale && dec_places(text, len))
            wrong_type(c, expected, key, val);
        else if (dec_places(text, len) > scale)
            diag_error(c, val->pos, "%s %s has more than %u decimals", key,
                       quote(&q, val->s.text, val->s.len), scale);
        else
            diag_error(c, val->pos, "%s %s is too large", key, quote(&q, val->s.text, val->s.len));
        return rc;
    }
    if (*out < 0) {
        diag_error(c, val->pos, "%s %s is negative", key, quote(&q, val->s.text, val->s.len));
        return JX_ERANGE;
    }
    return 0;
}

/* "130%" or "130％": the number before the sign, which must be there. */
static int percent_number(const struct ynode *val, size_t *len)
{
    const char *s = val->s.text;
    size_t n = val->s.len;

    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n >= 1 && s[n - 1] == '%')
        n -= 1;
    else if (n >= 3 && !memcmp(s + n - 3, "\xEF\xBC\x85", 3)) /* ％ */
        n -= 3;
    else
        return JX_ESYNTAX;
    *len = n;
    return 0;
}

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* 0: a real date; JX_ESYNTAX: not YYYY-MM-DD; JX_ERANGE: no such day. */
static int check_date(const char *s, size_t len)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 0, m, dd;

    if (len != 10 || s[4] != '-' || s[7] != '-')
        return JX_ESYNTAX;
    for (size_t i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return JX_ESYNTAX;
    for (size_t i = 0; i < 4; i++)
        y = y * 10 + (s[i] - '0');
    m = (s[5] - '0') * 10 + (s[6] - '0');
    dd = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || dd < 1)
        return JX_ERANGE;
    if (dd > days[m - 1] + (m == 2 && leap(y)))
        return JX_ERANGE;
    return 0;
}

static void decode_enum(struct ctx *c, const struct field *f, struct ynode *val, void *obj)
{
    const struct enum_names *e = f->names;
    struct strbuf list = STRBUF_INIT;
    struct quoted q;

    for (int v = e->first; v < e->end; v++) {
        if (!strcmp(val->s.text, e->name(v))) {
            memcpy(at(obj, f->off), &v, sizeof(v));
            set_pos(obj, f->pos, val->pos);
            set_has(obj, f->has);
            return;
        }
    }
    for (int v = e->first; v < e->end; v++)
        strbuf_addf(&list, "%s%s", v > e->first ? ", " : "", e->name(v));
    diag_error(c, val->pos, "unknown %s %s; accepted: %s", e->what,
               quote(&q, val->s.text, val->s.len), list.buf);
    strbuf_release(&list);
}

static void decode_list(struct ctx *c, const struct field *f, struct ynode *key, struct ynode *val,
                        void *obj);
static void decode_map(struct ctx *c, const struct map_spec *spec, struct ynode *map, void *obj);

/* val is visited and not null. */
static void decode_scalar(struct ctx *c, const struct field *f, struct ynode *val, void *obj)
{
    void *p = at(obj, f->off);
    struct quoted q;
    int64_t v;
    size_t n;
    bool b;

    switch ((enum ftype)f->type) {
    case F_TEXT:
        *(const char **)p = val->s.text;
        break;
    case F_TEXTS: { /* one scalar is a list of one */
        const char **list = arena_alloc(&c->ev->arena, sizeof(*list));

        list[0] = val->s.text;
        set_ptr(obj, f->off, list);
        *(size_t *)at(obj, f->off2) = 1;
        break;
    }
    case F_COUNT:
        if (parse_decimal(c, f->key, val, val->s.text, val->s.len, 0, expected_of[F_COUNT], &v))
            return;
        *(int64_t *)p = v;
        break;
    case F_YEAR:
        if (parse_decimal(c, f->key, val, val->s.text, val->s.len, 0, expected_of[F_YEAR], &v))
            return;
        if (v < 2000 || v > 2100) {
            diag_error(c, val->pos, "%s %s is outside 2000–2100", f->key,
                       quote(&q, val->s.text, val->s.len));
            return;
        }
        *(int *)p = (int)v;
        break;
    case F_VERSION:
        if (parse_decimal(c, f->key, val, val->s.text, val->s.len, 0, expected_of[F_VERSION], &v))
            return;
        if (v > JX_FORMAT_VERSION) {
            diag_error(c, val->pos,
                       "format version %s is newer than this jixiao reads (%d); update jixiao",
                       quote(&q, val->s.text, val->s.len), JX_FORMAT_VERSION);
            return;
        }
        if (v < 1) {
            diag_error(c, val->pos, "format version %s does not exist; the first is 1",
                       quote(&q, val->s.text, val->s.len));
            return;
        }
        *(unsigned *)p = (unsigned)v;
        break;
    case F_BOOL:
        if (parse_bool(val, &b)) {
            wrong_type(c, expected_of[F_BOOL], f->key, val);
            return;
        }
        *(bool *)p = b;
        break;
    case F_POINTS:
    case F_SHARE:
        if (parse_decimal(c, f->key, val, val->s.text, val->s.len, 2, expected_of[f->type], &v))
            return;
        if (f->type == F_SHARE && v > 100 * JX_CENTI) {
            diag_error(c, val->pos, "%s %s is over 100", f->key,
                       quote(&q, val->s.text, val->s.len));
            return;
        }
        *(int64_t *)p = v;
        break;
    case F_PERCENT:
    case F_RATE:
        if (percent_number(val, &n)) {
            wrong_type(c, expected_of[f->type], f->key, val);
            return;
        }
        if (parse_decimal(c, f->key, val, val->s.text, n, f->type == F_RATE ? 2 : 6,
                          expected_of[f->type], &v))
            return;
        if (f->type == F_RATE && v > 100 * JX_CENTI) {
            diag_error(c, val->pos, "%s %s is over 100%%", f->key,
                       quote(&q, val->s.text, val->s.len));
            return;
        }
        *(int64_t *)p = v;
        break;
    case F_MONEY:
        strbuf_reset(&c->why);
        if (money_parse(val->s.text, val->s.len, c->money, &v, &c->why)) {
            diag_error(c, val->pos, "'%s': %s", f->key, c->why.buf);
            return;
        }
        if (v < 0) {
            diag_error(c, val->pos, "%s %s is negative", f->key,
                       quote(&q, val->s.text, val->s.len));
            return;
        }
        *(int64_t *)p = v;
        break;
    case F_QTY:
        strbuf_reset(&c->why);
        if (qty_parse(val->s.text, val->s.len, (struct jx_qty *)p, &c->why)) {
            diag_error(c, val->pos, "'%s': %s", f->key, c->why.buf);
            return;
        }
        *(const char **)at(obj, f->off2) = val->s.text;
        break;
    case F_DATE:
        switch (check_date(val->s.text, val->s.len)) {
        case 0:
            break;
        case JX_ERANGE:
            diag_error(c, val->pos, "%s %s does not exist", f->key,
                       quote(&q, val->s.text, val->s.len));
            return;
        default:
            wrong_type(c, expected_of[F_DATE], f->key, val);
            return;
        }
        *(const char **)p = val->s.text;
        break;
    case F_ENUM:
        decode_enum(c, f, val, obj);
        return;
    default:
        JX_BUG("field '%s' is not a scalar", f->key);
    }
    set_pos(obj, f->pos, val->pos);
    set_has(obj, f->has);
}

static void decode_field(struct ctx *c, const struct field *f, struct ynode *key, struct ynode *val,
                         void *obj)
{
    switch ((enum ftype)f->type) {
    case F_MAP:
        if (val->type != YNODE_MAP) {
            wrong_type(c, "a mapping", f->key, val);
            return;
        }
        set_pos(obj, f->pos, val->pos);
        decode_map(c, f->spec, val, obj);
        return;
    case F_LIST:
        decode_list(c, f, key, val, obj);
        return;
    case F_CALL:
        f->fn(c, f, key, val, obj);
        return;
    case F_TEXTS:
        if (val->type == YNODE_SEQ) {
            const char **list = arena_calloc(&c->ev->arena, val->c.nr, sizeof(*list));
            size_t k = 0;

            for (size_t i = 0; i < val->c.nr; i++) {
                struct ynode tmp, *item = visit(c, val->c.items[i], &tmp);

                if (!item)
                    return;
                if (item->type != YNODE_SCALAR || ynode_is_null(item)) {
                    struct quoted q;

                    diag_error(c, item->pos, "expected text for an item of '%s', got %s", f->key,
                               got(&q, item));
                    continue;
                }
                list[k++] = item->s.text;
            }
            set_ptr(obj, f->off, list);
            *(size_t *)at(obj, f->off2) = k;
            return;
        }
        break;
    default:
        break;
    }
    if (val->type != YNODE_SCALAR) {
        wrong_type(c, expected_of[f->type], f->key, val);
        return;
    }
    decode_scalar(c, f, val, obj);
}

/* ---- mappings ---- */

struct slot {
    struct ynode *key, *val;
};

struct slots {
    struct slot v[MAX_FIELDS];
    struct ynode *merge; /* the value of '<<' */
};

/* Chinese labels people type for keys, so "did you mean" can answer them too. */
static const struct {
    const char *label, *key;
} key_labels[] = {
    {"名称", "name"},           {"指标名称", "name"},       {"项目名称", "name"},
    {"分值", "weight"},         {"权重", "weight"},         {"下级指标", "children"},
    {"子指标", "children"},     {"评分方法", "method"},     {"计分方法", "method"},
    {"指标值", "target"},       {"目标值", "target"},       {"年度指标值", "target"},
    {"实际完成值", "actual"},   {"实际值", "actual"},       {"完成值", "actual"},
    {"得分", "score"},          {"评分标准", "standard"},   {"指标解释", "explanation"},
    {"评分依据", "basis"},      {"立项依据", "basis"},      {"偏差原因", "deviation_reason"},
    {"年度", "year"},           {"评价类型", "kind"},       {"实施单位", "unit"},
    {"主管部门", "department"}, {"项目", "project"},        {"预算", "budget"},
    {"指标", "indicators"},     {"绩效指标", "indicators"}, {"预算数", "planned"},
    {"到位数", "received"},     {"执行数", "spent"},        {"年初预算数", "initial"},
    {"标题", "title"},          {"日期", "date"},           {"满意度调查", "surveys"},
};

static const struct field *find_field(const struct map_spec *spec, const struct ynode *key,
                                      size_t *idx)
{
    for (size_t i = 0; i < spec->nr; i++) {
        const struct field *f = &spec->fields[i];

        if (f->key_len == key->s.len && !memcmp(f->key, key->s.text, key->s.len)) {
            *idx = i;
            return &spec->fields[i];
        }
    }
    return NULL;
}

static void unknown_key(struct ctx *c, const struct map_spec *spec, const struct ynode *key)
{
    const char *names[MAX_FIELDS];
    const char *hint;
    struct quoted q;

    for (size_t i = 0; i < spec->nr; i++)
        names[i] = spec->fields[i].key;
    hint = suggest_closest(key->s.text, key->s.len, names, spec->nr);
    for (size_t i = 0; !hint && i < ARRAY_SIZE(key_labels); i++) {
        if (!text_is(key, key_labels[i].label))
            continue;
        for (size_t j = 0; j < spec->nr; j++)
            if (!strcmp(names[j], key_labels[i].key))
                hint = names[j];
    }
    if (hint)
        diag_error(c, key->pos, "unknown key %s %s; did you mean '%s'?",
                   quote(&q, key->s.text, key->s.len), spec->where, hint);
    else
        diag_error(c, key->pos, "unknown key %s %s", quote(&q, key->s.text, key->s.len),
                   spec->where);
}

/* A key node, visited; NULL (reported) when it is not a scalar. */
static struct ynode *visit_key(struct ctx *c, struct ynode *key)
{
    struct quoted q;

    key = visit(c, key, NULL);
    if (key && key->type != YNODE_SCALAR) {
        diag_error(c, key->pos, "a key must be a scalar, got %s", got(&q, key));
        return NULL;
    }
    return key;
}

static bool is_merge_key(const struct ynode *key)
{
    return key->plain && text_is(key, "<<");
}

/* "x-..." keys are the user's own (anchors to alias later, notes): never decoded. */
static bool is_extension_key(const struct ynode *key)
{
    return key->s.len > 2 && key->s.text[0] == 'x' && key->s.text[1] == '-';
}

/* Fills the slots still empty from a '<<' value: a mapping or a sequence of them. */
static void merge_into(struct ctx *c, const struct map_spec *spec, struct slots *s,
                       struct ynode *val, unsigned depth)
{
    struct quoted q;

    val = visit(c, val, NULL);
    if (!val)
        return;
    if (depth > MAX_MERGE_DEPTH) {
        diag_error(c, val->pos, "'<<' merges nest more than %d deep", MAX_MERGE_DEPTH);
        return;
    }
    if (val->type == YNODE_SEQ) {
        for (size_t i = 0; i < val->c.nr && !c->stop; i++) {
            struct ynode *item = visit(c, val->c.items[i], NULL);

            if (item && item->type != YNODE_MAP)
                diag_error(c, item->pos, "expected a mapping to merge with '<<', got %s",
                           got(&q, item));
            else if (item)
                merge_into(c, spec, s, item, depth + 1);
        }
        return;
    }
    if (val->type != YNODE_MAP) {
        diag_error(c, val->pos,
                   "expected a mapping or a sequence of mappings to merge with '<<', got %s",
                   got(&q, val));
        return;
    }
    for (size_t i = 0; i < val->c.nr && !c->stop; i++) {
        struct ynode *key = visit_key(c, val->c.items[2 * i]);
        size_t idx;

        if (!key)
            continue;
        if (is_extension_key(key))
            continue;
        if (is_merge_key(key))
            merge_into(c, spec, s, val->c.items[2 * i + 1], depth + 1);
        else if (!find_field(spec, key, &idx))
            unknown_key(c, spec, key);
        else if (!s->v[idx].key) /* keys given explicitly, or merged earlier, win */
            s->v[idx] = (struct slot){key, val->c.items[2 * i + 1]};
    }
}

/* map is visited and is a mapping. */
static void decode_map(struct ctx *c, const struct map_spec *spec, struct ynode *map, void *obj)
{
    struct slots s;
    struct quoted q;

    if (spec->nr > MAX_FIELDS)
        JX_BUG("mapping with %zu fields", spec->nr);
    memset(&s, 0, sizeof(s));
    for (size_t i = 0; i < map->c.nr && !c->stop; i++) {
        struct ynode *key = visit_key(c, map->c.items[2 * i]);
        struct slot *first;
        size_t idx;

        if (!key)
            continue;
        if (is_extension_key(key))
            continue;
        if (is_merge_key(key)) {
            if (s.merge)
                diag_error(c, key->pos, "duplicate key '<<'");
            else
                s.merge = map->c.items[2 * i + 1];
            continue;
        }
        if (!find_field(spec, key, &idx)) {
            unknown_key(c, spec, key);
            continue;
        }
        first = &s.v[idx];
        if (first->key) {
            diag_error(c, key->pos, "duplicate key %s (first given at %u:%u)",
                       quote(&q, key->s.text, key->s.len), first->key->pos.line,
                       first->key->pos.col);
            continue;
        }
        *first = (struct slot){key, map->c.items[2 * i + 1]};
    }
    if (s.merge)
        merge_into(c, spec, &s, s.merge, 1);

    /* Fields in table order: a mapping's table lists what others depend on first. */
    for (size_t i = 0; i < spec->nr && !c->stop; i++) {
        const struct field *f = &spec->fields[i];
        struct ynode tmp, *val;

        if (!s.v[i].key) {
            if (f->required)
                diag_error(c, map->pos, "missing required key '%s' %s", f->key, spec->where);
            continue;
        }
        val = visit(c, s.v[i].val, &tmp);
        if (!val)
            return;
        if (ynode_is_null(val)) {
            /* "key:" with nothing after it reads as not given. */
            if (f->required)
                diag_error(c, s.v[i].key->pos, "'%s' has no value", f->key);
            continue;
        }
        decode_field(c, f, s.v[i].key, val, obj);
    }
}

/* A sequence of mappings into an arena array of f->item_size elements. */
static void decode_list(struct ctx *c, const struct field *f, struct ynode *key, struct ynode *val,
                        void *obj)
{
    char *items;
    size_t k = 0;
    struct quoted q;

    (void)key;
    if (val->type != YNODE_SEQ) {
        wrong_type(c, "a sequence", f->key, val);
        return;
    }
    items = arena_calloc(&c->ev->arena, val->c.nr, f->item_size);
    for (size_t i = 0; i < val->c.nr && !c->stop; i++) {
        struct ynode tmp, *item = visit(c, val->c.items[i], &tmp);
        void *elem;

        if (!item)
            break;
        if (item->type != YNODE_MAP) {
            diag_error(c, item->pos, "expected a mapping for an item of '%s', got %s", f->key,
                       got(&q, item));
            continue;
        }
        elem = items + k++ * f->item_size;
        if (f->init)
            f->init(elem, obj);
        set_pos(elem, f->item_pos, item->pos);
        decode_map(c, f->spec, item, elem);
    }
    set_ptr(obj, f->off, items);
    *(size_t *)at(obj, f->off2) = k;
}

/* ---- the tables of docs/format.md ---- */

/* The key and its length, for lookups that compare lengths before bytes. */
#define KEY(k) .key = k, .key_len = sizeof(k) - 1
#define FIELD(k, t, req, T, m)                                                                     \
    {                                                                                              \
        KEY(k), .type = t, .required = req, .off = offsetof(T, m), .has = -1, .pos = -1,           \
                .off2 = -1, .item_pos = -1                                                         \
    }
/* A text whose position is kept (eval.h text_pos). */
#define TEXT_P(k, T, m, posm)                                                                      \
    {                                                                                              \
        KEY(k), .type = F_TEXT, .off = offsetof(T, m), .has = -1, .pos = offsetof(T, posm),        \
                .off2 = -1, .item_pos = -1                                                         \
    }
#define FIELD_HP(k, t, req, T, m, hasm, posm)                                                      \
    {                                                                                              \
        KEY(k), .type = t, .required = req, .off = offsetof(T, m), .has = offsetof(T, hasm),       \
                .pos = offsetof(T, posm), .off2 = -1, .item_pos = -1                               \
    }
#define FIELD_H(k, t, T, m, hasm)                                                                  \
    {                                                                                              \
        KEY(k), .type = t, .off = offsetof(T, m), .has = offsetof(T, hasm), .pos = -1, .off2 = -1, \
                .item_pos = -1                                                                     \
    }
#define FIELD2(k, t, T, m, m2)                                                                     \
    {                                                                                              \
        KEY(k), .type = t, .off = offsetof(T, m), .has = -1, .pos = -1, .off2 = offsetof(T, m2),   \
                .item_pos = -1                                                                     \
    }
#define ENUM(k, req, T, m, posm, nm)                                                               \
    {                                                                                              \
        KEY(k), .type = F_ENUM, .required = req, .off = offsetof(T, m), .has = -1, .pos = posm,    \
                .off2 = -1, .names = &nm, .item_pos = -1                                           \
    }
#define MAP(k, req, T, posm, sp)                                                                   \
    {                                                                                              \
        KEY(k), .type = F_MAP, .required = req, .off = 0, .has = -1, .pos = posm, .off2 = -1,      \
                .spec = &sp, .item_pos = -1                                                        \
    }
#define LIST(k, T, m, cnt, E, posm, sp, ini)                                                       \
    {                                                                                              \
        KEY(k), .type = F_LIST, .off = offsetof(T, m), .has = -1, .pos = -1,                       \
                .off2 = offsetof(T, cnt), .spec = &sp, .item_size = sizeof(E), .item_pos = posm,   \
                .init = ini                                                                        \
    }
#define CALL(k, req, f)                                                                            \
    {                                                                                              \
        KEY(k), .type = F_CALL, .required = req, .off = 0, .has = -1, .pos = -1, .off2 = -1,       \
                .item_pos = -1, .fn = f                                                            \
    }
#define SPEC(w, tab)                                                                               \
    {                                                                                              \
        w, tab, ARRAY_SIZE(tab)                                                                    \
    }

_Static_assert(sizeof(enum jx_kind) == sizeof(int) && sizeof(enum jx_method) == sizeof(int) &&
                   sizeof(enum jx_tier) == sizeof(int) &&
                   sizeof(enum jx_inverse_mode) == sizeof(int) &&
                   sizeof(enum jx_exec_base) == sizeof(int),
               "enum fields are written as int");

static const char *kind_name(int v)
{
    return eval_kind_name((enum jx_kind)v);
}

static const char *method_name_of(int v)
{
    return method_name((enum jx_method)v);
}

static const char *tier_name(int v)
{
    static const char *const names[] = {
        [JX_TIER_MET] = "达成", [JX_TIER_PARTLY] = "部分达成", [JX_TIER_MISSED] = "未达成"};

    return names[v];
}

static const char *inverse_name(int v)
{
    static const char *const names[] = {
        [JX_INVERSE_LINEAR] = "linear", [JX_INVERSE_RATIO] = "ratio"};

    return names[v];
}

static const char *base_name(int v)
{
    static const char *const names[] = {
        [JX_EXEC_PLANNED] = "planned", [JX_EXEC_RECEIVED] = "received"};

    return names[v];
}

static const char *budget_unit_name(int v)
{
    static const char *const names[] = {"万元", "元"};

    return names[v];
}

static const struct enum_names kinds = {"kind", JX_KIND_UNIT_SELF, JX_KIND_FINANCE + 1, kind_name};
static const struct enum_names methods = {"method", JX_METHOD_NONE + 1, JX_METHOD_COUNT_,
                                          method_name_of};
static const struct enum_names tiers = {"tier", JX_TIER_MET, JX_TIER_MISSED + 1, tier_name};
static const struct enum_names inverses = {"inverse formula", JX_INVERSE_LINEAR,
                                           JX_INVERSE_RATIO + 1, inverse_name};
static const struct enum_names bases = {"execution base", JX_EXEC_PLANNED, JX_EXEC_RECEIVED + 1,
                                        base_name};
static const struct enum_names budget_units = {"budget unit", 0, 2, budget_unit_name};

/* project */

static const struct field phase_fields[] = {
    FIELD("period", F_TEXT, false, struct jx_phase, period),
    FIELD("goal", F_TEXT, false, struct jx_phase, goal),
};
static const struct map_spec phase_spec = SPEC("in a phase", phase_fields);

static const struct field goals_fields[] = {
    TEXT_P("overall", struct jx_eval, project.overall_goal, text_pos.overall_goal),
    LIST("phases", struct jx_eval, project.phases, project.nr_phases, struct jx_phase,
         offsetof(struct jx_phase, pos), phase_spec, NULL),
};
static const struct map_spec goals_spec = SPEC("in 'goals'", goals_fields);

static const struct field project_fields[] = {
    FIELD("name", F_TEXT, true, struct jx_eval, project.name),
    FIELD("content", F_TEXT, false, struct jx_eval, project.content),
    FIELD("background", F_TEXT, false, struct jx_eval, project.background),
    FIELD("implementation", F_TEXT, false, struct jx_eval, project.implementation),
    FIELD2("basis", F_TEXTS, struct jx_eval, project.basis, project.nr_basis),
    MAP("goals", false, struct jx_eval, -1, goals_spec),
};
static const struct map_spec project_spec = SPEC("in 'project'", project_fields);

/* budget: 'unit' comes first because the amounts depend on it. */

static void decode_budget_unit(struct ctx *c, const struct field *f, struct ynode *key,
                               struct ynode *val, void *obj)
{
    static const struct field unit = {.key = "unit",
                                      .key_len = 4,
                                      .type = F_ENUM,
                                      .off = 0,
                                      .has = -1,
                                      .pos = -1,
                                      .off2 = -1,
                                      .names = &budget_units};
    static const enum money_unit units[] = {MONEY_WAN, MONEY_YUAN};
    int v = -1;

    (void)f;
    (void)key;
    (void)obj;
    if (val->type != YNODE_SCALAR) {
        wrong_type(c, "'万元' or '元'", "unit", val);
        return;
    }
    decode_enum(c, &unit, val, &v);
    if (v >= 0)
        c->money = units[v];
}

static const struct field budget_fields[] = {
    CALL("unit", false, decode_budget_unit),
    FIELD_H("initial", F_MONEY, struct jx_eval, budget.initial, budget.has_initial),
    FIELD_H("planned", F_MONEY, struct jx_eval, budget.planned, budget.has_planned),
    FIELD_H("received", F_MONEY, struct jx_eval, budget.received, budget.has_received),
    FIELD_H("spent", F_MONEY, struct jx_eval, budget.spent, budget.has_spent),
};
static const struct map_spec budget_spec = SPEC("in 'budget'", budget_fields);

/* work */

static const struct field stage_fields[] = {
    FIELD("stage", F_TEXT, false, struct jx_stage, name),
    FIELD("text", F_TEXT, false, struct jx_stage, text),
};
static const struct map_spec stage_spec = SPEC("in a process stage", stage_fields);

static const struct field work_fields[] = {
    TEXT_P("purpose", struct jx_eval, work.purpose, text_pos.purpose),
    FIELD("scope", F_TEXT, false, struct jx_eval, work.scope),
    FIELD("principles", F_TEXT, false, struct jx_eval, work.principles),
    FIELD("index_system", F_TEXT, false, struct jx_eval, work.index_system),
    TEXT_P("methods", struct jx_eval, work.methods, text_pos.methods),
    FIELD("standards", F_TEXT, false, struct jx_eval, work.standards),
    LIST("process", struct jx_eval, work.process, work.nr_process, struct jx_stage, -1, stage_spec,
         NULL),
};
static const struct map_spec work_spec = SPEC("in 'work'", work_fields);

/* indicators */

static const struct field deduction_fields[] = {
    FIELD("points", F_POINTS, true, struct jx_deduction, points),
    FIELD("reason", F_TEXT, false, struct jx_deduction, reason),
};
static const struct map_spec deduction_spec = SPEC("in a deduction", deduction_fields);

static void decode_children(struct ctx *c, const struct field *f, struct ynode *key,
                            struct ynode *val, void *obj);

static const struct field indicator_fields[] = {
    FIELD("name", F_TEXT, true, struct jx_indicator, name),
    FIELD_HP("weight", F_POINTS, true, struct jx_indicator, weight, has_weight, weight_pos),
    CALL("children", false, decode_children),
    FIELD("analysis", F_TEXT, false, struct jx_indicator, analysis),
    FIELD("explanation", F_TEXT, false, struct jx_indicator, explanation),
    FIELD("standard", F_TEXT, false, struct jx_indicator, standard),
    ENUM("method", false, struct jx_indicator, method, offsetof(struct jx_indicator, method_pos),
         methods),
    {.key = "target",
     .key_len = 6,
     .type = F_QTY,
     .off = offsetof(struct jx_indicator, target),
     .has = offsetof(struct jx_indicator, has_target),
     .pos = offsetof(struct jx_indicator, target_pos),
     .off2 = offsetof(struct jx_indicator, target_text),
     .item_pos = -1},
    {.key = "actual",
     .key_len = 6,
     .type = F_QTY,
     .off = offsetof(struct jx_indicator, actual),
     .has = offsetof(struct jx_indicator, has_actual),
     .pos = offsetof(struct jx_indicator, actual_pos),
     .off2 = offsetof(struct jx_indicator, actual_text),
     .item_pos = -1},
    ENUM("inverse", false, struct jx_indicator, inverse_mode, -1, inverses),
    FIELD("tolerance", F_PERCENT, false, struct jx_indicator, tolerance),
    FIELD("zero_at", F_PERCENT, false, struct jx_indicator, zero_at),
    ENUM("base", false, struct jx_indicator, exec_base, -1, bases),
    ENUM("tier", false, struct jx_indicator, tier, -1, tiers),
    FIELD_HP("score", F_POINTS, false, struct jx_indicator, given_score, has_given_score,
             score_pos),
    FIELD_H("reached", F_BOOL, struct jx_indicator, reached, has_reached),
    LIST("deductions", struct jx_indicator, deductions, nr_deductions, struct jx_deduction,
         offsetof(struct jx_deduction, pos), deduction_spec, NULL),
    FIELD("survey", F_TEXT, false, struct jx_indicator, survey),
    FIELD("basis", F_TEXT, false, struct jx_indicator, basis),
    FIELD("deviation_reason", F_TEXT, false, struct jx_indicator, deviation_reason),
};
static const struct map_spec indicator_spec = SPEC("in an indicator", indicator_fields);

static void init_indicator(void *elem, const void *parent)
{
    struct jx_indicator *ind = elem;
    unsigned depth = ((const struct jx_indicator *)parent)->depth + 1;

    eval_indicator_init(ind);
    ind->depth = depth;
}

static const struct field children_list =
    LIST("children", struct jx_indicator, children, nr_children, struct jx_indicator,
         offsetof(struct jx_indicator, pos), indicator_spec, init_indicator);

static void decode_children(struct ctx *c, const struct field *f, struct ynode *key,
                            struct ynode *val, void *obj)
{
    struct jx_indicator *ind = obj;

    (void)f;
    if (ind->depth >= JX_MAX_DEPTH) {
        diag_error(c, key->pos,
                   "indicators go at most %d levels deep; these children would be "
                   "level %u",
                   JX_MAX_DEPTH, ind->depth + 1);
        return;
    }
    decode_list(c, &children_list, key, val, obj);
}

static const struct field indicators_list =
    LIST("indicators", struct jx_indicator, children, nr_children, struct jx_indicator,
         offsetof(struct jx_indicator, pos), indicator_spec, init_indicator);

/* The 一级指标 hang from the root, which the evaluation holds at depth 0. */
static void decode_indicators(struct ctx *c, const struct field *f, struct ynode *key,
                              struct ynode *val, void *obj)
{
    struct jx_eval *ev = obj;

    (void)f;
    ev->root.pos = val->pos;
    decode_list(c, &indicators_list, key, val, &ev->root);
}

/* surveys */

static const struct field option_fields[] = {
    FIELD("label", F_TEXT, true, struct jx_survey_option, label),
    FIELD("value", F_SHARE, true, struct jx_survey_option, value),
    FIELD("count", F_COUNT, true, struct jx_survey_option, count),
};
static const struct map_spec option_spec = SPEC("in a survey option", option_fields);

static void init_survey(void *elem, const void *parent)
{
    struct jx_survey *s = elem;

    (void)parent;
    s->issued = s->returned = s->valid = -1;
    s->satisfaction = -1;
}

static const struct field survey_fields[] = {
    FIELD("id", F_TEXT, true, struct jx_survey, id),
    FIELD("title", F_TEXT, false, struct jx_survey, title),
    FIELD("respondents", F_TEXT, false, struct jx_survey, respondents),
    FIELD("sampling", F_TEXT, false, struct jx_survey, sampling),
    FIELD("issued", F_COUNT, false, struct jx_survey, issued),
    FIELD("returned", F_COUNT, false, struct jx_survey, returned),
    FIELD("valid", F_COUNT, false, struct jx_survey, valid),
    LIST("options", struct jx_survey, options, nr_options, struct jx_survey_option, -1, option_spec,
         NULL),
    FIELD_H("reported", F_RATE, struct jx_survey, reported, has_reported),
    TEXT_P("answers", struct jx_survey, answers, answers_pos),
    FIELD2("questions", F_TEXTS, struct jx_survey, questions, nr_questions),
};
static const struct map_spec survey_spec = SPEC("in a survey", survey_fields);

/* signature, scoring */

static const struct field signature_fields[] = {
    FIELD("unit", F_TEXT, false, struct jx_eval, signature.unit),
    FIELD("date", F_DATE, false, struct jx_eval, signature.date),
};
static const struct map_spec signature_spec = SPEC("in 'signature'", signature_fields);

static const struct field grade_fields[] = {
    FIELD("grade", F_TEXT, true, struct jx_grade_band, grade),
    FIELD("min", F_POINTS, true, struct jx_grade_band, min),
};
static const struct map_spec grade_spec = SPEC("in a grade band", grade_fields);

/* 一票否决 takes its reason; 'false' turns it off, 'true' alone says nothing. */
static void decode_veto(struct ctx *c, const struct field *f, struct ynode *key, struct ynode *val,
                        void *obj)
{
    struct jx_eval *ev = obj;
    bool b;

    (void)f;
    (void)key;
    if (val->type != YNODE_SCALAR) {
        wrong_type(c, "the reason as text", "veto", val);
        return;
    }
    if (val->plain && !parse_bool(val, &b)) {
        if (b)
            diag_error(c, val->pos,
                       "veto needs its reason as text, such as '违规使用资金', not 'true'");
        return;
    }
    ev->rules.veto = true;
    ev->rules.veto_reason = val->s.text;
}

static const struct field rules_fields[] = {
    FIELD("overshoot", F_PERCENT, false, struct jx_eval, rules.overshoot),
    FIELD("overshoot_penalty", F_POINTS, false, struct jx_eval, rules.overshoot_penalty),
    FIELD("execution_cap", F_BOOL, false, struct jx_eval, rules.execution_cap),
    CALL("veto", false, decode_veto),
    FIELD("evidence_required", F_BOOL, false, struct jx_eval, rules.evidence_required),
};
static const struct map_spec rules_spec = SPEC("in 'rules'", rules_fields);

static void decode_grades(struct ctx *c, const struct field *f, struct ynode *key,
                          struct ynode *val, void *obj);

static const struct field scoring_fields[] = {
    FIELD_HP("points", F_POINTS, false, struct jx_eval, root.weight, root.has_weight,
             root.weight_pos),
    CALL("grades", false, decode_grades),
    MAP("rules", false, struct jx_eval, -1, rules_spec),
};
static const struct map_spec scoring_spec = SPEC("in 'scoring'", scoring_fields);

static const struct field grades_list =
    LIST("grades", struct jx_eval, grades, nr_grades, struct jx_grade_band, -1, grade_spec, NULL);

/* Bands are kept highest first, as grade_of() expects; equal bounds keep file order. */
static void decode_grades(struct ctx *c, const struct field *f, struct ynode *key,
                          struct ynode *val, void *obj)
{
    struct jx_eval *ev = obj;

    (void)f;
    decode_list(c, &grades_list, key, val, obj);
    if (val->type != YNODE_SEQ)
        return; /* ev->grades still points at the read-only defaults */
    for (size_t i = 1; i < ev->nr_grades; i++) {
        struct jx_grade_band cur = ev->grades[i];
        size_t j = i;

        while (j > 0 && ev->grades[j - 1].min < cur.min) {
            ev->grades[j] = ev->grades[j - 1];
            j--;
        }
        ev->grades[j] = cur;
    }
}

/* top level */

static const struct field top_fields[] = {
    FIELD("jixiao", F_VERSION, false, struct jx_eval, format_version),
    ENUM("kind", true, struct jx_eval, kind, -1, kinds),
    FIELD("title", F_TEXT, false, struct jx_eval, title),
    FIELD("unit", F_TEXT, true, struct jx_eval, unit),
    FIELD("department", F_TEXT, false, struct jx_eval, department),
    FIELD("year", F_YEAR, true, struct jx_eval, year),
    FIELD("date", F_DATE, false, struct jx_eval, date),
    MAP("project", true, struct jx_eval, offsetof(struct jx_eval, text_pos.project), project_spec),
    MAP("budget", false, struct jx_eval, offsetof(struct jx_eval, budget.pos), budget_spec),
    MAP("work", false, struct jx_eval, offsetof(struct jx_eval, text_pos.work), work_spec),
    CALL("indicators", true, decode_indicators),
    LIST("surveys", struct jx_eval, surveys, nr_surveys, struct jx_survey,
         offsetof(struct jx_survey, pos), survey_spec, init_survey),
    TEXT_P("summary", struct jx_eval, summary, text_pos.summary),
    TEXT_P("conclusion", struct jx_eval, conclusion, text_pos.conclusion),
    TEXT_P("experience", struct jx_eval, experience, text_pos.experience),
    TEXT_P("problems", struct jx_eval, problems, text_pos.problems),
    TEXT_P("suggestions", struct jx_eval, suggestions, text_pos.suggestions),
    TEXT_P("other", struct jx_eval, other, text_pos.other),
    MAP("signature", false, struct jx_eval, offsetof(struct jx_eval, text_pos.signature),
        signature_spec),
    MAP("scoring", false, struct jx_eval, -1, scoring_spec),
};
static const struct map_spec top_spec = SPEC("at the top level", top_fields);

/* ---- bytes before YAML ---- */

static struct jx_pos pos_of_offset(const char *data, size_t off)
{
    struct jx_pos pos = {1, 1};
    size_t line_start = 0;

    for (size_t i = 0; i < off; i++) {
        if (data[i] == '\n') {
            pos.line++;
            line_start = i + 1;
        }
    }
    pos.col = utf8_column(data + line_start, off - line_start);
    return pos;
}

/* NUL bytes and invalid UTF-8: report the first bad byte only, a binary file has many. */
static int check_bytes(struct ctx *c, const char *data, size_t len)
{
    const char *nul = memchr(data, '\0', len);
    size_t bad = len;
    bool valid = utf8_valid(data, nul ? (size_t)(nul - data) : len, &bad);

    if (!valid) {
        diag_error(c, pos_of_offset(data, bad),
                   "invalid UTF-8 (byte 0x%02X); save the file as UTF-8", (unsigned char)data[bad]);
        return JX_EINVAL;
    }
    if (nul) {
        diag_error(c, pos_of_offset(data, (size_t)(nul - data)),
                   "NUL byte in the text; is this a binary file?");
        return JX_EINVAL;
    }
    return 0;
}

/*
 * Puts what this call added (d->v[first...]) in file order and drops repeats: an anchored
 * mapping merged or aliased in several places repeats its errors at its own position, and
 * once is enough. Sorted, repeats are neighbours.
 */
static void tidy_diags(struct jx_diags *d, size_t first)
{
    struct jx_diags mine;
    size_t out = first;

    if (d->nr <= first)
        return;
    mine = (struct jx_diags){d->v + first, d->nr - first, 0, 0, 0};
    jx_diags_sort(&mine);
    for (size_t i = first; i < d->nr; i++) {
        struct jx_diag *cur = &d->v[i];

        if (out > first) {
            const struct jx_diag *prev = &d->v[out - 1];

            if (prev->severity == cur->severity && prev->pos.line == cur->pos.line &&
                prev->pos.col == cur->pos.col && !strcmp(prev->msg, cur->msg)) {
                if (cur->severity == JX_SEV_ERROR)
                    d->errors--;
                else if (cur->severity == JX_SEV_WARNING)
                    d->warnings--;
                free(cur->msg);
                continue;
            }
        }
        d->v[out++] = *cur;
    }
    d->nr = out;
}

static bool looks_json(const char *data, size_t len, const char *name)
{
    size_t n = name ? strlen(name) : 0;
    size_t i = 0;

    if (n >= 5 && (!strcmp(name + n - 5, ".json") || !strcmp(name + n - 5, ".JSON")))
        return true;
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    return i < len && data[i] == '{';
}

static void decode_top(struct ctx *c, struct ynode *root)
{
    struct jx_eval *ev = c->ev;
    struct quoted q;

    root = visit(c, root, NULL);
    if (!root)
        return;
    if (ynode_is_null(root)) {
        diag_error(c, (struct jx_pos){0, 0}, "file is empty; start from 'jixiao new'");
        return;
    }
    if (root->type != YNODE_MAP) {
        diag_error(c, root->pos, "expected a mapping at the top level, got %s", got(&q, root));
        return;
    }
    decode_map(c, &top_spec, root, ev);
    if (!ev->title) {
        /* docs/format.md: the title defaults from the kind, 部门评价 -> 部门评价报告. */
        struct strbuf t = STRBUF_INIT;

        strbuf_addf(&t, "%s报告", eval_kind_name(ev->kind));
        ev->title = arena_strndup(&ev->arena, t.buf, t.len);
        strbuf_release(&t);
    }
}

int eval_read(const char *data, size_t len, const char *name, enum eval_syntax syntax,
              struct jx_eval *ev, struct jx_diags *d)
{
    struct ctx c = {.ev = ev, .d = d, .name = name, .money = MONEY_WAN, .why = STRBUF_INIT};
    struct yaml_doc doc = YAML_DOC_INIT;
    size_t first = d->nr;
    bool json;

    c.first = first;
    int ret = 0;

    eval_init(ev, name);
    if (len > EVAL_READ_MAX_BYTES) {
        diag_error(&c, (struct jx_pos){0, 0},
                   "file is too large: %zu bytes, the limit is %u (%u MiB)", len,
                   EVAL_READ_MAX_BYTES, EVAL_READ_MAX_BYTES >> 20);
        return JX_ETOOBIG;
    }
    if (!len) {
        diag_error(&c, (struct jx_pos){0, 0}, "file is empty; start from 'jixiao new'");
        return JX_EINVAL;
    }
    if (check_bytes(&c, data, len))
        return JX_EINVAL;

    json =
        syntax == EVAL_SYNTAX_JSON || (syntax == EVAL_SYNTAX_AUTO && looks_json(data, len, name));
    if (yaml_doc_parse(&doc, data, len, name, json ? YAML_DOC_JSON : 0, EVAL_READ_MAX_NODES,
                       &ev->arena, d)) {
        ret = JX_EINVAL;
        goto out;
    }
    if (!doc.root)
        diag_error(&c, (struct jx_pos){0, 0}, "file is empty; start from 'jixiao new'");
    else
        decode_top(&c, doc.root);
    if (c.errors)
        ret = JX_EINVAL;
out:
    tidy_diags(d, first);
    yaml_doc_release(&doc);
    strbuf_release(&c.why);
    return ret;
}
