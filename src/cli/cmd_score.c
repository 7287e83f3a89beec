/*
 * `jixiao score FILE|DIR|TABLE.csv...`: the 评价情况总表, total and grade of each
 * evaluation (--detail: the whole tree with the reason for every score; --json: the
 * documented machine format). A .csv argument is a leaf table, scored by streaming.
 */
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
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
    {SCORE_JOBS, "jobs", 'j', "N", "score with N threads (default: one per processor)"},
    {SCORE_LEAVES, "leaves", 0, NULL,
     "with a leaf table: print eval_id,leaf_id,score for every leaf"},
    {0, NULL, 0, NULL, NULL},
};

#define MAX_JOBS 16

/* --jobs N, or the number of online processors (at most MAX_JOBS). */
static int parse_jobs(struct jx_ctx *ctx, const char *arg, unsigned *jobs)
{
    long n;
    char *end;

    if (!arg) {
        n = sysconf(_SC_NPROCESSORS_ONLN);
        *jobs = n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (unsigned)n;
        return 0;
    }
    errno = 0;
    n = strtol(arg, &end, 10);
    if (errno || *end || n < 1 || n > MAX_JOBS) {
        cli_error(ctx, "--jobs takes a number from 1 to %d, not '%s'", MAX_JOBS, arg);
        return -1;
    }
    *jobs = (unsigned)n;
    return 0;
}

struct score_run {
    struct jx_ctx *ctx;
    struct strbuf out;
    struct score_json *json;
    bool detail, leaves;
    size_t scored, failed;
    struct grade_tally grades;
    int write_error;
};

/* Output goes out in chunks so that 100,000 evaluations do not pile up in memory. */
static void flush_out(struct score_run *run, bool force)
{
    if (run->write_error || (!force && run->out.len < 1 << 16))
        return;
    run->write_error = cli_write(run->ctx, run->ctx->out, run->out.buf, run->out.len);
    strbuf_reset(&run->out);
}

/*
 * Evaluation files are scored in batches by a few threads: each file is read, decoded,
 * validated, scored and rendered into its own slot; the main thread then emits the slots
 * in argument order, so the output does not depend on the number of threads.
 */
#define BATCH 64

struct slot {
    const char *path;
    struct jx_eval ev;
    struct jx_diags d;
    struct strbuf text;
    bool failed;
};

struct batch {
    struct slot *slots;
    size_t nr;
    size_t next; /* guarded by lock */
    pthread_mutex_t lock;
    bool detail, json;
};

static void score_slot(struct batch *b, struct slot *s, struct strbuf *buf)
{
    s->failed = load_eval(s->path, buf, &s->ev, &s->d) < 0;
    if (s->failed || b->json)
        return; /* JSON is built by the main thread from s->ev */
    if (b->detail)
        render_score_detail(&s->ev, &s->text);
    else
        render_score_summary(&s->ev, &s->text);
}

static void *batch_worker(void *data)
{
    struct batch *b = data;
    struct strbuf buf = STRBUF_INIT;

    for (;;) {
        size_t i;

        pthread_mutex_lock(&b->lock);
        i = b->next++;
        pthread_mutex_unlock(&b->lock);
        if (i >= b->nr)
            break;
        score_slot(b, &b->slots[i], &buf);
    }
    strbuf_release(&buf);
    return NULL;
}

static void emit_slot(struct score_run *run, struct slot *s)
{
    cli_print_diags(run->ctx, &s->d);
    if (s->failed) {
        if (run->json)
            score_json_add_failed(run->json, s->ev.file ? s->ev.file : s->path, &s->d);
        run->failed++;
    } else {
        if (run->json) {
            score_json_add(run->json, &s->ev, run->detail);
        } else {
            if (run->scored)
                strbuf_addch(&run->out, '\n');
            strbuf_add(&run->out, s->text.buf, s->text.len);
        }
        grade_tally_add(&run->grades, s->ev.grade);
        run->scored++;
    }
    flush_out(run, false);
}

/* Scores files[0..nr) with up to `jobs` threads and emits them in order. */
static void score_files(struct score_run *run, char **files, size_t nr, unsigned jobs)
{
    struct batch b = {0};
    pthread_t threads[MAX_JOBS];

    b.detail = run->detail;
    b.json = run->json != NULL;
    b.slots = xcalloc(BATCH, sizeof(*b.slots));
    pthread_mutex_init(&b.lock, NULL);
    for (size_t done = 0; done < nr && !run->write_error; done += b.nr) {
        unsigned started = 0;

        b.nr = nr - done < BATCH ? nr - done : BATCH;
        b.next = 0;
        for (size_t i = 0; i < b.nr; i++) {
            b.slots[i].path = files[done + i];
            strbuf_init(&b.slots[i].text, 0);
        }
        /* The calling thread works too; extra threads only for batches worth it. */
        for (; started + 1 < jobs && started + 1 < b.nr; started++)
            if (pthread_create(&threads[started], NULL, batch_worker, &b) != 0)
                break;
        batch_worker(&b);
        for (unsigned t = 0; t < started; t++)
            pthread_join(threads[t], NULL);
        for (size_t i = 0; i < b.nr; i++) {
            struct slot *sl = &b.slots[i];

            if (!run->write_error)
                emit_slot(run, sl);
            jx_diags_release(&sl->d);
            eval_release(&sl->ev);
            strbuf_release(&sl->text);
            memset(sl, 0, sizeof(*sl));
        }
    }
    pthread_mutex_destroy(&b.lock);
    free(b.slots);
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
    grade_tally_add(&run->grades, lev->grade);
    run->scored++;
    flush_out(run, false);
    return run->write_error;
}

/* RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
static void add_csv_field(struct strbuf *out, const char *field)
{
    if (!strpbrk(field, ",\"\r\n")) {
        strbuf_addstr(out, field);
        return;
    }
    strbuf_addch(out, '"');
    for (const char *p = field; *p; p++) {
        if (*p == '"')
            strbuf_addch(out, '"');
        strbuf_addch(out, *p);
    }
    strbuf_addch(out, '"');
}

static void table_leaf(const char *eval_id, const char *leaf_id, int64_t score, void *data)
{
    struct score_run *run = data;

    add_csv_field(&run->out, eval_id);
    strbuf_addch(&run->out, ',');
    add_csv_field(&run->out, leaf_id);
    strbuf_addch(&run->out, ',');
    render_points(&run->out, score);
    strbuf_addch(&run->out, '\n');
    flush_out(run, false);
}

static ssize_t read_fd(void *src, char *buf, size_t len)
{
    ssize_t n;

    do
        n = read(*(int *)src, buf, len);
    while (n < 0 && errno == EINTR);
    return n;
}

/* A leaf table is streamed in blocks: memory stays at a few megabytes whatever its size. */
static void score_table(struct score_run *run, const char *path, unsigned jobs)
{
    struct jx_err err = JX_ERR_INIT;
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK), ret;

    if (fd < 0 || fstat(fd, &st) < 0) {
        cli_error(run->ctx, "cannot read '%s': %s", path, strerror(errno));
        run->failed++;
        goto out;
    }
    if (!S_ISREG(st.st_mode)) {
        cli_error(run->ctx, "'%s' is not a regular file", path);
        run->failed++;
        goto out;
    }
    ret = leaftable_score_stream(read_fd, &fd, path, NULL, 0, jobs, table_eval,
                                 run->leaves ? table_leaf : NULL, run, &err);
    if (ret && !run->write_error) {
        struct strbuf msg = STRBUF_INIT;

        if (ret == JX_EIO)
            cli_error(run->ctx, "cannot read '%s': %s", path, strerror(errno));
        else {
            jx_err_format(&err, &msg);
            fprintf(run->ctx->err, "%s\n", msg.buf);
        }
        strbuf_release(&msg);
        run->failed++;
    }
out:
    if (fd >= 0)
        close(fd);
    jx_err_release(&err);
}

static void summary_line(struct score_run *run)
{
    strbuf_addf(&run->out, "\nscored %zu evaluation%s", run->scored, run->scored == 1 ? "" : "s");
    if (run->grades.nr) {
        strbuf_addstr(&run->out, " (");
        for (size_t i = 0; i < run->grades.nr; i++)
            strbuf_addf(&run->out, "%s%s %zu", i ? ", " : "", run->grades.names[i],
                        run->grades.counts[i]);
        strbuf_addch(&run->out, ')');
    }
    strbuf_addf(&run->out, ", %zu failed\n", run->failed);
}

int cmd_score(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
    struct cli_args args;
    struct file_list files = {0};
    struct score_run run = {0};
    unsigned jobs;
    int ret = cli_parse_files(ctx, cmd, argc, argv, &args, &files, &run.failed);

    if (ret)
        goto out;
    run.ctx = ctx;
    strbuf_init(&run.out, 0);
    run.detail = cli_flag(&args, SCORE_DETAIL);
    run.leaves = cli_flag(&args, SCORE_LEAVES);
    if (parse_jobs(ctx, cli_get(&args, SCORE_JOBS), &jobs)) {
        ret = EXIT_BADINPUT;
        goto out;
    }
    if (cli_flag(&args, SCORE_JSON))
        run.json = score_json_new();
    for (size_t i = 0; i < files.nr && !run.write_error;) {
        size_t j = i;

        if (files_has_ext(files.names[i], ".csv")) {
            if (run.json) {
                cli_error(ctx, "--json is not available for leaf tables ('%s')", files.names[i]);
                run.failed++;
            } else {
                score_table(&run, files.names[i], jobs);
            }
            i++;
            continue;
        }
        while (j < files.nr && !files_has_ext(files.names[j], ".csv"))
            j++;
        score_files(&run, files.names + i, j - i, jobs);
        i = j;
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
    strbuf_release(&run.out);
    grade_tally_release(&run.grades);
    return ret;
}
