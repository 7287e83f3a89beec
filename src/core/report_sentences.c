/* The sentence templates of generated report text and their placeholder expansion. */
#include <stdlib.h>
#include <string.h>

#include "core/report_sentences.h"
#include "core/xalloc.h"

const char *const report_sentence_keys[] = {
    "summary",
    "conclusion_all",
    "conclusion_some",
    "grade_bands",
    "grade_range",
    "grade_range_last",
    "budget",
    "budget_no_received",
    "analysis_open",
    "analysis_met_one",
    "analysis_met_many",
    "analysis_missed_gap",
    "analysis_missed",
    "analysis_lost",
    "analysis_reason",
    "analysis_close_all",
    "analysis_close_some",
    "gap_short",
    "gap_over",
    "organisation",
    "self_actual",
    "survey_object",
    "survey_sampling",
    "survey_counts",
    "survey_valid",
    "survey_method",
    "survey_result",
    "survey_none",
    "problem_indicator",
    "problem_none",
    NULL,
};

const char *const report_placeholder_names[] = {
    "project",      "unit",        "department", "year",    "title",    "total",
    "grade",        "weight",      "score",      "rate",    "name",     "names",
    "count",        "target",      "actual",     "diff",    "lost",     "reason",
    "planned",      "received",    "spent",      "initial", "upper",    "lower",
    "ranges",       "respondents", "sampling",   "issued",  "returned", "valid",
    "satisfaction", "cn",          "n",          "missed",  "gap",      NULL,
};

bool report_placeholder_known(const char *name, size_t len)
{
    for (size_t i = 0; report_placeholder_names[i]; i++)
        if (strlen(report_placeholder_names[i]) == len &&
            !memcmp(report_placeholder_names[i], name, len))
            return true;
    return false;
}

void report_sentences_init(struct report_sentences *s)
{
    memset(s, 0, sizeof(*s));
    s->arena = (struct jx_arena)JX_ARENA_INIT;
}

void report_sentences_release(struct report_sentences *s)
{
    free(s->keys);
    free(s->texts);
    arena_release(&s->arena);
    memset(s, 0, sizeof(*s));
}

void report_sentences_set(struct report_sentences *s, const char *key, const char *text)
{
    for (size_t i = 0; i < s->nr; i++)
        if (!strcmp(s->keys[i], key)) {
            s->texts[i] = arena_strdup(&s->arena, text);
            return;
        }
    if (s->nr == s->alloc) {
        s->alloc = s->alloc ? 2 * s->alloc : 32;
        s->keys = xrealloc(s->keys, s->alloc * sizeof(*s->keys));
        s->texts = xrealloc(s->texts, s->alloc * sizeof(*s->texts));
    }
    s->keys[s->nr] = arena_strdup(&s->arena, key);
    s->texts[s->nr++] = arena_strdup(&s->arena, text);
}

const char *report_sentences_get(const struct report_sentences *s, const char *key)
{
    for (size_t i = 0; i < s->nr; i++)
        if (!strcmp(s->keys[i], key))
            return s->texts[i];
    return NULL;
}

int report_placeholders(const char *tmpl, int (*fn)(const char *name, size_t len, void *data),
                        void *data)
{
    for (const char *p = tmpl; *p; p++) {
        const char *end;
        int rc;

        if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
            p++;
            continue;
        }
        if (*p != '{')
            continue;
        end = strchr(p + 1, '}');
        if (!end)
            return 1;
        rc = fn(p + 1, (size_t)(end - p - 1), data);
        if (rc)
            return rc;
        p = end;
    }
    return 0;
}

void report_expand(struct strbuf *out, const char *tmpl, const struct report_var *vars,
                   size_t nr_vars)
{
    const char *p = tmpl;

    while (*p) {
        const char *end;
        size_t i, len;

        if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
            strbuf_addch(out, *p);
            p += 2;
            continue;
        }
        if (*p != '{' || !(end = strchr(p + 1, '}'))) {
            strbuf_addch(out, *p++);
            continue;
        }
        len = (size_t)(end - p - 1);
        for (i = 0; i < nr_vars; i++)
            if (vars[i].value && strlen(vars[i].name) == len && !memcmp(vars[i].name, p + 1, len))
                break;
        if (i < nr_vars)
            strbuf_addstr(out, vars[i].value);
        else
            strbuf_add(out, p, len + 2);
        p = end + 1;
    }
}
