/*
 * Builds the ynode tree from libfyaml's events. Invariant: while a container is open its
 * items sit on one shared stack above the index where it started; when it closes they
 * are copied into one arena array and popped, so building is linear in the events and
 * allocates once per container. Aliases are resolved here (anchor table, latest
 * definition wins) but never expanded: an alias to a still-open container is refused as
 * recursive, so the tree is acyclic and expansion is the decoder's business.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libfyaml.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "io/yaml_doc.h"
#include "io/yaml_fast.h"
#include "io/yaml_scalar.h"

struct anchor {
    const char *name; /* in the node arena */
    size_t len;
    uint32_t hash;
    struct ynode *node;
};

struct open_node {
    struct ynode *node;
    size_t first; /* index of its first item on the item stack */
};

struct builder {
    struct yaml_doc *doc;
    struct jx_arena *text;
    const char *name;
    struct jx_diags *d;
    const char *data; /* the input, for scalars taken as written */
    size_t len;
    size_t max_nodes;
    struct jx_pos last; /* position of the latest event that had one */
    unsigned docs;
    bool failed;

    struct ynode **items;
    size_t nr_items, alloc_items;
    struct open_node *open;
    size_t nr_open, alloc_open;

    struct anchor *anchors; /* open addressing, power-of-two size, at most half full */
    size_t nr_anchors, alloc_anchors;

    struct strbuf text_buf; /* quoted scalars being unquoted */
};

static uint32_t hash_name(const char *s, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a */

    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static struct anchor *anchor_slot(struct anchor *tab, size_t alloc, const char *name, size_t len,
                                  uint32_t hash)
{
    size_t i = hash & (alloc - 1);

    while (tab[i].name &&
           !(tab[i].hash == hash && tab[i].len == len && !memcmp(tab[i].name, name, len)))
        i = (i + 1) & (alloc - 1);
    return &tab[i];
}

static void anchor_set(struct builder *b, const char *name, size_t len, struct ynode *node)
{
    uint32_t hash = hash_name(name, len);
    struct anchor *slot;

    if (2 * (b->nr_anchors + 1) > b->alloc_anchors) {
        size_t alloc = b->alloc_anchors ? 2 * b->alloc_anchors : 16;
        struct anchor *tab = xcalloc(alloc, sizeof(*tab));

        for (size_t i = 0; i < b->alloc_anchors; i++)
            if (b->anchors[i].name)
                *anchor_slot(tab, alloc, b->anchors[i].name, b->anchors[i].len,
                             b->anchors[i].hash) = b->anchors[i];
        free(b->anchors);
        b->anchors = tab;
        b->alloc_anchors = alloc;
    }
    slot = anchor_slot(b->anchors, b->alloc_anchors, name, len, hash);
    if (!slot->name) {
        slot->name = arena_strndup(&b->doc->nodes, name, len);
        slot->len = len;
        slot->hash = hash;
        b->nr_anchors++;
    }
    slot->node = node; /* a redefined anchor points at its latest node */
}

static struct ynode *anchor_get(struct builder *b, const char *name, size_t len)
{
    struct anchor *slot;

    if (!b->alloc_anchors)
        return NULL;
    slot = anchor_slot(b->anchors, b->alloc_anchors, name, len, hash_name(name, len));
    return slot->name ? slot->node : NULL;
}

static void diag_error(struct builder *b, struct jx_pos pos, const char *fmt, ...) JX_PRINTF(3, 4);
static void diag_error(struct builder *b, struct jx_pos pos, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    jx_diags_vadd(b->d, JX_SEV_ERROR, b->name, pos, fmt, ap);
    va_end(ap);
    b->failed = true;
}

static struct jx_pos event_pos(struct builder *b, struct fy_event *e)
{
    const struct fy_mark *m = fy_event_start_mark(e);

    if (m && m->line >= 0 && m->column >= 0) {
        b->last.line = (unsigned)m->line + 1;
        b->last.col = (unsigned)m->column + 1;
    }
    /* An empty value ("key:") has no mark of its own: it sits where the key ended. */
    return b->last;
}

/*
 * The text of a plain or block scalar token, or of an anchor, folded as libfyaml does.
 * (Quoted scalars never come here: fy_token_get_text() leaks on those with escapes.)
 */
static const char *token_text(struct fy_token *t, size_t *len)
{
    const char *s = t ? fy_token_get_text(t, len) : NULL;

    if (!s) {
        *len = 0;
        return "";
    }
    return s;
}

static struct ynode *new_node(struct builder *b, enum ynode_type type, struct jx_pos pos)
{
    struct ynode *n;

    if (b->doc->nr_nodes >= b->max_nodes) {
        diag_error(b, pos, "file has more than %zu nodes; split it or simplify it", b->max_nodes);
        return NULL;
    }
    n = arena_alloc(&b->doc->nodes, sizeof(*n));
    n->type = (unsigned char)type;
    n->pos = pos;
    b->doc->nr_nodes++;
    return n;
}

/* Places n as the next item of the innermost open container, or as the root. */
static void attach(struct builder *b, struct ynode *n)
{
    if (!b->nr_open) {
        b->doc->root = n;
        return;
    }
    ALLOC_GROW(b->items, b->nr_items + 1, b->alloc_items);
    b->items[b->nr_items++] = n;
}

static void add_anchor(struct builder *b, struct fy_event *e, struct ynode *n)
{
    struct fy_token *t = fy_event_get_anchor_token(e);
    const char *name;
    size_t len;

    if (!t)
        return;
    name = token_text(t, &len);
    anchor_set(b, name, len, n);
}

/*
 * The text of a scalar from the source itself, when libfyaml need not format it: one
 * line of plain text, or any quoted scalar (unquoted here, see yaml_scalar.h). That is
 * most scalars, and it spares libfyaml formatting each into a buffer of its own (a third
 * of the parse time). NULL for the others: plain multi-line and block scalars.
 */
static const char *source_text(struct builder *b, struct fy_token *t, enum fy_scalar_style style,
                               size_t *len)
{
    const struct fy_mark *start = fy_token_start_mark(t), *end = fy_token_end_mark(t);
    const char *s;
    size_t n;

    if (!start || !end || end->input_pos < start->input_pos || end->input_pos > b->len)
        return NULL;
    s = b->data + start->input_pos;
    n = end->input_pos - start->input_pos;
    switch (style) {
    case FYSS_PLAIN:
        if (memchr(s, '\n', n) || memchr(s, '\r', n))
            return NULL;
        break;
    case FYSS_SINGLE_QUOTED:
    case FYSS_DOUBLE_QUOTED:
        if (memchr(s, style == FYSS_DOUBLE_QUOTED ? '\\' : '\'', n) || memchr(s, '\n', n) ||
            memchr(s, '\r', n)) {
            strbuf_reset(&b->text_buf);
            yaml_scalar_unquote(s, n, style == FYSS_DOUBLE_QUOTED, &b->text_buf);
            s = b->text_buf.buf;
            n = b->text_buf.len;
        }
        break;
    default:
        return NULL;
    }
    *len = n;
    return s;
}

static void on_scalar(struct builder *b, struct fy_event *e)
{
    struct fy_token *t = fy_event_get_token(e);
    struct ynode *n = new_node(b, YNODE_SCALAR, event_pos(b, e));
    enum fy_scalar_style style = t ? fy_token_scalar_style(t) : FYSS_PLAIN;
    const char *text = NULL;
    size_t len = 0;

    if (!n)
        return;
    if (t)
        text = source_text(b, t, style, &len);
    if (!text)
        text = token_text(t, &len);
    n->plain = style == FYSS_PLAIN;
    n->s.text = arena_strndup(b->text, text, len);
    n->s.len = len;
    add_anchor(b, e, n);
    attach(b, n);
}

static void on_alias(struct builder *b, struct fy_event *e)
{
    struct jx_pos pos = event_pos(b, e);
    struct fy_token *t = fy_event_get_token(e);
    struct ynode *target, *n;
    const char *name;
    size_t len;

    /* libfyaml marks the name; the alias starts at the '*' just before it. */
    if (pos.col > 1)
        pos.col--;
    name = token_text(t, &len);
    target = anchor_get(b, name, len);
    if (!target) {
        diag_error(b, pos, "alias '*%.*s' has no anchor '&%.*s' before it", (int)len, name,
                   (int)len, name);
        return;
    }
    if (target->open) {
        diag_error(b, pos, "alias '*%.*s' is inside its own anchor (a recursive alias)", (int)len,
                   name);
        return;
    }
    n = new_node(b, YNODE_ALIAS, pos);
    if (!n)
        return;
    n->a.target = target;
    n->a.name = arena_strndup(&b->doc->nodes, name, len);
    attach(b, n);
}

static void on_start(struct builder *b, struct fy_event *e, enum ynode_type type)
{
    struct ynode *n = new_node(b, type, event_pos(b, e));

    if (!n)
        return;
    n->open = true;
    add_anchor(b, e, n);
    attach(b, n);
    ALLOC_GROW(b->open, b->nr_open + 1, b->alloc_open);
    b->open[b->nr_open].node = n;
    b->open[b->nr_open].first = b->nr_items;
    b->nr_open++;
}

static void on_end(struct builder *b)
{
    struct open_node *o;
    struct ynode *n;
    size_t nr;

    if (!b->nr_open)
        JX_BUG("container end without a start");
    o = &b->open[--b->nr_open];
    n = o->node;
    nr = b->nr_items - o->first;
    if (nr) {
        n->c.items = arena_calloc(&b->doc->nodes, nr, sizeof(*n->c.items));
        memcpy(n->c.items, b->items + o->first, nr * sizeof(*n->c.items));
    }
    n->c.nr = n->type == YNODE_MAP ? nr / 2 : nr;
    n->open = false;
    b->nr_items = o->first;
}

static void on_event(struct builder *b, struct fy_event *e)
{
    switch (e->type) {
    case FYET_DOCUMENT_START:
        if (++b->docs > 1)
            diag_error(b, event_pos(b, e),
                       "a second document starts here; an evaluation file holds one");
        break;
    case FYET_SCALAR:
        on_scalar(b, e);
        break;
    case FYET_ALIAS:
        on_alias(b, e);
        break;
    case FYET_SEQUENCE_START:
        on_start(b, e, YNODE_SEQ);
        break;
    case FYET_MAPPING_START:
        on_start(b, e, YNODE_MAP);
        break;
    case FYET_SEQUENCE_END:
    case FYET_MAPPING_END:
        on_end(b);
        break;
    default:
        break;
    }
}

static void noop_output(struct fy_diag *diag, void *user, const char *buf, size_t len)
{
    (void)diag;
    (void)user;
    (void)buf;
    (void)len;
}

/* libfyaml stops at its first syntax error; report what it collected, in its words. */
static void report_syntax(struct builder *b, struct fy_diag *diag)
{
    struct fy_diag_error *de;
    void *iter = NULL;
    size_t before = b->d->errors;

    while ((de = fy_diag_errors_iterate(diag, &iter))) {
        struct jx_pos pos = b->last;
        const char *msg = de->msg ? de->msg : "syntax error";
        size_t len = strlen(msg);
        char first = 0;

        if (de->type < FYET_ERROR)
            continue;
        while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' ' || msg[len - 1] == '.'))
            len--;
        /* House style starts lowercase; acronyms ("JSON disallows ...") stay as they are. */
        if (len > 1 && msg[0] >= 'A' && msg[0] <= 'Z' && msg[1] >= 'a' && msg[1] <= 'z') {
            first = (char)(msg[0] - 'A' + 'a');
            msg++;
            len--;
        }
        if (de->line > 0) {
            pos.line = (unsigned)de->line;
            pos.col = de->column > 0 ? (unsigned)de->column : 0;
        }
        if (first)
            diag_error(b, pos, "%c%.*s", first, (int)len, msg);
        else
            diag_error(b, pos, "%.*s", (int)len, msg);
    }
    if (b->d->errors == before)
        diag_error(b, b->last, "syntax error");
}

int yaml_doc_parse(struct yaml_doc *doc, const char *data, size_t len, const char *name,
                   unsigned flags, size_t max_nodes, struct jx_arena *text_arena,
                   struct jx_diags *d)
{
    struct builder b = {.doc = doc, .text = text_arena, .name = name, .d = d};
    struct fy_diag_cfg dcfg;
    struct fy_diag *diag;
    struct fy_parse_cfg cfg = {0};
    struct fy_parser *p = NULL;
    struct fy_event *e;
    int ret = JX_ESYNTAX;

    b.data = data;
    b.len = len;
    b.max_nodes = max_nodes;
    b.last.line = b.last.col = 1;
    doc->root = NULL;
    doc->nr_nodes = 0;
    if (!(flags & (YAML_DOC_JSON | YAML_DOC_NO_FAST)) &&
        yaml_fast_parse(doc, data, len, max_nodes, text_arena) == 0)
        return 0;

    /* Our own diag object: collected, never printed (the default one probes the tty). */
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = NULL;
    dcfg.output_fn = noop_output;
    dcfg.colorize = false;
    diag = fy_diag_create(&dcfg);
    if (!diag)
        JX_BUG("libfyaml could not create a diagnostic object");
    fy_diag_set_collect_errors(diag, true);

    cfg.flags = FYPCF_QUIET | FYPCF_COLLECT_DIAG |
                (flags & YAML_DOC_JSON ? FYPCF_JSON_FORCE : FYPCF_JSON_NONE);
    cfg.diag = diag;
    p = fy_parser_create(&cfg);
    if (!p || fy_parser_set_string(p, data, len) != 0)
        JX_BUG("libfyaml could not create a parser");
    strbuf_init(&b.text_buf, 0);

    while (!b.failed && (e = fy_parser_parse(p))) {
        on_event(&b, e);
        fy_parser_event_free(p, e);
    }
    if (!b.failed && fy_parser_get_stream_error(p))
        report_syntax(&b, diag);
    if (!b.failed)
        ret = 0;
    else
        doc->root = NULL;

    strbuf_release(&b.text_buf);
    fy_parser_destroy(p);
    fy_diag_destroy(diag);
    free(b.items);
    free(b.open);
    free(b.anchors);
    return ret;
}

void yaml_doc_release(struct yaml_doc *doc)
{
    arena_release(&doc->nodes);
    doc->root = NULL;
    doc->nr_nodes = 0;
}

bool ynode_is_null(const struct ynode *n)
{
    if (n->type != YNODE_SCALAR || !n->plain)
        return false;
    switch (n->s.len) {
    case 0:
        return true;
    case 1:
        return n->s.text[0] == '~';
    case 4:
        return !strcmp(n->s.text, "null") || !strcmp(n->s.text, "Null") ||
               !strcmp(n->s.text, "NULL");
    default:
        return false;
    }
}

const char *ynode_type_name(const struct ynode *n)
{
    switch (n->type) {
    case YNODE_SEQ:
        return "a sequence";
    case YNODE_MAP:
        return "a mapping";
    case YNODE_ALIAS:
        return ynode_type_name(n->a.target);
    default:
        return ynode_is_null(n) ? "nothing" : "a scalar";
    }
}

bool ynode_same(const struct ynode *a, const struct ynode *b, struct strbuf *why)
{
    size_t nr;

    if (!a || !b) {
        if (a != b && why)
            strbuf_addf(why, "one tree is empty");
        return a == b;
    }
    if (a->type != b->type || a->plain != b->plain || a->pos.line != b->pos.line ||
        a->pos.col != b->pos.col) {
        if (why)
            strbuf_addf(why, "node %u:%u (type %d, plain %d) vs %u:%u (type %d, plain %d)",
                        a->pos.line, a->pos.col, a->type, a->plain, b->pos.line, b->pos.col,
                        b->type, b->plain);
        return false;
    }
    switch (a->type) {
    case YNODE_SCALAR:
        if (a->s.len != b->s.len || memcmp(a->s.text, b->s.text, a->s.len)) {
            if (why)
                strbuf_addf(why, "scalar at %u:%u: '%s' vs '%s'", a->pos.line, a->pos.col,
                            a->s.text, b->s.text);
            return false;
        }
        return true;
    case YNODE_ALIAS:
        return ynode_same(a->a.target, b->a.target, why);
    default:
        if (a->c.nr != b->c.nr) {
            if (why)
                strbuf_addf(why, "container at %u:%u: %zu vs %zu items", a->pos.line, a->pos.col,
                            a->c.nr, b->c.nr);
            return false;
        }
        nr = a->type == YNODE_MAP ? 2 * a->c.nr : a->c.nr;
        for (size_t i = 0; i < nr; i++)
            if (!ynode_same(a->c.items[i], b->c.items[i], why))
                return false;
        return true;
    }
}
