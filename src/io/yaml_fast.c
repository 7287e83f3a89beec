/*
 * The block-YAML fast path (see yaml_fast.h). One pass over the lines with a stack of
 * open block containers, each knowing the column of its keys or dashes; items of open
 * containers share one stack, as in yaml_doc.c, and are copied out when a container
 * closes.
 *
 * Invariant: whatever this accepts, libfyaml accepts too and turns into the same tree,
 * node for node: same types, text, plain flags and positions (libfyaml's: a block
 * mapping at its first key, a block sequence at its first '-', a flow collection at its
 * bracket, a quoted scalar just inside its quote, an empty value at its key). When in
 * doubt it declines. fuzz/fuzz_yaml_fast.c checks the invariant on random input and
 * tests/io/test_yaml_fast.c on every file in the tree.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "io/yaml_fast.h"
#include "io/yaml_scalar.h"

#define DECLINE 1
#define NOT_A_KEY 2
/* YAML's limit on the length of an implicit key. */
#define MAX_KEY 1024
#define MAX_FLOW_DEPTH 32

struct frame {
    struct ynode *node;
    size_t first;          /* its first item on the item stack */
    size_t indent;         /* column (0-based) of its keys or dashes */
    bool pending;          /* a key, or a '-', waits for its value on later lines */
    bool compact;          /* a sequence at the indent of the key that owns it */
    struct jx_pos key_pos; /* of the pending key */
};

struct fast {
    struct yaml_doc *doc;
    struct jx_arena *text;
    size_t max_nodes;
    const char *line; /* start of the current line */
    const char *next; /* start of the line after it; block scalars move it on */
    const char *end;
    unsigned lineno;
    struct strbuf buf; /* block scalar text being assembled */
    bool started;      /* a '---' or the root was seen */

    struct frame *frames;
    size_t nr_frames, alloc_frames;
    struct ynode **items;
    size_t nr_items, alloc_items;
};

/*
 * Bytes the subset leaves to libfyaml: control characters (tab included), DEL, C1
 * controls and NEL, the Unicode line and paragraph separators, a BOM past the start,
 * U+FFFE and U+FFFF. data is valid UTF-8. A table marks the bytes worth a second look
 * (controls, DEL, and the lead bytes 0xC2, 0xE2, 0xEF), so that most bytes cost one load.
 */
#define SUSPECT_ROW(b)                                                                             \
    (b) == 0x7F || (b) == 0xC2 || (b) == 0xE2 || (b) == 0xEF || ((b) < 0x20 && (b) != '\n')
#define S4(b) SUSPECT_ROW(b), SUSPECT_ROW(b + 1), SUSPECT_ROW(b + 2), SUSPECT_ROW(b + 3)
#define S16(b) S4(b), S4(b + 4), S4(b + 8), S4(b + 12)
#define S64(b) S16(b), S16(b + 16), S16(b + 32), S16(b + 48)
static const bool suspect[256] = {S64(0), S64(64), S64(128), S64(192)};

static bool plain_bytes(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = s[i];

        if (!suspect[c])
            continue;
        if (c == '\r' && i + 1 < len && s[i + 1] == '\n')
            continue;
        if (c < 0x80)
            return false;
        if (c == 0xC2 && i + 1 < len && s[i + 1] < 0xA0)
            return false;
        if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9))
            return false;
        if (c == 0xEF && i + 2 < len &&
            ((s[i + 1] == 0xBB && s[i + 2] == 0xBF) || (s[i + 1] == 0xBF && s[i + 2] >= 0xBE)))
            return false;
    }
    return true;
}

/* 1-based column of p on the current line, in characters. */
static unsigned col_of(const struct fast *f, const char *p)
{
    unsigned col = 1;

    for (const char *q = f->line; q < p; q++)
        col += ((unsigned char)*q & 0xC0) != 0x80;
    return col;
}

static struct jx_pos pos_of(const struct fast *f, const char *p)
{
    struct jx_pos pos = {f->lineno, col_of(f, p)};

    return pos;
}

static struct ynode *new_node(struct fast *f, enum ynode_type type, struct jx_pos pos)
{
    struct ynode *n;

    if (f->doc->nr_nodes >= f->max_nodes)
        return NULL; /* libfyaml's path says so */
    n = arena_alloc(&f->doc->nodes, sizeof(*n));
    n->type = (unsigned char)type;
    n->pos = pos;
    f->doc->nr_nodes++;
    return n;
}

static struct ynode *new_scalar(struct fast *f, struct jx_pos pos, const char *s, size_t len,
                                bool plain)
{
    struct ynode *n = new_node(f, YNODE_SCALAR, pos);

    if (!n)
        return NULL;
    n->plain = plain;
    n->s.text = arena_strndup(f->text, s, len);
    n->s.len = len;
    return n;
}

static void push_item(struct fast *f, struct ynode *n)
{
    if (!f->nr_frames && !f->doc->root) {
        f->doc->root = n;
        return;
    }
    ALLOC_GROW(f->items, f->nr_items + 1, f->alloc_items);
    f->items[f->nr_items++] = n;
}

/* Moves the items above first into n. */
static void take_items(struct fast *f, struct ynode *n, size_t first)
{
    size_t nr = f->nr_items - first;

    if (nr) {
        n->c.items = arena_calloc(&f->doc->nodes, nr, sizeof(*n->c.items));
        memcpy(n->c.items, f->items + first, nr * sizeof(*n->c.items));
    }
    n->c.nr = n->type == YNODE_MAP ? nr / 2 : nr;
    f->nr_items = first;
}

static int open_block(struct fast *f, enum ynode_type type, size_t indent, struct jx_pos pos,
                      bool compact)
{
    struct ynode *n = new_node(f, type, pos);
    struct frame *fr;

    if (!n)
        return DECLINE;
    push_item(f, n);
    ALLOC_GROW(f->frames, f->nr_frames + 1, f->alloc_frames);
    fr = &f->frames[f->nr_frames++];
    memset(fr, 0, sizeof(*fr));
    fr->node = n;
    fr->first = f->nr_items;
    fr->indent = indent;
    fr->compact = compact;
    return 0;
}

static int close_block(struct fast *f)
{
    struct frame *fr = &f->frames[--f->nr_frames];

    if (fr->pending)
        return DECLINE;
    if (fr->node->type == YNODE_MAP && (f->nr_items - fr->first) % 2)
        return DECLINE;
    take_items(f, fr->node, fr->first);
    return 0;
}

static bool is_space_or_end(const char *p, const char *eol)
{
    return p == eol || *p == ' ';
}

/* A block sequence entry: '-' then a space or the end of the line. */
static bool is_dash(const char *s, const char *eol)
{
    return s < eol && *s == '-' && is_space_or_end(s + 1, eol);
}

static const char *skip_spaces(const char *p, const char *eol)
{
    while (p < eol && *p == ' ')
        p++;
    return p;
}

/* After a value: nothing, or a comment that a space separates from it. */
static bool rest_is_blank(const char *p, const char *eol)
{
    const char *q = skip_spaces(p, eol);

    return q == eol || (*q == '#' && q > p);
}

/* Characters that may not start a plain scalar (YAML's c-indicator). */
static bool is_indicator(char c)
{
    switch (c) {
    case '-':
    case '?':
    case ':':
    case ',':
    case '[':
    case ']':
    case '{':
    case '}':
    case '#':
    case '&':
    case '*':
    case '!':
    case '|':
    case '>':
    case '\'':
    case '"':
    case '%':
    case '@':
    case '`':
        return true;
    default:
        return false;
    }
}

static bool is_flow_indicator(char c)
{
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

/* '-', '?' and ':' may start a plain scalar when a non-space follows them. */
static bool plain_may_start(const char *p, const char *eol, bool flow)
{
    if (!is_indicator(*p))
        return true;
    if (*p != '-' && *p != '?' && *p != ':')
        return false;
    if (p + 1 == eol || p[1] == ' ')
        return false;
    return !flow || !is_flow_indicator(p[1]);
}

/* A one-line quoted scalar at p; *after is just past its closing quote. */
static struct ynode *quoted(struct fast *f, const char *p, const char *eol, const char **after)
{
    const char *start = p + 1, *q = start;
    struct jx_pos pos = pos_of(f, start);

    if (*p == '"') {
        const char *close = memchr(start, '"', (size_t)(eol - start));

        if (!close || memchr(start, '\\', (size_t)(close - start)))
            return NULL; /* escapes and multi-line strings go to libfyaml */
        *after = close + 1;
        return new_scalar(f, pos, start, (size_t)(close - start), false);
    }
    /* single quotes: '' stands for one quote */
    while (q < eol) {
        if (*q == '\'') {
            if (q + 1 < eol && q[1] == '\'') {
                q += 2;
                continue;
            }
            break;
        }
        q++;
    }
    if (q == eol)
        return NULL;
    *after = q + 1;
    if (!memchr(start, '\'', (size_t)(q - start)))
        return new_scalar(f, pos, start, (size_t)(q - start), false);
    strbuf_reset(&f->buf);
    yaml_scalar_unquote(start, (size_t)(q - start), false, &f->buf);
    return new_scalar(f, pos, f->buf.buf, f->buf.len, false);
}

/*
 * A plain scalar in a flow collection: up to ',', ']', '}' or ": ". NULL for what the
 * subset leaves out (':' elsewhere, comments, brackets inside, nothing at all).
 */
static struct ynode *flow_plain(struct fast *f, const char *p, const char *eol, const char **after)
{
    const char *q = p, *last;

    if (p == eol || !plain_may_start(p, eol, true))
        return NULL;
    while (q < eol && *q != ',' && *q != ']' && *q != '}') {
        if (*q == ':') {
            if (q + 1 < eol && q[1] == ' ')
                break;
            return NULL;
        }
        if (*q == '[' || *q == '{' || (*q == '#' && q[-1] == ' '))
            return NULL;
        q++;
    }
    last = q;
    while (last > p && last[-1] == ' ')
        last--;
    if (last == p)
        return NULL;
    *after = q;
    return new_scalar(f, pos_of(f, p), p, (size_t)(last - p), true);
}

static struct ynode *flow(struct fast *f, const char *p, const char *eol, const char **after,
                          unsigned depth);

static struct ynode *flow_value(struct fast *f, const char *p, const char *eol, const char **after,
                                unsigned depth)
{
    if (p == eol)
        return NULL;
    if (*p == '[' || *p == '{')
        return flow(f, p, eol, after, depth + 1);
    if (*p == '"' || *p == '\'')
        return quoted(f, p, eol, after);
    return flow_plain(f, p, eol, after);
}

/* A flow collection that opens and closes on this line. */
static struct ynode *flow(struct fast *f, const char *p, const char *eol, const char **after,
                          unsigned depth)
{
    bool map = *p == '{';
    char close = map ? '}' : ']';
    struct ynode *n;
    size_t first = f->nr_items;

    if (depth > MAX_FLOW_DEPTH)
        return NULL;
    n = new_node(f, map ? YNODE_MAP : YNODE_SEQ, pos_of(f, p));
    if (!n)
        return NULL;
    p = skip_spaces(p + 1, eol);
    if (p < eol && *p == close) {
        *after = p + 1;
        return n;
    }
    for (;;) {
        struct ynode *item = flow_value(f, p, eol, &p, depth);

        if (!item)
            return NULL;
        if (map) {
            /* key ": " value; quoted keys too need the space here */
            if (item->type != YNODE_SCALAR || p == eol || *p != ':' || p + 1 == eol || p[1] != ' ')
                return NULL;
            ALLOC_GROW(f->items, f->nr_items + 1, f->alloc_items);
            f->items[f->nr_items++] = item;
            item = flow_value(f, skip_spaces(p + 1, eol), eol, &p, depth);
            if (!item)
                return NULL;
        } else if (p < eol && *p == ':') {
            return NULL; /* a single-pair mapping inside a sequence */
        }
        ALLOC_GROW(f->items, f->nr_items + 1, f->alloc_items);
        f->items[f->nr_items++] = item;
        p = skip_spaces(p, eol);
        if (p < eol && *p == ',') {
            p = skip_spaces(p + 1, eol);
            if (p < eol && *p == close)
                return NULL; /* trailing comma */
            continue;
        }
        if (p < eol && *p == close)
            break;
        return NULL;
    }
    take_items(f, n, first);
    *after = p + 1;
    return n;
}

/*
 * A literal block scalar, "|" or "|-", whose lines follow the current one and are
 * indented deeper than parent_indent. The subset wants text on its first line, no
 * indentation indicator, no keep chomping, blank lines without extra spaces and a line
 * break after the header. libfyaml places the scalar at column 1 of the next line.
 */
static struct ynode *block_scalar(struct fast *f, const char *p, const char *eol,
                                  size_t parent_indent)
{
    bool strip = p + 1 < eol && p[1] == '-';
    struct jx_pos pos = {f->lineno + 1, 1};
    const char *line = f->next, *resume = f->next;
    unsigned lines = 0, resume_lines = 0;
    size_t indent = 0, blanks = 0;
    bool any = false;
    struct ynode *n;

    if (!rest_is_blank(p + 1 + strip, eol))
        return NULL;
    if (f->next == f->end && f->end[-1] != '\n')
        return NULL; /* no line after the header: libfyaml places the scalar elsewhere */
    strbuf_reset(&f->buf);
    while (line < f->end) {
        const char *nl = memchr(line, '\n', (size_t)(f->end - line));
        const char *le, *t;

        if (!nl)
            return NULL;
        le = nl > line && nl[-1] == '\r' ? nl - 1 : nl;
        t = skip_spaces(line, le);
        if (t == le) {
            if (!indent || (size_t)(t - line) > indent)
                return NULL;
            blanks++;
        } else {
            if (!indent) {
                /*
                 * Text no deeper than the parent: libfyaml takes it as content in a
                 * nested block but not at the root; an empty scalar is rare anyway.
                 */
                if ((size_t)(t - line) <= parent_indent)
                    return NULL;
                indent = (size_t)(t - line);
            } else if ((size_t)(t - line) < indent) {
                break;
            }
            if (any)
                strbuf_addch(&f->buf, '\n');
            strbuf_addchars(&f->buf, '\n', blanks);
            strbuf_add(&f->buf, line + indent, (size_t)(le - line) - indent);
            blanks = 0;
            any = true;
            resume = nl + 1;
            resume_lines = lines + 1;
        }
        lines++;
        line = nl + 1;
    }
    if (!any)
        return NULL; /* no text at all: libfyaml's value for that is odd */
    if (!strip)
        strbuf_addch(&f->buf, '\n');
    n = new_scalar(f, pos, f->buf.buf, f->buf.len, false);
    /* Trailing blank lines are left to the line loop, which skips them. */
    f->next = resume;
    f->lineno += resume_lines;
    return n;
}

/* The value after "key: " or "- " on the current line. */
static struct ynode *block_value(struct fast *f, const char *p, const char *eol)
{
    struct ynode *n;
    const char *after, *q, *last;

    if (*p == '|')
        return block_scalar(f, p, eol, f->frames[f->nr_frames - 1].indent);
    if (*p == '"' || *p == '\'' || *p == '[' || *p == '{') {
        n = *p == '"' || *p == '\'' ? quoted(f, p, eol, &after) : flow(f, p, eol, &after, 1);
        return n && rest_is_blank(after, eol) ? n : NULL;
    }
    if (!plain_may_start(p, eol, false))
        return NULL;
    for (q = p; q < eol; q++) {
        if (*q == ':' && is_space_or_end(q + 1, eol))
            return NULL; /* "a: b: c" is an error libfyaml should report */
        if (*q == '#' && q[-1] == ' ')
            break;
    }
    last = q;
    while (last > p && last[-1] == ' ')
        last--;
    return new_scalar(f, pos_of(f, p), p, (size_t)(last - p), true);
}

/*
 * A block mapping key at s. Returns 0 with *key and *after (just past the ':') when s
 * starts "key:" followed by a space or the end of the line; NOT_A_KEY when it is no key;
 * DECLINE for keys outside the subset.
 */
static int block_key(struct fast *f, const char *s, const char *eol, struct ynode **key,
                     const char **after)
{
    const char *q, *last;

    if (*s == '"' || *s == '\'') {
        const char *end;
        struct ynode *n;

        /* Look before building: a quoted scalar that is no key is a value. */
        q = s + 1;
        if (*s == '"') {
            q = memchr(q, '"', (size_t)(eol - q));
        } else {
            while (q < eol) {
                if (*q == '\'' && !(q + 1 < eol && q[1] == '\''))
                    break;
                q += *q == '\'' ? 2 : 1;
            }
            if (q >= eol)
                q = NULL;
        }
        if (!q)
            return DECLINE;
        end = skip_spaces(q + 1, eol);
        if (end == eol || *end != ':' || !is_space_or_end(end + 1, eol))
            return NOT_A_KEY;
        n = quoted(f, s, eol, &q);
        if (!n)
            return DECLINE;
        *key = n;
        *after = end + 1;
        return 0;
    }
    if (!plain_may_start(s, eol, false))
        return DECLINE;
    for (q = s; q < eol; q++) {
        if (*q == ':' && is_space_or_end(q + 1, eol))
            break;
        if (*q == '#' && q[-1] == ' ')
            return NOT_A_KEY;
    }
    if (q == eol)
        return NOT_A_KEY;
    last = q;
    while (last > s && last[-1] == ' ')
        last--;
    if ((size_t)(last - s) > MAX_KEY)
        return DECLINE;
    *key = new_scalar(f, pos_of(f, s), s, (size_t)(last - s), true);
    if (!*key)
        return DECLINE;
    *after = q + 1;
    return 0;
}

/* The rest of "key: value" or "key:" (value to come) in the mapping on top; v is past ':'. */
static int map_value(struct fast *f, struct ynode *key, const char *v, const char *eol)
{
    struct frame *top = &f->frames[f->nr_frames - 1];
    struct ynode *val;

    push_item(f, key);
    v = skip_spaces(v, eol);
    if (v == eol || *v == '#') {
        top->pending = true;
        top->key_pos = key->pos;
        return 0;
    }
    val = block_value(f, v, eol);
    if (!val)
        return DECLINE;
    push_item(f, val);
    return 0;
}

/* "- item", "- key: value" (a compact mapping) or "-" with the item to come. */
static int seq_entry(struct fast *f, const char *s, const char *eol)
{
    const char *v = skip_spaces(s + 1, eol);
    struct ynode *key, *val;
    const char *after;
    int rc;

    if (v == eol || *v == '#') {
        f->frames[f->nr_frames - 1].pending = true;
        return 0;
    }
    if (is_dash(v, eol) || *v == '?')
        return DECLINE;
    if (*v != '"' && *v != '\'' && !plain_may_start(v, eol, false))
        rc = NOT_A_KEY; /* a flow collection or a block scalar; never a key here */
    else
        rc = block_key(f, v, eol, &key, &after);
    if (rc == DECLINE)
        return DECLINE;
    if (rc == 0) {
        /* Everything left of the key is spaces and the dash: bytes are columns here. */
        if (open_block(f, YNODE_MAP, (size_t)(v - f->line), pos_of(f, v), false))
            return DECLINE;
        return map_value(f, key, after, eol);
    }
    val = block_value(f, v, eol);
    if (!val)
        return DECLINE;
    push_item(f, val);
    return 0;
}

static int one_line(struct fast *f, const char *p, const char *eol)
{
    const char *s = skip_spaces(p, eol);
    size_t indent = (size_t)(s - p);
    struct frame *top;

    if (s == eol || *s == '#')
        return 0;
    if (indent == 0 && *s == '%')
        return DECLINE; /* a directive */
    if (indent == 0 && eol - s >= 3 && (!memcmp(s, "---", 3) || !memcmp(s, "...", 3))) {
        /* One "---" before the root is fine; other markers are not. */
        if (f->started || *s == '.' || !rest_is_blank(s + 3, eol))
            return DECLINE;
        f->started = true;
        return 0;
    }

    top = f->nr_frames ? &f->frames[f->nr_frames - 1] : NULL;
    if (top && top->pending) {
        if (indent > top->indent) {
            top->pending = false;
            if (open_block(f, is_dash(s, eol) ? YNODE_SEQ : YNODE_MAP, indent, pos_of(f, s), false))
                return DECLINE;
        } else if (top->node->type == YNODE_MAP && indent == top->indent && is_dash(s, eol)) {
            top->pending = false;
            if (open_block(f, YNODE_SEQ, indent, pos_of(f, s), true))
                return DECLINE;
        } else if (top->node->type == YNODE_MAP) {
            struct ynode *null = new_scalar(f, top->key_pos, "", 0, true);

            if (!null)
                return DECLINE;
            top->pending = false;
            push_item(f, null);
        } else {
            return DECLINE; /* an empty sequence item: libfyaml places it oddly */
        }
    }
    while (f->nr_frames) {
        top = &f->frames[f->nr_frames - 1];
        if (top->indent > indent || (top->compact && top->indent == indent && !is_dash(s, eol))) {
            if (close_block(f))
                return DECLINE;
        } else {
            break;
        }
    }
    if (!f->nr_frames) {
        if (f->doc->root || indent || is_dash(s, eol))
            return DECLINE; /* only a block mapping at column 1 is a root here */
        f->started = true;
        if (open_block(f, YNODE_MAP, 0, pos_of(f, s), false))
            return DECLINE;
    }
    top = &f->frames[f->nr_frames - 1];
    if (top->indent != indent)
        return DECLINE;
    if (top->node->type == YNODE_SEQ)
        return is_dash(s, eol) ? seq_entry(f, s, eol) : DECLINE;
    {
        struct ynode *key;
        const char *after;

        if (block_key(f, s, eol, &key, &after))
            return DECLINE;
        return map_value(f, key, after, eol);
    }
}

static int finish(struct fast *f)
{
    if (f->nr_frames) {
        struct frame *top = &f->frames[f->nr_frames - 1];

        if (top->pending && top->node->type == YNODE_MAP) {
            struct ynode *null = new_scalar(f, top->key_pos, "", 0, true);

            if (!null)
                return DECLINE;
            top->pending = false;
            push_item(f, null);
        }
    }
    while (f->nr_frames)
        if (close_block(f))
            return DECLINE;
    return f->doc->root ? 0 : DECLINE;
}

int yaml_fast_parse(struct yaml_doc *doc, const char *data, size_t len, size_t max_nodes,
                    struct jx_arena *text_arena)
{
    struct fast f = {.doc = doc, .text = text_arena, .max_nodes = max_nodes, .end = data + len};
    const char *p = data, *end = data + len;
    int rc = 0;

    doc->root = NULL;
    doc->nr_nodes = 0;
    strbuf_init(&f.buf, 0);
    if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        p += 3; /* libfyaml skips a BOM without counting it as a column */
    if (!plain_bytes((const unsigned char *)p, (size_t)(end - p)))
        return DECLINE;
    while (p < end && !rc) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;

        if (eol > p && eol[-1] == '\r')
            eol--;
        f.line = p;
        f.next = nl ? nl + 1 : end;
        f.lineno++;
        rc = one_line(&f, p, eol);
        p = f.next;
    }
    if (!rc)
        rc = finish(&f);
    free(f.frames);
    free(f.items);
    strbuf_release(&f.buf);
    if (rc) {
        arena_release(&doc->nodes);
        doc->root = NULL;
        doc->nr_nodes = 0;
    }
    return rc;
}
