/*
 * `jixiao survey FILE.csv`: satisfaction statistics from questionnaire answers. Bad rows
 * are warnings (exit 0) as long as one valid row remains; otherwise the input is bad.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/files.h"
#include "cli/options.h"
#include "core/decimal.h"
#include "core/survey_stats.h"
#include "core/xalloc.h"
#include "io/survey_csv.h"
#include "render/survey_json.h"
#include "render/table.h"

#define SURVEY_MAX_BYTES ((size_t)64 << 20)

const struct cli_opt survey_opts[] = {
    {SURVEY_POPULATION, "population", 'N', "N",
     "size of the population surveyed, for the finite-population correction"},
    {SURVEY_QUESTIONS, "questions", 0, "LIST", "comma-separated header names of the questions"},
    {SURVEY_JSON, "json", 0, NULL, "print JSON (jixiao-survey/1)"},
    {0, NULL, 0, NULL, NULL},
};

static void add_result_row(struct text_table *t, const char *name, const struct survey_result *r)
{
    struct strbuf cell[10];
    const char *cells[10];

    for (int i = 0; i < 10; i++)
        strbuf_init(&cell[i], 0);
    strbuf_addstr(&cell[0], name);
    strbuf_addf(&cell[1], "%lld", (long long)r->n);
    for (int i = 0; i < SURVEY_LEVELS; i++)
        strbuf_addf(&cell[2 + i], "%lld", (long long)r->counts[i]);
    if (r->n) {
        dec_format(&cell[7], r->share, 2, 2);
        strbuf_addch(&cell[7], '%');
        strbuf_addf(&cell[8], "%.2f%%–%.2f%%", r->lo * 100.0, r->hi * 100.0);
        dec_format(&cell[9], r->score, 2, 2);
    } else {
        strbuf_addstr(&cell[7], "-");
        strbuf_addstr(&cell[8], "-");
        strbuf_addstr(&cell[9], "-");
    }
    for (int i = 0; i < 10; i++)
        cells[i] = cell[i].buf;
    table_add_row(t, cells);
    for (int i = 0; i < 10; i++)
        strbuf_release(&cell[i]);
}

static void render_text(const struct survey_report *r, struct strbuf *out)
{
    static const char *const head[10] = {"题目",   "回答",       "非常满意", "满意",    "一般",
                                         "不满意", "非常不满意", "满意率",   "95%区间", "加权得分"};
    struct text_table t;

    strbuf_addf(out, "%s: 有效问卷 %lld 份，无效 %lld 份\n\n", r->file, (long long)r->valid,
                (long long)r->bad);
    table_init(&t, "lrrrrrrrrr");
    table_add_row(&t, head);
    table_add_rule(&t);
    for (size_t i = 0; i < r->nr; i++)
        add_result_row(&t, r->questions[i], &r->results[i]);
    table_add_rule(&t);
    add_result_row(&t, "总体", &r->overall);
    table_render(&t, out);
    table_release(&t);
    strbuf_addf(out, "\n样本量 %lld %s 所需 %lld（", (long long)r->valid,
                r->valid >= r->required ? "≥" : "<", (long long)r->required);
    if (r->population > 0)
        strbuf_addf(out, "总体 %lld", (long long)r->population);
    else
        strbuf_addstr(out, "总体未给出");
    strbuf_addf(out, "，95%%置信度，±5%%误差）：%s\n", r->valid >= r->required ? "足够" : "不足");
}

int cmd_survey(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
    struct cli_args args;
    struct strbuf buf = STRBUF_INIT, why = STRBUF_INIT, out = STRBUF_INIT;
    struct survey_data data = {0};
    struct jx_diags d = JX_DIAGS_INIT;
    struct jx_err err = JX_ERR_INIT;
    struct survey_report rep = {0};
    struct survey_result *results = NULL;
    struct survey_tally all = {{0}};
    const char *pop = NULL;
    int ret = cli_parse(ctx, cmd, argc, argv, &args);

    if (ret)
        goto out;
    if (args.nr_pos != 1) {
        cli_error(ctx, "give one answers file; usage: jixiao %s %s", cmd->name, cmd->synopsis);
        ret = EXIT_BADINPUT;
        goto out;
    }
    pop = cli_get(&args, SURVEY_POPULATION);
    if (pop && (dec_parse(pop, strlen(pop), 0, &rep.population) || rep.population <= 0)) {
        cli_error(ctx, "population '%s' is not a positive whole number", pop);
        ret = EXIT_BADINPUT;
        goto out;
    }
    if (files_read(args.pos[0], SURVEY_MAX_BYTES, &buf, &why) < 0) {
        cli_error(ctx, "%s", why.buf);
        ret = EXIT_BADINPUT;
        goto out;
    }
    if (survey_csv_parse(args.pos[0], buf.buf, buf.len, cli_get(&args, SURVEY_QUESTIONS), &data, &d,
                         &err)) {
        jx_err_format(&err, &why);
        fprintf(ctx->err, "%s\n", why.buf);
        ret = EXIT_BADINPUT;
        goto out;
    }
    cli_print_diags(ctx, &d);
    if (!data.valid) {
        cli_error(ctx, "'%s' has no valid answer row", args.pos[0]);
        ret = EXIT_BADINPUT;
        goto out;
    }
    results = xcalloc(data.nr_questions, sizeof(*results));
    for (size_t q = 0; q < data.nr_questions; q++) {
        survey_stats_compute(&data.tallies[q], survey_default_weights, &results[q]);
        for (int i = 0; i < SURVEY_LEVELS; i++)
            all.counts[i] += data.tallies[q].counts[i];
    }
    rep.file = args.pos[0];
    rep.questions = data.questions;
    rep.results = results;
    rep.nr = data.nr_questions;
    survey_stats_compute(&all, survey_default_weights, &rep.overall);
    rep.valid = data.valid;
    rep.bad = data.bad;
    rep.required = survey_sample_size(1.96, 0.5, 0.05, rep.population);
    if (cli_flag(&args, SURVEY_JSON))
        survey_json_render(&rep, &out);
    else
        render_text(&rep, &out);
    ret = cli_write(ctx, ctx->out, out.buf, out.len);
out:
    free(args.pos);
    free(results);
    survey_data_release(&data);
    jx_diags_release(&d);
    jx_err_release(&err);
    strbuf_release(&buf);
    strbuf_release(&why);
    strbuf_release(&out);
    return ret;
}
