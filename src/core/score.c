/*
 * The scoring engine. Order: surveys' satisfaction, then every leaf by its method, then
 * parents as the exact sum of their (already rounded) children, then the template rules
 * on the total, then the grade. Invariant: a leaf score is rounded once (in
 * method_score), nothing above a leaf is ever rounded, so every table foots to the cent.
 */
#include <string.h>

#include "core/decimal.h"
#include "core/grade.h"
#include "core/method.h"
#include "core/score.h"
#include "core/xalloc.h"

/* The grade label for evaluations whose key indicators lack actual values (PART's RND). */
#define GRADE_NO_EVIDENCE "证据不足"

struct ctx {
    struct jx_eval *ev;
    struct jx_diags *d;
    struct strbuf why;
    size_t errors;
    bool evidence_missing;
};

static const char *name_of(const struct jx_indicator *ind)
{
    return ind->name && *ind->name ? ind->name : "(unnamed)";
}

/* A quantitative leaf without its actual under 证据不足: no error, it is what the rule is for. */
static bool lacks_evidence(const struct jx_eval *ev, const struct jx_indicator *leaf,
                           const struct method_input *in)
{
    return ev->rules.evidence_required && method_needs_actual(in->method) && !leaf->has_actual;
}

/* The 偏差扣分 rule: does it apply to this leaf, and what is left after it. */
static bool penalised(const struct jx_eval *ev, const struct method_input *in)
{
    return ev->rules.overshoot_penalty > 0 && method_overshoot(in, ev->rules.overshoot, NULL);
}

static int64_t apply_penalty(const struct jx_eval *ev, int64_t s)
{
    return s > ev->rules.overshoot_penalty ? s - ev->rules.overshoot_penalty : 0;
}

static void score_leaf(struct ctx *c, struct jx_indicator *leaf)
{
    struct method_input in;
    int64_t s;

    leaf->score = 0;
    leaf->scored = false;
    leaf->overshoot = false;
    method_input_from_leaf(c->ev, leaf, &in);
    /* Renderers show the method a leaf was scored with, inferred or not. */
    if (leaf->method == JX_METHOD_NONE && in.method != JX_METHOD_NONE) {
        leaf->method = in.method;
        leaf->method_inferred = true;
    }
    if (lacks_evidence(c->ev, leaf, &in)) {
        c->evidence_missing = true;
        leaf->scored = true;
        return;
    }
    if (method_score(&in, &s, NULL, &c->why)) {
        jx_diags_add(c->d, JX_SEV_ERROR, c->ev->file, leaf->pos, "cannot score '%s': %s",
                     name_of(leaf), c->why.buf);
        strbuf_reset(&c->why);
        c->errors++;
        return;
    }
    leaf->overshoot = method_overshoot(&in, c->ev->rules.overshoot, NULL);
    if (leaf->overshoot && c->ev->rules.overshoot_penalty > 0)
        s = apply_penalty(c->ev, s);
    leaf->score = s;
    leaf->scored = true;
}

static void score_node(struct ctx *c, struct jx_indicator *ind, unsigned depth)
{
    int64_t sum = 0;

    /* Deeper trees are a validation error; they still score, so that every error shows. */
    if (depth && indicator_is_leaf(ind)) {
        score_leaf(c, ind);
        return;
    }
    for (size_t i = 0; i < ind->nr_children; i++) {
        score_node(c, &ind->children[i], depth + 1);
        /* Leaf scores lie in [0, w] with w bounded by method_score, so this cannot wrap. */
        sum += ind->children[i].score;
    }
    ind->score = sum;
    ind->scored = true;
    ind->overshoot = false;
}

/*
 * 执行率封顶: the total may not exceed a cap set by the budget execution rate (执行数 /
 * 预算数): [70%, 80%) → 89, [60%, 70%) → 79, [50%, 60%) → 69, below 50% → 59, on a
 * 100-point scale (scaled when scoring.points differs). Returns the cap, or -1 for none.
 */
static int64_t execution_cap(const struct jx_eval *ev)
{
    static const struct {
        int64_t rate; /* lower bound of the band, percent */
        int64_t cap;  /* points out of 100 */
    } caps[] = {{80, -1}, {70, 89}, {60, 79}, {50, 69}, {0, 59}};
    const jx_i128 spent = ev->budget.spent, planned = ev->budget.planned;

    if (!ev->rules.execution_cap || !ev->budget.has_spent || !ev->budget.has_planned ||
        planned <= 0)
        return -1;
    for (size_t i = 0; i < ARRAY_SIZE(caps); i++) {
        /* spent / planned ≥ rate%, multiplied out so that 79.999% is not 80%. */
        if (spent * 100 >= planned * caps[i].rate) {
            if (caps[i].cap < 0)
                return -1;
            return dec_div_round((jx_i128)caps[i].cap * ev->root.weight, 100);
        }
    }
    return dec_div_round((jx_i128)59 * ev->root.weight, 100); /* a negative spend */
}

/* The lowest band: 差 by default, whatever a template calls it otherwise. */
static const char *lowest_grade(const struct jx_eval *ev)
{
    const struct jx_grade_band *bands = ev->grades;
    size_t nr = ev->nr_grades, low = 0;

    if (!nr)
        return grade_default_bands[grade_default_nr_bands - 1].grade;
    for (size_t i = 1; i < nr; i++)
        if (bands[i].min < bands[low].min)
            low = i;
    return bands[low].grade;
}

int score_eval(struct jx_eval *ev, struct jx_diags *d)
{
    struct ctx c = {ev, d, STRBUF_INIT, 0, false};
    int64_t cap;

    for (size_t i = 0; i < ev->nr_surveys; i++)
        ev->surveys[i].satisfaction = eval_survey_satisfaction(&ev->surveys[i]);

    score_node(&c, &ev->root, 0);
    ev->raw_total = ev->root.score;
    ev->total = ev->raw_total;
    cap = execution_cap(ev);
    if (cap >= 0 && ev->total > cap)
        ev->total = cap;

    /* 一票否决 outranks 证据不足: a violation is a finding, missing evidence is not. */
    if (ev->rules.veto)
        ev->grade = lowest_grade(ev);
    else if (c.evidence_missing)
        ev->grade = GRADE_NO_EVIDENCE;
    else
        ev->grade = grade_of(ev->grades, ev->nr_grades, ev->total);
    ev->scored = true;
    strbuf_release(&c.why);
    return c.errors ? JX_EINVAL : 0;
}

void score_explain(const struct jx_eval *ev, const struct jx_indicator *leaf, struct strbuf *out)
{
    struct strbuf why = STRBUF_INIT;
    struct method_input in;
    int64_t s, share = 0;

    if (!indicator_is_leaf(leaf)) {
        strbuf_addf(out, "sum of %zu sub-indicators = ", leaf->nr_children);
        dec_format(out, leaf->score, 2, 2);
        return;
    }
    method_input_from_leaf(ev, leaf, &in);
    if (lacks_evidence(ev, leaf, &in)) {
        strbuf_addf(out,
                    "%s: no actual value (实际完成值) → 0.00; the evaluation is graded "
                    "%s",
                    method_name(in.method), GRADE_NO_EVIDENCE);
        return;
    }
    if (method_score(&in, &s, out, &why)) {
        strbuf_addf(out, "cannot score: %s → 0.00", why.buf);
        strbuf_release(&why);
        return;
    }
    if (penalised(ev, &in)) {
        method_overshoot(&in, ev->rules.overshoot, &share);
        strbuf_addstr(out, "; actual is ");
        dec_format(out, share, 2, 2);
        strbuf_addstr(out, "% of target (≥ ");
        dec_format_trim(out, ev->rules.overshoot, 6);
        strbuf_addstr(out, "%): 偏差扣分 − ");
        dec_format(out, ev->rules.overshoot_penalty, 2, 2);
        strbuf_addstr(out, " = ");
        dec_format(out, apply_penalty(ev, s), 2, 2);
    }
}

int64_t score_rate(const struct jx_indicator *ind)
{
    if (ind->weight <= 0)
        return 0;
    /* A parent whose children outweigh it (a validation error) must not overflow. */
    if (ind->score / ind->weight > INT64_C(400000000000000))
        return INT64_C(4000000000000000000);
    return dec_rate(ind->score, ind->weight);
}

int64_t score_execution_rate(const struct jx_eval *ev, enum jx_exec_base base)
{
    int64_t amount;
    bool known;

    if (base == JX_EXEC_RECEIVED) {
        amount = ev->budget.received;
        known = ev->budget.has_received;
    } else {
        amount = ev->budget.planned;
        known = ev->budget.has_planned;
    }
    if (!known || amount <= 0 || !ev->budget.has_spent)
        return -1;
    /* Saturate absurd data (spent 10^14 times the base) instead of overflowing int64. */
    if (ev->budget.spent / amount > INT64_C(400000000000000))
        return INT64_C(4000000000000000000);
    return dec_rate(ev->budget.spent, amount);
}
