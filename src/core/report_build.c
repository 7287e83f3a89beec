/*
 * Evaluation + layout -> report model. Every part of a layout is one function below; the
 * parts only read the evaluation and append blocks, so the model is a pure function of
 * its inputs (the golden tests rely on it). All strings are formatted here once, from
 * the integers, and copied into the report's arena.
 */
#include <stdio.h>
#include <string.h>

#include "core/decimal.h"
#include "core/money.h"
#include "core/report_build.h"

#define MAX_VARS 48

struct bctx {
    struct report *r;
    const struct jx_eval *ev;
    const struct report_layout *l;
    const struct report_sentences *s;
    /* Values every template may use, formatted once. */
    struct report_var base[8];
    size_t nr_base;
    char total[32], weight[32], year[16];
};

/* --- Formatting -------------------------------------------------------------------- */

static const char *fmt_points(struct bctx *b, int64_t centi)
{
    struct strbuf sb = STRBUF_INIT;
    const char *s;

    dec_format(&sb, centi, 2, 2);
    s = report_strdup(b->r, sb.buf);
    strbuf_release(&sb);
    return s;
}

/* Rates in hundredths of a percent: 10000 -> "100.00%". */
static const char *fmt_rate(struct bctx *b, int64_t rate)
{
    struct strbuf sb = STRBUF_INIT;
    const char *s;

    dec_format(&sb, rate, 2, 2);
    strbuf_addch(&sb, '%');
    s = report_strdup(b->r, sb.buf);
    strbuf_release(&sb);
    return s;
}

static const char *fmt_wan(struct bctx *b, int64_t fen, bool unit)
{
    struct strbuf sb = STRBUF_INIT;
    const char *s;

    if (unit)
        money_format_unit(&sb, fen, MONEY_WAN, 2);
    else
        money_format(&sb, fen, MONEY_WAN, 2);
    s = report_strdup(b->r, sb.buf);
    strbuf_release(&sb);
    return s;
}

static const char *fmt_int(struct bctx *b, int64_t v)
{
    char buf[32];

    snprintf(buf, sizeof(buf), "%lld", (long long)v);
    return report_strdup(b->r, buf);
}

static int64_t rate_of(int64_t part, int64_t whole)
{
    return whole ? dec_rate(part, whole) : 0;
}

/* Chinese numerals for section numbers and counts, 1..99. */
static const char *cn_numeral(struct bctx *b, size_t n)
{
    static const char *const digits[] = {"零", "一", "二", "三", "四",
                                         "五", "六", "七", "八", "九"};
    struct strbuf sb = STRBUF_INIT;
    const char *s;

    if (n == 0 || n > 99) {
        s = fmt_int(b, (int64_t)n);
        return s;
    }
    if (n >= 20)
        strbuf_addstr(&sb, digits[n / 10]);
    if (n >= 10)
        strbuf_addstr(&sb, "十");
    if (n % 10 || n < 10)
        strbuf_addstr(&sb, digits[n % 10]);
    s = report_strdup(b->r, sb.buf);
    strbuf_release(&sb);
    return s;
}

/* "2023-03-20" -> "2023年3月20日"; anything else is returned as written. */
static const char *fmt_date(struct bctx *b, const char *iso)
{
    unsigned y, m, d;
    char buf[48];

    if (!iso || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
        return iso;
    y = (unsigned)((iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 +
                   (iso[3] - '0'));
    m = (unsigned)((iso[5] - '0') * 10 + (iso[6] - '0'));
    d = (unsigned)((iso[8] - '0') * 10 + (iso[9] - '0'));
    snprintf(buf, sizeof(buf), "%u年%u月%u日", y, m, d);
    return report_strdup(b->r, buf);
}

static bool blank(const char *s)
{
    return !s || !*s;
}

/* Removes one final "。" or "；" so that a template can add its own punctuation. */
static void chop_stop(struct strbuf *sb)
{
    static const char *const stops[] = {"。", "；", "，"};

    strbuf_trim(sb);
    for (size_t i = 0; i < sizeof(stops) / sizeof(*stops); i++) {
        size_t n = strlen(stops[i]);

        if (sb->len >= n && !memcmp(sb->buf + sb->len - n, stops[i], n)) {
            strbuf_setlen(sb, sb->len - n);
            return;
        }
    }
}

/* --- Sentences ----------------------------------------------------------------------- */

/* Appends the sentence called key with vars, then the base values. */
static void say(struct bctx *b, struct strbuf *out, const char *key, const struct report_var *vars,
                size_t nr)
{
    struct report_var all[MAX_VARS];
    const char *tmpl = report_sentences_get(b->s, key);
    size_t n = 0;

    if (!tmpl)
        JX_BUG("sentence '%s' missing from the table", key);
    if (nr + b->nr_base > MAX_VARS)
        JX_BUG("too many placeholders for '%s'", key);
    for (size_t i = 0; i < nr; i++)
        all[n++] = vars[i];
    for (size_t i = 0; i < b->nr_base; i++)
        all[n++] = b->base[i];
    report_expand(out, tmpl, all, n);
}

/* A layout string (heading, title) with vars and the base values. */
static const char *expand(struct bctx *b, const char *tmpl, const struct report_var *vars,
                          size_t nr)
{
    struct report_var all[MAX_VARS];
    struct strbuf sb = STRBUF_INIT;
    const char *s;
    size_t n = 0;

    for (size_t i = 0; i < nr && n < MAX_VARS; i++)
        all[n++] = vars[i];
    for (size_t i = 0; i < b->nr_base && n < MAX_VARS; i++)
        all[n++] = b->base[i];
    report_expand(&sb, tmpl, all, n);
    s = report_strdup(b->r, sb.buf);
    strbuf_release(&sb);
    return s;
}

/* Appends text as body paragraphs, one per non-blank line, the first after label. */
static void add_paragraphs(struct bctx *b, const char *label, const char *text,
                           enum report_para_style style)
{
    struct strbuf sb = STRBUF_INIT;
    bool first = true;
    const char *p = text;

    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);

        strbuf_reset(&sb);
        if (first && label)
            strbuf_addstr(&sb, label);
        strbuf_add(&sb, p, len);
        strbuf_trim(&sb);
        if (sb.len > (first && label ? strlen(label) : 0)) {
            report_add_paragraph(b->r, style, sb.buf);
            first = false;
        }
        p += len + (nl != NULL);
    }
    strbuf_release(&sb);
}

/* --- The indicator tree -------------------------------------------------------------- */

static const struct jx_indicator *l1(const struct bctx *b, size_t i)
{
    return &b->ev->root.children[i];
}

static bool full_marks(const struct jx_indicator *ind)
{
    return ind->score >= ind->weight;
}

static unsigned max_depth(const struct jx_indicator *n)
{
    unsigned d = n->depth;

    for (size_t i = 0; i < n->nr_children; i++) {
        unsigned c = max_depth(&n->children[i]);

        if (c > d)
            d = c;
    }
    return d;
}

typedef void (*leaf_fn)(const struct jx_indicator *leaf, void *data);

static void each_leaf(const struct jx_indicator *n, leaf_fn fn, void *data)
{
    if (indicator_is_leaf(n) && n->depth > 0) {
        fn(n, data);
        return;
    }
    for (size_t i = 0; i < n->nr_children; i++)
        each_leaf(&n->children[i], fn, data);
}

static void find_exec(const struct jx_indicator *leaf, void *data)
{
    const struct jx_indicator **found = data;

    if (!*found && leaf->method == JX_METHOD_EXECUTION)
        *found = leaf;
}

static const struct jx_indicator *exec_leaf(const struct jx_indicator *n)
{
    const struct jx_indicator *found = NULL;

    each_leaf(n, find_exec, &found);
    return found;
}

/* The 实际完成值 to print: as written, else what scoring used (survey, execution). */
static const char *actual_text(struct bctx *b, const struct jx_indicator *leaf)
{
    if (!blank(leaf->actual_text))
        return leaf->actual_text;
    if (leaf->method == JX_METHOD_SURVEY && leaf->survey) {
        const struct jx_survey *sv = eval_find_survey(b->ev, leaf->survey);

        if (sv && sv->satisfaction >= 0)
            return fmt_rate(b, sv->satisfaction);
    }
    if (leaf->method == JX_METHOD_EXECUTION && b->ev->budget.has_spent) {
        int64_t base = leaf->exec_base == JX_EXEC_RECEIVED && b->ev->budget.has_received
                           ? b->ev->budget.received
                           : b->ev->budget.planned;

        if (base)
            return fmt_rate(b, rate_of(b->ev->budget.spent, base));
    }
    return "";
}

/* Why a leaf lost points: its deviation reason, else its deductions, else its basis. */
static void lost_reason(const struct jx_indicator *leaf, struct strbuf *out)
{
    if (!blank(leaf->deviation_reason)) {
        strbuf_addstr(out, leaf->deviation_reason);
    } else if (leaf->nr_deductions) {
        for (size_t i = 0; i < leaf->nr_deductions; i++) {
            struct strbuf one = STRBUF_INIT;

            strbuf_addstr(&one, leaf->deductions[i].reason ? leaf->deductions[i].reason : "");
            chop_stop(&one);
            if (one.len) {
                if (out->len)
                    strbuf_addstr(out, "；");
                strbuf_addstr(out, one.buf);
            }
            strbuf_release(&one);
        }
    } else if (!blank(leaf->basis)) {
        strbuf_addstr(out, leaf->basis);
    }
    chop_stop(out);
}

/* The budget sentence ("该项目全年预算资金…，预算执行率…。"), or nothing without amounts. */
static void budget_sentence(struct bctx *b, struct strbuf *out)
{
    const struct jx_eval *ev = b->ev;
    const struct jx_indicator *x = exec_leaf(&ev->root);
    bool on_received = ev->budget.has_received && (!x || x->exec_base == JX_EXEC_RECEIVED);
    int64_t base;
    struct report_var v[5];

    if (!ev->budget.has_planned || !ev->budget.has_spent)
        return;
    base = on_received ? ev->budget.received : ev->budget.planned;
    v[0] = (struct report_var){"planned", fmt_wan(b, ev->budget.planned, true)};
    v[1] = (struct report_var){
        "received", ev->budget.has_received ? fmt_wan(b, ev->budget.received, true) : NULL};
    v[2] = (struct report_var){"spent", fmt_wan(b, ev->budget.spent, true)};
    v[3] = (struct report_var){"rate", fmt_rate(b, rate_of(ev->budget.spent, base))};
    v[4] = (struct report_var){
        "initial", ev->budget.has_initial ? fmt_wan(b, ev->budget.initial, true) : NULL};
    say(b, out, ev->budget.has_received ? "budget" : "budget_no_received", v, 5);
}

struct analysis_acc {
    struct bctx *b;
    struct strbuf met, missed;
    size_t nr_met, nr_missed;
    int64_t lost;
};

/* The gap between a numeric target and actual in the target's unit ("差2个"), or false. */
static bool qty_gap(struct bctx *b, const struct jx_indicator *leaf, struct strbuf *out)
{
    struct jx_qty a = leaf->actual;
    struct strbuf why = STRBUF_INIT, diff = STRBUF_INIT;
    int64_t d;
    bool ok = false;

    if (!leaf->has_target || !leaf->has_actual || !leaf->target.is_number ||
        !leaf->actual.is_number)
        goto out;
    if (qty_align_units(&leaf->target, &a, &why) || a.micro == leaf->target.micro)
        goto out;
    d = a.micro > leaf->target.micro ? a.micro - leaf->target.micro : leaf->target.micro - a.micro;
    dec_format_trim(&diff, d, 6);
    /* The difference of two rates is in percentage points, not a percentage. */
    strbuf_addstr(&diff, strcmp(leaf->target.unit, "%") ? leaf->target.unit : "个百分点");
    {
        struct report_var v[] = {{"diff", diff.buf}};

        say(b, out, a.micro < leaf->target.micro ? "gap_short" : "gap_over", v, 1);
    }
    ok = true;
out:
    strbuf_release(&why);
    strbuf_release(&diff);
    return ok;
}

/* One sentence on a leaf that lost points: values, gap, score, points lost, reason. */
static void missed_sentence(struct bctx *b, const struct jx_indicator *leaf, struct strbuf *out)
{
    struct strbuf gap = STRBUF_INIT, reason = STRBUF_INIT;
    const char *actual = actual_text(b, leaf);
    struct report_var v[] = {
        {"name", leaf->name},
        {"target", blank(leaf->target_text) ? "—" : leaf->target_text},
        {"actual", blank(actual) ? "—" : actual},
        {"gap", NULL},
        {"score", fmt_points(b, leaf->score)},
        {"lost", fmt_points(b, leaf->weight - leaf->score)},
        {"weight", fmt_points(b, leaf->weight)},
        {"reason", NULL},
    };

    if (qty_gap(b, leaf, &gap)) {
        v[3].value = gap.buf;
        say(b, out, "analysis_missed_gap", v, 8);
    } else if (!blank(leaf->target_text) || !blank(actual)) {
        say(b, out, "analysis_missed", v, 8);
    } else {
        say(b, out, "analysis_lost", v, 8);
    }
    lost_reason(leaf, &reason);
    if (reason.len) {
        v[7].value = reason.buf;
        say(b, out, "analysis_reason", v, 8);
    }
    strbuf_release(&gap);
    strbuf_release(&reason);
}

static void analysis_leaf(const struct jx_indicator *leaf, void *data)
{
    struct analysis_acc *acc = data;

    if (full_marks(leaf)) {
        if (acc->met.len)
            strbuf_addstr(&acc->met, "、");
        strbuf_addstr(&acc->met, leaf->name);
        acc->nr_met++;
    } else {
        missed_sentence(acc->b, leaf, &acc->missed);
        acc->nr_missed++;
        acc->lost += leaf->weight - leaf->score;
    }
}

/* The generated analysis of one 一级指标, from its numbers. */
static void generate_analysis(struct bctx *b, const struct jx_indicator *top, struct strbuf *out)
{
    struct analysis_acc acc = {b, STRBUF_INIT, STRBUF_INIT, 0, 0, 0};
    struct report_var v[] = {
        {"name", top->name},
        {"weight", fmt_points(b, top->weight)},
        {"score", fmt_points(b, top->score)},
        {"rate", fmt_rate(b, rate_of(top->score, top->weight))},
        {"names", NULL},
        {"count", NULL},
        {"lost", NULL},
        {"missed", NULL},
    };

    say(b, out, "analysis_open", v, 8);
    if (exec_leaf(top))
        budget_sentence(b, out);
    each_leaf(top, analysis_leaf, &acc);
    if (acc.nr_met) {
        v[4].value = acc.met.buf;
        v[5].value = cn_numeral(b, acc.nr_met);
        say(b, out, acc.nr_met == 1 ? "analysis_met_one" : "analysis_met_many", v, 8);
    }
    strbuf_add(out, acc.missed.buf, acc.missed.len);
    v[6].value = fmt_points(b, acc.lost);
    v[7].value = cn_numeral(b, acc.nr_missed);
    say(b, out, acc.nr_missed ? "analysis_close_some" : "analysis_close_all", v, 8);
    strbuf_release(&acc.met);
    strbuf_release(&acc.missed);
}

/* --- Text parts ---------------------------------------------------------------------- */

static const char *field_text(const struct jx_eval *ev, const char *name)
{
    static const struct {
        const char *name;
        size_t off;
    } fields[] = {
        {"content", offsetof(struct jx_eval, project.content)},
        {"background", offsetof(struct jx_eval, project.background)},
        {"implementation", offsetof(struct jx_eval, project.implementation)},
        {"overall_goal", offsetof(struct jx_eval, project.overall_goal)},
        {"purpose", offsetof(struct jx_eval, work.purpose)},
        {"scope", offsetof(struct jx_eval, work.scope)},
        {"principles", offsetof(struct jx_eval, work.principles)},
        {"methods", offsetof(struct jx_eval, work.methods)},
        {"index_system", offsetof(struct jx_eval, work.index_system)},
        {"standards", offsetof(struct jx_eval, work.standards)},
        {"summary", offsetof(struct jx_eval, summary)},
        {"conclusion", offsetof(struct jx_eval, conclusion)},
        {"experience", offsetof(struct jx_eval, experience)},
        {"problems", offsetof(struct jx_eval, problems)},
        {"suggestions", offsetof(struct jx_eval, suggestions)},
        {"other", offsetof(struct jx_eval, other)},
    };

    for (size_t i = 0; i < sizeof(fields) / sizeof(*fields); i++)
        if (!strcmp(fields[i].name, name))
            return *(const char *const *)(const void *)((const char *)ev + fields[i].off);
    JX_BUG("unknown text field '%s'", name);
}

static bool all_full(const struct jx_indicator *n)
{
    if (indicator_is_leaf(n))
        return full_marks(n);
    for (size_t i = 0; i < n->nr_children; i++)
        if (!all_full(&n->children[i]))
            return false;
    return true;
}

static size_t count_missed(const struct jx_indicator *n)
{
    size_t c = 0;

    if (indicator_is_leaf(n))
        return n->depth > 0 && !full_marks(n);
    for (size_t i = 0; i < n->nr_children; i++)
        c += count_missed(&n->children[i]);
    return c;
}

static void part_text(struct bctx *b, const struct layout_item *it)
{
    struct strbuf sb = STRBUF_INIT;

    for (size_t i = 0; i < it->nr_fields; i++) {
        const char *t = field_text(b->ev, it->fields[i]);

        if (!blank(t))
            strbuf_addstr(&sb, t);
    }
    strbuf_trim(&sb);
    if (!sb.len && it->fallback) {
        const char *key = it->fallback;
        struct report_var v[] = {{"missed", cn_numeral(b, count_missed(&b->ev->root))}};

        if (!strcmp(key, "conclusion"))
            key = all_full(&b->ev->root) ? "conclusion_all" : "conclusion_some";
        say(b, &sb, key, v, 1);
    }
    if (!sb.len && it->empty)
        strbuf_addstr(&sb, it->empty);
    if (sb.len)
        add_paragraphs(b, it->label, sb.buf, REPORT_PARA_BODY);
    strbuf_release(&sb);
}

static void numbered(struct bctx *b, unsigned *n, const char *label, const char *text)
{
    struct strbuf sb = STRBUF_INIT;

    if (blank(text))
        return;
    strbuf_addf(&sb, "%u.%s：%s", ++*n, label, text);
    add_paragraphs(b, NULL, sb.buf, REPORT_PARA_BODY);
    strbuf_release(&sb);
}

static void part_project(struct bctx *b, const struct layout_item *it)
{
    const struct jx_eval *ev = b->ev;
    struct strbuf basis = STRBUF_INIT;
    unsigned n = 0;

    (void)it;
    numbered(b, &n, "项目名称", ev->project.name);
    numbered(b, &n, "项目背景", ev->project.background);
    numbered(b, &n, "项目内容", ev->project.content);
    numbered(b, &n, "实施情况", ev->project.implementation);
    for (size_t i = 0; i < ev->project.nr_basis; i++) {
        if (i)
            strbuf_addstr(&basis, "、");
        strbuf_addstr(&basis, ev->project.basis[i]);
    }
    if (basis.len) {
        chop_stop(&basis);
        strbuf_addstr(&basis, "。");
    }
    numbered(b, &n, "立项依据", basis.buf);
    strbuf_release(&basis);
}

static void part_goals(struct bctx *b, const struct layout_item *it)
{
    const struct jx_eval *ev = b->ev;
    struct strbuf sb = STRBUF_INIT;
    unsigned n = 0;

    (void)it;
    numbered(b, &n, "总体目标", ev->project.overall_goal);
    for (size_t i = 0; i < ev->project.nr_phases; i++) {
        struct strbuf one = STRBUF_INIT;

        strbuf_addstr(&one, ev->project.phases[i].period ? ev->project.phases[i].period : "");
        strbuf_addstr(&one, ev->project.phases[i].goal ? ev->project.phases[i].goal : "");
        chop_stop(&one);
        if (sb.len)
            strbuf_addstr(&sb, "；");
        strbuf_addstr(&sb, one.buf);
        strbuf_release(&one);
    }
    if (sb.len)
        strbuf_addstr(&sb, "。");
    numbered(b, &n, "阶段性目标", sb.buf);
    strbuf_release(&sb);
}

static void part_budget(struct bctx *b, const struct layout_item *it)
{
    struct strbuf sb = STRBUF_INIT;

    budget_sentence(b, &sb);
    if (sb.len)
        add_paragraphs(b, it->label, sb.buf, REPORT_PARA_BODY);
    strbuf_release(&sb);
}

static void part_process(struct bctx *b, const struct layout_item *it)
{
    unsigned n = 0;

    (void)it;
    for (size_t i = 0; i < b->ev->work.nr_process; i++)
        numbered(b, &n, b->ev->work.process[i].name ? b->ev->work.process[i].name : "",
                 b->ev->work.process[i].text);
}

static void caption(struct bctx *b, const struct layout_item *it)
{
    if (it->caption) {
        struct report_block *c =
            report_add_paragraph(b->r, REPORT_PARA_CAPTION, expand(b, it->caption, NULL, 0));

        c->align = REPORT_ALIGN_CENTER;
    }
}

static void set_cell(struct bctx *b, struct report_table *t, size_t row, size_t col,
                     const char *text, enum report_align align)
{
    report_cell_set(b->r, t, row, col, text ? text : "");
    report_cell_at(t, row, col)->align = align;
}

static void header_row(struct bctx *b, struct report_table *t, size_t row, const char *const *heads,
                       size_t col0, size_t n)
{
    for (size_t c = 0; c < n; c++) {
        set_cell(b, t, row, col0 + c, heads[c], REPORT_ALIGN_CENTER);
        report_cell_at(t, row, col0 + c)->bold = true;
    }
}

static void part_score_summary(struct bctx *b, const struct layout_item *it)
{
    static const char *const heads[] = {"一级指标", "分值", "评价得分", "得分率（%）"};
    const struct jx_eval *ev = b->ev;
    size_t n = ev->root.nr_children;
    struct report_table *t;

    caption(b, it);
    t = report_add_table(b->r, n + 2, 4, 1);
    header_row(b, t, 0, heads, 0, 4);
    for (size_t i = 0; i < n; i++) {
        const struct jx_indicator *top = l1(b, i);

        set_cell(b, t, i + 1, 0, top->name, REPORT_ALIGN_CENTER);
        set_cell(b, t, i + 1, 1, fmt_points(b, top->weight), REPORT_ALIGN_CENTER);
        set_cell(b, t, i + 1, 2, fmt_points(b, top->score), REPORT_ALIGN_CENTER);
        set_cell(b, t, i + 1, 3, fmt_rate(b, rate_of(top->score, top->weight)),
                 REPORT_ALIGN_CENTER);
    }
    set_cell(b, t, n + 1, 0, "评价总得分", REPORT_ALIGN_CENTER);
    set_cell(b, t, n + 1, 1, fmt_points(b, ev->root.weight), REPORT_ALIGN_CENTER);
    set_cell(b, t, n + 1, 2, fmt_points(b, ev->total), REPORT_ALIGN_CENTER);
    set_cell(b, t, n + 1, 3, fmt_rate(b, rate_of(ev->total, ev->root.weight)), REPORT_ALIGN_CENTER);
    for (size_t c = 0; c < 4; c++)
        report_cell_at(t, n + 1, c)->bold = true;
}

static const char *trim_points(struct bctx *b, int64_t centi)
{
    struct strbuf sb = STRBUF_INIT;
    const char *s;

    dec_format_trim(&sb, centi, 2);
    s = report_strdup(b->r, sb.buf);
    strbuf_release(&sb);
    return s;
}

static void part_grade_bands(struct bctx *b, const struct layout_item *it)
{
    const struct jx_eval *ev = b->ev;
    struct strbuf names = STRBUF_INIT, ranges = STRBUF_INIT, sb = STRBUF_INIT;
    int64_t upper = ev->root.weight;

    if (!ev->nr_grades)
        return;
    for (size_t i = 0; i < ev->nr_grades; i++) {
        const struct jx_grade_band *g = &ev->grades[i];
        struct report_var v[] = {{"upper", trim_points(b, upper)},
                                 {"lower", trim_points(b, g->min)}};

        if (i) {
            strbuf_addstr(&names, "、");
            strbuf_addstr(&ranges, "、");
        }
        strbuf_addstr(&names, g->grade);
        say(b, &ranges, i + 1 == ev->nr_grades && g->min == 0 ? "grade_range_last" : "grade_range",
            v, 2);
        upper = g->min;
    }
    {
        struct report_var v[] = {
            {"names", names.buf}, {"count", cn_numeral(b, ev->nr_grades)}, {"ranges", ranges.buf}};

        say(b, &sb, "grade_bands", v, 3);
    }
    add_paragraphs(b, it->label, sb.buf, REPORT_PARA_BODY);
    strbuf_release(&names);
    strbuf_release(&ranges);
    strbuf_release(&sb);
}

/* --- Charts -------------------------------------------------------------------------- */

/* The smallest 1, 2 or 5 times a power of ten that is at least v (axis tops); INT64_MAX
 * when that multiple does not fit (budgets near the int64 limit validate). */
static int64_t nice_ceiling(int64_t v)
{
    static const int64_t steps[] = {2, 5, 10};
    int64_t p = 1;

    if (v <= 0)
        return 1;
    while (p <= INT64_MAX / 10 && p * 10 <= v)
        p *= 10;
    if (p >= v)
        return p;
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        if (p > INT64_MAX / steps[i])
            return INT64_MAX;
        if (steps[i] * p >= v)
            return steps[i] * p;
    }
    return INT64_MAX; /* not reached: 10 * p > v by the loop above */
}

static void part_chart_rates(struct bctx *b, const struct layout_item *it)
{
    size_t n = b->ev->root.nr_children;
    struct report_chart *c;
    const char **cats, **labels;
    int64_t *values;

    if (!n)
        return;
    c = report_add_chart(b->r);
    cats = arena_calloc(&b->r->arena, n, sizeof(*cats));
    labels = arena_calloc(&b->r->arena, n, sizeof(*labels));
    values = arena_calloc(&b->r->arena, n, sizeof(*values));
    for (size_t i = 0; i < n; i++) {
        const struct jx_indicator *top = l1(b, i);

        cats[i] = top->name;
        values[i] = rate_of(top->score, top->weight);
        labels[i] = fmt_rate(b, values[i]);
    }
    c->kind = REPORT_CHART_BAR;
    c->title = it->caption ? expand(b, it->caption, NULL, 0) : "各一级指标得分率";
    c->y_unit = "%";
    c->nr_categories = n;
    c->categories = cats;
    c->nr_series = 1;
    c->values = values;
    c->value_labels = labels;
    c->decimals = 2;
    c->y_max = 10000;
}

static void part_chart_budget(struct bctx *b, const struct layout_item *it)
{
    const struct jx_eval *ev = b->ev;
    const char *names[4];
    int64_t amounts[4], top = 0;
    size_t n = 0;
    struct report_chart *c;
    const char **series, **labels, **cats;
    int64_t *values;

    if (ev->budget.has_initial)
        names[n] = "年初预算数", amounts[n++] = ev->budget.initial;
    if (ev->budget.has_planned)
        names[n] = "全年预算数", amounts[n++] = ev->budget.planned;
    if (ev->budget.has_received)
        names[n] = "实际到位数", amounts[n++] = ev->budget.received;
    if (ev->budget.has_spent)
        names[n] = "实际执行数", amounts[n++] = ev->budget.spent;
    if (n < 2)
        return;
    c = report_add_chart(b->r);
    series = arena_calloc(&b->r->arena, n, sizeof(*series));
    labels = arena_calloc(&b->r->arena, n, sizeof(*labels));
    values = arena_calloc(&b->r->arena, n, sizeof(*values));
    cats = arena_calloc(&b->r->arena, 1, sizeof(*cats));
    cats[0] = ev->project.name ? ev->project.name : "项目资金";
    for (size_t i = 0; i < n; i++) {
        series[i] = names[i];
        values[i] = amounts[i];
        labels[i] = fmt_wan(b, amounts[i], false);
        if (amounts[i] > top)
            top = amounts[i];
    }
    c->kind = REPORT_CHART_GROUPED_BAR;
    c->title = it->caption ? expand(b, it->caption, NULL, 0) : "项目资金预算、到位及执行情况";
    c->y_unit = "万元";
    c->nr_categories = 1;
    c->categories = cats;
    c->nr_series = n;
    c->series_names = series;
    c->values = values;
    c->value_labels = labels;
    /* Values are 分; 10^6 分 is one 万元, the axis unit. */
    c->decimals = 6;
    c->y_max = nice_ceiling(top);
}

/* --- Analysis per 一级指标 ----------------------------------------------------------- */

static void analysis_text(struct bctx *b, const struct jx_indicator *top)
{
    struct strbuf sb = STRBUF_INIT;

    if (!blank(top->analysis))
        strbuf_addstr(&sb, top->analysis);
    else
        generate_analysis(b, top, &sb);
    add_paragraphs(b, NULL, sb.buf, REPORT_PARA_BODY);
    strbuf_release(&sb);
}

static const char *item_heading(struct bctx *b, const struct layout_item *it, const char *dflt,
                                size_t i, const char *name)
{
    char n[16];
    struct report_var v[] = {
        {"cn", cn_numeral(b, i + 1)}, {"n", n}, {"name", name}, {"title", name}};

    snprintf(n, sizeof(n), "%zu", i + 1);
    return expand(b, it->text ? it->text : dflt, v, 4);
}

static void part_analysis(struct bctx *b, const struct layout_item *it)
{
    for (size_t i = 0; i < b->ev->root.nr_children; i++) {
        const struct jx_indicator *top = l1(b, i);

        report_add_heading(b->r, it->level,
                           item_heading(b, it, "（{cn}）{name}情况", i, top->name));
        analysis_text(b, top);
    }
}

static void part_signature(struct bctx *b, const struct layout_item *it)
{
    const struct jx_eval *ev = b->ev;
    const char *unit = !blank(ev->signature.unit) ? ev->signature.unit : ev->unit;
    const char *date = fmt_date(b, !blank(ev->signature.date) ? ev->signature.date : ev->date);

    (void)it;
    if (!blank(unit))
        report_add_paragraph(b->r, REPORT_PARA_SIGNATURE, unit)->align = REPORT_ALIGN_RIGHT;
    if (!blank(date))
        report_add_paragraph(b->r, REPORT_PARA_SIGNATURE, date)->align = REPORT_ALIGN_RIGHT;
}

/* --- Tables of the indicator tree ------------------------------------------------------ */

typedef const char *(*col_fn)(struct bctx *b, const struct jx_indicator *leaf);

struct tree_col {
    const char *head;
    unsigned width;
    enum report_align align;
    col_fn fn;
};

struct tree_spec {
    unsigned first_depth; /* depth of the first level column */
    unsigned nr_levels;
    size_t col0; /* table column of the first level */
    const struct tree_col *cols;
    size_t nr_cols;
    bool skip_execution; /* 自评表: 预算执行率 sits in the funding block */
};

static bool skipped(const struct tree_spec *sp, const struct jx_indicator *leaf)
{
    return sp->skip_execution && leaf->method == JX_METHOD_EXECUTION;
}

static size_t tree_rows(const struct jx_indicator *n, const struct tree_spec *sp)
{
    size_t rows = 0;

    if (indicator_is_leaf(n))
        return !skipped(sp, n);
    for (size_t i = 0; i < n->nr_children; i++)
        rows += tree_rows(&n->children[i], sp);
    return rows;
}

/* Writes n's rows from row on; returns how many. Parents are merged down their rows,
 * a leaf above the deepest level is merged across the level columns below it. */
static size_t fill_tree(struct bctx *b, struct report_table *t, size_t row,
                        const struct jx_indicator *n, const struct tree_spec *sp)
{
    size_t level = n->depth - sp->first_depth, col = sp->col0 + level, rows = 0;

    if (indicator_is_leaf(n)) {
        if (skipped(sp, n))
            return 0;
        set_cell(b, t, row, col, n->name, REPORT_ALIGN_LEFT);
        if (level + 1 < sp->nr_levels)
            report_cell_merge(t, row, col, 1, (unsigned)(sp->nr_levels - level));
        for (size_t c = 0; c < sp->nr_cols; c++)
            set_cell(b, t, row, sp->col0 + sp->nr_levels + c, sp->cols[c].fn(b, n),
                     sp->cols[c].align);
        return 1;
    }
    for (size_t i = 0; i < n->nr_children; i++)
        rows += fill_tree(b, t, row + rows, &n->children[i], sp);
    if (rows) {
        set_cell(b, t, row, col, n->name, REPORT_ALIGN_CENTER);
        if (rows > 1)
            report_cell_merge(t, row, col, (unsigned)rows, 1);
    }
    return rows;
}

static const char *const level_heads[] = {"一级指标", "二级指标", "三级指标", "四级指标",
                                          "五级指标"};

/* Header row of a tree table: level names from first_depth, then the columns. */
static void tree_header(struct bctx *b, struct report_table *t, size_t row,
                        const struct tree_spec *sp)
{
    for (size_t i = 0; i < sp->nr_levels; i++)
        header_row(b, t, row, &level_heads[sp->first_depth - 1 + i], sp->col0 + i, 1);
    for (size_t c = 0; c < sp->nr_cols; c++)
        header_row(b, t, row, &sp->cols[c].head, sp->col0 + sp->nr_levels + c, 1);
}

/* Column widths: the level columns of parents get parent_width each and the deepest
 * (the indicator names) leaf_width; the other columns as the spec says, and the last
 * column takes what is left of 1000. */
static void tree_widths(struct report_table *t, const struct tree_spec *sp, unsigned parent_width,
                        unsigned leaf_width)
{
    unsigned used = 0;

    for (size_t i = 0; i < sp->col0; i++)
        used += t->col_widths[i];
    for (size_t i = 0; i < sp->nr_levels; i++)
        used += t->col_widths[sp->col0 + i] = i + 1 < sp->nr_levels ? parent_width : leaf_width;
    for (size_t c = 0; c + 1 < sp->nr_cols; c++)
        used += t->col_widths[sp->col0 + sp->nr_levels + c] = sp->cols[c].width;
    t->col_widths[t->nr_cols - 1] = used < 1000 ? 1000 - used : 1;
}

static const char *col_weight(struct bctx *b, const struct jx_indicator *leaf)
{
    return fmt_points(b, leaf->weight);
}

static const char *col_score(struct bctx *b, const struct jx_indicator *leaf)
{
    return fmt_points(b, leaf->score);
}

static const char *col_rate(struct bctx *b, const struct jx_indicator *leaf)
{
    return fmt_rate(b, rate_of(leaf->score, leaf->weight));
}

static const char *col_target(struct bctx *b, const struct jx_indicator *leaf)
{
    (void)b;
    return leaf->target_text;
}

static const char *col_actual(struct bctx *b, const struct jx_indicator *leaf)
{
    return actual_text(b, leaf);
}

static const char *col_explanation(struct bctx *b, const struct jx_indicator *leaf)
{
    (void)b;
    return leaf->explanation;
}

static const char *col_standard(struct bctx *b, const struct jx_indicator *leaf)
{
    (void)b;
    return leaf->standard;
}

static const char *col_deviation(struct bctx *b, const struct jx_indicator *leaf)
{
    (void)b;
    return full_marks(leaf) ? "" : leaf->deviation_reason;
}

/* 评分依据 / 评分过程: the basis, then each deduction with its points. */
static const char *col_basis(struct bctx *b, const struct jx_indicator *leaf)
{
    struct strbuf sb = STRBUF_INIT;
    const char *s;

    if (!blank(leaf->basis))
        strbuf_addstr(&sb, leaf->basis);
    for (size_t i = 0; i < leaf->nr_deductions; i++) {
        if (sb.len)
            strbuf_addch(&sb, '\n');
        strbuf_addf(&sb, "扣%s分：", fmt_points(b, leaf->deductions[i].points));
        strbuf_addstr(&sb, leaf->deductions[i].reason ? leaf->deductions[i].reason : "");
    }
    s = report_strdup(b->r, sb.buf);
    strbuf_release(&sb);
    return s;
}

/* A table of the subtree(s) `tops` with a header row and, when total, a 合计 row. */
static struct report_table *tree_table(struct bctx *b, const struct jx_indicator *tops,
                                       size_t nr_tops, const struct tree_spec *sp, bool total)
{
    size_t rows = 0, row = 1;
    struct report_table *t;

    for (size_t i = 0; i < nr_tops; i++)
        rows += tree_rows(&tops[i], sp);
    t = report_add_table(b->r, 1 + rows + total, sp->nr_levels + sp->nr_cols, 1);
    t->small = true;
    tree_header(b, t, 0, sp);
    for (size_t i = 0; i < nr_tops; i++)
        row += fill_tree(b, t, row, &tops[i], sp);
    if (total) {
        set_cell(b, t, row, 0, "合计", REPORT_ALIGN_CENTER);
        report_cell_at(t, row, 0)->bold = true;
        if (sp->nr_levels > 1)
            report_cell_merge(t, row, 0, 1, sp->nr_levels);
        for (size_t c = 0; c < sp->nr_cols; c++) {
            const char *text = "";

            if (sp->cols[c].fn == col_weight)
                text = fmt_points(b, b->ev->root.weight);
            else if (sp->cols[c].fn == col_score)
                text = fmt_points(b, b->ev->total);
            else if (sp->cols[c].fn == col_rate)
                text = fmt_rate(b, rate_of(b->ev->total, b->ev->root.weight));
            set_cell(b, t, row, sp->nr_levels + c, text, sp->cols[c].align);
        }
    }
    return t;
}

static unsigned levels_of(const struct bctx *b, unsigned first_depth)
{
    unsigned d = max_depth(&b->ev->root);

    return d >= first_depth ? d - first_depth + 1 : 1;
}

static void part_score_table(struct bctx *b, const struct layout_item *it)
{
    static const struct tree_col cols[] = {
        {"分值", 55, REPORT_ALIGN_CENTER, col_weight},
        {"指标值", 85, REPORT_ALIGN_CENTER, col_target},
        {"实际完成值", 85, REPORT_ALIGN_CENTER, col_actual},
        {"得分", 55, REPORT_ALIGN_CENTER, col_score},
        {"得分率", 80, REPORT_ALIGN_CENTER, col_rate},
        {"评分依据", 0, REPORT_ALIGN_LEFT, col_basis},
    };
    struct tree_spec sp = {1, levels_of(b, 1), 0, cols, 6, false};
    struct report_table *t;

    caption(b, it);
    t = tree_table(b, b->ev->root.children, b->ev->root.nr_children, &sp, true);
    tree_widths(t, &sp, 70, 120);
}

static void part_goal_table(struct bctx *b, const struct layout_item *it)
{
    static const struct tree_col cols[] = {
        {"指标值", 140, REPORT_ALIGN_CENTER, col_target},
        {"指标值说明", 0, REPORT_ALIGN_LEFT, col_explanation},
    };
    struct tree_spec sp = {1, levels_of(b, 1), 0, cols, 2, false};
    struct report_table *t;

    caption(b, it);
    t = tree_table(b, b->ev->root.children, b->ev->root.nr_children, &sp, false);
    tree_widths(t, &sp, 90, 150);
}

static void part_rule_table(struct bctx *b, const struct layout_item *it)
{
    static const struct tree_col cols[] = {
        {"分值", 60, REPORT_ALIGN_CENTER, col_weight},
        {"评分规则", 260, REPORT_ALIGN_LEFT, col_standard},
        {"评分过程", 260, REPORT_ALIGN_LEFT, col_basis},
        {"得分", 0, REPORT_ALIGN_CENTER, col_score},
    };
    struct tree_spec sp = {1, levels_of(b, 1), 0, cols, 4, false};
    struct report_table *t;
    unsigned used = 0;

    caption(b, it);
    t = tree_table(b, b->ev->root.children, b->ev->root.nr_children, &sp, true);
    /* 得分 is narrow and last: give the spare width to the two text columns. */
    for (size_t i = 0; i < sp.nr_levels; i++)
        used += t->col_widths[i] = i + 1 < sp.nr_levels ? 70 : 110;
    t->col_widths[sp.nr_levels] = 50;
    t->col_widths[sp.nr_levels + 3] = 60;
    used += 110;
    t->col_widths[sp.nr_levels + 1] = (1000 - used) / 2;
    t->col_widths[sp.nr_levels + 2] = 1000 - used - (1000 - used) / 2;
}

static const char *col_analysis(struct bctx *b, const struct jx_indicator *leaf)
{
    struct strbuf sb = STRBUF_INIT;
    const char *s;

    if (full_marks(leaf))
        strbuf_addstr(&sb, blank(leaf->basis) ? "" : leaf->basis);
    else
        missed_sentence(b, leaf, &sb);
    s = report_strdup(b->r, sb.buf);
    strbuf_release(&sb);
    return s;
}

static void part_l1_tables(struct bctx *b, const struct layout_item *it)
{
    static const struct tree_col cols[] = {
        {"权重", 60, REPORT_ALIGN_CENTER, col_weight},
        {"目标值", 90, REPORT_ALIGN_CENTER, col_target},
        {"完成值", 90, REPORT_ALIGN_CENTER, col_actual},
        {"得分", 60, REPORT_ALIGN_CENTER, col_score},
        {"指标分析说明", 0, REPORT_ALIGN_LEFT, col_analysis},
    };

    for (size_t i = 0; i < b->ev->root.nr_children; i++) {
        const struct jx_indicator *top = l1(b, i);
        bool leaf = indicator_is_leaf(top);
        struct tree_spec sp = {leaf ? 1 : 2, 1, 0, cols, 5, false};
        struct report_table *t;

        if (!leaf) {
            unsigned d = max_depth(top);

            sp.nr_levels = d >= 2 ? d - 1 : 1;
        }
        report_add_heading(b->r, it->level, item_heading(b, it, "（{cn}）{name}", i, top->name));
        t = leaf ? tree_table(b, top, 1, &sp, false)
                 : tree_table(b, top->children, top->nr_children, &sp, false);
        tree_widths(t, &sp, 90, 140);
        analysis_text(b, top);
    }
}

/* --- 问题清单 ------------------------------------------------------------------------- */

static const char *category_of(struct bctx *b, const char *text)
{
    for (size_t i = 0; i < b->s->nr_categories; i++)
        for (size_t k = 0; k < b->s->categories[i].nr_keywords; k++)
            if (strstr(text, b->s->categories[i].keywords[k]))
                return b->s->categories[i].name;
    return b->s->default_category;
}

static bool starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);

    return len >= n && !memcmp(s, prefix, n);
}

/* Skips a list marker at the start of an item: "一是", "二是", "1.", "（1）", "(1)". */
static size_t marker_len(const char *s, size_t len)
{
    static const char *const cn[] = {"一是", "二是", "三是", "四是", "五是",
                                     "六是", "七是", "八是", "九是", "十是"};
    size_t i = 0;

    for (size_t k = 0; k < sizeof(cn) / sizeof(*cn); k++)
        if (starts_with(s, len, cn[k]))
            return strlen(cn[k]);
    if (starts_with(s, len, "（") || starts_with(s, len, "(")) {
        size_t open = s[0] == '(' ? 1 : strlen("（");

        for (i = open; i < len && s[i] >= '0' && s[i] <= '9'; i++)
            ;
        if (i > open && starts_with(s + i, len - i, "）"))
            return i + strlen("）");
        if (i > open && starts_with(s + i, len - i, ")"))
            return i + 1;
        return 0;
    }
    for (i = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++)
        ;
    if (i && (starts_with(s + i, len - i, ".") || starts_with(s + i, len - i, "、")))
        return i + (s[i] == '.' ? 1 : strlen("、"));
    return 0;
}

/* The problem an item states: its first clause that is not a cause ("由于…"). */
static void problem_head(const char *item, struct strbuf *out)
{
    const char *p = item;
    const char *first = NULL;
    size_t first_len = 0;

    while (*p) {
        const char *comma = strstr(p, "，");
        size_t len = comma ? (size_t)(comma - p) : strlen(p);

        if (!first)
            first = p, first_len = len;
        if (!starts_with(p, len, "由于") && !starts_with(p, len, "因为") &&
            !starts_with(p, len, "受")) {
            strbuf_add(out, p, len);
            chop_stop(out);
            return;
        }
        p += len + (comma ? strlen("，") : 0);
    }
    if (first)
        strbuf_add(out, first, first_len);
    chop_stop(out);
}

struct problem_rows {
    struct bctx *b;
    const char **cat, **head, **desc;
    size_t nr, alloc;
};

static void problem_add(struct problem_rows *pr, const char *cat, const char *head,
                        const char *desc)
{
    if (pr->nr == pr->alloc) {
        size_t n = pr->alloc ? 2 * pr->alloc : 16;
        const char **c = arena_calloc(&pr->b->r->arena, n, sizeof(*c));
        const char **h = arena_calloc(&pr->b->r->arena, n, sizeof(*h));
        const char **d = arena_calloc(&pr->b->r->arena, n, sizeof(*d));

        if (pr->nr) {
            memcpy(c, pr->cat, pr->nr * sizeof(*c));
            memcpy(h, pr->head, pr->nr * sizeof(*h));
            memcpy(d, pr->desc, pr->nr * sizeof(*d));
        }
        pr->cat = c, pr->head = h, pr->desc = d, pr->alloc = n;
    }
    pr->cat[pr->nr] = cat;
    pr->head[pr->nr] = head;
    pr->desc[pr->nr++] = desc;
}

/* Items of the problems text: sentences ending in "。" (or lines), markers removed. */
static void problems_from_text(struct problem_rows *pr, const char *text)
{
    struct bctx *b = pr->b;
    const char *p = text;

    while (*p) {
        const char *stop = strstr(p, "。"), *nl = strchr(p, '\n');
        size_t len, skip;
        struct strbuf item = STRBUF_INIT, head = STRBUF_INIT;

        len = stop ? (size_t)(stop - p) + strlen("。") : strlen(p);
        if (nl && (size_t)(nl - p) < len)
            len = (size_t)(nl - p) + 1;
        strbuf_add(&item, p, len);
        strbuf_trim(&item);
        skip = marker_len(item.buf, item.len);
        if (skip) {
            memmove(item.buf, item.buf + skip, item.len - skip);
            strbuf_setlen(&item, item.len - skip);
            strbuf_trim(&item);
        }
        if (strcmp(item.buf, "无") && strcmp(item.buf, "无。") && item.len) {
            problem_head(item.buf, &head);
            problem_add(pr, category_of(b, item.buf), report_strdup(b->r, head.buf),
                        report_strdup(b->r, item.buf));
        }
        strbuf_release(&item);
        strbuf_release(&head);
        p += len;
    }
}

struct problem_leaf {
    struct problem_rows *pr;
    const struct jx_indicator *top;
};

static void problem_from_leaf(const struct jx_indicator *leaf, void *data)
{
    struct problem_leaf *pl = data;
    struct bctx *b = pl->pr->b;
    struct strbuf head = STRBUF_INIT, desc = STRBUF_INIT;
    struct report_var v[] = {{"name", leaf->name}};

    if (full_marks(leaf))
        return;
    say(b, &head, "problem_indicator", v, 1);
    missed_sentence(b, leaf, &desc);
    problem_add(pl->pr, category_of(b, pl->top->name), report_strdup(b->r, head.buf),
                report_strdup(b->r, desc.buf));
    strbuf_release(&head);
    strbuf_release(&desc);
}

static void part_problem_list(struct bctx *b, const struct layout_item *it)
{
    static const char *const heads[] = {"序号", "问题分类", "具体问题", "问题描述"};
    struct problem_rows pr = {b, NULL, NULL, NULL, 0, 0};
    struct report_table *t;

    if (!blank(b->ev->problems))
        problems_from_text(&pr, b->ev->problems);
    for (size_t i = 0; i < b->ev->root.nr_children; i++) {
        struct problem_leaf pl = {&pr, l1(b, i)};

        each_leaf(l1(b, i), problem_from_leaf, &pl);
    }
    caption(b, it);
    if (!pr.nr) {
        struct strbuf sb = STRBUF_INIT;

        say(b, &sb, "problem_none", NULL, 0);
        add_paragraphs(b, NULL, sb.buf, REPORT_PARA_BODY);
        strbuf_release(&sb);
        return;
    }
    t = report_add_table(b->r, pr.nr + 1, 4, 1);
    header_row(b, t, 0, heads, 0, 4);
    for (size_t i = 0; i < pr.nr; i++) {
        set_cell(b, t, i + 1, 0, fmt_int(b, (int64_t)i + 1), REPORT_ALIGN_CENTER);
        set_cell(b, t, i + 1, 1, pr.cat[i], REPORT_ALIGN_CENTER);
        set_cell(b, t, i + 1, 2, pr.head[i], REPORT_ALIGN_LEFT);
        set_cell(b, t, i + 1, 3, pr.desc[i], REPORT_ALIGN_LEFT);
    }
    t->col_widths[0] = 70;
    t->col_widths[1] = 130;
    t->col_widths[2] = 250;
    t->col_widths[3] = 550;
}

/* --- 满意度调查分析报告 --------------------------------------------------------------- */

static void survey_report(struct bctx *b, const struct jx_survey *sv)
{
    static const char *const heads[] = {"选项", "赋值", "人数", "占比"};
    struct strbuf sb = STRBUF_INIT;
    int64_t answers = 0, shares = 0;
    struct report_var v[] = {
        {"respondents", sv->respondents},
        {"sampling", sv->sampling},
        {"issued", sv->issued >= 0 ? fmt_int(b, sv->issued) : NULL},
        {"returned", sv->returned >= 0 ? fmt_int(b, sv->returned) : NULL},
        {"valid", sv->valid >= 0 ? fmt_int(b, sv->valid) : NULL},
        {"rate",
         sv->valid >= 0 && sv->issued > 0 ? fmt_rate(b, rate_of(sv->valid, sv->issued)) : NULL},
        {"title", sv->title ? sv->title : (sv->id ? sv->id : "")},
        {"satisfaction", sv->satisfaction >= 0 ? fmt_rate(b, sv->satisfaction) : NULL},
        {"count", fmt_int(b, (int64_t)sv->nr_options)},
    };

    if (!blank(sv->respondents))
        say(b, &sb, "survey_object", v, 9);
    if (!blank(sv->sampling))
        say(b, &sb, "survey_sampling", v, 9);
    if (sv->issued >= 0 && sv->returned >= 0 && sv->valid >= 0 && sv->issued > 0)
        say(b, &sb, "survey_counts", v, 9);
    else if (sv->valid >= 0)
        say(b, &sb, "survey_valid", v, 9);
    if (sv->nr_options)
        say(b, &sb, "survey_method", v, 9);
    if (sb.len)
        add_paragraphs(b, NULL, sb.buf, REPORT_PARA_BODY);
    if (sv->nr_options) {
        struct report_table *t = report_add_table(b->r, sv->nr_options + 2, 4, 1);

        for (size_t i = 0; i < sv->nr_options; i++)
            answers += sv->options[i].count;
        header_row(b, t, 0, heads, 0, 4);
        for (size_t i = 0; i < sv->nr_options; i++) {
            const struct jx_survey_option *o = &sv->options[i];

            set_cell(b, t, i + 1, 0, o->label, REPORT_ALIGN_CENTER);
            set_cell(b, t, i + 1, 1, trim_points(b, o->value), REPORT_ALIGN_CENTER);
            set_cell(b, t, i + 1, 2, fmt_int(b, o->count), REPORT_ALIGN_CENTER);
            int64_t share = rate_of(o->count, answers);

            shares += share;
            set_cell(b, t, i + 1, 3, fmt_rate(b, share), REPORT_ALIGN_CENTER);
        }
        set_cell(b, t, sv->nr_options + 1, 0, "合计", REPORT_ALIGN_CENTER);
        set_cell(b, t, sv->nr_options + 1, 2, fmt_int(b, answers), REPORT_ALIGN_CENTER);
        /* The sum of the printed shares, not 100%: a table must foot as it reads
         * (1/1/1 prints 33.33% three times, 99.99% in all). */
        set_cell(b, t, sv->nr_options + 1, 3, answers ? fmt_rate(b, shares) : "",
                 REPORT_ALIGN_CENTER);
        report_cell_at(t, sv->nr_options + 1, 0)->bold = true;
    }
    if (sv->satisfaction >= 0) {
        strbuf_reset(&sb);
        say(b, &sb, "survey_result", v, 9);
        add_paragraphs(b, NULL, sb.buf, REPORT_PARA_BODY);
    }
    strbuf_release(&sb);
}

static void part_surveys(struct bctx *b, const struct layout_item *it)
{
    if (!b->ev->nr_surveys) {
        struct strbuf sb = STRBUF_INIT;

        say(b, &sb, "survey_none", NULL, 0);
        add_paragraphs(b, NULL, sb.buf, REPORT_PARA_BODY);
        strbuf_release(&sb);
        return;
    }
    for (size_t i = 0; i < b->ev->nr_surveys; i++) {
        const struct jx_survey *sv = &b->ev->surveys[i];
        const char *title = sv->title ? sv->title : (sv->id ? sv->id : "");

        if (b->ev->nr_surveys > 1 || it->text)
            report_add_heading(b->r, it->level, item_heading(b, it, "（{cn}）{name}", i, title));
        survey_report(b, sv);
    }
}

/* --- 项目支出绩效自评表 --------------------------------------------------------------- */

/* Sets text at (row, col) and merges it over span columns. */
static void span(struct bctx *b, struct report_table *t, size_t row, size_t col, size_t cols,
                 const char *text, enum report_align align, bool bold)
{
    set_cell(b, t, row, col, text, align);
    report_cell_at(t, row, col)->bold = bold;
    if (cols > 1)
        report_cell_merge(t, row, col, 1, (unsigned)cols);
}

static void part_self_form(struct bctx *b, const struct layout_item *it)
{
    static const struct tree_col cols[] = {
        {"年度指标值", 110, REPORT_ALIGN_CENTER, col_target},
        {"实际完成值", 110, REPORT_ALIGN_CENTER, col_actual},
        {"分值", 60, REPORT_ALIGN_CENTER, col_weight},
        {"得分", 60, REPORT_ALIGN_CENTER, col_score},
        {"偏差原因分析及改进措施", 0, REPORT_ALIGN_LEFT, col_deviation},
    };
    static const char *const fund_heads[] = {"年初预算数", "全年预算数", "全年执行数",
                                             "分值",       "执行率",     "得分"};
    const struct jx_eval *ev = b->ev;
    const struct jx_indicator *x = exec_leaf(&ev->root);
    unsigned levels = levels_of(b, 1) < 3 ? 3 : levels_of(b, 1);
    struct tree_spec sp = {1, levels, 0, cols, 5, true};
    size_t nc = levels + 5, label = nc - 6, rows = 0, row, mid;
    struct report_table *t;
    struct strbuf sb = STRBUF_INIT;

    for (size_t i = 0; i < ev->root.nr_children; i++)
        rows += tree_rows(l1(b, i), &sp);
    /* 项目名称, 主管部门/实施单位, 2 funding, 2 goal, indicator header, rows, 总分. */
    t = report_add_table(b->r, 7 + rows + 1, nc, 0);
    t->small = true;
    caption(b, it);

    span(b, t, 0, 0, label, "项目名称", REPORT_ALIGN_CENTER, true);
    span(b, t, 0, label, nc - label, ev->project.name, REPORT_ALIGN_LEFT, false);
    mid = label + (nc - label) / 2;
    span(b, t, 1, 0, label, "主管部门", REPORT_ALIGN_CENTER, true);
    span(b, t, 1, label, mid - label - 1, ev->department ? ev->department : ev->unit,
         REPORT_ALIGN_LEFT, false);
    span(b, t, 1, mid - 1, 1, "实施单位", REPORT_ALIGN_CENTER, true);
    span(b, t, 1, mid, nc - mid, ev->unit, REPORT_ALIGN_LEFT, false);

    span(b, t, 2, 0, label, "项目资金（万元）", REPORT_ALIGN_CENTER, true);
    for (size_t c = 0; c < 6; c++)
        span(b, t, 2, label + c, 1, fund_heads[c], REPORT_ALIGN_CENTER, true);
    span(b, t, 3, 0, label, "年度资金总额", REPORT_ALIGN_CENTER, false);
    set_cell(b, t, 3, label, ev->budget.has_initial ? fmt_wan(b, ev->budget.initial, false) : "",
             REPORT_ALIGN_CENTER);
    set_cell(b, t, 3, label + 1,
             ev->budget.has_planned ? fmt_wan(b, ev->budget.planned, false) : "",
             REPORT_ALIGN_CENTER);
    set_cell(b, t, 3, label + 2, ev->budget.has_spent ? fmt_wan(b, ev->budget.spent, false) : "",
             REPORT_ALIGN_CENTER);
    set_cell(b, t, 3, label + 3, x ? fmt_points(b, x->weight) : "—", REPORT_ALIGN_CENTER);
    set_cell(b, t, 3, label + 4,
             ev->budget.has_planned && ev->budget.has_spent && ev->budget.planned
                 ? fmt_rate(b, rate_of(ev->budget.spent, ev->budget.planned))
                 : "",
             REPORT_ALIGN_CENTER);
    set_cell(b, t, 3, label + 5, x ? fmt_points(b, x->score) : "—", REPORT_ALIGN_CENTER);

    mid = label + (nc - label) / 2;
    set_cell(b, t, 4, 0, "年度总体目标", REPORT_ALIGN_CENTER);
    report_cell_at(t, 4, 0)->bold = true;
    report_cell_merge(t, 4, 0, 2, (unsigned)label);
    span(b, t, 4, label, mid - label, "预期目标", REPORT_ALIGN_CENTER, true);
    span(b, t, 4, mid, nc - mid, "实际完成情况", REPORT_ALIGN_CENTER, true);
    span(b, t, 5, label, mid - label, ev->project.overall_goal, REPORT_ALIGN_LEFT, false);
    if (!blank(ev->conclusion)) {
        strbuf_addstr(&sb, ev->conclusion);
    } else if (!blank(ev->summary)) {
        strbuf_addstr(&sb, ev->summary);
    } else {
        say(b, &sb, "self_actual", NULL, 0);
    }
    span(b, t, 5, mid, nc - mid, sb.buf, REPORT_ALIGN_LEFT, false);

    tree_header(b, t, 6, &sp);
    row = 7;
    for (size_t i = 0; i < ev->root.nr_children; i++)
        row += fill_tree(b, t, row, l1(b, i), &sp);
    span(b, t, row, 0, levels + 2, "总分", REPORT_ALIGN_CENTER, true);
    set_cell(b, t, row, levels + 2, fmt_points(b, ev->root.weight), REPORT_ALIGN_CENTER);
    set_cell(b, t, row, levels + 3, fmt_points(b, ev->total), REPORT_ALIGN_CENTER);
    strbuf_reset(&sb);
    strbuf_addf(&sb, "评价等级：%s", ev->grade ? ev->grade : "");
    set_cell(b, t, row, levels + 4, sb.buf, REPORT_ALIGN_CENTER);
    for (size_t c = 0; c < nc; c++)
        report_cell_at(t, row, c)->bold = true;
    {
        unsigned used = 0;

        for (size_t c = 0; c < levels; c++)
            used += t->col_widths[c] = c + 1 < levels ? 85 : 140;
        used += t->col_widths[levels] = 105;
        used += t->col_widths[levels + 1] = 105;
        used += t->col_widths[levels + 2] = 60;
        used += t->col_widths[levels + 3] = 60;
        t->col_widths[levels + 4] = 1000 - used;
    }
    strbuf_release(&sb);
}

/* --- The driver ------------------------------------------------------------------------ */

const char *report_default_layout(enum jx_kind kind)
{
    return kind == JX_KIND_UNIT_SELF ? "项目支出绩效自评表" : "部门评价报告";
}

typedef void (*part_fn)(struct bctx *b, const struct layout_item *it);

static void part_page_break(struct bctx *b, const struct layout_item *it)
{
    (void)it;
    report_add_page_break(b->r);
}

static const part_fn parts[LAYOUT_PART_COUNT_] = {
    [LAYOUT_TEXT] = part_text,
    [LAYOUT_PROJECT] = part_project,
    [LAYOUT_GOALS] = part_goals,
    [LAYOUT_BUDGET] = part_budget,
    [LAYOUT_PROCESS] = part_process,
    [LAYOUT_SCORE_SUMMARY] = part_score_summary,
    [LAYOUT_GRADE_BANDS] = part_grade_bands,
    [LAYOUT_CHART_RATES] = part_chart_rates,
    [LAYOUT_CHART_BUDGET] = part_chart_budget,
    [LAYOUT_ANALYSIS] = part_analysis,
    [LAYOUT_SIGNATURE] = part_signature,
    [LAYOUT_PAGE_BREAK] = part_page_break,
    [LAYOUT_SCORE_TABLE] = part_score_table,
    [LAYOUT_GOAL_TABLE] = part_goal_table,
    [LAYOUT_L1_TABLES] = part_l1_tables,
    [LAYOUT_RULE_TABLE] = part_rule_table,
    [LAYOUT_PROBLEM_LIST] = part_problem_list,
    [LAYOUT_SURVEYS] = part_surveys,
    [LAYOUT_SELF_FORM] = part_self_form,
};

void report_build(struct report *r, const struct jx_eval *ev, const struct report_layout *l,
                  const struct report_sentences *s)
{
    struct bctx b = {.r = r, .ev = ev, .l = l, .s = s};

    if (!ev->scored)
        JX_BUG("report of an unscored evaluation");
    snprintf(b.year, sizeof(b.year), "%d", ev->year);
    /* Optional fields fall back so that no sentence shows a bare placeholder. */
    b.base[b.nr_base++] =
        (struct report_var){"project", !blank(ev->project.name) ? ev->project.name : "本项目"};
    b.base[b.nr_base++] = (struct report_var){"unit", ev->unit ? ev->unit : ""};
    b.base[b.nr_base++] = (struct report_var){
        "department", ev->department ? ev->department : (ev->unit ? ev->unit : "")};
    b.base[b.nr_base++] = (struct report_var){"year", ev->year ? b.year : "____"};
    b.base[b.nr_base++] = (struct report_var){"title", ev->title ? ev->title : ""};
    b.base[b.nr_base++] = (struct report_var){"total", fmt_points(&b, ev->total)};
    b.base[b.nr_base++] = (struct report_var){"grade", ev->grade ? ev->grade : ""};
    b.base[b.nr_base++] = (struct report_var){"weight", fmt_points(&b, ev->root.weight)};

    r->layout = report_strdup(r, l->name);
    r->title = expand(&b, l->title ? l->title : "{title}", NULL, 0);
    r->subtitle = l->subtitle ? expand(&b, l->subtitle, NULL, 0) : NULL;
    r->author = report_strdup(r, !blank(ev->signature.unit) ? ev->signature.unit : ev->unit);
    r->date = ev->date ? report_strdup(r, ev->date) : NULL;
    r->page = l->page;
    for (size_t i = 0; i < l->nr_items; i++) {
        const struct layout_item *it = &l->items[i];

        if (it->part == LAYOUT_HEADING)
            report_add_heading(r, it->level, expand(&b, it->text, NULL, 0));
        else
            parts[it->part](&b, it);
    }
}
