/*
 * `jixiao db SUBCOMMAND`: the store of evaluations (docs/store.md). init, migrate, load,
 * list, show, export, summary, backup, verify-audit, and the review steps submit, return,
 * approve, publish.
 *
 * load parses and scores files on worker threads while this thread writes: the workers fill
 * a ring of slots in file order, the writer takes them in the same order, so the result does
 * not depend on the number of threads. Files are written in batches (one transaction) with a
 * savepoint per file: a file is stored whole or not at all, and a crash loses at most the
 * batch in flight, never half an evaluation.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/files.h"
#include "cli/load.h"
#include "cli/options.h"
#include "core/decimal.h"
#include "core/money.h"
#include "render/csv_summary.h"
#include "render/json_out.h"
#include "render/score_text.h"
#include "render/table.h"
#include "render/xlsx_summary.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_eval.h"
#include "store/store_export.h"
#include "store/store_schema.h"
#include "store/store_summary.h"

enum {
    DB_URL = 1,
    DB_USER,
    DB_STRICT,
    DB_JOBS,
    DB_OUTPUT,
    DB_YEAR,
    DB_BY,
    DB_FORMAT,
    DB_REVISION,
    DB_VERSION,
    DB_COMMENT,
    DB_QUIET,
    DB_ENCODING,
};

const struct cli_opt db_opts[] = {
    {DB_URL, "db", 0, "URL",
     "the store: sqlite:PATH, PATH.db or postgresql://… (default: $JIXIAO_DB, else "
     "sqlite:jixiao.db)"},
    {DB_USER, "user", 'u', "NAME",
     "who makes the change, for the audit log (default: $JIXIAO_USER, else the login name)"},
    {DB_STRICT, "strict", 0, NULL, "load: stop at the first bad file"},
    {DB_JOBS, "jobs", 'j', "N",
     "load: parse and score with N threads (default: one per processor)"},
    {DB_OUTPUT, "output", 'o', "FILE",
     "export: write to FILE (the evaluation's source, or with --format the workbook/CSV)"},
    {DB_YEAR, "year", 0, "YEAR", "list, summary, export --format: only evaluations of YEAR"},
    {DB_BY, "by", 0, "unit|kind|grade", "summary: group by 实施单位 (default), kind or grade"},
    {DB_FORMAT, "format", 0, "FMT",
     "list, summary: table (default), csv or json; export without an ID: xlsx or csv (every "
     "evaluation, one row each)"},
    {DB_REVISION, "revision", 0, "N", "show, export: an earlier revision (default: current)"},
    {DB_VERSION, "version", 0, "N",
     "submit, return, approve, publish: the version you read (refused when stale)"},
    {DB_COMMENT, "comment", 'm', "TEXT", "submit, return, approve, publish: a comment"},
    {DB_QUIET, "quiet", 'q', NULL, "load: no progress bar"},
    {DB_ENCODING, "encoding", 0, "ENC",
     "export --format csv: utf-8 (default), utf-8-bom (for Excel) or gb18030 (Chinese Excel, WPS)"},
    {0, NULL, 0, NULL, NULL},
};

#define MAX_JOBS 16
#define RING 256        /* parsed files waiting for the writer */
#define BATCH_FILES 256 /* files per transaction: a crash loses at most these */
#define SOURCE_MAX (8u << 20)

struct db_run {
    struct jx_ctx *ctx;
    struct cli_args args;
    struct store *st;
    char actor[128];
    char now[32];
    struct strbuf why;
};

static int exit_of(int status)
{
    switch (status) {
    case STORE_DONE:
    case STORE_ROW:
        return EXIT_OK_;
    case STORE_BADURL:
    case STORE_SCHEMA:
        return EXIT_BADINPUT;
    case STORE_CONFLICT:
    case STORE_NOTFOUND:
        return EXIT_FINDINGS;
    default:
        return EXIT_INTERNAL;
    }
}

/* Prints the store's message and returns the exit status for status. */
static int store_fail(struct db_run *r, int status)
{
    cli_error(r->ctx, "%s", r->why.len ? r->why.buf : "store error");
    strbuf_reset(&r->why);
    return exit_of(status);
}

/* UTC ISO-8601 now. JIXIAO_TEST_NOW (seconds since the epoch) fixes the clock for the
 * golden tests; a general variable such as SOURCE_DATE_EPOCH, which build machines export,
 * would quietly put false times into the audit log. */
static void now_utc(char *buf, size_t size)
{
    const char *fixed = getenv("JIXIAO_TEST_NOW");
    time_t t = time(NULL);
    struct tm tm;

    if (fixed && *fixed) {
        char *end;
        long long v = strtoll(fixed, &end, 10);
        if (!*end)
            t = (time_t)v;
    }
    gmtime_r(&t, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void who(const struct cli_args *args, char *buf, size_t size)
{
    const char *u = cli_get(args, DB_USER);
    struct passwd pw, *res = NULL;
    char pwbuf[1024];

    if (!u || !*u)
        u = getenv("JIXIAO_USER");
    if ((!u || !*u) && getpwuid_r(geteuid(), &pw, pwbuf, sizeof(pwbuf), &res) == 0 && res)
        u = res->pw_name;
    snprintf(buf, size, "%s", u && *u ? u : "unknown");
}

static int parse_int(struct jx_ctx *ctx, const char *opt, const char *arg, int64_t lo, int64_t hi,
                     int64_t *out)
{
    char *end;
    long long v;

    errno = 0;
    v = strtoll(arg, &end, 10);
    if (errno || end == arg || *end || v < lo || v > hi) {
        cli_error(ctx, "%s takes a number from %" PRId64 " to %" PRId64 ", not '%s'", opt, lo, hi,
                  arg);
        return -1;
    }
    *out = v;
    return 0;
}

/* Opens the store and, unless init/migrate, checks that its schema is this binary's. */
static int open_store(struct db_run *r, bool check_schema)
{
    const char *url = cli_get(&r->args, DB_URL);
    int status;

    if (!url)
        url = getenv("JIXIAO_DB");
    status = store_open(url, &r->st, &r->why);
    if (status == STORE_DONE && check_schema)
        status = store_schema_check(r->st, &r->why);
    return status == STORE_DONE ? 0 : store_fail(r, status);
}

static const char *url_of(const struct db_run *r)
{
    return ((const struct store_base *)r->st)->url_display;
}

static int need_pos(struct db_run *r, int n, const char *usage)
{
    if (r->args.nr_pos - 1 != n) {
        cli_error(r->ctx, "usage: jixiao db %s (see 'jixiao db --help')", usage);
        return EXIT_BADINPUT;
    }
    return 0;
}

static int parse_id(struct db_run *r, const char *arg, int64_t *id)
{
    return parse_int(r->ctx, "an evaluation ID", arg, 1, INT64_MAX, id) ? EXIT_BADINPUT : 0;
}

static int emit(struct db_run *r, struct strbuf *out)
{
    return cli_write(r->ctx, r->ctx->out, out->buf, out->len);
}

/* ---- init, migrate ---- */

static int db_migrate(struct db_run *r, bool init)
{
    int64_t from = 0, to = 0;
    int status, ret;
    struct strbuf out = STRBUF_INIT;

    if ((ret = need_pos(r, 0, init ? "init [--db URL]" : "migrate [--db URL]")) ||
        (ret = open_store(r, false)))
        return ret;
    status = store_migrate(r->st, &from, &to, &r->why);
    if (status != STORE_DONE)
        return store_fail(r, status);
    if (from == to)
        strbuf_addf(&out, "%s: schema version %" PRId64 ", up to date\n", url_of(r), to);
    else if (from == 0)
        strbuf_addf(&out, "%s: initialised, schema version %" PRId64 "\n", url_of(r), to);
    else
        strbuf_addf(&out, "%s: migrated from schema version %" PRId64 " to %" PRId64 "\n",
                    url_of(r), from, to);
    ret = emit(r, &out);
    strbuf_release(&out);
    return ret;
}

/* ---- load ---- */

enum slot_state { SLOT_FREE, SLOT_BUSY, SLOT_READY };

struct slot {
    size_t want; /* the file index this slot holds next */
    enum slot_state state;
    struct jx_eval ev;
    struct jx_diags d;
    struct strbuf src;
    bool failed;
};

struct pipeline {
    char **files;
    size_t nr, next;
    bool stop;
    struct slot ring[RING];
    pthread_mutex_t lock;
    pthread_cond_t changed;
};

static void parse_into(struct slot *s, const char *path)
{
    memset(&s->d, 0, sizeof(s->d));
    s->failed = load_eval(path, &s->src, &s->ev, &s->d) < 0;
}

static void *parse_worker(void *data)
{
    struct pipeline *p = data;

    pthread_mutex_lock(&p->lock);
    for (;;) {
        size_t i;
        struct slot *s;

        if (p->stop || p->next >= p->nr)
            break;
        i = p->next++;
        s = &p->ring[i % RING];
        while (!p->stop && !(s->want == i && s->state == SLOT_FREE))
            pthread_cond_wait(&p->changed, &p->lock);
        if (p->stop)
            break;
        s->state = SLOT_BUSY;
        pthread_mutex_unlock(&p->lock);
        parse_into(s, p->files[i]);
        pthread_mutex_lock(&p->lock);
        s->state = SLOT_READY;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

struct load_counts {
    size_t loaded, updated, unchanged, failed;
};

struct loading {
    struct db_run *r;
    struct store_loader *l;
    struct load_counts total, batch;
    size_t in_batch;
    bool progress, strict;
    int ret;
};

static void show_progress(struct loading *ld, size_t done, size_t nr, bool final)
{
    int width = 30, filled;

    if (!ld->progress)
        return;
    if (final) {
        fputs("\r\033[K", ld->r->ctx->err);
        return;
    }
    filled = nr ? (int)((uint64_t)done * (uint64_t)width / nr) : width;
    fprintf(ld->r->ctx->err, "\rloading [%.*s%*s] %zu/%zu", filled,
            "##############################", width - filled, "", done, nr);
    fflush(ld->r->ctx->err);
}

static int commit_batch(struct loading *ld)
{
    int status;

    if (!ld->in_batch)
        return 0;
    status = store_loader_commit(ld->l, &ld->r->why);
    ld->in_batch = 0;
    if (status != STORE_DONE) {
        ld->total.failed += ld->batch.loaded + ld->batch.updated;
        memset(&ld->batch, 0, sizeof(ld->batch));
        return store_fail(ld->r, status);
    }
    ld->total.loaded += ld->batch.loaded;
    ld->total.updated += ld->batch.updated;
    ld->total.unchanged += ld->batch.unchanged;
    memset(&ld->batch, 0, sizeof(ld->batch));
    return 0;
}

/* Writes one parsed file. Returns non-zero to stop the load. */
static int store_one(struct loading *ld, const char *path, struct slot *s)
{
    struct db_run *r = ld->r;
    enum store_load_result res;
    int64_t id;
    int status;

    if (s->failed) {
        cli_print_diags(r->ctx, &s->d);
        if (!s->d.errors)
            cli_error(r->ctx, "%s: cannot be loaded", path);
        ld->total.failed++;
        return ld->strict;
    }
    if (!ld->in_batch) {
        status = store_loader_begin(ld->l, &r->why);
        if (status != STORE_DONE) {
            ld->ret = store_fail(r, status);
            return 1;
        }
    }
    ld->in_batch++;
    status = store_loader_add(ld->l, &s->ev, s->src.buf, s->src.len, path, &res, &id, &r->why);
    if (status == STORE_CONFLICT) {
        cli_error(r->ctx, "%s: %s", path, r->why.buf);
        strbuf_reset(&r->why);
        ld->total.failed++;
        return ld->strict;
    }
    if (status != STORE_DONE) {
        store_loader_abort(ld->l);
        ld->in_batch = 0;
        ld->total.failed += ld->batch.loaded + ld->batch.updated + 1;
        memset(&ld->batch, 0, sizeof(ld->batch));
        ld->ret = store_fail(r, status);
        return 1;
    }
    if (res == STORE_LOADED_NEW)
        ld->batch.loaded++;
    else if (res == STORE_LOADED_UPDATED)
        ld->batch.updated++;
    else
        ld->batch.unchanged++;
    if (ld->in_batch >= BATCH_FILES && (ld->ret = commit_batch(ld)))
        return 1;
    return 0;
}

static void release_slot(struct slot *s)
{
    jx_diags_release(&s->d);
    eval_release(&s->ev);
    memset(&s->ev, 0, sizeof(s->ev));
}

static void load_files(struct loading *ld, char **files, size_t nr, unsigned jobs)
{
    struct pipeline *p = xcalloc(1, sizeof(*p));
    pthread_t threads[MAX_JOBS];
    unsigned started = 0;
    bool stop = false;

    p->files = files;
    p->nr = nr;
    for (size_t i = 0; i < RING; i++) {
        p->ring[i].want = i;
        strbuf_init(&p->ring[i].src, 0);
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->changed, NULL);
    for (; started < jobs && started < nr; started++)
        if (pthread_create(&threads[started], NULL, parse_worker, p) != 0)
            break;
    for (size_t i = 0; i < nr && !stop; i++) {
        struct slot *s = &p->ring[i % RING];

        if (started) {
            pthread_mutex_lock(&p->lock);
            while (!(s->want == i && s->state == SLOT_READY))
                pthread_cond_wait(&p->changed, &p->lock);
            pthread_mutex_unlock(&p->lock);
        } else {
            parse_into(s, files[i]);
        }
        stop = store_one(ld, files[i], s) != 0;
        release_slot(s);
        pthread_mutex_lock(&p->lock);
        s->want += RING;
        s->state = SLOT_FREE;
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
        if ((i & 255) == 0)
            show_progress(ld, i, nr, false);
    }
    pthread_mutex_lock(&p->lock);
    p->stop = true;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    for (unsigned t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    for (size_t i = 0; i < RING; i++) {
        release_slot(&p->ring[i]);
        strbuf_release(&p->ring[i].src);
    }
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->lock);
    free(p);
    if (!ld->ret)
        ld->ret = commit_batch(ld);
    show_progress(ld, nr, nr, true);
}

static int db_load(struct db_run *r)
{
    struct file_list files = {0};
    struct loading ld = {0};
    struct strbuf out = STRBUF_INIT;
    unsigned jobs;
    size_t bad_paths = 0;
    int64_t n;
    const char *j = cli_get(&r->args, DB_JOBS);
    int ret;

    if (r->args.nr_pos < 2) {
        cli_error(r->ctx, "usage: jixiao db load [--db URL] [--strict] FILE|DIR... (see 'jixiao "
                          "db --help')");
        return EXIT_BADINPUT;
    }
    if (j) {
        if (parse_int(r->ctx, "--jobs", j, 1, MAX_JOBS, &n))
            return EXIT_BADINPUT;
        jobs = (unsigned)n;
    } else {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = cpus < 1 ? 1 : cpus > MAX_JOBS ? MAX_JOBS : (unsigned)cpus;
    }
    for (int i = 1; i < r->args.nr_pos; i++) {
        size_t before = files.nr;

        if (files_expand(r->args.pos[i], NULL, &files, &r->why) < 0 || files.nr == before) {
            if (r->why.len)
                cli_error(r->ctx, "%s", r->why.buf);
            else
                cli_error(r->ctx, "'%s' holds no evaluation file (*.yaml, *.yml, *.json)",
                          r->args.pos[i]);
            strbuf_reset(&r->why);
            bad_paths++;
            if (cli_flag(&r->args, DB_STRICT))
                break;
        }
    }
    ld.total.failed = bad_paths;
    if (bad_paths && cli_flag(&r->args, DB_STRICT)) {
        ret = EXIT_BADINPUT;
        goto out;
    }
    if ((ret = open_store(r, true)))
        goto out;
    ld.r = r;
    ld.l = store_loader_new(r->st, r->actor, r->now);
    ld.strict = cli_flag(&r->args, DB_STRICT);
    ld.progress = !cli_flag(&r->args, DB_QUIET) && isatty(fileno(r->ctx->err));
    load_files(&ld, files.names, files.nr, jobs);
    store_loader_free(ld.l);
    if (ld.ret) /* the store failed: whatever was not committed did not load */
        ld.total.failed =
            bad_paths + files.nr - (ld.total.loaded + ld.total.updated + ld.total.unchanged);
    strbuf_addf(&out, "loaded %zu, updated %zu, failed %zu", ld.total.loaded, ld.total.updated,
                ld.total.failed);
    if (ld.total.unchanged)
        strbuf_addf(&out, " (%zu unchanged)", ld.total.unchanged);
    strbuf_addch(&out, '\n');
    ret = emit(r, &out);
    if (!ret)
        ret = ld.ret ? ld.ret : ld.total.failed ? EXIT_BADINPUT : EXIT_OK_;
out:
    strbuf_release(&out);
    file_list_release(&files);
    return ret;
}

/* ---- list ---- */

enum fmt { FMT_TABLE, FMT_CSV, FMT_JSON };

static int parse_format(struct db_run *r, enum fmt *f)
{
    const char *v = cli_get(&r->args, DB_FORMAT);

    *f = FMT_TABLE;
    if (!v || !strcmp(v, "table"))
        return 0;
    if (!strcmp(v, "csv")) {
        *f = FMT_CSV;
        return 0;
    }
    if (!strcmp(v, "json")) {
        *f = FMT_JSON;
        return 0;
    }
    cli_error(r->ctx, "--format takes table, csv or json, not '%s'", v);
    return EXIT_BADINPUT;
}

static int parse_year(struct db_run *r, int64_t *year)
{
    const char *v = cli_get(&r->args, DB_YEAR);

    *year = 0;
    if (v && parse_int(r->ctx, "--year", v, 1900, 9999, year))
        return EXIT_BADINPUT;
    return 0;
}

static void add_points(struct strbuf *sb, int64_t centi)
{
    render_points(sb, centi);
}

static void add_yuan(struct strbuf *sb, int64_t fen)
{
    if (fen < 0)
        strbuf_addstr(sb, "-");
    else
        money_format(sb, fen, MONEY_YUAN, 2);
}

struct list_out {
    enum fmt fmt;
    struct text_table t;
    struct strbuf csv;
    json_t *arr;
    size_t n;
};

static int list_row(const struct store_eval_info *e, void *data)
{
    struct list_out *lo = data;
    struct strbuf id = STRBUF_INIT, year = STRBUF_INIT, ver = STRBUF_INIT, total = STRBUF_INIT;

    lo->n++;
    strbuf_addf(&id, "%" PRId64, e->id);
    strbuf_addf(&year, "%" PRId64, e->year);
    strbuf_addf(&ver, "%" PRId64, e->version);
    add_points(&total, e->total);
    if (lo->fmt == FMT_TABLE) {
        const char *cells[] = {id.buf,    e->unit, e->project, year.buf, e->kind,
                               e->status, ver.buf, total.buf,  e->grade};
        table_add_row(&lo->t, cells);
    } else if (lo->fmt == FMT_CSV) {
        const char *cells[] = {id.buf,    e->unit, e->project, year.buf, e->kind,
                               e->status, ver.buf, total.buf,  e->grade};
        for (size_t i = 0; i < 9; i++) {
            if (i)
                strbuf_addch(&lo->csv, ',');
            csv_field(&lo->csv, cells[i], true);
        }
        strbuf_addch(&lo->csv, '\n');
    } else {
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(e->id));
        json_object_set_new(o, "unit", json_string(e->unit));
        json_object_set_new(o, "department",
                            e->department ? json_string(e->department) : json_null());
        json_object_set_new(o, "project", json_string(e->project));
        json_object_set_new(o, "year", json_integer(e->year));
        json_object_set_new(o, "kind", json_string(e->kind));
        json_object_set_new(o, "status", json_string(e->status));
        json_object_set_new(o, "version", json_integer(e->version));
        json_object_set_new(o, "revision", json_integer(e->revision));
        json_object_set_new(o, "total", json_string(total.buf));
        json_object_set_new(o, "grade", json_string(e->grade));
        json_array_append_new(lo->arr, o);
    }
    strbuf_release(&id);
    strbuf_release(&year);
    strbuf_release(&ver);
    strbuf_release(&total);
    return 0;
}

static int db_list(struct db_run *r)
{
    struct list_out lo = {0};
    struct store_list_filter f = {0};
    struct strbuf out = STRBUF_INIT;
    int ret, status;

    if ((ret = need_pos(r, 0, "list [--year Y] [--format table|csv|json]")) ||
        (ret = parse_format(r, &lo.fmt)) || (ret = parse_year(r, &f.year)) ||
        (ret = open_store(r, true)))
        return ret;
    table_init(&lo.t, "lllllrrrl");
    strbuf_init(&lo.csv, 0);
    lo.arr = json_array();
    {
        const char *head[] = {"编号", "实施单位", "项目", "年度", "类型",
                              "状态", "版本",     "得分", "等级"};
        table_add_row(&lo.t, head);
        table_add_rule(&lo.t);
        strbuf_addstr(&lo.csv, "id,unit,project,year,kind,status,version,total,grade\n");
    }
    status = store_eval_list(r->st, &f, list_row, &lo, &r->why);
    if (status != STORE_DONE) {
        ret = store_fail(r, status);
    } else {
        if (lo.fmt == FMT_TABLE) {
            table_render(&lo.t, &out);
            strbuf_addf(&out, "%zu evaluations\n", lo.n);
        } else if (lo.fmt == FMT_CSV) {
            strbuf_add(&out, lo.csv.buf, lo.csv.len);
        } else {
            json_out_take(lo.arr, &out);
            lo.arr = NULL;
        }
        ret = emit(r, &out);
    }
    json_decref(lo.arr);
    table_release(&lo.t);
    strbuf_release(&lo.csv);
    strbuf_release(&out);
    return ret;
}

/* ---- show ---- */

static int version_row(const struct store_version_info *v, void *data)
{
    struct text_table *t = data;
    struct strbuf rev = STRBUF_INIT, total = STRBUF_INIT;
    const char *cells[7];

    strbuf_addf(&rev, "%" PRId64, v->revision);
    add_points(&total, v->total);
    cells[0] = rev.buf;
    cells[1] = total.buf;
    cells[2] = v->grade ? v->grade : "";
    cells[3] = v->author ? v->author : "";
    cells[4] = v->created_at ? v->created_at : "";
    cells[5] = v->file ? v->file : "";
    cells[6] = v->sha256 ? v->sha256 : "";
    table_add_row(t, cells);
    strbuf_release(&rev);
    strbuf_release(&total);
    return 0;
}

static int indicator_row(const struct store_indicator_row *ind, void *data)
{
    struct text_table *t = data;
    struct strbuf name = STRBUF_INIT, w = STRBUF_INIT, sc = STRBUF_INIT;
    const char *cells[6];

    strbuf_addchars(&name, ' ', ind->depth > 1 ? (size_t)(ind->depth - 1) * 2 : 0);
    strbuf_addstr(&name, ind->name ? ind->name : "");
    add_points(&w, ind->weight);
    if (ind->has_score)
        add_points(&sc, ind->score);
    else
        strbuf_addstr(&sc, "-");
    cells[0] = name.buf;
    cells[1] = w.buf;
    cells[2] = sc.buf;
    cells[3] = ind->method ? ind->method : "";
    cells[4] = ind->target ? ind->target : "";
    cells[5] = ind->actual ? ind->actual : "";
    table_add_row(t, cells);
    strbuf_release(&name);
    strbuf_release(&w);
    strbuf_release(&sc);
    return 0;
}

static int db_show(struct db_run *r)
{
    struct store_eval_info e;
    struct text_table vt, it;
    struct strbuf out = STRBUF_INIT;
    const char *rv = cli_get(&r->args, DB_REVISION);
    int64_t id, revision = 0;
    int ret, status;

    if ((ret = need_pos(r, 1, "show ID [--revision N]")) ||
        (ret = parse_id(r, r->args.pos[1], &id)))
        return ret;
    if (rv && parse_int(r->ctx, "--revision", rv, 1, INT64_MAX, &revision))
        return EXIT_BADINPUT;
    if ((ret = open_store(r, true)))
        return ret;
    status = store_eval_get(r->st, id, &e, &r->why);
    if (status != STORE_DONE)
        return store_fail(r, status);
    table_init(&vt, "lrlllll");
    table_init(&it, "lrrlll");
    strbuf_addf(&out, "评价 %" PRId64 "  %s  %s  %" PRId64 "年 %s\n", e.id, e.unit, e.project,
                e.year, e.kind);
    if (e.department)
        strbuf_addf(&out, "主管部门  %s\n", e.department);
    strbuf_addf(&out, "状态  %s  版本 %" PRId64 "  修订 %" PRId64 "\n", e.status, e.version,
                e.revision);
    strbuf_addstr(&out, "得分  ");
    add_points(&out, e.total);
    strbuf_addf(&out, "  等级 %s\n", e.grade);
    strbuf_addstr(&out, "预算数  ");
    add_yuan(&out, e.planned);
    strbuf_addstr(&out, "元  到位数 ");
    add_yuan(&out, e.received);
    strbuf_addstr(&out, "元  执行数 ");
    add_yuan(&out, e.spent);
    strbuf_addstr(&out, "元\n");
    strbuf_addf(&out, "更新  %s  %s\n\n", e.updated_at, e.updated_by);
    {
        const char *head[] = {"修订", "得分", "等级", "作者", "时间", "文件", "SHA-256"};
        table_add_row(&vt, head);
        table_add_rule(&vt);
    }
    status = store_eval_versions(r->st, id, version_row, &vt, &r->why);
    if (status == STORE_DONE) {
        const char *head[] = {"指标", "分值", "得分", "方法", "指标值", "实际完成值"};
        table_add_row(&it, head);
        table_add_rule(&it);
        status = store_eval_indicators(r->st, id, revision, indicator_row, &it, &r->why);
    }
    if (status != STORE_DONE) {
        ret = store_fail(r, status);
    } else {
        table_render(&vt, &out);
        strbuf_addch(&out, '\n');
        if (revision)
            strbuf_addf(&out, "修订 %" PRId64 " 的指标\n", revision);
        table_render(&it, &out);
        ret = emit(r, &out);
    }
    table_release(&vt);
    table_release(&it);
    store_eval_info_release(&e);
    strbuf_release(&out);
    return ret;
}

/* ---- export ---- */

/* Renders into a temporary file beside out, then renames it over out (as cmd_export.c). */
static int write_summary_xlsx(struct db_run *r, const struct jx_eval_table *t, const char *out)
{
    struct strbuf tmp = STRBUF_INIT;
    const char *slash = strrchr(out, '/');
    int fd, ret = EXIT_INTERNAL;

    if (slash)
        strbuf_add(&tmp, out, (size_t)(slash - out + 1));
    strbuf_addf(&tmp, ".%s.tmp-XXXXXX", slash ? slash + 1 : out);
    fd = mkstemp(tmp.buf);
    if (fd < 0) {
        cli_error(r->ctx, "cannot write '%s': %s", out, strerror(errno));
        goto out;
    }
    close(fd);
    if (render_summary_xlsx(t, tmp.buf, &r->why) < 0) {
        cli_error(r->ctx, "%s", r->why.buf);
        unlink(tmp.buf);
        goto out;
    }
    /* mkstemp made it 0600; an export is an ordinary document. */
    if (chmod(tmp.buf, 0644) < 0 || rename(tmp.buf, out) < 0) {
        cli_error(r->ctx, "cannot write '%s': %s", out, strerror(errno));
        unlink(tmp.buf);
        goto out;
    }
    ret = 0;
out:
    strbuf_release(&tmp);
    return ret;
}

static int write_summary_csv(struct db_run *r, const struct jx_eval_table *t, const char *out,
                             enum csv_encoding enc)
{
    struct strbuf csv = STRBUF_INIT;
    int ret = 0, w;

    if (render_summary_csv(t, enc, &csv, &r->why) < 0) {
        cli_error(r->ctx, "%s", r->why.buf);
        ret = EXIT_INTERNAL;
    } else if (!strcmp(out, "-")) {
        ret = emit(r, &csv);
    } else if ((w = files_write_atomic(out, csv.buf, csv.len, true, &r->why)) < 0) {
        cli_error(r->ctx, "%s", r->why.buf);
        ret = w == -1 ? EXIT_BADINPUT : EXIT_INTERNAL;
    }
    strbuf_release(&csv);
    return ret;
}

/* export --format xlsx|csv -o FILE: every evaluation (of --year) as one table. */
static int db_export_table(struct db_run *r, const char *format, const char *output)
{
    const char *encname = cli_get(&r->args, DB_ENCODING);
    enum csv_encoding enc = CSV_UTF8;
    struct jx_eval_table t;
    int64_t year;
    bool xlsx = !strcmp(format, "xlsx");
    int ret, status;

    if (!xlsx && strcmp(format, "csv")) {
        cli_error(r->ctx, "export --format takes xlsx or csv, not '%s'", format);
        return EXIT_BADINPUT;
    }
    if (!output) {
        cli_error(r->ctx, "export needs -o FILE (the %s file to write)", format);
        return EXIT_BADINPUT;
    }
    if (xlsx && !strcmp(output, "-")) {
        cli_error(r->ctx, "an xlsx workbook cannot go to standard output: give -o FILE.xlsx");
        return EXIT_BADINPUT;
    }
    if (cli_get(&r->args, DB_REVISION)) {
        cli_error(r->ctx, "--revision applies to 'export ID' only; --format exports the current "
                          "revisions");
        return EXIT_BADINPUT;
    }
    if (encname && xlsx) {
        cli_error(r->ctx,
                  "--encoding applies to CSV output only; an xlsx workbook is always UTF-8");
        return EXIT_BADINPUT;
    }
    if (encname && csv_encoding_from_name(encname, &enc) < 0) {
        cli_error(r->ctx, "unknown encoding '%s': use utf-8, utf-8-bom or gb18030", encname);
        return EXIT_BADINPUT;
    }
    if ((ret = parse_year(r, &year)) || (ret = open_store(r, true)))
        return ret;
    eval_table_init(&t);
    status = store_export_table(r->st, year, &t, &r->why);
    if (status != STORE_DONE)
        ret = store_fail(r, status);
    else
        ret = xlsx ? write_summary_xlsx(r, &t, output) : write_summary_csv(r, &t, output, enc);
    if (!ret && strcmp(output, "-"))
        fprintf(r->ctx->err, "wrote %zu evaluations to %s\n", t.nr_rows, output);
    eval_table_release(&t);
    return ret;
}

static int db_export(struct db_run *r)
{
    struct strbuf src = STRBUF_INIT;
    const char *rv = cli_get(&r->args, DB_REVISION), *output = cli_get(&r->args, DB_OUTPUT);
    const char *format = cli_get(&r->args, DB_FORMAT);
    int64_t id, revision = 0;
    int ret, status;

    /* Without an ID, --format exports the whole store; with one, the evaluation's source. */
    if (format && r->args.nr_pos == 1)
        return db_export_table(r, format, output);
    if (format) {
        cli_error(r->ctx, "usage: jixiao db export ID -o FILE (one evaluation's source) or "
                          "jixiao db export --format xlsx|csv -o FILE (every evaluation)");
        return EXIT_BADINPUT;
    }
    if ((ret = need_pos(r, 1,
                        "export ID -o FILE [--revision N], or export --format xlsx|csv -o FILE")) ||
        (ret = parse_id(r, r->args.pos[1], &id)))
        return ret;
    if (!output) {
        cli_error(r->ctx, "export needs -o FILE (the evaluation file to write)");
        return EXIT_BADINPUT;
    }
    if (rv && parse_int(r->ctx, "--revision", rv, 1, INT64_MAX, &revision))
        return EXIT_BADINPUT;
    if ((ret = open_store(r, true)))
        return ret;
    status = store_eval_source(r->st, id, revision, &src, &r->why);
    if (status != STORE_DONE) {
        ret = store_fail(r, status);
    } else if (!strcmp(output, "-")) {
        ret = emit(r, &src);
    } else {
        int w = files_write_atomic(output, src.buf, src.len, true, &r->why);
        if (w < 0) {
            cli_error(r->ctx, "%s", r->why.buf);
            ret = EXIT_INTERNAL;
        } else {
            fprintf(r->ctx->err, "wrote evaluation %" PRId64 " to %s\n", id, output);
        }
    }
    strbuf_release(&src);
    return ret;
}

/* ---- summary ---- */

static void add_rate(struct strbuf *sb, int64_t rate)
{
    if (rate < 0)
        strbuf_addstr(sb, "-");
    else
        render_rate(sb, rate);
}

static void grades_text(struct strbuf *sb, const struct store_stats *s)
{
    for (size_t i = 0; i < s->nr_grades; i++)
        strbuf_addf(sb, "%s%s %" PRId64, i ? "  " : "", s->grades[i].grade, s->grades[i].count);
    if (s->other_grades)
        strbuf_addf(sb, "  其他 %" PRId64, s->other_grades);
}

static json_t *stats_json(const struct store_stats *s)
{
    json_t *o = json_object(), *g = json_object();
    struct strbuf b = STRBUF_INIT;

#define SET_POINTS(key, v)                                                                         \
    do {                                                                                           \
        strbuf_reset(&b);                                                                          \
        add_points(&b, v);                                                                         \
        json_object_set_new(o, key, json_string(b.buf));                                           \
    } while (0)
#define SET_YUAN(key, v)                                                                           \
    do {                                                                                           \
        strbuf_reset(&b);                                                                          \
        add_yuan(&b, v);                                                                           \
        json_object_set_new(o, key, json_string(b.buf));                                           \
    } while (0)
    if (s->key)
        json_object_set_new(o, "key", json_string(s->key));
    json_object_set_new(o, "count", json_integer(s->count));
    SET_POINTS("mean", s->mean);
    SET_POINTS("median", s->median);
    SET_POINTS("min", s->min);
    SET_POINTS("max", s->max);
    for (size_t i = 0; i < s->nr_grades; i++)
        json_object_set_new(g, s->grades[i].grade, json_integer(s->grades[i].count));
    json_object_set_new(o, "grades", g);
    SET_YUAN("planned", s->planned);
    SET_YUAN("received", s->received);
    SET_YUAN("spent", s->spent);
    strbuf_reset(&b);
    add_rate(&b, s->execution);
    json_object_set_new(o, "execution_rate", json_string(b.buf));
#undef SET_POINTS
#undef SET_YUAN
    strbuf_release(&b);
    return o;
}

static const char *const group_titles[] = {"实施单位", "评价类型", "等级"};

static void summary_table(const struct store_summary *sm, struct strbuf *out)
{
    const struct store_stats *a = &sm->all;
    struct text_table t;

    if (sm->year)
        strbuf_addf(out, "评价汇总  %" PRId64 "年度\n", sm->year);
    else
        strbuf_addstr(out, "评价汇总  全部年度\n");
    strbuf_addf(out, "评价数  %" PRId64 "\n平均分  ", a->count);
    add_points(out, a->mean);
    strbuf_addstr(out, "\n中位数  ");
    add_points(out, a->median);
    strbuf_addstr(out, "\n最高分  ");
    add_points(out, a->max);
    strbuf_addstr(out, "\n最低分  ");
    add_points(out, a->min);
    strbuf_addstr(out, "\n等级分布  ");
    grades_text(out, a);
    strbuf_addstr(out, "\n预算数  ");
    add_yuan(out, a->planned);
    strbuf_addstr(out, "元\n到位数  ");
    add_yuan(out, a->received);
    strbuf_addstr(out, "元\n执行数  ");
    add_yuan(out, a->spent);
    strbuf_addstr(out, "元\n执行率  ");
    add_rate(out, a->execution);
    strbuf_addf(out, "\n\n按%s排名\n", group_titles[sm->by]);
    table_init(&t, "rlrrrlrrr");
    {
        const char *head[] = {"名次",     group_titles[sm->by], "评价数",     "平均分", "中位数",
                              "等级分布", "预算数(元)",         "执行数(元)", "执行率"};
        table_add_row(&t, head);
        table_add_rule(&t);
    }
    for (size_t i = 0; i < sm->nr_groups; i++) {
        const struct store_stats *g = &sm->groups[i];
        struct strbuf c[8];
        const char *cells[9];

        for (size_t k = 0; k < 8; k++)
            strbuf_init(&c[k], 0);
        strbuf_addf(&c[0], "%zu", i + 1);
        strbuf_addf(&c[1], "%" PRId64, g->count);
        add_points(&c[2], g->mean);
        add_points(&c[3], g->median);
        grades_text(&c[4], g);
        add_yuan(&c[5], g->planned);
        add_yuan(&c[6], g->spent);
        add_rate(&c[7], g->execution);
        cells[0] = c[0].buf;
        cells[1] = g->key;
        for (size_t k = 1; k < 8; k++)
            cells[k + 1] = c[k].buf;
        table_add_row(&t, cells);
        for (size_t k = 0; k < 8; k++)
            strbuf_release(&c[k]);
    }
    table_render(&t, out);
    table_release(&t);
}

static void summary_csv(const struct store_summary *sm, struct strbuf *out)
{
    strbuf_addf(out,
                "rank,%s,count,mean,median,min,max,grades,planned,received,spent,"
                "execution_rate\n",
                store_group_name(sm->by));
    for (size_t i = 0; i <= sm->nr_groups; i++) {
        const struct store_stats *g = i < sm->nr_groups ? &sm->groups[i] : &sm->all;
        struct strbuf grades = STRBUF_INIT;

        if (i < sm->nr_groups)
            strbuf_addf(out, "%zu,", i + 1);
        else
            strbuf_addstr(out, ",");
        csv_field(out, g->key ? g->key : "合计", true);
        strbuf_addf(out, ",%" PRId64 ",", g->count);
        add_points(out, g->mean);
        strbuf_addch(out, ',');
        add_points(out, g->median);
        strbuf_addch(out, ',');
        add_points(out, g->min);
        strbuf_addch(out, ',');
        add_points(out, g->max);
        strbuf_addch(out, ',');
        grades_text(&grades, g);
        csv_field(out, grades.buf, true);
        strbuf_addch(out, ',');
        add_yuan(out, g->planned);
        strbuf_addch(out, ',');
        add_yuan(out, g->received);
        strbuf_addch(out, ',');
        add_yuan(out, g->spent);
        strbuf_addch(out, ',');
        add_rate(out, g->execution);
        strbuf_addch(out, '\n');
        strbuf_release(&grades);
    }
}

static int db_summary(struct db_run *r)
{
    struct store_summary sm;
    struct strbuf out = STRBUF_INIT;
    enum store_group by = STORE_BY_UNIT;
    const char *b = cli_get(&r->args, DB_BY);
    enum fmt fmt;
    int64_t year;
    int ret, status;

    if ((ret = need_pos(r, 0,
                        "summary [--year Y] [--by unit|kind|grade] [--format "
                        "table|csv|json]")) ||
        (ret = parse_format(r, &fmt)) || (ret = parse_year(r, &year)))
        return ret;
    if (b && store_group_from_name(b, &by)) {
        cli_error(r->ctx, "--by takes unit, kind or grade, not '%s'", b);
        return EXIT_BADINPUT;
    }
    if ((ret = open_store(r, true)))
        return ret;
    status = store_summarize(r->st, year, by, &sm, &r->why);
    if (status != STORE_DONE)
        return store_fail(r, status);
    if (fmt == FMT_TABLE) {
        summary_table(&sm, &out);
    } else if (fmt == FMT_CSV) {
        summary_csv(&sm, &out);
    } else {
        json_t *o = json_object(), *groups = json_array();

        json_object_set_new(o, "year", sm.year ? json_integer(sm.year) : json_null());
        json_object_set_new(o, "by", json_string(store_group_name(by)));
        json_object_set_new(o, "all", stats_json(&sm.all));
        for (size_t i = 0; i < sm.nr_groups; i++) {
            json_t *g = stats_json(&sm.groups[i]);
            json_object_set_new(g, "rank", json_integer((json_int_t)i + 1));
            json_array_append_new(groups, g);
        }
        json_object_set_new(o, "groups", groups);
        json_out_take(o, &out);
    }
    ret = emit(r, &out);
    store_summary_release(&sm);
    strbuf_release(&out);
    return ret;
}

/* ---- backup, verify-audit ---- */

static int db_backup(struct db_run *r)
{
    int ret, status;

    if ((ret = need_pos(r, 1, "backup DEST")) || (ret = open_store(r, false)))
        return ret;
    status = store_ops_of(r->st)->backup(r->st, r->args.pos[1], &r->why);
    if (status != STORE_DONE)
        return store_fail(r, status);
    fprintf(r->ctx->err, "backed up %s to %s\n", url_of(r), r->args.pos[1]);
    return EXIT_OK_;
}

static int db_verify_audit(struct db_run *r)
{
    struct store_audit_report rep = {0};
    struct strbuf out = STRBUF_INIT;
    int ret, status;

    if ((ret = need_pos(r, 0, "verify-audit [--db URL]")) || (ret = open_store(r, true)))
        return ret;
    strbuf_init(&rep.what, 0);
    status = store_audit_verify(r->st, &rep, &r->why);
    if (status != STORE_DONE) {
        ret = store_fail(r, status);
    } else if (rep.first_bad) {
        cli_error(r->ctx, "%s: %s", url_of(r), rep.what.buf);
        ret = EXIT_FINDINGS;
    } else {
        strbuf_addf(&out, "audit log intact: %" PRId64 " rows\n", rep.rows);
        ret = emit(r, &out);
    }
    strbuf_release(&rep.what);
    strbuf_release(&out);
    return ret;
}

/* ---- submit, return, approve, publish ---- */

static int db_transition(struct db_run *r, enum store_transition t)
{
    const char *v = cli_get(&r->args, DB_VERSION);
    int64_t id, version, now_version = 0;
    struct strbuf out = STRBUF_INIT;
    int ret, status;

    if ((ret = need_pos(r, 1, "submit|return|approve|publish ID --version N [-m TEXT]")) ||
        (ret = parse_id(r, r->args.pos[1], &id)))
        return ret;
    if (!v) {
        cli_error(r->ctx, "%s needs --version N: the version you read ('jixiao db show %s')",
                  store_transition_name(t), r->args.pos[1]);
        return EXIT_BADINPUT;
    }
    if (parse_int(r->ctx, "--version", v, 1, INT64_MAX, &version))
        return EXIT_BADINPUT;
    if ((ret = open_store(r, true)))
        return ret;
    status = store_eval_transition(r->st, id, version, t, cli_get(&r->args, DB_COMMENT), r->actor,
                                   r->now, &now_version, &r->why);
    if (status != STORE_DONE)
        return store_fail(r, status);
    strbuf_addf(&out, "evaluation %" PRId64 ": %s, now version %" PRId64 "\n", id,
                store_transition_name(t), now_version);
    ret = emit(r, &out);
    strbuf_release(&out);
    return ret;
}

int cmd_db(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
    struct db_run r = {0};
    enum store_transition t;
    const char *sub;
    int ret;

    r.ctx = ctx;
    strbuf_init(&r.why, 0);
    ret = cli_parse(ctx, cmd, argc, argv, &r.args);
    if (ret)
        goto out;
    if (r.args.nr_pos < 1) {
        cli_error(ctx, "db needs a subcommand: init, migrate, load, list, show, export, summary, "
                       "backup, verify-audit (see 'jixiao db --help')");
        ret = EXIT_BADINPUT;
        goto out;
    }
    who(&r.args, r.actor, sizeof(r.actor));
    now_utc(r.now, sizeof(r.now));
    sub = r.args.pos[0];
    if (!strcmp(sub, "init"))
        ret = db_migrate(&r, true);
    else if (!strcmp(sub, "migrate"))
        ret = db_migrate(&r, false);
    else if (!strcmp(sub, "load"))
        ret = db_load(&r);
    else if (!strcmp(sub, "list"))
        ret = db_list(&r);
    else if (!strcmp(sub, "show"))
        ret = db_show(&r);
    else if (!strcmp(sub, "export"))
        ret = db_export(&r);
    else if (!strcmp(sub, "summary"))
        ret = db_summary(&r);
    else if (!strcmp(sub, "backup"))
        ret = db_backup(&r);
    else if (!strcmp(sub, "verify-audit"))
        ret = db_verify_audit(&r);
    else if (!store_transition_from_name(sub, &t))
        ret = db_transition(&r, t);
    else {
        cli_error(ctx, "unknown db subcommand '%s' (see 'jixiao db --help')", sub);
        ret = EXIT_BADINPUT;
    }
out:
    store_close(r.st);
    strbuf_release(&r.why);
    free(r.args.pos);
    return ret < 0 ? EXIT_OK_ : ret;
}
