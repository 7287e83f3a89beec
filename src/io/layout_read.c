/*
 * Layout and sentence files: YAML parsed into a ynode tree (yaml_doc.c) and decoded by
 * hand, since both shapes are small. Everything decoded is copied into the layout's or
 * table's arena; the tree is released before returning.
 */
#include <string.h>

#include "core/report_sentences.h"
#include "io/layout_read.h"
#include "io/yaml_doc.h"

#define MAX_NODES 20000u

struct rd {
    const char *file;
    struct jx_diags *d;
    struct jx_arena *arena;
};

static void err_at(struct rd *c, struct jx_pos pos, const char *fmt, ...) JX_PRINTF(3, 4);
static void err_at(struct rd *c, struct jx_pos pos, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    jx_diags_vadd(c->d, JX_SEV_ERROR, c->file, pos, fmt, ap);
    va_end(ap);
}

static const struct ynode *deref(const struct ynode *n)
{
    return n && n->type == YNODE_ALIAS ? n->a.target : n;
}

/* The text of a scalar value, or NULL with an error. */
static const char *scalar(struct rd *c, const struct ynode *key, const struct ynode *val)
{
    val = deref(val);
    if (val->type != YNODE_SCALAR || ynode_is_null(val)) {
        err_at(c, val->pos, "'%s' must be text, not %s", key->s.text, ynode_type_name(val));
        return NULL;
    }
    return arena_strndup(c->arena, val->s.text, val->s.len);
}

struct placeholder_check {
    struct rd *c;
    struct jx_pos pos;
    const char *what;
};

static int check_one(const char *name, size_t len, void *data)
{
    struct placeholder_check *pc = data;

    if (!report_placeholder_known(name, len)) {
        err_at(pc->c, pc->pos, "unknown placeholder '{%.*s}' in %s", (int)len, name, pc->what);
        return 2;
    }
    return 0;
}

static void check_placeholders(struct rd *c, struct jx_pos pos, const char *tmpl, const char *what)
{
    struct placeholder_check pc = {c, pos, what};

    if (tmpl && report_placeholders(tmpl, check_one, &pc) == 1)
        err_at(c, pos, "unclosed '{' in %s (write '{{' for a brace)", what);
}

static bool sentence_key_known(const char *key)
{
    for (size_t i = 0; report_sentence_keys[i]; i++)
        if (!strcmp(report_sentence_keys[i], key))
            return true;
    return false;
}

/* A sequence of text values into a NULL-free array in the arena. */
static const char **scalar_list(struct rd *c, const struct ynode *key, const struct ynode *val,
                                size_t *nr)
{
    const char **v;

    val = deref(val);
    *nr = 0;
    if (val->type != YNODE_SEQ) {
        err_at(c, val->pos, "'%s' must be a list, not %s", key->s.text, ynode_type_name(val));
        return NULL;
    }
    v = arena_calloc(c->arena, val->c.nr ? val->c.nr : 1, sizeof(*v));
    for (size_t i = 0; i < val->c.nr; i++) {
        const char *s = scalar(c, key, val->c.items[i]);

        if (s)
            v[(*nr)++] = s;
    }
    return v;
}

static void decode_item(struct rd *c, const struct ynode *map, struct layout_item *it)
{
    bool have_part = false;

    it->pos = map->pos;
    for (size_t i = 0; i < map->c.nr; i++) {
        const struct ynode *key = deref(map->c.items[2 * i]), *val = map->c.items[2 * i + 1];
        const char *k = key->type == YNODE_SCALAR ? key->s.text : "";
        const char *s;

        if (!strcmp(k, "h1") || !strcmp(k, "h2") || !strcmp(k, "h3")) {
            if (have_part)
                err_at(c, key->pos, "an item is one heading or one part, not both");
            have_part = true;
            it->part = LAYOUT_HEADING;
            it->level = (unsigned)(k[1] - '0');
            it->text = scalar(c, key, val);
        } else if (!strcmp(k, "part")) {
            if (have_part)
                err_at(c, key->pos, "an item is one heading or one part, not both");
            have_part = true;
            if ((s = scalar(c, key, val)) && layout_part_from_name(s, &it->part))
                err_at(c, deref(val)->pos,
                       "unknown part '%s' (see docs/report.md for the list of parts)", s);
        } else if (!strcmp(k, "fields")) {
            it->fields = scalar_list(c, key, val, &it->nr_fields);
            for (size_t j = 0; j < it->nr_fields; j++)
                if (!report_field_known(it->fields[j]))
                    err_at(c, deref(val)->pos, "unknown text field '%s'", it->fields[j]);
        } else if (!strcmp(k, "label")) {
            it->label = scalar(c, key, val);
        } else if (!strcmp(k, "fallback")) {
            /* "conclusion" picks conclusion_all or conclusion_some from the scores. */
            if ((s = scalar(c, key, val)) && !sentence_key_known(s) && strcmp(s, "conclusion"))
                err_at(c, deref(val)->pos, "unknown sentence '%s'", s);
            it->fallback = s;
        } else if (!strcmp(k, "empty")) {
            it->empty = scalar(c, key, val);
        } else if (!strcmp(k, "caption")) {
            it->caption = scalar(c, key, val);
        } else if (!strcmp(k, "heading")) {
            it->text = scalar(c, key, val);
            check_placeholders(c, deref(val)->pos, it->text, "the heading");
        } else if (!strcmp(k, "level")) {
            s = scalar(c, key, val);
            if (s && (strlen(s) != 1 || s[0] < '1' || s[0] > '3'))
                err_at(c, deref(val)->pos, "'level' must be 1, 2 or 3, not '%s'", s);
            else if (s)
                it->level = (unsigned)(s[0] - '0');
        } else {
            err_at(c, key->pos,
                   "unknown item key '%s' (expected h1, h2, h3, part, fields, label, fallback, "
                   "empty, caption, heading or level)",
                   k);
        }
    }
    if (!have_part)
        err_at(c, map->pos, "an item needs 'h1', 'h2', 'h3' or 'part'");
    else if (it->part == LAYOUT_TEXT && !it->nr_fields && !it->fallback && !it->empty)
        err_at(c, map->pos, "a text part needs 'fields', 'fallback' or 'empty'");
    if (!it->level)
        it->level = 2;
}

static void decode_layout(struct rd *c, const struct ynode *root, struct report_layout *l)
{
    bool have_items = false;

    for (size_t i = 0; i < root->c.nr; i++) {
        const struct ynode *key = deref(root->c.items[2 * i]), *val = root->c.items[2 * i + 1];
        const char *k = key->type == YNODE_SCALAR ? key->s.text : "";
        const char *s;

        if (!strcmp(k, "name")) {
            l->name = scalar(c, key, val);
        } else if (!strcmp(k, "title")) {
            l->title = scalar(c, key, val);
            check_placeholders(c, deref(val)->pos, l->title, "the title");
        } else if (!strcmp(k, "subtitle")) {
            l->subtitle = scalar(c, key, val);
            check_placeholders(c, deref(val)->pos, l->subtitle, "the subtitle");
        } else if (!strcmp(k, "page")) {
            s = scalar(c, key, val);
            if (s && !strcmp(s, "portrait"))
                l->page = REPORT_PORTRAIT;
            else if (s && !strcmp(s, "landscape"))
                l->page = REPORT_LANDSCAPE;
            else if (s)
                err_at(c, deref(val)->pos, "'page' must be portrait or landscape, not '%s'", s);
        } else if (!strcmp(k, "items")) {
            const struct ynode *seq = deref(val);

            have_items = true;
            if (seq->type != YNODE_SEQ) {
                err_at(c, seq->pos, "'items' must be a list, not %s", ynode_type_name(seq));
                continue;
            }
            l->items = arena_calloc(c->arena, seq->c.nr ? seq->c.nr : 1, sizeof(*l->items));
            for (size_t j = 0; j < seq->c.nr; j++) {
                const struct ynode *item = deref(seq->c.items[j]);

                if (item->type != YNODE_MAP) {
                    err_at(c, item->pos, "an item must be a mapping, not %s",
                           ynode_type_name(item));
                    continue;
                }
                decode_item(c, item, &l->items[l->nr_items++]);
            }
        } else {
            err_at(c, key->pos,
                   "unknown layout key '%s' (expected name, title, subtitle, page or items)", k);
        }
    }
    if (!l->name)
        err_at(c, root->pos, "a layout needs a 'name'");
    if (!have_items)
        err_at(c, root->pos, "a layout needs 'items'");
}

/* Parses data and hands the root mapping to fn; the shared frame of both readers. */
static int read_doc(const char *data, size_t len, const char *name, struct jx_arena *arena,
                    struct jx_diags *d,
                    void (*fn)(struct rd *c, const struct ynode *root, void *obj), void *obj)
{
    struct yaml_doc doc = YAML_DOC_INIT;
    struct rd c = {name, d, arena};
    size_t errors = d->errors;

    if (len > LAYOUT_READ_MAX_BYTES) {
        err_at(&c, (struct jx_pos){0, 0}, "file is larger than %u bytes", LAYOUT_READ_MAX_BYTES);
        return JX_EINVAL;
    }
    if (yaml_doc_parse(&doc, data, len, name, 0, MAX_NODES, arena, d) == 0) {
        const struct ynode *root = deref(doc.root);

        if (!root)
            err_at(&c, (struct jx_pos){1, 1}, "file is empty");
        else if (root->type != YNODE_MAP)
            err_at(&c, root->pos, "expected a mapping at the top, not %s", ynode_type_name(root));
        else
            fn(&c, root, obj);
    }
    yaml_doc_release(&doc);
    return d->errors > errors ? JX_EINVAL : 0;
}

static void layout_fn(struct rd *c, const struct ynode *root, void *obj)
{
    decode_layout(c, root, obj);
}

int layout_read(const char *data, size_t len, const char *name, struct report_layout *l,
                struct jx_diags *d)
{
    l->file = arena_strdup(&l->arena, name);
    return read_doc(data, len, name, &l->arena, d, layout_fn, l);
}

static void decode_categories(struct rd *c, const struct ynode *key, const struct ynode *val,
                              struct report_sentences *s)
{
    val = deref(val);
    if (val->type != YNODE_SEQ) {
        err_at(c, val->pos, "'%s' must be a list, not %s", key->s.text, ynode_type_name(val));
        return;
    }
    s->categories = arena_calloc(c->arena, val->c.nr ? val->c.nr : 1, sizeof(*s->categories));
    for (size_t i = 0; i < val->c.nr; i++) {
        const struct ynode *m = deref(val->c.items[i]);
        struct report_problem_category *cat = &s->categories[s->nr_categories];

        if (m->type != YNODE_MAP) {
            err_at(c, m->pos, "a category must be a mapping, not %s", ynode_type_name(m));
            continue;
        }
        for (size_t j = 0; j < m->c.nr; j++) {
            const struct ynode *k = deref(m->c.items[2 * j]), *v = m->c.items[2 * j + 1];
            const char *ks = k->type == YNODE_SCALAR ? k->s.text : "";

            if (!strcmp(ks, "name"))
                cat->name = scalar(c, k, v);
            else if (!strcmp(ks, "keywords"))
                cat->keywords = scalar_list(c, k, v, &cat->nr_keywords);
            else
                err_at(c, k->pos, "unknown category key '%s' (expected name or keywords)", ks);
        }
        if (!cat->name || !cat->nr_keywords)
            err_at(c, m->pos, "a category needs a 'name' and 'keywords'");
        else
            s->nr_categories++;
    }
}

static void sentences_fn(struct rd *c, const struct ynode *root, void *obj)
{
    struct report_sentences *s = obj;

    for (size_t i = 0; i < root->c.nr; i++) {
        const struct ynode *key = deref(root->c.items[2 * i]), *val = root->c.items[2 * i + 1];
        const char *k = key->type == YNODE_SCALAR ? key->s.text : "";

        if (!strcmp(k, "sentences")) {
            const struct ynode *m = deref(val);

            if (m->type != YNODE_MAP) {
                err_at(c, m->pos, "'sentences' must be a mapping, not %s", ynode_type_name(m));
                continue;
            }
            for (size_t j = 0; j < m->c.nr; j++) {
                const struct ynode *sk = deref(m->c.items[2 * j]);
                const char *text = scalar(c, sk, m->c.items[2 * j + 1]);

                if (sk->type != YNODE_SCALAR || !sentence_key_known(sk->s.text)) {
                    err_at(c, sk->pos, "unknown sentence '%s'",
                           sk->type == YNODE_SCALAR ? sk->s.text : "");
                    continue;
                }
                if (!text)
                    continue;
                check_placeholders(c, deref(m->c.items[2 * j + 1])->pos, text, "the sentence");
                report_sentences_set(s, sk->s.text, text);
            }
        } else if (!strcmp(k, "problem_categories")) {
            decode_categories(c, key, val, s);
        } else if (!strcmp(k, "default_category")) {
            s->default_category = scalar(c, key, val);
        } else {
            err_at(c, key->pos,
                   "unknown key '%s' (expected sentences, problem_categories or "
                   "default_category)",
                   k);
        }
    }
    for (size_t i = 0; report_sentence_keys[i]; i++)
        if (!report_sentences_get(s, report_sentence_keys[i]))
            err_at(c, root->pos, "sentence '%s' is missing", report_sentence_keys[i]);
    if (!s->default_category)
        err_at(c, root->pos, "'default_category' is missing");
}

int sentences_read(const char *data, size_t len, const char *name, struct report_sentences *s,
                   struct jx_diags *d)
{
    return read_doc(data, len, name, &s->arena, d, sentences_fn, s);
}
