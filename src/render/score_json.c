/*
 * JSON output of scores with jansson. The document is built as a jansson tree (small:
 * one evaluation is tens of nodes) and dumped once with sorted-free, insertion-ordered
 * keys so that golden files stay stable.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/decimal.h"
#include "core/grade.h"
#include "core/method.h"
#include "core/money.h"
#include "core/score.h"
#include "render/diag_json.h"
#include "render/json_out.h"
#include "render/score_json.h"

struct score_json {
    json_t *evaluations, *failed;
    struct grade_tally grades;
};

struct score_json *score_json_new(void)
{
    struct score_json *sj = xcalloc(1, sizeof(*sj));

    sj->evaluations = json_array();
    sj->failed = json_array();
    return sj;
}

static json_t *dec_string(int64_t v, unsigned scale, unsigned places)
{
    struct strbuf sb = STRBUF_INIT;
    json_t *j;

    dec_format(&sb, v, scale, places);
    j = json_string(sb.buf);
    strbuf_release(&sb);
    return j;
}

static json_t *text_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *indicator_json(const struct jx_eval *ev, const struct jx_indicator *ind, bool detail)
{
    json_t *o = json_object();

    json_object_set_new(o, "name", json_string(ind->name));
    json_object_set_new(o, "weight", dec_string(ind->weight, 2, 2));
    json_object_set_new(o, "score", dec_string(ind->score, 2, 2));
    json_object_set_new(o, "rate", ind->weight ? dec_string(score_rate(ind), 2, 2) : json_null());
    if (!indicator_is_leaf(ind)) {
        json_t *children = json_array();

        for (size_t i = 0; i < ind->nr_children; i++)
            json_array_append_new(children, indicator_json(ev, &ind->children[i], detail));
        json_object_set_new(o, "children", children);
    } else {
        json_object_set_new(o, "method", json_string(method_name(ind->method)));
        if (detail) {
            struct strbuf why = STRBUF_INIT;

            json_object_set_new(o, "method_inferred", json_boolean(ind->method_inferred));
            json_object_set_new(o, "target", text_or_null(ind->target_text));
            json_object_set_new(o, "actual", text_or_null(ind->actual_text));
            json_object_set_new(o, "overshoot", json_boolean(ind->overshoot));
            score_explain(ev, ind, &why);
            json_object_set_new(o, "explain", json_string(why.buf));
            strbuf_release(&why);
        }
    }
    return o;
}

void score_json_add(struct score_json *sj, const struct jx_eval *ev, bool detail)
{
    json_t *o = json_object(), *l1 = json_array(), *budget = json_object();

    json_object_set_new(o, "file", text_or_null(ev->file));
    json_object_set_new(o, "kind", json_string(eval_kind_name(ev->kind)));
    json_object_set_new(o, "unit", text_or_null(ev->unit));
    json_object_set_new(o, "project", text_or_null(ev->project.name));
    json_object_set_new(o, "year", json_integer(ev->year));
    if (ev->budget.has_planned)
        json_object_set_new(budget, "planned", dec_string(ev->budget.planned, 2, 2));
    if (ev->budget.has_received)
        json_object_set_new(budget, "received", dec_string(ev->budget.received, 2, 2));
    if (ev->budget.has_spent)
        json_object_set_new(budget, "spent", dec_string(ev->budget.spent, 2, 2));
    if (ev->budget.has_planned && ev->budget.has_spent && ev->budget.planned)
        json_object_set_new(budget, "execution_rate",
                            dec_string(score_execution_rate(ev, JX_EXEC_PLANNED), 2, 2));
    json_object_set_new(o, "budget_yuan", budget);
    json_object_set_new(o, "points", dec_string(ev->root.weight, 2, 2));
    json_object_set_new(o, "raw_total", dec_string(ev->raw_total, 2, 2));
    json_object_set_new(o, "total", dec_string(ev->total, 2, 2));
    json_object_set_new(o, "rate",
                        ev->root.weight ? dec_string(dec_rate(ev->total, ev->root.weight), 2, 2)
                                        : json_null());
    json_object_set_new(o, "grade", text_or_null(ev->grade));
    json_object_set_new(o, "veto",
                        ev->rules.veto ? text_or_null(ev->rules.veto_reason) : json_null());
    for (size_t i = 0; i < ev->root.nr_children; i++)
        json_array_append_new(l1, indicator_json(ev, &ev->root.children[i], detail));
    json_object_set_new(o, "indicators", l1);
    json_array_append_new(sj->evaluations, o);
    grade_tally_add(&sj->grades, ev->grade);
}

void score_json_add_failed(struct score_json *sj, const char *file, const struct jx_diags *d)
{
    json_t *o = json_object();

    json_object_set_new(o, "file", json_string(file));
    json_object_set_new(o, "diagnostics", diag_json_list(d));
    json_array_append_new(sj->failed, o);
}

void score_json_finish(struct score_json *sj, struct strbuf *out)
{
    json_t *doc = json_object(), *summary = json_object(), *grades = json_object();

    for (size_t i = 0; i < sj->grades.nr; i++)
        json_object_set_new(grades, sj->grades.names[i],
                            json_integer((json_int_t)sj->grades.counts[i]));
    json_object_set_new(summary, "scored",
                        json_integer((json_int_t)json_array_size(sj->evaluations)));
    json_object_set_new(summary, "failed", json_integer((json_int_t)json_array_size(sj->failed)));
    json_object_set_new(summary, "grades", grades);
    json_object_set_new(doc, "format", json_string("jixiao-score/1"));
    json_object_set_new(doc, "evaluations", sj->evaluations);
    json_object_set_new(doc, "failed", sj->failed);
    json_object_set_new(doc, "summary", summary);
    json_out_take(doc, out);
    grade_tally_release(&sj->grades);
    free(sj);
}
