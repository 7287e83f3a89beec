/*
 * `jixiao score FILE|DIR|TABLE.csv...`: the 评价情况总表, total and grade of each
 * evaluation (--detail: the whole tree with the reason for every score; --json: the
 * documented machine format). A .csv argument is a leaf table, scored by streaming.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/files.h"
#include "cli/load.h"
#include "cli/options.h"
#include "core/grade.h"
#include "io/leaftable.h"
#include "render/score_json.h"
#include "render/score_text.h"

const struct cli_opt score_opts[] = {
    {SCORE_DETAIL, "detail", 'd', NULL,
     "print the whole tree with the formula and numbers behind every leaf's score"},
    {SCORE_JSON, "json", 0, NULL, "print JSON (docs/score-json.md) instead of tables"},
    {SCORE_LEAVES, "leaves", 0, NULL,
     "with a leaf table: print eval_id,leaf_id,score for every leaf"},
    {0, NULL, 0, NULL, NULL},
};

struct score_run {
    struct jx_ctx *ctx;
    struct strbuf out;
    struct score_json *json;
    bool detail, leaves;
    size_t scored, failed;
    size_t grade_counts[8];
    const char *grade_names[8];
    size_t nr_grades;
    int write_error;
};

static void count_grade(struct score_run *run, const char *grade)
{
    if (!grade)
        return;
    for (size_t i = 0; i < run->nr_grades; i++)
        if (!strcmp(run->grade_names[i], grade)) {
            run->grade_counts[i]++;
            return;
        }
    if (run->nr_grades < ARRAY_SIZE(run->grade_names)) {
        run->grade_names[run->nr_grades] = grade;
        run->grade_counts[run->nr_grades++] = 1;
    }
}

/* Output goes out in chunks so that 100,000 evaluations do not pile up in memory. */
static void flush_out(struct score_run *run, bool force)
{
    if (run->write_error || (!force && run->out.len < 1 << 16))
        return;
    run->write_error = cli_write(run->ctx, run->ctx->out, run->out.buf, run->out.len);
    strbuf_reset(&run->out);
}

static void score_file(struct score_run *run, const char *path, struct strbuf *buf)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;

    if (load_eval(path, buf, &ev, &d) < 0) {
        cli_print_diags(run->ctx, &d);
        if (run->json)
            score_json_add_failed(run->json, path, &d);
        run->failed++;
    } else {
        if (run->json) {
            score_json_add(run->json, &ev, run->detail);
        } else {
            if (run->scored)
                strbuf_addch(&run->out, '\n');
            if (run->detail)
                render_score_detail(&ev, &run->out);
            else
                render_score_summary(&ev, &run->out);
        }
        /* Grade names point into static bands or the evaluation's arena, which dies
         * below: keep only counts of the default grade names. */
        for (size_t i = 0; i < grade_default_nr_bands; i++)
            if (ev.grade && !strcmp(ev.grade, grade_default_bands[i].grade))
                count_grade(run, grade_default_bands[i].grade);
        if (ev.grade && !strcmp(ev.grade, "证据不足"))
            count_grade(run, "证据不足");
        run->scored++;
    }
    jx_diags_release(&d);
    eval_release(&ev);
    flush_out(run, false);
}

static int table_eval(const struct leaftable_eval *lev, void *data)
{
    struct score_run *run = data;

    if (!run->leaves) {
        strbuf_addstr(&run->out, lev->id);
        for (size_t i = 0; i < lev->nr_l1; i++) {
            strbuf_addf(&run->out, "  %s ", lev->l1[i].name);
            render_points(&run->out, lev->l1[i].score);
        }
        strbuf_addstr(&run->out, "  总分 ");
        render_points(&run->out, lev->total);
        strbuf_addf(&run->out, "  %s\n", lev->grade ? lev->grade : "-");
    }
    count_grade(run, lev->grade);
    run->scored++;
    flush_out(run, false);
    return run->write_error;
}

static void table_leaf(const char *eval_id, const char *leaf_id, int64_t score, void *data)
{
    struct score_run *run = data;

    if (!run->leaves)
        return;
    strbuf_addf(&run->out, "%s,%s,", eval_id, leaf_id);
    render_points(&run->out, score);
    strbuf_addch(&run->out, '\n');
    flush_out(run, false);
}

static void score_table(struct score_run *run, const char *path)
{
    struct jx_err err = JX_ERR_INIT;
    struct stat st;
    void *map = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0 || fstat(fd, &st) < 0) {
        cli_error(run->ctx, "cannot read '%s': %s", path, strerror(errno));
        run->failed++;
        goto out;
    }
    if (st.st_size > 0) {
        map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (map == MAP_FAILED) {
            map = NULL;
            cli_error(run->ctx, "cannot read '%s': %s", path, strerror(errno));
            run->failed++;
            goto out;
        }
        posix_madvise(map, (size_t)st.st_size, POSIX_MADV_SEQUENTIAL);
    }
    if (leaftable_score(map ? map : "", map ? (size_t)st.st_size : 0, path, grade_default_bands,
                        grade_default_nr_bands, table_eval, table_leaf, run, &err)) {
        if (!run->write_error) {
            struct strbuf msg = STRBUF_INIT;

            jx_err_format(&err, &msg);
            fprintf(run->ctx->err, "%s\n", msg.buf);
            strbuf_release(&msg);
            run->failed++;
        }
    }
out:
    if (map)
        munmap(map, (size_t)st.st_size);
    if (fd >= 0)
        close(fd);
    jx_err_release(&err);
}

static void summary_line(struct score_run *run)
{
    strbuf_addf(&run->out, "\nscored %zu evaluation%s", run->scored, run->scored == 1 ? "" : "s");
    if (run->nr_grades) {
        strbuf_addstr(&run->out, " (");
        for (size_t i = 0; i < run->nr_grades; i++)
            strbuf_addf(&run->out, "%s%s %zu", i ? ", " : "", run->grade_names[i],
                        run->grade_counts[i]);
        strbuf_addch(&run->out, ')');
    }
    strbuf_addf(&run->out, ", %zu failed\n", run->failed);
}

int cmd_score(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
    struct cli_args args;
    struct file_list files = {0};
    struct strbuf buf = STRBUF_INIT, why = STRBUF_INIT;
    struct score_run run = {0};
    int ret = cli_parse(ctx, cmd, argc, argv, &args);

    if (ret)
        goto out;
    if (!args.nr_pos) {
        cli_error(ctx, "no file given; usage: jixiao score %s", cmd->synopsis);
        ret = EXIT_BADINPUT;
        goto out;
    }
    run.ctx = ctx;
    strbuf_init(&run.out, 0);
    run.detail = cli_flag(&args, SCORE_DETAIL);
    run.leaves = cli_flag(&args, SCORE_LEAVES);
    if (cli_flag(&args, SCORE_JSON))
        run.json = score_json_new();
    for (int i = 0; i < args.nr_pos; i++) {
        if (files_expand(args.pos[i], NULL, &files, &why) < 0) {
            cli_error(ctx, "%s", why.buf);
            strbuf_reset(&why);
            run.failed++;
        }
    }
    for (size_t i = 0; i < files.nr && !run.write_error; i++) {
        if (files_has_ext(files.names[i], ".csv")) {
            if (run.json) {
                cli_error(ctx, "--json is not available for leaf tables ('%s')", files.names[i]);
                run.failed++;
                continue;
            }
            score_table(&run, files.names[i]);
        } else {
            score_file(&run, files.names[i], &buf);
        }
    }
    if (run.json)
        score_json_finish(run.json, &run.out);
    else if (run.scored + run.failed > 1 && !run.leaves)
        summary_line(&run);
    flush_out(&run, true);
    if (run.write_error)
        ret = run.write_error;
    else if (run.failed)
        ret = EXIT_BADINPUT;
out:
    free(args.pos);
    file_list_release(&files);
    strbuf_release(&buf);
    strbuf_release(&why);
    strbuf_release(&run.out);
    return ret;
}
