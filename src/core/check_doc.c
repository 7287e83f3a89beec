/*
 * An existing report seen as an evaluation, so that the review rules written for
 * evaluation files run on reports too (check.h, struct check_doc). Sections are mapped to
 * the fields of the 参考提纲 by the words of their titles ("存在的问题" -> problems); a
 * numbered sub-section with no such words belongs to its parent's field, and a paragraph
 * that opens with a label ("存在问题及原因分析：…") goes to that label's field. Invariant:
 * every position is {line of the report's text, 1}, so that the CLI can turn it into
 * section and paragraph; every string lives in the evaluation's arena.
 */
#include <stdlib.h>
#include <string.h>

#include "core/check_impl.h"
#include "core/grade.h"
#include "core/qty.h"
#include "core/xalloc.h"

enum field {
    F_CONTENT,
    F_BASIS,
    F_OVERALL,
    F_PHASED,
    F_PURPOSE,
    F_SCOPE,
    F_METHODS,
    F_SUMMARY,
    F_CONCLUSION,
    F_EXPERIENCE,
    F_PROBLEMS,
    F_SUGGESTIONS,
    F_OTHER,
    F_COUNT
};

static const struct {
    const char *word;
    enum field field;
} field_words[] = {
    {"项目内容", F_CONTENT},     {"立项依据", F_BASIS},       {"总体目标", F_OVERALL},
    {"阶段性目标", F_PHASED},    {"阶段目标", F_PHASED},      {"年度目标", F_PHASED},
    {"评价目的", F_PURPOSE},     {"对象和范围", F_SCOPE},     {"评价对象", F_SCOPE},
    {"评价范围", F_SCOPE},       {"评价方法", F_METHODS},     {"评价原则", F_METHODS},
    {"综合评价", F_SUMMARY},     {"评价结论", F_CONCLUSION},  {"总体结论", F_CONCLUSION},
    {"主要经验", F_EXPERIENCE},  {"主要做法", F_EXPERIENCE},  {"经验及做法", F_EXPERIENCE},
    {"存在的问题", F_PROBLEMS},  {"存在问题", F_PROBLEMS},    {"有关建议", F_SUGGESTIONS},
    {"相关建议", F_SUGGESTIONS}, {"改进建议", F_SUGGESTIONS}, {"其他需要说明", F_OTHER},
};

/* Fields named in s[0..len): a bit per field. */
static unsigned fields_in(const char *s, size_t len)
{
    unsigned bits = 0;

    for (size_t i = 0; i < ARRAY_SIZE(field_words); i++) {
        size_t n = strlen(field_words[i].word);

        for (size_t k = 0; n <= len && k <= len - n; k++)
            if (!memcmp(s + k, field_words[i].word, n)) {
                bits |= 1u << field_words[i].field;
                break;
            }
    }
    return bits;
}

/* A label before a colon at most 16 characters in: "存在问题及原因分析：". */
static const char *label_end(const char *s, size_t *label_len)
{
    const char *c = strstr(s, "：");
    const char *a = strchr(s, ':');

    if (!c || (a && a < c))
        c = a;
    if (!c || c == s || c - s > 16 * 3)
        return NULL;
    *label_len = (size_t)(c - s);
    return c + (*c == ':' ? 1 : strlen("："));
}

struct builder {
    struct check_doc *doc;
    struct strbuf text[F_COUNT];
    unsigned line[F_COUNT];
    struct strbuf *analysis; /* one per 一级指标 */
    unsigned *analysis_line;
    struct strbuf all;
};

static void add_to(struct builder *b, unsigned bits, long row, const char *s, unsigned line)
{
    if (!*s)
        return;
    for (unsigned f = 0; f < F_COUNT; f++) {
        if (!(bits & (1u << f)))
            continue;
        if (b->text[f].len)
            strbuf_addch(&b->text[f], '\n');
        else
            b->line[f] = line;
        strbuf_addstr(&b->text[f], s);
    }
    if (row >= 0) {
        if (b->analysis[row].len)
            strbuf_addch(&b->analysis[row], '\n');
        else
            b->analysis_line[row] = line;
        strbuf_addstr(&b->analysis[row], s);
    }
}

/* The 一级指标 whose name the title holds ("项目决策情况" for 项目决策), or -1. */
static long row_in(const struct jx_eval *ev, const char *title)
{
    for (size_t i = 0; i < ev->root.nr_children; i++) {
        const char *name = ev->root.children[i].name;

        if (*name && strstr(title, name))
            return (long)i;
    }
    return -1;
}

/* Styles nest in the order they first appear: the first style seen is the outermost. */
struct level {
    unsigned depth;
    unsigned bits;
    long row;
};

static void map_sections(struct builder *b, const struct report_extract *rx)
{
    const char *styles[8];
    size_t nr_styles = 0;
    struct level stack[8];
    size_t top = 0;
    unsigned bits = 0;
    long row = -1;

    for (size_t i = 0; i < rx->nr_paras; i++) {
        const struct rx_para *p = &rx->paras[i];
        const char *body = p->text;
        unsigned pbits = bits;
        long prow = row;
        size_t llen;
        const char *after;

        strbuf_addstr(&b->all, p->text);
        strbuf_addch(&b->all, '\n');
        if (p->number == 0 && p->section) {
            const struct rx_section *s = &rx->sections[p->section - 1];
            unsigned depth = 0, own;
            long own_row;

            while (depth < nr_styles && strcmp(styles[depth], s->style))
                depth++;
            if (depth == nr_styles && nr_styles < ARRAY_SIZE(styles))
                styles[nr_styles++] = s->style;
            while (top && stack[top - 1].depth >= depth)
                top--;
            after = label_end(s->title, &llen);
            own = fields_in(s->title, after ? llen : strlen(s->title));
            own_row = row_in(&b->doc->ev, s->title);
            bits = own ? own : top ? stack[top - 1].bits : 0;
            row = own_row >= 0 ? own_row : (own || !top) ? -1 : stack[top - 1].row;
            if (top < ARRAY_SIZE(stack))
                stack[top++] = (struct level){depth, bits, row};
            /* "2.项目内容：为推进……": the heading carries its text */
            if (after)
                add_to(b, bits, row, after, p->line);
            continue;
        }
        after = label_end(body, &llen);
        if (after && fields_in(body, llen)) {
            pbits = fields_in(body, llen);
            prow = -1;
            body = after;
        }
        add_to(b, pbits, prow, body, p->line);
    }
}

static const char *keep(struct jx_eval *ev, const struct strbuf *sb)
{
    return sb->len ? arena_strndup(&ev->arena, sb->buf, sb->len) : NULL;
}

static struct jx_pos at(unsigned line)
{
    return (struct jx_pos){line, line ? 1 : 0};
}

/* "上半年完成……；下半年……。": one phase per clause, its period when it opens with one. */
static void split_phases(struct jx_eval *ev, const char *text, unsigned line)
{
    static const char *const periods[] = {"上半年",   "下半年",   "第一季度", "第二季度",
                                          "第三季度", "第四季度", "一季度",   "二季度",
                                          "三季度",   "四季度",   "年底前",   NULL};
    size_t cap = 0;

    for (const char *p = text; *p;) {
        const char *e = strstr(p, "；");
        const char *dot = strstr(p, "。");
        const char *period = NULL;
        size_t len;

        if (!e || (dot && dot < e))
            e = dot;
        len = e ? (size_t)(e - p) : strlen(p);
        for (const char *const *w = periods; *w && !period; w++)
            if (!strncmp(p, *w, strlen(*w)))
                period = *w;
        if (len) {
            struct jx_phase *ph;
            size_t skip = period ? strlen(period) : 0;

            if (ev->project.nr_phases == cap) {
                struct jx_phase *grown;

                cap = cap ? cap * 2 : 4;
                grown = arena_calloc(&ev->arena, cap, sizeof(*grown));
                if (ev->project.nr_phases)
                    memcpy(grown, ev->project.phases, ev->project.nr_phases * sizeof(*grown));
                ev->project.phases = grown;
            }
            ph = &ev->project.phases[ev->project.nr_phases++];
            ph->period = period ? period : "阶段性目标";
            if (!strncmp(p + skip, "，", 3))
                skip += 3;
            ph->goal = arena_strndup(&ev->arena, p + skip, len - skip);
            ph->pos = at(line);
        }
        if (!e)
            break;
        p = e + 3;
    }
}

/* A date alone on a line ("2023年3月20日") and the signing unit on the line before it. */
static void find_signature(struct jx_eval *ev, const struct report_extract *rx)
{
    for (size_t k = rx->nr_paras; k-- > 0 && k + 4 >= rx->nr_paras;) {
        const char *t = rx->paras[k].text;
        const char *y = strstr(t, "年"), *m = y ? strstr(y, "月") : NULL;
        const char *d = m ? strstr(m, "日") : NULL;

        if (!d || d[3] || t[0] < '0' || t[0] > '9' || strlen(t) > 24)
            continue;
        ev->signature.date = arena_strdup(&ev->arena, t);
        ev->text_pos.signature = at(rx->paras[k].line);
        if (k > 0 && rx->paras[k - 1].number && strlen(rx->paras[k - 1].text) <= 60 &&
            !strstr(rx->paras[k - 1].text, "。"))
            ev->signature.unit = arena_strdup(&ev->arena, rx->paras[k - 1].text);
        return;
    }
}

static struct jx_indicator *add_child(struct jx_eval *ev, struct jx_indicator *parent, size_t cap)
{
    struct jx_indicator *c;

    if (!parent->children)
        parent->children = arena_calloc(&ev->arena, cap, sizeof(*parent->children));
    c = &parent->children[parent->nr_children++];
    eval_indicator_init(c);
    c->depth = parent->depth + 1;
    return c;
}

static void leaf_from_row(struct jx_eval *ev, struct jx_indicator *leaf,
                          const struct rx_form_row *r)
{
    leaf->name = arena_strdup(&ev->arena, r->name);
    leaf->pos = leaf->target_pos = leaf->actual_pos = leaf->score_pos = at(r->line);
    leaf->weight = r->weight;
    leaf->has_weight = r->has_weight;
    leaf->score = r->has_score ? r->score : 0;
    leaf->scored = r->has_score;
    leaf->target_text = arena_strdup(&ev->arena, r->target);
    leaf->actual_text = arena_strdup(&ev->arena, r->actual);
    leaf->has_target = *r->target && !qty_parse(r->target, strlen(r->target), &leaf->target, NULL);
    leaf->has_actual = *r->actual && !qty_parse(r->actual, strlen(r->actual), &leaf->actual, NULL);
    leaf->deviation_reason = *r->reason ? arena_strdup(&ev->arena, r->reason) : NULL;
    /* The form says no method: a target with a number (or a date) is measured against it,
     * a ceiling inversely; a target without one is reached or not. */
    leaf->method_inferred = true;
    if (leaf->has_target && leaf->target.is_number)
        leaf->method = leaf->target.cmp == JX_CMP_LE || leaf->target.cmp == JX_CMP_LT
                           ? JX_METHOD_INVERSE
                           : JX_METHOD_RATIO;
    else
        leaf->method = strpbrk(r->target, "0123456789") ? JX_METHOD_RATIO : JX_METHOD_REACH;
}

/* The 自评表's rows grouped under their 一级指标, the funding row as 预算执行率. */
static void tree_from_form(struct jx_eval *ev, const struct rx_form *f)
{
    size_t cap = f->nr_rows + 1;

    if (f->has_weight) {
        struct jx_indicator *exec = add_child(ev, &ev->root, cap);

        exec->name = "预算执行率";
        exec->pos = exec->score_pos = at(f->line);
        exec->weight = f->weight;
        exec->has_weight = true;
        exec->score = f->has_score ? f->score : 0;
        exec->scored = f->has_score;
        exec->method = JX_METHOD_EXECUTION;
    }
    for (size_t i = 0; i < f->nr_rows; i++) {
        const struct rx_form_row *r = &f->rows[i];
        const char *l1 = *r->level1 ? r->level1 : "绩效指标";
        struct jx_indicator *g = NULL;

        for (size_t k = 0; k < ev->root.nr_children && !g; k++)
            if (!strcmp(ev->root.children[k].name, l1))
                g = &ev->root.children[k];
        if (!g) {
            g = add_child(ev, &ev->root, cap);
            g->name = arena_strdup(&ev->arena, l1);
            g->pos = at(r->line);
            g->has_weight = true;
            g->scored = true;
            g->children = arena_calloc(&ev->arena, f->nr_rows, sizeof(*g->children));
        }
        leaf_from_row(ev, add_child(ev, g, f->nr_rows), r);
        g->weight += r->weight;
        g->score += r->has_score ? r->score : 0;
    }
}

static void tree_from_summary(struct jx_eval *ev, const struct report_extract *rx)
{
    for (size_t i = 0; i < rx->nr_rows; i++) {
        const struct rx_row *r = &rx->rows[i];
        struct jx_indicator *c = add_child(ev, &ev->root, rx->nr_rows);

        c->name = arena_strdup(&ev->arena, r->name);
        c->pos = c->score_pos = at(r->line);
        c->weight = r->weight;
        c->has_weight = true;
        c->score = r->score;
        c->scored = true;
    }
}

void check_doc_init(struct check_doc *doc, const struct report_extract *rx, const char *file)
{
    struct jx_eval *ev = &doc->ev;
    struct builder b = {0};
    int64_t weight = 0, total = 0;

    memset(doc, 0, sizeof(*doc));
    eval_init(ev, file);
    doc->rx = rx;
    doc->form = rx->form.nr_rows > 0;
    doc->outline = rx->nr_sections >= 3;
    if (doc->form)
        tree_from_form(ev, &rx->form);
    else
        tree_from_summary(ev, rx);
    doc->scored = ev->root.nr_children > 0;
    /* findings about the scores as a whole point at the score table */
    if (doc->scored)
        ev->root.pos = ev->root.children[0].pos;
    for (size_t i = 0; i < ev->root.nr_children; i++) {
        weight += ev->root.children[i].weight;
        total += ev->root.children[i].score;
    }
    if (doc->scored) {
        ev->root.weight = weight;
        ev->root.score = ev->raw_total = ev->total = total;
        ev->root.scored = ev->scored = true;
        ev->grade = grade_of(ev->grades, ev->nr_grades, total);
    }
    if (rx->form.found) {
        ev->budget.initial = rx->form.initial;
        ev->budget.has_initial = rx->form.has_initial;
        ev->budget.planned = rx->form.planned;
        ev->budget.has_planned = rx->form.has_planned;
        ev->budget.spent = rx->form.spent;
        ev->budget.has_spent = rx->form.has_spent;
        ev->budget.pos = at(rx->form.line);
    }

    b.doc = doc;
    b.analysis = xcalloc(ev->root.nr_children + 1, sizeof(*b.analysis));
    b.analysis_line = xcalloc(ev->root.nr_children + 1, sizeof(*b.analysis_line));
    for (unsigned f = 0; f < F_COUNT; f++)
        strbuf_init(&b.text[f], 0);
    strbuf_init(&b.all, 0);
    map_sections(&b, rx);

    ev->project.content = keep(ev, &b.text[F_CONTENT]);
    ev->project.overall_goal = keep(ev, &b.text[F_OVERALL]);
    ev->text_pos.overall_goal = at(b.line[F_OVERALL]);
    ev->text_pos.project = at(b.line[F_CONTENT]);
    if (b.text[F_BASIS].len) {
        const char **basis = arena_calloc(&ev->arena, 1, sizeof(*basis));

        basis[0] = keep(ev, &b.text[F_BASIS]);
        ev->project.basis = basis;
        ev->project.nr_basis = 1;
    }
    if (b.text[F_PHASED].len)
        split_phases(ev, b.text[F_PHASED].buf, b.line[F_PHASED]);
    ev->work.purpose = keep(ev, &b.text[F_PURPOSE]);
    ev->text_pos.purpose = ev->text_pos.work = at(b.line[F_PURPOSE]);
    ev->work.scope = keep(ev, &b.text[F_SCOPE]);
    ev->work.methods = keep(ev, &b.text[F_METHODS]);
    ev->text_pos.methods = at(b.line[F_METHODS]);
    ev->summary = keep(ev, &b.text[F_SUMMARY]);
    ev->text_pos.summary = at(b.line[F_SUMMARY]);
    ev->conclusion = keep(ev, &b.text[F_CONCLUSION]);
    ev->text_pos.conclusion = at(b.line[F_CONCLUSION]);
    ev->experience = keep(ev, &b.text[F_EXPERIENCE]);
    ev->text_pos.experience = at(b.line[F_EXPERIENCE]);
    ev->problems = keep(ev, &b.text[F_PROBLEMS]);
    ev->text_pos.problems = at(b.line[F_PROBLEMS]);
    ev->suggestions = keep(ev, &b.text[F_SUGGESTIONS]);
    ev->text_pos.suggestions = at(b.line[F_SUGGESTIONS]);
    ev->other = keep(ev, &b.text[F_OTHER]);
    ev->text_pos.other = at(b.line[F_OTHER]);
    for (size_t i = 0; i < ev->root.nr_children; i++)
        ev->root.children[i].analysis = keep(ev, &b.analysis[i]);
    find_signature(ev, rx);
    doc->text = arena_strndup(&ev->arena, b.all.buf, b.all.len);

    for (unsigned f = 0; f < F_COUNT; f++)
        strbuf_release(&b.text[f]);
    for (size_t i = 0; i < ev->root.nr_children + 1; i++)
        strbuf_release(&b.analysis[i]);
    free(b.analysis);
    free(b.analysis_line);
    strbuf_release(&b.all);
}

void check_doc_release(struct check_doc *doc)
{
    eval_release(&doc->ev);
    doc->rx = NULL;
    doc->text = NULL;
}
