/*
 * The evaluation's life cycle and the small lookups every layer needs. Invariant: an
 * initialised evaluation is complete and scorable as it stands (100 points, the default
 * grade bands, rules off), so a decoder only overwrites what the file says.
 */
#include <string.h>

#include "core/decimal.h"
#include "core/eval.h"
#include "core/grade.h"
#include "core/xalloc.h"

/* Percent parameters are micro-percent: 1% is JX_MICRO. */

static const char *const kind_names[] = {
    [JX_KIND_UNIT_SELF] = "单位自评",
    [JX_KIND_DEPT] = "部门评价",
    [JX_KIND_FINANCE] = "财政评价",
};

const char *eval_kind_name(enum jx_kind kind)
{
    if ((size_t)kind >= ARRAY_SIZE(kind_names))
        JX_BUG("bad evaluation kind %d", (int)kind);
    return kind_names[kind];
}

int eval_kind_from_name(const char *name, enum jx_kind *kind)
{
    for (size_t i = 0; i < ARRAY_SIZE(kind_names); i++) {
        if (!strcmp(name, kind_names[i])) {
            *kind = (enum jx_kind)i;
            return 0;
        }
    }
    return JX_EINVAL;
}

void eval_indicator_init(struct jx_indicator *ind)
{
    memset(ind, 0, sizeof(*ind));
    ind->method = JX_METHOD_NONE;
    ind->inverse_mode = JX_INVERSE_LINEAR;
    ind->tolerance = 10 * JX_MICRO;
    ind->zero_at = 50 * JX_MICRO;
    ind->exec_base = JX_EXEC_PLANNED;
    ind->tier = JX_TIER_NONE;
}

void eval_init(struct jx_eval *ev, const char *file)
{
    memset(ev, 0, sizeof(*ev));
    ev->arena = (struct jx_arena)JX_ARENA_INIT;
    ev->file = file;
    ev->format_version = JX_FORMAT_VERSION;
    ev->kind = JX_KIND_DEPT;

    eval_indicator_init(&ev->root);
    ev->root.name = "";
    ev->root.depth = 0;
    ev->root.weight = 100 * JX_CENTI;
    ev->root.has_weight = true;

    /*
     * The defaults are shared read-only data: nothing writes through ev->grades, and a
     * file with its own bands replaces the pointer with an arena copy. Pointing at them
     * keeps eval_init free of allocation.
     */
    ev->grades = (struct jx_grade_band *)grade_default_bands;
    ev->nr_grades = grade_default_nr_bands;

    ev->rules.overshoot = 130 * JX_MICRO;
}

void eval_release(struct jx_eval *ev)
{
    const char *file = ev->file;

    arena_release(&ev->arena);
    eval_init(ev, file);
}

void eval_for_each_leaf(struct jx_indicator *root,
                        void (*fn)(struct jx_indicator *leaf, void *data), void *data)
{
    for (size_t i = 0; i < root->nr_children; i++) {
        struct jx_indicator *child = &root->children[i];

        if (indicator_is_leaf(child))
            fn(child, data);
        else
            eval_for_each_leaf(child, fn, data);
    }
}

const struct jx_survey *eval_find_survey(const struct jx_eval *ev, const char *id)
{
    if (!id)
        return NULL;
    for (size_t i = 0; i < ev->nr_surveys; i++) {
        if (ev->surveys[i].id && !strcmp(ev->surveys[i].id, id))
            return &ev->surveys[i];
    }
    return NULL;
}

int64_t eval_survey_satisfaction(const struct jx_survey *s)
{
    jx_i128 sum = 0, n = 0;

    for (size_t i = 0; i < s->nr_options; i++) {
        const struct jx_survey_option *o = &s->options[i];

        /* validate_eval() reports these; an invalid option makes the rate unknown. */
        if (o->value < 0 || o->value > 100 * JX_CENTI || o->count < 0)
            return -1;
        sum += (jx_i128)o->count * o->value;
        n += o->count;
    }
    /* value is centi-points on a 0..100 scale, so the mean is already hundredths of %. */
    if (n > 0)
        return dec_div_round(sum, n);
    return s->has_reported ? s->reported : -1;
}
