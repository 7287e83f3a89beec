/*
 * The bridge from a survey's `answers: FILE.csv` to the numbers the scoring engine
 * reads. A survey keeps one source of truth: a file, or options / a reported rate, never
 * both. Everything it allocates for ev lives in ev's arena; every message points at the
 * `answers` value, because that is the line a person edits.
 */
#include <string.h>

#include "cli/files.h"
#include "cli/survey_answers.h"
#include "core/arena.h"
#include "core/xalloc.h"
#include "io/survey_csv.h"

/* Answers exports of large surveys run to megabytes; this bounds a mistaken path. */
#define ANSWERS_MAX_BYTES ((size_t)64 << 20)

/* Resolves name against the directory of eval_path, into out. */
static void resolve(const char *eval_path, const char *name, struct strbuf *out)
{
    const char *slash = strrchr(eval_path, '/');

    strbuf_reset(out);
    if (name[0] != '/' && strcmp(eval_path, "-") && slash)
        strbuf_add(out, eval_path, (size_t)(slash - eval_path) + 1);
    strbuf_addstr(out, name);
}

/* files_read() says "cannot read 'full/path': reason"; the message names the value as
 * written, so only the reason is kept. */
static const char *reason_of(const char *why)
{
    const char *r = strstr(why, "': ");

    return r ? r + 3 : why;
}

static void fill_options(struct jx_eval *ev, struct jx_survey *s, const struct survey_data *data)
{
    struct jx_survey_option *o = arena_calloc(&ev->arena, SURVEY_LEVELS, sizeof(*o));

    for (size_t k = 0; k < SURVEY_LEVELS; k++) {
        o[k].label = survey_level_names[k];
        o[k].value = survey_default_weights[k];
        for (size_t q = 0; q < data->nr_questions; q++)
            o[k].count += data->tallies[q].counts[k];
    }
    s->options = o;
    s->nr_options = SURVEY_LEVELS;
    s->valid = data->valid;
    s->returned = data->valid + data->bad;
}

static void fill_one(struct jx_eval *ev, struct jx_survey *s, const char *eval_path,
                     struct jx_diags *d)
{
    struct strbuf path = STRBUF_INIT, buf = STRBUF_INIT, why = STRBUF_INIT, qs = STRBUF_INIT;
    struct jx_diags rows = JX_DIAGS_INIT;
    struct jx_err err = JX_ERR_INIT;
    struct survey_data data = {0};
    struct jx_pos at = s->answers_pos;

    if (s->nr_options || s->has_reported) {
        jx_diags_add(d, JX_SEV_ERROR, ev->file, at,
                     "survey '%s' has both 'answers' and '%s'; give one source of its numbers",
                     s->id, s->nr_options ? "options" : "reported");
        goto out;
    }
    if (!strcmp(s->answers, "-") || !s->answers[0]) {
        jx_diags_add(d, JX_SEV_ERROR, ev->file, at,
                     "answers '%s' must name a file next to the evaluation", s->answers);
        goto out;
    }
    resolve(eval_path, s->answers, &path);
    if (files_read(path.buf, ANSWERS_MAX_BYTES, &buf, &why) < 0) {
        jx_diags_add(d, JX_SEV_ERROR, ev->file, at, "cannot read answers '%s': %s", s->answers,
                     reason_of(why.buf));
        goto out;
    }
    for (size_t i = 0; i < s->nr_questions; i++)
        strbuf_addf(&qs, "%s%s", i ? "," : "", s->questions[i]);
    if (survey_csv_parse(s->answers, buf.buf, buf.len, s->nr_questions ? qs.buf : NULL, &data,
                         &rows, &err) < 0) {
        if (err.line)
            jx_diags_add(d, JX_SEV_ERROR, ev->file, at, "answers '%s' line %u: %s", s->answers,
                         err.line, err.msg.buf);
        else
            jx_diags_add(d, JX_SEV_ERROR, ev->file, at, "answers '%s': %s", s->answers,
                         err.msg.buf);
        goto out;
    }
    for (size_t i = 0; i < rows.nr; i++)
        jx_diags_add(d, rows.v[i].severity, ev->file, at, "answers '%s' line %u: %s", s->answers,
                     rows.v[i].pos.line, rows.v[i].msg);
    if (!data.valid) {
        jx_diags_add(d, JX_SEV_ERROR, ev->file, at, "answers '%s' has no valid row", s->answers);
        goto out;
    }
    fill_options(ev, s, &data);
out:
    survey_data_release(&data);
    jx_diags_release(&rows);
    jx_err_release(&err);
    strbuf_release(&qs);
    strbuf_release(&why);
    strbuf_release(&buf);
    strbuf_release(&path);
}

void survey_answers_fill(struct jx_eval *ev, const char *eval_path, struct jx_diags *d)
{
    for (size_t i = 0; i < ev->nr_surveys; i++)
        if (ev->surveys[i].answers)
            fill_one(ev, &ev->surveys[i], eval_path, d);
}
