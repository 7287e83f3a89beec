/*
 * Writes an evaluation back as YAML (see eval_write.h). Every text value is a
 * double-quoted scalar so that nothing in it (a leading '-', ': ', '#', line breaks) can
 * change the structure; numbers come from the exact integers, never through a double.
 */
#include <string.h>

#include "core/decimal.h"
#include "core/method.h"
#include "core/money.h"
#include "io/eval_write.h"

static const char *const tier_names[] = {[JX_TIER_NONE] = "",
                                         [JX_TIER_MET] = "达成",
                                         [JX_TIER_PARTLY] = "部分达成",
                                         [JX_TIER_MISSED] = "未达成"};

static void indent(struct strbuf *out, unsigned n)
{
    strbuf_addchars(out, ' ', n);
}

/* A YAML double-quoted scalar: JSON-style escapes, which YAML 1.2 reads the same way. */
static void add_text(struct strbuf *out, const char *s)
{
    strbuf_addch(out, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if (c == '"' || c == '\\') {
            strbuf_addch(out, '\\');
            strbuf_addch(out, (char)c);
        } else if (c == '\n') {
            strbuf_addstr(out, "\\n");
        } else if (c == '\t') {
            strbuf_addstr(out, "\\t");
        } else if (c == '\r') {
            strbuf_addstr(out, "\\r");
        } else if (c < 0x20 || c == 0x7f) {
            strbuf_addf(out, "\\x%02x", c);
        } else {
            strbuf_addch(out, (char)c);
        }
    }
    strbuf_addch(out, '"');
}

static void key_text(struct strbuf *out, unsigned ind, const char *key, const char *s)
{
    if (!s)
        return;
    indent(out, ind);
    strbuf_addf(out, "%s: ", key);
    add_text(out, s);
    strbuf_addch(out, '\n');
}

static void key_points(struct strbuf *out, unsigned ind, const char *key, int64_t centi)
{
    indent(out, ind);
    strbuf_addf(out, "%s: ", key);
    dec_format(out, centi, 2, 2);
    strbuf_addch(out, '\n');
}

/* Micro-percent as "12.5%". */
static void add_percent(struct strbuf *out, int64_t micro)
{
    dec_format_trim(out, micro, 6);
    strbuf_addch(out, '%');
}

static void key_money(struct strbuf *out, unsigned ind, const char *key, bool has, int64_t fen)
{
    if (!has)
        return;
    indent(out, ind);
    strbuf_addf(out, "%s: ", key);
    money_format_unit(out, fen, MONEY_YUAN, 2);
    strbuf_addch(out, '\n');
}

static void write_project(const struct jx_eval *ev, struct strbuf *out)
{
    strbuf_addstr(out, "project:\n");
    key_text(out, 2, "name", ev->project.name ? ev->project.name : "");
    key_text(out, 2, "content", ev->project.content);
    key_text(out, 2, "background", ev->project.background);
    key_text(out, 2, "implementation", ev->project.implementation);
    if (ev->project.nr_basis) {
        strbuf_addstr(out, "  basis:\n");
        for (size_t i = 0; i < ev->project.nr_basis; i++) {
            strbuf_addstr(out, "    - ");
            add_text(out, ev->project.basis[i]);
            strbuf_addch(out, '\n');
        }
    }
    if (ev->project.overall_goal || ev->project.nr_phases) {
        strbuf_addstr(out, "  goals:\n");
        key_text(out, 4, "overall", ev->project.overall_goal);
        if (ev->project.nr_phases) {
            strbuf_addstr(out, "    phases:\n");
            for (size_t i = 0; i < ev->project.nr_phases; i++) {
                const struct jx_phase *p = &ev->project.phases[i];

                strbuf_addstr(out, "      - period: ");
                add_text(out, p->period ? p->period : "");
                strbuf_addch(out, '\n');
                key_text(out, 8, "goal", p->goal);
            }
        }
    }
}

static void write_budget(const struct jx_eval *ev, struct strbuf *out)
{
    if (!ev->budget.has_initial && !ev->budget.has_planned && !ev->budget.has_received &&
        !ev->budget.has_spent)
        return;
    strbuf_addstr(out, "budget:\n  unit: 元\n");
    key_money(out, 2, "initial", ev->budget.has_initial, ev->budget.initial);
    key_money(out, 2, "planned", ev->budget.has_planned, ev->budget.planned);
    key_money(out, 2, "received", ev->budget.has_received, ev->budget.received);
    key_money(out, 2, "spent", ev->budget.has_spent, ev->budget.spent);
}

static void write_work(const struct jx_eval *ev, struct strbuf *out)
{
    const char *keys[] = {"purpose", "scope", "principles", "index_system", "methods", "standards"};
    const char *vals[] = {ev->work.purpose,      ev->work.scope,   ev->work.principles,
                          ev->work.index_system, ev->work.methods, ev->work.standards};
    bool any = ev->work.nr_process > 0;

    for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
        any = any || vals[i];
    if (!any)
        return;
    strbuf_addstr(out, "work:\n");
    for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
        key_text(out, 2, keys[i], vals[i]);
    if (ev->work.nr_process) {
        strbuf_addstr(out, "  process:\n");
        for (size_t i = 0; i < ev->work.nr_process; i++) {
            strbuf_addstr(out, "    - stage: ");
            add_text(out, ev->work.process[i].name ? ev->work.process[i].name : "");
            strbuf_addch(out, '\n');
            key_text(out, 6, "text", ev->work.process[i].text);
        }
    }
}

static void write_leaf_inputs(const struct jx_indicator *ind, unsigned in, struct strbuf *out)
{
    if (ind->method != JX_METHOD_NONE && !ind->method_inferred) {
        indent(out, in);
        strbuf_addf(out, "method: %s\n", method_name(ind->method));
    }
    if (ind->has_target || ind->target_text)
        key_text(out, in, "target", ind->target_text ? ind->target_text : "");
    if (ind->has_actual || ind->actual_text)
        key_text(out, in, "actual", ind->actual_text ? ind->actual_text : "");
    if (ind->inverse_mode == JX_INVERSE_RATIO) {
        indent(out, in);
        strbuf_addstr(out, "inverse: ratio\n");
    }
    /* Both 0 means "the defaults" (eval_indicator_init), so only real values are written. */
    if ((ind->tolerance || ind->zero_at) &&
        (ind->tolerance != 10 * JX_MICRO || ind->zero_at != 50 * JX_MICRO)) {
        indent(out, in);
        strbuf_addstr(out, "tolerance: ");
        add_percent(out, ind->tolerance);
        strbuf_addch(out, '\n');
        indent(out, in);
        strbuf_addstr(out, "zero_at: ");
        add_percent(out, ind->zero_at);
        strbuf_addch(out, '\n');
    }
    if (ind->exec_base == JX_EXEC_RECEIVED) {
        indent(out, in);
        strbuf_addstr(out, "base: received\n");
    }
    if (ind->tier != JX_TIER_NONE)
        key_text(out, in, "tier", tier_names[ind->tier]);
    if (ind->has_given_score)
        key_points(out, in, "score", ind->given_score);
    if (ind->has_reached) {
        indent(out, in);
        strbuf_addf(out, "reached: %s\n", ind->reached ? "true" : "false");
    }
    if (ind->nr_deductions) {
        indent(out, in);
        strbuf_addstr(out, "deductions:\n");
        for (size_t i = 0; i < ind->nr_deductions; i++) {
            indent(out, in);
            strbuf_addstr(out, "  - points: ");
            dec_format(out, ind->deductions[i].points, 2, 2);
            strbuf_addch(out, '\n');
            key_text(out, in + 4, "reason", ind->deductions[i].reason);
        }
    }
    key_text(out, in, "survey", ind->survey);
}

static void write_indicators(const struct jx_indicator *parent, unsigned in, struct strbuf *out)
{
    for (size_t i = 0; i < parent->nr_children; i++) {
        const struct jx_indicator *ind = &parent->children[i];

        indent(out, in);
        strbuf_addstr(out, "- name: ");
        add_text(out, ind->name ? ind->name : "");
        strbuf_addch(out, '\n');
        key_points(out, in + 2, "weight", ind->weight);
        key_text(out, in + 2, "analysis", ind->analysis);
        key_text(out, in + 2, "explanation", ind->explanation);
        key_text(out, in + 2, "standard", ind->standard);
        if (indicator_is_leaf(ind))
            write_leaf_inputs(ind, in + 2, out);
        key_text(out, in + 2, "basis", ind->basis);
        key_text(out, in + 2, "deviation_reason", ind->deviation_reason);
        if (!indicator_is_leaf(ind)) {
            indent(out, in + 2);
            strbuf_addstr(out, "children:\n");
            write_indicators(ind, in + 4, out);
        }
    }
}

static void write_surveys(const struct jx_eval *ev, struct strbuf *out)
{
    if (!ev->nr_surveys)
        return;
    strbuf_addstr(out, "surveys:\n");
    for (size_t i = 0; i < ev->nr_surveys; i++) {
        const struct jx_survey *s = &ev->surveys[i];

        strbuf_addstr(out, "  - id: ");
        add_text(out, s->id ? s->id : "");
        strbuf_addch(out, '\n');
        key_text(out, 4, "title", s->title);
        key_text(out, 4, "respondents", s->respondents);
        key_text(out, 4, "sampling", s->sampling);
        if (s->issued >= 0)
            strbuf_addf(out, "    issued: %lld\n", (long long)s->issued);
        if (s->returned >= 0)
            strbuf_addf(out, "    returned: %lld\n", (long long)s->returned);
        if (s->valid >= 0)
            strbuf_addf(out, "    valid: %lld\n", (long long)s->valid);
        if (s->answers) {
            /* The options were counted from the answers file: the file stays the source. */
            key_text(out, 4, "answers", s->answers);
            if (s->nr_questions) {
                strbuf_addstr(out, "    questions:\n");
                for (size_t q = 0; q < s->nr_questions; q++) {
                    strbuf_addstr(out, "      - ");
                    add_text(out, s->questions[q]);
                    strbuf_addch(out, '\n');
                }
            }
            continue;
        }
        if (s->nr_options) {
            strbuf_addstr(out, "    options:\n");
            for (size_t o = 0; o < s->nr_options; o++) {
                strbuf_addstr(out, "      - label: ");
                add_text(out, s->options[o].label ? s->options[o].label : "");
                strbuf_addstr(out, "\n        value: ");
                dec_format(out, s->options[o].value, 2, 2);
                strbuf_addf(out, "\n        count: %lld\n", (long long)s->options[o].count);
            }
        }
        if (s->has_reported) {
            strbuf_addstr(out, "    reported: ");
            dec_format(out, s->reported, 2, 2);
            strbuf_addstr(out, "%\n");
        }
    }
}

static void write_scoring(const struct jx_eval *ev, struct strbuf *out)
{
    const struct jx_rules *r = &ev->rules;

    strbuf_addstr(out, "scoring:\n");
    key_points(out, 2, "points", ev->root.weight);
    strbuf_addstr(out, "  grades:\n");
    for (size_t i = 0; i < ev->nr_grades; i++) {
        strbuf_addstr(out, "    - grade: ");
        add_text(out, ev->grades[i].grade);
        strbuf_addstr(out, "\n      min: ");
        dec_format(out, ev->grades[i].min, 2, 2);
        strbuf_addch(out, '\n');
    }
    strbuf_addstr(out, "  rules:\n    overshoot: ");
    add_percent(out, r->overshoot);
    strbuf_addch(out, '\n');
    key_points(out, 4, "overshoot_penalty", r->overshoot_penalty);
    strbuf_addf(out, "    execution_cap: %s\n", r->execution_cap ? "true" : "false");
    if (r->veto)
        key_text(out, 4, "veto", r->veto_reason ? r->veto_reason : "");
    strbuf_addf(out, "    evidence_required: %s\n", r->evidence_required ? "true" : "false");
}

void eval_write_yaml(const struct jx_eval *ev, struct strbuf *out)
{
    strbuf_addf(out, "jixiao: %u\n", JX_FORMAT_VERSION);
    strbuf_addf(out, "kind: %s\n", eval_kind_name(ev->kind));
    key_text(out, 0, "title", ev->title);
    key_text(out, 0, "unit", ev->unit ? ev->unit : "");
    key_text(out, 0, "department", ev->department);
    strbuf_addf(out, "year: %d\n", ev->year);
    if (ev->date)
        strbuf_addf(out, "date: %s\n", ev->date);
    strbuf_addch(out, '\n');
    write_project(ev, out);
    write_budget(ev, out);
    write_work(ev, out);
    strbuf_addstr(out, "\nindicators:\n");
    write_indicators(&ev->root, 2, out);
    strbuf_addch(out, '\n');
    write_surveys(ev, out);
    key_text(out, 0, "summary", ev->summary);
    key_text(out, 0, "conclusion", ev->conclusion);
    key_text(out, 0, "experience", ev->experience);
    key_text(out, 0, "problems", ev->problems);
    key_text(out, 0, "suggestions", ev->suggestions);
    key_text(out, 0, "other", ev->other);
    if (ev->signature.unit || ev->signature.date) {
        strbuf_addstr(out, "signature:\n");
        key_text(out, 2, "unit", ev->signature.unit);
        if (ev->signature.date)
            strbuf_addf(out, "  date: %s\n", ev->signature.date);
    }
    write_scoring(ev, out);
}
