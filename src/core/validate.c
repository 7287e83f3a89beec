/*
 * Semantic validation: everything about a decoded evaluation that a person must fix
 * (errors) or should look at (warnings, the advice of domain.md). Invariant: every
 * problem is reported, each at the position of the thing to change (the weight for a
 * sum, the score for a score, the target for a target), and validation never stops at
 * the first one.
 */
#include <stdarg.h>
#include <string.h>

#include "core/decimal.h"
#include "core/method.h"
#include "core/money.h"
#include "core/qty.h"
#include "core/validate.h"
#include "core/xalloc.h"

struct vctx {
    const struct jx_eval *ev;
    struct jx_diags *d;
    struct strbuf msg; /* the message being composed */
    size_t errors;
};

static const char *name_of(const struct jx_indicator *ind)
{
    return ind->name && *ind->name ? ind->name : "(unnamed)";
}

static bool has_text(const char *s)
{
    return s && *s;
}

/* The more precise position when the decoder recorded it, else the indicator's. */
static struct jx_pos at(struct jx_pos precise, struct jx_pos fallback)
{
    return precise.line ? precise : fallback;
}

static void emit(struct vctx *v, enum jx_severity sev, struct jx_pos pos)
{
    jx_diags_add(v->d, sev, v->ev->file, pos, "%s", v->msg.buf);
    strbuf_reset(&v->msg);
    if (sev == JX_SEV_ERROR)
        v->errors++;
}

static void add_error(struct vctx *v, struct jx_pos pos, const char *fmt, ...) JX_PRINTF(3, 4);
static void add_error(struct vctx *v, struct jx_pos pos, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    strbuf_vaddf(&v->msg, fmt, ap);
    va_end(ap);
    emit(v, JX_SEV_ERROR, pos);
}

static void add_warning(struct vctx *v, struct jx_pos pos, const char *fmt, ...) JX_PRINTF(3, 4);
static void add_warning(struct vctx *v, struct jx_pos pos, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    strbuf_vaddf(&v->msg, fmt, ap);
    va_end(ap);
    emit(v, JX_SEV_WARNING, pos);
}

static void points(struct strbuf *sb, int64_t centi)
{
    dec_format(sb, centi, 2, 2);
}

static void money(struct strbuf *sb, int64_t fen)
{
    money_format_unit(sb, fen, MONEY_WAN, 0);
}

/* A quantity as the user wrote it when the decoder kept the text. */
static void quantity(struct strbuf *sb, const char *text, const struct jx_qty *q)
{
    if (has_text(text))
        strbuf_addstr(sb, text);
    else
        qty_format(sb, q);
}

/* ---- leaves ---- */

static void check_no_method(struct vctx *v, const struct jx_indicator *leaf)
{
    struct jx_pos pos = at(leaf->target_pos, leaf->pos);

    if (!leaf->has_target) {
        add_error(v, leaf->pos,
                  "method required: '%s' has no target (指标值) to infer it from; set method",
                  name_of(leaf));
        return;
    }
    strbuf_addstr(&v->msg, "method required: target '");
    quantity(&v->msg, leaf->target_text, &leaf->target);
    if (!leaf->target.is_number)
        strbuf_addstr(&v->msg, "' is qualitative; use tiers, reach or manual");
    else
        strbuf_addstr(&v->msg, "' has no comparison (≥, ≤ or =); write one or set method "
                               "(ratio, inverse, equal, deviation)");
    emit(v, JX_SEV_ERROR, pos);
}

/* Target and actual of the methods that compare them. Returns true when both are usable. */
static bool check_comparison(struct vctx *v, const struct jx_indicator *leaf, const char *m)
{
    bool ok = true;

    if (!leaf->has_target) {
        add_error(v, leaf->pos, "method '%s' of '%s' needs target (指标值)", m, name_of(leaf));
        ok = false;
    } else if (!leaf->target.is_number) {
        strbuf_addstr(&v->msg, "target '");
        quantity(&v->msg, leaf->target_text, &leaf->target);
        strbuf_addf(&v->msg, "' of '%s' is qualitative; method '%s' needs a number", name_of(leaf),
                    m);
        emit(v, JX_SEV_ERROR, at(leaf->target_pos, leaf->pos));
        ok = false;
    }
    if (!leaf->has_actual) {
        if (v->ev->rules.evidence_required)
            add_warning(v, leaf->pos,
                        "'%s' has no actual (实际完成值); the evaluation will be graded 证据不足",
                        name_of(leaf));
        else
            add_error(v, leaf->pos, "method '%s' of '%s' needs actual (实际完成值)", m,
                      name_of(leaf));
        ok = false;
    } else if (!leaf->actual.is_number) {
        strbuf_addstr(&v->msg, "actual '");
        quantity(&v->msg, leaf->actual_text, &leaf->actual);
        strbuf_addf(&v->msg, "' of '%s' is not a number; method '%s' needs one", name_of(leaf), m);
        emit(v, JX_SEV_ERROR, at(leaf->actual_pos, leaf->pos));
        ok = false;
    }
    return ok;
}

static bool check_deviation(struct vctx *v, const struct jx_indicator *leaf,
                            const struct method_input *in)
{
    if (in->tolerance < 0) {
        add_error(v, leaf->pos, "tolerance of '%s' is negative", name_of(leaf));
        return false;
    }
    if (in->zero_at <= in->tolerance) {
        strbuf_addstr(&v->msg, "zero_at '");
        dec_format_trim(&v->msg, in->zero_at, 6);
        strbuf_addf(&v->msg, "%%' of '%s' must be above its tolerance '", name_of(leaf));
        dec_format_trim(&v->msg, in->tolerance, 6);
        strbuf_addstr(&v->msg, "%'");
        emit(v, JX_SEV_ERROR, leaf->pos);
        return false;
    }
    return true;
}

static bool check_execution(struct vctx *v, const struct jx_indicator *leaf)
{
    const struct jx_eval *ev = v->ev;
    bool ok = true;

    if (leaf->exec_base == JX_EXEC_RECEIVED && !ev->budget.has_received) {
        add_error(v, leaf->pos, "method 'execution' of '%s' needs budget received (到位数)",
                  name_of(leaf));
        ok = false;
    }
    if (leaf->exec_base == JX_EXEC_PLANNED && !ev->budget.has_planned) {
        add_error(v, leaf->pos, "method 'execution' of '%s' needs budget planned (预算数)",
                  name_of(leaf));
        ok = false;
    }
    if (!ev->budget.has_spent) {
        add_error(v, leaf->pos, "method 'execution' of '%s' needs budget spent (执行数)",
                  name_of(leaf));
        ok = false;
    }
    /* Negative amounts are reported once, on the budget (check_budget). */
    if ((ev->budget.has_planned && ev->budget.planned < 0) ||
        (ev->budget.has_received && ev->budget.received < 0) ||
        (ev->budget.has_spent && ev->budget.spent < 0))
        ok = false;
    return ok;
}

static bool check_survey(struct vctx *v, const struct jx_indicator *leaf)
{
    bool ok = true;

    if (!has_text(leaf->survey)) {
        add_error(v, leaf->pos,
                  "method 'survey' of '%s' needs survey (the id of an entry in surveys)",
                  name_of(leaf));
        ok = false;
    } else if (!eval_find_survey(v->ev, leaf->survey)) {
        add_error(v, leaf->pos, "survey '%s' of '%s' does not exist in surveys", leaf->survey,
                  name_of(leaf));
        ok = false;
    }
    if (!leaf->has_target) {
        add_error(v, leaf->pos, "method 'survey' of '%s' needs target, such as '≥90%%'",
                  name_of(leaf));
        ok = false;
    } else if (!leaf->target.is_number || strcmp(leaf->target.unit, "%")) {
        strbuf_addstr(&v->msg, "target '");
        quantity(&v->msg, leaf->target_text, &leaf->target);
        strbuf_addf(&v->msg, "' of '%s' must be a percentage for method 'survey', such as '≥90%%'",
                    name_of(leaf));
        emit(v, JX_SEV_ERROR, at(leaf->target_pos, leaf->pos));
        ok = false;
    }
    return ok;
}

static bool check_deductions(struct vctx *v, const struct jx_indicator *leaf)
{
    bool ok = true;

    for (size_t i = 0; i < leaf->nr_deductions; i++) {
        const struct jx_deduction *dd = &leaf->deductions[i];
        struct jx_pos pos = at(dd->pos, leaf->pos);

        if (dd->points < 0) {
            strbuf_addstr(&v->msg, "deduction '");
            points(&v->msg, dd->points);
            strbuf_addf(&v->msg, "' of '%s' is negative", name_of(leaf));
            emit(v, JX_SEV_ERROR, pos);
            ok = false;
        }
        if (!has_text(dd->reason)) {
            add_error(v, pos, "deduction of '%s' needs reason (扣分原因)", name_of(leaf));
            ok = false;
        }
    }
    return ok;
}

/* The assessor's score of tiers and manual: given, and within [0, w]. */
static bool check_given_score(struct vctx *v, const struct jx_indicator *leaf, const char *m)
{
    struct jx_pos pos = at(leaf->score_pos, leaf->pos);

    if (!leaf->has_given_score) {
        add_error(v, leaf->pos, "method '%s' of '%s' needs score", m, name_of(leaf));
        return false;
    }
    if (leaf->given_score < 0) {
        strbuf_addstr(&v->msg, "score '");
        points(&v->msg, leaf->given_score);
        strbuf_addf(&v->msg, "' of '%s' is negative", name_of(leaf));
        emit(v, JX_SEV_ERROR, pos);
        return false;
    }
    if (leaf->has_weight && leaf->given_score > leaf->weight) {
        strbuf_addstr(&v->msg, "score '");
        points(&v->msg, leaf->given_score);
        strbuf_addf(&v->msg, "' of '%s' is above its weight '", name_of(leaf));
        points(&v->msg, leaf->weight);
        strbuf_addch(&v->msg, '\'');
        emit(v, JX_SEV_ERROR, pos);
        return false;
    }
    return true;
}

/* Inputs that belong to other methods: the user probably expects them to count. */
static void check_ignored(struct vctx *v, const struct jx_indicator *leaf, enum jx_method m)
{
    if (leaf->has_given_score && m != JX_METHOD_TIERS && m != JX_METHOD_MANUAL)
        add_warning(v, at(leaf->score_pos, leaf->pos),
                    "score of '%s' is ignored: method '%s' computes the score", name_of(leaf),
                    method_name(m));
    if (leaf->nr_deductions && m != JX_METHOD_DEDUCT)
        add_warning(v, leaf->pos,
                    "deductions of '%s' are ignored: its method is '%s', not 'deduct'",
                    name_of(leaf), method_name(m));
}

static void check_overshoot(struct vctx *v, const struct jx_indicator *leaf,
                            const struct method_input *in)
{
    int64_t share;

    if (has_text(leaf->deviation_reason) || v->ev->rules.overshoot <= 0 ||
        !method_overshoot(in, v->ev->rules.overshoot, &share))
        return;
    if (in->method == JX_METHOD_SURVEY) {
        strbuf_addstr(&v->msg, "satisfaction '");
        dec_format(&v->msg, in->satisfaction, 2, 2);
        strbuf_addch(&v->msg, '%');
    } else {
        strbuf_addstr(&v->msg, "actual '");
        quantity(&v->msg, leaf->actual_text, &leaf->actual);
    }
    strbuf_addf(&v->msg, "' of '%s' is ", name_of(leaf));
    dec_format(&v->msg, share, 2, 2);
    strbuf_addstr(&v->msg, "% of its target; add deviation_reason (偏差原因)");
    emit(v, JX_SEV_WARNING, at(leaf->actual_pos, leaf->pos));
}

static void check_leaf(struct vctx *v, const struct jx_indicator *leaf)
{
    const struct jx_eval *ev = v->ev;
    struct method_input in;
    struct strbuf why = STRBUF_INIT;
    const char *m;
    bool ok = true;
    int64_t s;

    method_input_from_leaf(ev, leaf, &in);
    if (in.method == JX_METHOD_NONE) {
        check_no_method(v, leaf);
        return;
    }
    m = method_name(in.method);
    switch (in.method) {
    case JX_METHOD_RATIO:
    case JX_METHOD_INVERSE:
    case JX_METHOD_EQUAL:
        ok = check_comparison(v, leaf, m);
        break;
    case JX_METHOD_DEVIATION:
        ok = check_comparison(v, leaf, m);
        ok = check_deviation(v, leaf, &in) && ok;
        break;
    case JX_METHOD_REACH:
        if (!leaf->has_reached) {
            add_error(v, leaf->pos, "method 'reach' of '%s' needs reached (true or false)",
                      name_of(leaf));
            ok = false;
        }
        break;
    case JX_METHOD_TIERS:
        if (leaf->tier == JX_TIER_NONE) {
            add_error(v, leaf->pos, "method 'tiers' of '%s' needs tier (达成, 部分达成 or 未达成)",
                      name_of(leaf));
            ok = false;
        }
        ok = check_given_score(v, leaf, m) && ok;
        break;
    case JX_METHOD_MANUAL:
        ok = check_given_score(v, leaf, m);
        if (!has_text(leaf->basis)) {
            add_error(v, leaf->pos, "method 'manual' of '%s' needs basis (评分依据)",
                      name_of(leaf));
            ok = false;
        }
        break;
    case JX_METHOD_EXECUTION:
        ok = check_execution(v, leaf);
        break;
    case JX_METHOD_SURVEY:
        ok = check_survey(v, leaf);
        break;
    case JX_METHOD_DEDUCT:
        ok = check_deductions(v, leaf);
        break;
    case JX_METHOD_NONE:
    case JX_METHOD_COUNT_:
        break;
    }
    check_ignored(v, leaf, in.method);

    /*
     * With its inputs present, the leaf must also score: a target of 0 for ratio, units
     * that do not convert, a bound that decides nothing, a score outside its tier.
     */
    if (ok && leaf->has_weight && leaf->weight >= 0 && method_score(&in, &s, NULL, &why)) {
        add_error(v, leaf->pos, "cannot score '%s': %s", name_of(leaf), why.buf);
        strbuf_release(&why);
    }
    if (ok)
        check_overshoot(v, leaf, &in);
}

/* ---- the tree ---- */

static void check_duplicates(struct vctx *v, const struct jx_indicator *parent)
{
    for (size_t i = 1; i < parent->nr_children; i++) {
        const struct jx_indicator *b = &parent->children[i];

        if (!has_text(b->name))
            continue;
        for (size_t j = 0; j < i; j++) {
            const struct jx_indicator *a = &parent->children[j];

            if (has_text(a->name) && !strcmp(a->name, b->name)) {
                if (parent == &v->ev->root)
                    strbuf_addf(&v->msg, "duplicate 一级指标 '%s'", b->name);
                else
                    strbuf_addf(&v->msg, "duplicate name '%s' among the children of '%s'", b->name,
                                name_of(parent));
                if (a->pos.line)
                    strbuf_addf(&v->msg, " (first at line %u)", a->pos.line);
                emit(v, JX_SEV_ERROR, b->pos);
                break;
            }
        }
    }
}

static void check_sum(struct vctx *v, const struct jx_indicator *ind, bool is_root)
{
    jx_i128 sum = 0;

    for (size_t i = 0; i < ind->nr_children; i++) {
        if (!ind->children[i].has_weight)
            return; /* reported on the child; a sum would only add noise */
        sum += ind->children[i].weight;
    }
    if (!ind->has_weight || sum == ind->weight)
        return;
    if (sum > INT64_MAX || sum < INT64_MIN) {
        add_error(v, at(ind->weight_pos, ind->pos), "weights of the children of '%s' overflow",
                  name_of(ind));
        return;
    }
    if (is_root) {
        strbuf_addstr(&v->msg, "一级指标 weights sum to ");
        points(&v->msg, (int64_t)sum);
        strbuf_addstr(&v->msg, ", expected ");
        points(&v->msg, ind->weight);
        emit(v, JX_SEV_ERROR, at(ind->pos, ind->children[0].pos));
        return;
    }
    strbuf_addstr(&v->msg, "weight '");
    points(&v->msg, ind->weight);
    strbuf_addf(&v->msg, "' of '%s' does not match its children (sum ", name_of(ind));
    points(&v->msg, (int64_t)sum);
    strbuf_addch(&v->msg, ')');
    emit(v, JX_SEV_ERROR, at(ind->weight_pos, ind->pos));
}

static void check_node(struct vctx *v, const struct jx_indicator *ind, unsigned depth)
{
    if (depth > JX_MAX_DEPTH) {
        add_error(v, ind->pos, "'%s' is at depth %u; indicators nest at most %d levels",
                  name_of(ind), depth, JX_MAX_DEPTH);
        return; /* its subtree would repeat the message */
    }
    if (!has_text(ind->name))
        add_error(v, ind->pos, "indicator without a name (指标名称)");
    if (!ind->has_weight) {
        add_error(v, ind->pos, "'%s' has no weight (分值)", name_of(ind));
    } else if (ind->weight < 0) {
        strbuf_addstr(&v->msg, "weight '");
        points(&v->msg, ind->weight);
        strbuf_addf(&v->msg, "' of '%s' is negative", name_of(ind));
        emit(v, JX_SEV_ERROR, at(ind->weight_pos, ind->pos));
    } else if (!ind->weight && indicator_is_leaf(ind)) {
        add_warning(v, at(ind->weight_pos, ind->pos),
                    "weight of '%s' is 0; it adds nothing to the score", name_of(ind));
    }
    if (indicator_is_leaf(ind)) {
        check_leaf(v, ind);
        return;
    }
    if (ind->method != JX_METHOD_NONE || ind->has_target || ind->has_actual)
        add_warning(v, ind->pos, "'%s' has children, so its method, target and actual are ignored",
                    name_of(ind));
    check_duplicates(v, ind);
    check_sum(v, ind, false);
    for (size_t i = 0; i < ind->nr_children; i++)
        check_node(v, &ind->children[i], depth + 1);
}

/* ---- evaluation-wide advice ---- */

/* 产出 + 效益 ≥ 60% of the points in 部门评价 / 财政评价 (财预〔2020〕10号). */
static void check_output_benefit(struct vctx *v)
{
    const struct jx_indicator *root = &v->ev->root;
    jx_i128 sum = 0;

    if (v->ev->kind == JX_KIND_UNIT_SELF || root->weight <= 0)
        return;
    for (size_t i = 0; i < root->nr_children; i++) {
        const struct jx_indicator *l1 = &root->children[i];

        if (!l1->has_weight)
            return; /* an error already; a share computed without it would mislead */
        if (has_text(l1->name) && (strstr(l1->name, "产出") || strstr(l1->name, "效益")))
            sum += l1->weight;
    }
    if (sum * 100 >= (jx_i128)root->weight * 60)
        return;
    strbuf_addstr(&v->msg, "产出 and 效益 weigh ");
    points(&v->msg, (int64_t)sum);
    strbuf_addstr(&v->msg, " of ");
    points(&v->msg, root->weight);
    strbuf_addf(&v->msg, " points, below the 60%% a %s should give them",
                eval_kind_name(v->ev->kind));
    emit(v, JX_SEV_WARNING, at(root->pos, root->children[0].pos));
}

/* 单位自评: 产出 50, 效益 30, 满意度 10, 预算执行率 10 (may be adjusted: advice only). */
static void check_self_weights(struct vctx *v)
{
    static const struct {
        const char *key;
        int64_t share; /* percent of the points */
    } shares[] = {{"满意度", 10}, {"执行", 10}, {"产出", 50}, {"效益", 30}};
    const struct jx_indicator *root = &v->ev->root;

    if (v->ev->kind != JX_KIND_UNIT_SELF)
        return;
    for (size_t i = 0; i < root->nr_children; i++) {
        const struct jx_indicator *l1 = &root->children[i];

        if (!has_text(l1->name) || !l1->has_weight)
            continue;
        for (size_t k = 0; k < ARRAY_SIZE(shares); k++) {
            jx_i128 expected = (jx_i128)root->weight * shares[k].share;

            if (!strstr(l1->name, shares[k].key))
                continue;
            if ((jx_i128)l1->weight * 100 != expected) {
                strbuf_addf(&v->msg, "一级指标 '%s' weighs ", l1->name);
                points(&v->msg, l1->weight);
                strbuf_addstr(&v->msg, "; 单位自评 gives 产出 50, 效益 30, 满意度 10 and "
                                       "预算执行率 10 (adjust only with a reason)");
                emit(v, JX_SEV_WARNING, at(l1->weight_pos, l1->pos));
            }
            break;
        }
    }
}

static void check_amount(struct vctx *v, const char *what, int64_t fen, bool has)
{
    if (!has || fen >= 0)
        return;
    strbuf_addf(&v->msg, "budget %s '", what);
    money(&v->msg, fen);
    strbuf_addstr(&v->msg, "' is negative");
    emit(v, JX_SEV_ERROR, v->ev->budget.pos);
}

static void above(struct vctx *v, const char *a, int64_t fa, const char *b, int64_t fb)
{
    strbuf_addf(&v->msg, "budget %s '", a);
    money(&v->msg, fa);
    strbuf_addf(&v->msg, "' is above %s '", b);
    money(&v->msg, fb);
    strbuf_addch(&v->msg, '\'');
    emit(v, JX_SEV_WARNING, v->ev->budget.pos);
}

static void check_budget(struct vctx *v)
{
    const struct jx_eval *ev = v->ev;

    check_amount(v, "initial", ev->budget.initial, ev->budget.has_initial);
    check_amount(v, "planned", ev->budget.planned, ev->budget.has_planned);
    check_amount(v, "received", ev->budget.received, ev->budget.has_received);
    check_amount(v, "spent", ev->budget.spent, ev->budget.has_spent);
    if (ev->budget.has_spent && ev->budget.has_received && ev->budget.spent > ev->budget.received)
        above(v, "spent", ev->budget.spent, "received", ev->budget.received);
    else if (ev->budget.has_spent && !ev->budget.has_received && ev->budget.has_planned &&
             ev->budget.spent > ev->budget.planned)
        above(v, "spent", ev->budget.spent, "planned", ev->budget.planned);
    if (ev->budget.has_received && ev->budget.has_planned &&
        ev->budget.received > ev->budget.planned)
        above(v, "received", ev->budget.received, "planned", ev->budget.planned);
}

static void check_surveys(struct vctx *v)
{
    const struct jx_eval *ev = v->ev;

    for (size_t i = 0; i < ev->nr_surveys; i++) {
        const struct jx_survey *s = &ev->surveys[i];
        const char *id = has_text(s->id) ? s->id : "(no id)";
        jx_i128 answers = 0;

        if (!has_text(s->id))
            add_error(v, s->pos, "survey without an id");
        for (size_t j = 0; j < i && has_text(s->id); j++) {
            if (has_text(ev->surveys[j].id) && !strcmp(ev->surveys[j].id, s->id)) {
                strbuf_addf(&v->msg, "duplicate survey id '%s'", s->id);
                if (ev->surveys[j].pos.line)
                    strbuf_addf(&v->msg, " (first at line %u)", ev->surveys[j].pos.line);
                emit(v, JX_SEV_ERROR, s->pos);
                break;
            }
        }
        for (size_t j = 0; j < s->nr_options; j++) {
            const struct jx_survey_option *o = &s->options[j];
            const char *label = has_text(o->label) ? o->label : "(no label)";

            if (o->value < 0 || o->value > 100 * JX_CENTI) {
                strbuf_addf(&v->msg, "value '");
                points(&v->msg, o->value);
                strbuf_addf(&v->msg, "' of option '%s' in survey '%s' is outside 0 to 100", label,
                            id);
                emit(v, JX_SEV_ERROR, s->pos);
            }
            if (o->count < 0)
                add_error(v, s->pos, "count of option '%s' in survey '%s' is negative", label, id);
            else
                answers += o->count;
        }
        if (s->has_reported && (s->reported < 0 || s->reported > 100 * JX_CENTI)) {
            strbuf_addstr(&v->msg, "reported satisfaction '");
            dec_format(&v->msg, s->reported, 2, 2);
            strbuf_addf(&v->msg, "%%' of survey '%s' is outside 0%% to 100%%", id);
            emit(v, JX_SEV_ERROR, s->pos);
        }
        if (!s->nr_options && !s->has_reported)
            add_warning(v, s->pos,
                        "survey '%s' has neither options nor reported; its satisfaction is unknown",
                        id);
        if (s->returned >= 0 && s->issued >= 0 && s->returned > s->issued)
            add_warning(v, s->pos,
                        "survey '%s' has more returned (回收, %lld) than issued (发放, %lld) "
                        "questionnaires",
                        id, (long long)s->returned, (long long)s->issued);
        if (s->valid >= 0 && s->returned >= 0 && s->valid > s->returned)
            add_warning(
                v, s->pos,
                "survey '%s' has more valid (有效, %lld) than returned (回收, %lld) questionnaires",
                id, (long long)s->valid, (long long)s->returned);
        /* An answers file pools several questions: its counts are answers, not people. */
        if (s->nr_options && !s->answers && s->valid >= 0 && answers != s->valid)
            add_warning(v, s->pos,
                        "answers of survey '%s' add up to %lld, but valid (有效) is %lld", id,
                        (long long)answers, (long long)s->valid);
    }
}

static void check_scoring(struct vctx *v)
{
    const struct jx_eval *ev = v->ev;
    const struct jx_pos none = {0, 0};

    if (ev->rules.overshoot <= 100 * JX_MICRO) {
        strbuf_addstr(&v->msg, "rule overshoot '");
        dec_format_trim(&v->msg, ev->rules.overshoot, 6);
        strbuf_addstr(&v->msg, "%' must be above 100%");
        emit(v, JX_SEV_ERROR, none);
    }
    if (ev->rules.overshoot_penalty < 0)
        add_error(v, none, "rule overshoot_penalty is negative");
    if (ev->rules.execution_cap &&
        (!ev->budget.has_planned || !ev->budget.has_spent || ev->budget.planned <= 0))
        add_error(v, ev->budget.pos, "rule execution_cap needs budget planned (above 0) and spent");
    for (size_t i = 0; i < ev->nr_grades; i++) {
        const struct jx_grade_band *b = &ev->grades[i];

        if (b->min < 0)
            add_error(v, none, "grade band '%s' starts below 0", b->grade ? b->grade : "");
        for (size_t j = 0; j < i; j++)
            if (b->grade && ev->grades[j].grade && !strcmp(b->grade, ev->grades[j].grade)) {
                add_error(v, none, "duplicate grade '%s' in scoring.grades", b->grade);
                break;
            }
    }
}

size_t validate_eval(const struct jx_eval *ev, struct jx_diags *d)
{
    struct vctx v = {ev, d, STRBUF_INIT, 0};
    const struct jx_indicator *root = &ev->root;

    if (!root->nr_children) {
        add_error(&v, root->pos, "no indicators (一级指标)");
    } else {
        if (root->weight <= 0) {
            strbuf_addstr(&v.msg, "points '");
            points(&v.msg, root->weight);
            strbuf_addstr(&v.msg, "' must be above 0");
            emit(&v, JX_SEV_ERROR, root->pos);
        }
        check_duplicates(&v, root);
        check_sum(&v, root, true);
        for (size_t i = 0; i < root->nr_children; i++)
            check_node(&v, &root->children[i], 1);
        check_output_benefit(&v);
        check_self_weights(&v);
    }
    check_budget(&v);
    check_surveys(&v);
    check_scoring(&v);
    strbuf_release(&v.msg);
    return v.errors;
}
