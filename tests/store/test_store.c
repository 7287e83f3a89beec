/*
 * The store suite: one program, every backend. JX_TEST_DB names the store
 * (postgresql://… for a throwaway PostgreSQL cluster); unset, a fresh SQLite file in a
 * temporary directory. Every test starts from an empty schema (store_test_reset), so the
 * same binary runs unchanged against both.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/score.h"
#include "core/validate.h"
#include "io/eval_read.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_eval.h"
#include "store/store_schema.h"
#include "store/store_summary.h"

#define AT "2026-11-25T08:00:00Z"

static char url[4096];
static char tmpdir[256];

static const char *const examples[] = {
    "examples/xinfeng-2022-xinxihua.yaml",
    "examples/jiangyuan-2023-yingyang.yaml",
    "examples/jiangyuan-2022-yinshui.yaml",
};

struct loaded {
    struct jx_eval ev;
    struct strbuf src;
    char path[1024];
};

static void read_all(const char *path, struct strbuf *sb)
{
    FILE *f = fopen(path, "rb");
    char buf[8192];
    size_t n;

    if (!f)
        fail_msg("cannot open %s", path);
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        strbuf_add(sb, buf, n);
    fclose(f);
}

/* Reads, decodes, validates and scores an example (the CLI's load_eval, minus the CLI). */
static void load_example(const char *rel, const char *extra, struct loaded *l)
{
    struct jx_diags d = JX_DIAGS_INIT;

    snprintf(l->path, sizeof(l->path), "%s/%s", JX_SOURCE_DIR, rel);
    strbuf_init(&l->src, 0);
    read_all(l->path, &l->src);
    if (extra)
        strbuf_addstr(&l->src, extra);
    eval_init(&l->ev, l->path);
    eval_release(&l->ev);
    if (eval_read(l->src.buf, l->src.len, l->path, EVAL_SYNTAX_AUTO, &l->ev, &d) != 0)
        fail_msg("%s does not decode", rel);
    validate_eval(&l->ev, &d);
    if (d.errors || score_eval(&l->ev, &d) != 0 || d.errors)
        fail_msg("%s does not validate or score", rel);
    jx_diags_release(&d);
}

static void loaded_release(struct loaded *l)
{
    eval_release(&l->ev);
    strbuf_release(&l->src);
}

static struct store *open_store(void)
{
    struct store *st = NULL;
    struct strbuf why = STRBUF_INIT;
    int status = store_open(url, &st, &why);

    if (status != STORE_DONE)
        fail_msg("store_open(%s): %d %s", url, status, why.buf);
    strbuf_release(&why);
    return st;
}

static void expect_done(int status, const struct strbuf *why, const char *what)
{
    if (status != STORE_DONE)
        fail_msg("%s: status %d: %s", what, status, why->buf);
}

/* A fresh, migrated store for each test. */
static int setup(void **state)
{
    struct store *st = open_store();
    struct strbuf why = STRBUF_INIT;

    expect_done(store_test_reset(st, &why), &why, "reset");
    expect_done(store_migrate(st, NULL, NULL, &why), &why, "migrate");
    strbuf_release(&why);
    *state = st;
    return 0;
}

static int teardown(void **state)
{
    store_close(*state);
    return 0;
}

static int64_t load_one(struct store *st, const char *rel, const char *extra,
                        enum store_load_result want)
{
    struct loaded l;
    struct strbuf why = STRBUF_INIT;
    enum store_load_result res;
    int64_t id = 0;

    load_example(rel, extra, &l);
    expect_done(
        store_load_eval(st, &l.ev, l.src.buf, l.src.len, rel, "tester", AT, &res, &id, &why), &why,
        rel);
    assert_int_equal(res, want);
    assert_true(id > 0);
    loaded_release(&l);
    strbuf_release(&why);
    return id;
}

static int64_t query_int(struct store *st, const char *sql)
{
    const struct store_ops *ops = store_ops_of(st);
    struct store_stmt *s;
    struct strbuf why = STRBUF_INIT;
    int64_t v = -1;

    expect_done(ops->prepare(st, sql, &s, &why), &why, sql);
    if (ops->step(s, &why) == STORE_ROW)
        v = ops->column_int64(s, 0);
    ops->finalize(s);
    strbuf_release(&why);
    return v;
}

/* ---- opening and the schema ---- */

static void test_bad_urls(void **state)
{
    struct store *st = NULL;
    struct strbuf why = STRBUF_INIT;
    char path[512];

    (void)state;
    assert_int_equal(store_open("mysql://x/y", &st, &why), STORE_BADURL);
    assert_non_null(strstr(why.buf, "unknown store URL"));
    assert_null(st);
    strbuf_reset(&why);
    assert_int_equal(store_open("sqlite:", &st, &why), STORE_BADURL);
    strbuf_reset(&why);
    snprintf(path, sizeof(path), "sqlite:%s/no/such/dir/x.db", tmpdir[0] ? tmpdir : "/nonexistent");
    assert_int_equal(store_open(path, &st, &why), STORE_ERROR);
    assert_non_null(strstr(why.buf, "cannot open"));
    strbuf_release(&why);
}

static void test_migrate_idempotent(void **state)
{
    struct store *st = *state;
    struct strbuf why = STRBUF_INIT;
    int64_t from = -1, to = -1;

    expect_done(store_migrate(st, &from, &to, &why), &why, "migrate again");
    assert_int_equal(from, store_schema_latest());
    assert_int_equal(to, store_schema_latest());
    expect_done(store_schema_check(st, &why), &why, "check");
    strbuf_release(&why);
}

static void test_newer_schema_refused(void **state)
{
    struct store *st = *state;
    struct strbuf why = STRBUF_INIT;

    expect_done(store_ops_of(st)->exec(st,
                                       "UPDATE jx_meta SET value = 99 WHERE name = "
                                       "'schema_version'",
                                       &why),
                &why, "bump");
    assert_int_equal(store_migrate(st, NULL, NULL, &why), STORE_SCHEMA);
    assert_non_null(strstr(why.buf, "newer than this jixiao"));
    strbuf_reset(&why);
    assert_int_equal(store_schema_check(st, &why), STORE_SCHEMA);
    strbuf_release(&why);
}

static void test_uninitialised(void **state)
{
    struct store *st = *state;
    struct strbuf why = STRBUF_INIT;

    expect_done(store_test_reset(st, &why), &why, "reset");
    assert_int_equal(store_schema_check(st, &why), STORE_SCHEMA);
    assert_non_null(strstr(why.buf, "jixiao db init"));
    strbuf_release(&why);
}

/* ---- loading and versions ---- */

static int count_version(const struct store_version_info *v, void *data)
{
    (void)v;
    ++*(int *)data;
    return 0;
}

struct tree_check {
    int64_t rows, top_sum;
};

static int check_row(const struct store_indicator_row *r, void *data)
{
    struct tree_check *c = data;

    c->rows++;
    if (r->depth == 1) {
        assert_int_equal(r->parent_seq, 0);
        c->top_sum += r->score;
    } else {
        assert_true(r->parent_seq > 0 && r->parent_seq < r->seq);
    }
    return 0;
}

static void test_load_versions(void **state)
{
    struct store *st = *state;
    struct strbuf why = STRBUF_INIT, src = STRBUF_INIT, first = STRBUF_INIT;
    struct store_eval_info info;
    struct tree_check tc = {0, 0};
    struct loaded seed;
    int nr = 0;
    int64_t id = load_one(st, examples[0], NULL, STORE_LOADED_NEW);

    assert_int_equal(load_one(st, examples[0], NULL, STORE_LOADED_UNCHANGED), id);
    expect_done(store_eval_get(st, id, &info, &why), &why, "get");
    assert_int_equal(info.version, 1);
    assert_int_equal(info.revision, 1);
    assert_string_equal(info.status, "草稿");
    assert_string_equal(info.unit, "信丰县行政审批局");
    assert_int_equal(info.total, 10000);
    assert_int_equal(info.planned, 345300000);
    store_eval_info_release(&info);

    /* the whole indicator tree is stored: its 一级指标 add up to the raw total */
    load_example(examples[0], NULL, &seed);
    expect_done(store_eval_indicators(st, id, 0, check_row, &tc, &why), &why, "indicators");
    assert_int_equal(tc.top_sum, seed.ev.raw_total);
    assert_true(tc.rows > 10);
    loaded_release(&seed);

    /* the same evaluation with other text is a new revision; the old one is kept */
    assert_int_equal(load_one(st, examples[0], "# 修改\n", STORE_LOADED_UPDATED), id);
    expect_done(store_eval_get(st, id, &info, &why), &why, "get");
    assert_int_equal(info.version, 2);
    assert_int_equal(info.revision, 2);
    store_eval_info_release(&info);
    expect_done(store_eval_versions(st, id, count_version, &nr, &why), &why, "versions");
    assert_int_equal(nr, 2);
    expect_done(store_eval_source(st, id, 1, &first, &why), &why, "source 1");
    expect_done(store_eval_source(st, id, 0, &src, &why), &why, "source");
    assert_int_equal(src.len, first.len + strlen("# 修改\n"));
    assert_memory_equal(src.buf, first.buf, first.len);
    assert_int_equal(query_int(st, "SELECT count(*) FROM evaluations"), 1);
    assert_int_equal(query_int(st, "SELECT count(*) FROM evaluation_versions"), 2);
    assert_int_equal(store_eval_source(st, id, 7, &src, &why), STORE_NOTFOUND);
    assert_int_equal(store_eval_get(st, id + 100, &info, &why), STORE_NOTFOUND);
    strbuf_release(&why);
    strbuf_release(&src);
    strbuf_release(&first);
}

/* A batch where one file fails: the others are kept, the failed one leaves nothing. */
static void test_loader_savepoints(void **state)
{
    struct store *st = *state;
    struct strbuf why = STRBUF_INIT;
    struct store_loader *l = store_loader_new(st, "tester", AT);
    struct loaded a, bad, c;
    enum store_load_result res;
    int64_t id;

    load_example(examples[0], NULL, &a);
    load_example(examples[1], NULL, &bad);
    load_example(examples[2], NULL, &c);
    bad.ev.unit = ""; /* refused by the store after the savepoint opened */
    expect_done(store_loader_begin(l, &why), &why, "begin");
    expect_done(store_loader_add(l, &a.ev, a.src.buf, a.src.len, "a", &res, &id, &why), &why, "a");
    assert_int_equal(store_loader_add(l, &bad.ev, bad.src.buf, bad.src.len, "b", &res, &id, &why),
                     STORE_CONFLICT);
    strbuf_reset(&why);
    expect_done(store_loader_add(l, &c.ev, c.src.buf, c.src.len, "c", &res, &id, &why), &why, "c");
    expect_done(store_loader_commit(l, &why), &why, "commit");
    store_loader_free(l);
    assert_int_equal(query_int(st, "SELECT count(*) FROM evaluations"), 2);
    assert_int_equal(query_int(st, "SELECT count(*) FROM audit_log"), 2);
    loaded_release(&a);
    loaded_release(&bad);
    loaded_release(&c);
    strbuf_release(&why);
}

/* ---- the review workflow and stale versions ---- */

static void test_transitions(void **state)
{
    struct store *st = *state;
    struct strbuf why = STRBUF_INIT;
    int64_t v = 0, id = load_one(st, examples[1], NULL, STORE_LOADED_NEW);

    assert_int_equal(store_eval_transition(st, id, 1, STORE_APPROVE, NULL, "a", AT, &v, &why),
                     STORE_CONFLICT);
    assert_non_null(strstr(why.buf, "cannot approve"));
    strbuf_reset(&why);
    expect_done(store_eval_transition(st, id, 1, STORE_SUBMIT, "请审核", "a", AT, &v, &why), &why,
                "submit");
    assert_int_equal(v, 2);
    /* a stale version is refused, never merged */
    assert_int_equal(store_eval_transition(st, id, 1, STORE_APPROVE, NULL, "b", AT, &v, &why),
                     STORE_CONFLICT);
    assert_non_null(strstr(why.buf, "you read version 1, it is now 2"));
    strbuf_reset(&why);
    expect_done(store_eval_transition(st, id, 2, STORE_RETURN, "补充证据", "b", AT, &v, &why), &why,
                "return");
    expect_done(store_eval_transition(st, id, 3, STORE_SUBMIT, NULL, "a", AT, &v, &why), &why,
                "resubmit");
    expect_done(store_eval_transition(st, id, 4, STORE_APPROVE, NULL, "b", AT, &v, &why), &why,
                "approve");
    expect_done(store_eval_transition(st, id, 5, STORE_PUBLISH, NULL, "c", AT, &v, &why), &why,
                "publish");
    assert_int_equal(v, 6);
    assert_int_equal(store_eval_transition(st, 999, 1, STORE_SUBMIT, NULL, "a", AT, &v, &why),
                     STORE_NOTFOUND);
    assert_int_equal(query_int(st, "SELECT count(*) FROM reviews"), 5);
    assert_int_equal(query_int(st, "SELECT count(*) FROM audit_log"), 6);
    strbuf_release(&why);
}

/* A load of changed text never reopens an evaluation under review or published. */
static void test_load_refused_after_submit(void **state)
{
    struct store *st = *state;
    struct strbuf why = STRBUF_INIT;
    struct store_loader *l;
    struct loaded changed, other;
    enum store_load_result res;
    int64_t v = 0, got = 0, id = load_one(st, examples[1], NULL, STORE_LOADED_NEW);
    static const enum store_transition steps[] = {STORE_SUBMIT, STORE_APPROVE, STORE_PUBLISH};
    static const char *const names[] = {"已提交", "已审核", "已公开"};

    load_example(examples[1], "# 修改\n", &changed);
    load_example(examples[2], NULL, &other);
    for (size_t i = 0; i < 3; i++) {
        char want[128];

        expect_done(
            store_eval_transition(st, id, (int64_t)i + 1, steps[i], NULL, "a", AT, &v, &why), &why,
            "step");
        assert_int_equal(store_load_eval(st, &changed.ev, changed.src.buf, changed.src.len, "c",
                                         "tester", AT, &res, &got, &why),
                         STORE_CONFLICT);
        snprintf(want, sizeof(want), "evaluation %lld is %s", (long long)id, names[i]);
        if (!strstr(why.buf, want) || !strstr(why.buf, "can no longer be changed by a load"))
            fail_msg("'%s' does not say '%s'", why.buf, want);
        strbuf_reset(&why);
    }
    /* the unchanged text is still "unchanged" */
    assert_int_equal(load_one(st, examples[1], NULL, STORE_LOADED_UNCHANGED), id);
    /* in a batch the refused file fails alone, the next one still loads */
    l = store_loader_new(st, "tester", AT);
    expect_done(store_loader_begin(l, &why), &why, "begin");
    assert_int_equal(
        store_loader_add(l, &changed.ev, changed.src.buf, changed.src.len, "c", &res, &got, &why),
        STORE_CONFLICT);
    strbuf_reset(&why);
    expect_done(store_loader_add(l, &other.ev, other.src.buf, other.src.len, "o", &res, &got, &why),
                &why, "other");
    expect_done(store_loader_commit(l, &why), &why, "commit");
    store_loader_free(l);
    assert_int_equal(query_int(st, "SELECT count(*) FROM evaluations"), 2);
    assert_int_equal(query_int(st, "SELECT count(*) FROM evaluation_versions"), 2);
    assert_int_equal(query_int(st, "SELECT version FROM evaluations WHERE status = '已公开'"), 4);
    loaded_release(&changed);
    loaded_release(&other);
    strbuf_release(&why);
}

struct racer {
    int64_t id;
    pthread_barrier_t *go;
    int status;
    char why[512];
};

static void *race(void *data)
{
    struct racer *r = data;
    struct store *st = open_store();
    struct strbuf why = STRBUF_INIT;

    pthread_barrier_wait(r->go);
    r->status = store_eval_transition(st, r->id, 1, STORE_SUBMIT, NULL, "racer", AT, NULL, &why);
    snprintf(r->why, sizeof(r->why), "%s", why.buf);
    strbuf_release(&why);
    store_close(st);
    return NULL;
}

/* Two writers on two connections read version 1 and submit at once: exactly one wins. */
static void test_concurrent_writers(void **state)
{
    struct store *st = *state;
    pthread_barrier_t go;
    pthread_t t[2];
    struct racer r[2];
    int64_t id = load_one(st, examples[2], NULL, STORE_LOADED_NEW);

    for (int round = 0; round < 5; round++) {
        struct strbuf why = STRBUF_INIT;

        if (round) {
            /* back to 草稿 at version 1 for the next round */
            expect_done(store_ops_of(st)->exec(st,
                                               "UPDATE evaluations SET status = '草稿', "
                                               "version = 1",
                                               &why),
                        &why, "rewind");
        }
        pthread_barrier_init(&go, NULL, 2);
        for (int i = 0; i < 2; i++) {
            r[i] = (struct racer){.id = id, .go = &go};
            assert_int_equal(pthread_create(&t[i], NULL, race, &r[i]), 0);
        }
        for (int i = 0; i < 2; i++)
            pthread_join(t[i], NULL);
        pthread_barrier_destroy(&go);
        if (!((r[0].status == STORE_DONE && r[1].status == STORE_CONFLICT) ||
              (r[1].status == STORE_DONE && r[0].status == STORE_CONFLICT)))
            fail_msg("round %d: statuses %d (%s) and %d (%s)", round, r[0].status, r[0].why,
                     r[1].status, r[1].why);
        assert_int_equal(query_int(st, "SELECT version FROM evaluations"), 2);
        strbuf_release(&why);
    }
}

/* ---- the audit chain ---- */

static void expect_verify(struct store *st, int64_t first_bad, const char *fragment)
{
    struct store_audit_report rep = {0, 0, STRBUF_INIT};
    struct strbuf why = STRBUF_INIT;

    expect_done(store_audit_verify(st, &rep, &why), &why, "verify");
    if (rep.first_bad != first_bad)
        fail_msg("first bad row %lld, want %lld (%s)", (long long)rep.first_bad,
                 (long long)first_bad, rep.what.buf);
    if (fragment && !strstr(rep.what.buf, fragment))
        fail_msg("'%s' does not say '%s'", rep.what.buf, fragment);
    strbuf_release(&rep.what);
    strbuf_release(&why);
}

static void load_three(struct store *st)
{
    for (size_t i = 0; i < 3; i++)
        load_one(st, examples[i], NULL, STORE_LOADED_NEW);
}

static void exec_ok(struct store *st, const char *sql)
{
    struct strbuf why = STRBUF_INIT;

    expect_done(store_ops_of(st)->exec(st, sql, &why), &why, sql);
    strbuf_release(&why);
}

static void test_audit_intact(void **state)
{
    struct store *st = *state;

    expect_verify(st, 0, NULL);
    load_three(st);
    expect_verify(st, 0, NULL);
    assert_int_equal(query_int(st, "SELECT count(*) FROM audit_log"), 3);
    assert_int_equal(query_int(st, "SELECT seq FROM audit_head"), 3);
}

static void test_audit_edited_row(void **state)
{
    struct store *st = *state;

    load_three(st);
    exec_ok(st, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2");
    expect_verify(st, 2, "audit row 2");
}

static void test_audit_rehashed_row(void **state)
{
    struct store *st = *state;

    /* an edit that also rewrites the row's own hash breaks the link to the next row */
    load_three(st);
    exec_ok(st, "UPDATE audit_log SET hash = (SELECT hash FROM audit_log WHERE seq = 1) "
                "WHERE seq = 2");
    expect_verify(st, 2, "altered");
}

static void test_audit_deleted_row(void **state)
{
    struct store *st = *state;

    load_three(st);
    exec_ok(st, "DELETE FROM audit_log WHERE seq = 2");
    expect_verify(st, 2, "missing");
}

static void test_audit_truncated(void **state)
{
    struct store *st = *state;

    load_three(st);
    exec_ok(st, "DELETE FROM audit_log WHERE seq = 3");
    expect_verify(st, 3, "missing");
}

/* The chain also vouches for the tables: an edited source, total or status is found. */
static void test_audit_edited_source(void **state)
{
    struct store *st = *state;

    load_three(st);
    exec_ok(st, "UPDATE evaluation_versions SET source = source || ' ' WHERE total = 8673");
    expect_verify(st, 2, "revision 1: its stored source does not match");
}

static void test_audit_edited_tables(void **state)
{
    struct store *st = *state;

    load_three(st);
    exec_ok(st, "UPDATE evaluations SET total = 9999 WHERE total = 8673");
    expect_verify(st, 2, "its total or grade");
    exec_ok(st, "UPDATE evaluations SET total = 8673 WHERE total = 9999");
    expect_verify(st, 0, NULL);
    exec_ok(st, "UPDATE evaluations SET status = '已公开' WHERE total = 5858");
    expect_verify(st, 3, "its status or version");
    exec_ok(st, "UPDATE evaluations SET status = '草稿' WHERE total = 5858");
    exec_ok(st, "UPDATE evaluations SET source_sha256 = 'x' WHERE total = 10000");
    expect_verify(st, 1, "its source digest");
}

struct loader_thread {
    int rounds;
    int status;
    char why[512];
};

static void *keep_loading(void *data)
{
    struct loader_thread *t = data;
    struct store *st = open_store();
    struct loaded l;
    struct strbuf why = STRBUF_INIT;
    enum store_load_result res;
    int64_t id;

    for (int i = 0; i < t->rounds && t->status == STORE_DONE; i++) {
        char extra[32];

        snprintf(extra, sizeof(extra), "# %d\n", i);
        load_example(examples[i % 3], extra, &l);
        t->status =
            store_load_eval(st, &l.ev, l.src.buf, l.src.len, "x", "loader", AT, &res, &id, &why);
        snprintf(t->why, sizeof(t->why), "%s", why.buf);
        loaded_release(&l);
    }
    strbuf_release(&why);
    store_close(st);
    return NULL;
}

/* Verifying while another connection writes never reports tampering. */
static void test_audit_verify_concurrent(void **state)
{
    struct store *st = *state;
    struct loader_thread t = {60, STORE_DONE, ""};
    struct store_audit_report rep = {0, 0, STRBUF_INIT};
    struct strbuf why = STRBUF_INIT, bad = STRBUF_INIT;
    pthread_t th;

    load_three(st);
    assert_int_equal(pthread_create(&th, NULL, keep_loading, &t), 0);
    /* failures are collected, not raised: the loader must be joined first */
    for (int i = 0; i < 60 && !bad.len; i++) {
        int status = store_audit_verify(st, &rep, &why);

        if (status != STORE_DONE || rep.first_bad)
            strbuf_addf(&bad, "verify %d: status %d, row %lld: %s%s", i, status,
                        (long long)rep.first_bad, rep.what.buf, why.buf);
    }
    pthread_join(th, NULL);
    if (bad.len)
        fail_msg("%s", bad.buf);
    if (t.status != STORE_DONE)
        fail_msg("loader: %d %s", t.status, t.why);
    expect_verify(st, 0, NULL);
    assert_int_equal(query_int(st, "SELECT count(*) FROM audit_log"), 63);
    strbuf_release(&rep.what);
    strbuf_release(&why);
    strbuf_release(&bad);
}

/* ---- the summary ---- */

static void test_summary(void **state)
{
    struct store *st = *state;
    struct store_summary sm;
    struct strbuf why = STRBUF_INIT;

    load_three(st);
    expect_done(store_summarize(st, 0, STORE_BY_UNIT, &sm, &why), &why, "summary");
    assert_int_equal(sm.all.count, 3);
    /* totals 100.00, 86.73, 58.58: mean 245.31/3 = 81.77, median 86.73 */
    assert_int_equal(sm.all.mean, 8177);
    assert_int_equal(sm.all.median, 8673);
    assert_int_equal(sm.all.min, 5858);
    assert_int_equal(sm.all.max, 10000);
    assert_int_equal(sm.all.planned, 4485300000);
    assert_int_equal(sm.all.spent, 2835300000);
    assert_int_equal(sm.all.execution, 6321);
    assert_int_equal(sm.nr_groups, 3);
    assert_string_equal(sm.groups[0].key, "信丰县行政审批局");
    assert_string_equal(sm.groups[2].key, "江源县水利局");
    assert_int_equal(sm.all.nr_grades, 3);
    assert_string_equal(sm.all.grades[0].grade, "优");
    assert_string_equal(sm.all.grades[2].grade, "差");
    store_summary_release(&sm);

    expect_done(store_summarize(st, 2022, STORE_BY_KIND, &sm, &why), &why, "summary 2022");
    assert_int_equal(sm.all.count, 2);
    /* (100.00 + 58.58) / 2 = 79.29 exactly; the median of two is their mean */
    assert_int_equal(sm.all.mean, 7929);
    assert_int_equal(sm.all.median, 7929);
    assert_int_equal(sm.nr_groups, 2);
    store_summary_release(&sm);

    expect_done(store_summarize(st, 1999, STORE_BY_GRADE, &sm, &why), &why, "summary empty");
    assert_int_equal(sm.all.count, 0);
    assert_int_equal(sm.all.execution, -1);
    store_summary_release(&sm);
    strbuf_release(&why);
}

/* Half-up on the median of an even count and on the mean. */
static void test_summary_rounding(void **state)
{
    struct store *st = *state;
    struct store_summary sm;
    struct strbuf why = STRBUF_INIT;

    load_one(st, examples[1], NULL, STORE_LOADED_NEW);
    load_one(st, examples[2], NULL, STORE_LOADED_NEW);
    exec_ok(st, "UPDATE evaluations SET total = 8001 WHERE total = 8673");
    exec_ok(st, "UPDATE evaluations SET total = 8000 WHERE total = 5858");
    expect_done(store_summarize(st, 0, STORE_BY_UNIT, &sm, &why), &why, "summary");
    assert_int_equal(sm.all.mean, 8001);   /* 80.005 -> 80.01 */
    assert_int_equal(sm.all.median, 8001); /* likewise */
    store_summary_release(&sm);
    strbuf_release(&why);
}

/* Loads an example as unit `unit` under department `dept`. */
static void load_as(struct store *st, const char *rel, const char *unit, const char *dept)
{
    struct loaded l;
    struct strbuf why = STRBUF_INIT;
    enum store_load_result res;
    int64_t id;
    const char *old_unit, *old_dept;

    load_example(rel, NULL, &l);
    old_unit = l.ev.unit;
    old_dept = l.ev.department;
    l.ev.unit = unit;
    l.ev.department = dept;
    expect_done(
        store_load_eval(st, &l.ev, l.src.buf, l.src.len, rel, "tester", AT, &res, &id, &why), &why,
        rel);
    l.ev.unit = old_unit;
    l.ev.department = old_dept;
    loaded_release(&l);
    strbuf_release(&why);
}

/* Two units of one name under two departments are two groups, each sorted. */
static void test_summary_same_unit_name(void **state)
{
    struct store *st = *state;
    struct store_summary sm;
    struct strbuf why = STRBUF_INIT;

    load_as(st, examples[0], "同名单位", "乙部门"); /* 100.00 */
    load_as(st, examples[1], "同名单位", "甲部门"); /* 86.73 */
    load_as(st, examples[2], "同名单位", "乙部门"); /* 58.58 */
    expect_done(store_summarize(st, 0, STORE_BY_UNIT, &sm, &why), &why, "summary");
    assert_int_equal(sm.nr_groups, 2);
    assert_string_equal(sm.groups[0].key, "甲部门/同名单位");
    assert_int_equal(sm.groups[0].count, 1);
    assert_int_equal(sm.groups[0].min, 8673);
    assert_string_equal(sm.groups[1].key, "乙部门/同名单位");
    assert_int_equal(sm.groups[1].count, 2);
    assert_int_equal(sm.groups[1].min, 5858);
    assert_int_equal(sm.groups[1].max, 10000);
    assert_int_equal(sm.groups[1].median, 7929);
    assert_int_equal(sm.all.min, 5858);
    assert_int_equal(sm.all.max, 10000);
    store_summary_release(&sm);
    strbuf_release(&why);
}

/* A missing 预算数 leaves its 执行数 out of the rate; sums that leave int64 are an error. */
static void test_summary_budget_sums(void **state)
{
    struct store *st = *state;
    struct store_summary sm;
    struct strbuf why = STRBUF_INIT;

    load_one(st, examples[1], NULL, STORE_LOADED_NEW);
    load_one(st, examples[2], NULL, STORE_LOADED_NEW);
    exec_ok(st, "UPDATE evaluations SET budget_planned = 100, budget_spent = 100, "
                "budget_received = 100");
    exec_ok(st, "UPDATE evaluations SET budget_planned = NULL WHERE total = 5858");
    expect_done(store_summarize(st, 0, STORE_BY_UNIT, &sm, &why), &why, "summary");
    assert_int_equal(sm.all.planned, 100);
    assert_int_equal(sm.all.spent, 100);
    assert_int_equal(sm.all.received, 200);
    assert_int_equal(sm.all.execution, 10000); /* 100.00 %, not 200.00 % */
    store_summary_release(&sm);

    exec_ok(st, "UPDATE evaluations SET budget_planned = 9223372036854775807");
    assert_int_equal(store_summarize(st, 0, STORE_BY_KIND, &sm, &why), STORE_ERROR);
    assert_non_null(strstr(why.buf, "add up beyond"));
    strbuf_release(&why);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const char *env = getenv("JX_TEST_DB");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_urls),
        T(test_migrate_idempotent),
        T(test_newer_schema_refused),
        T(test_uninitialised),
        T(test_load_versions),
        T(test_loader_savepoints),
        T(test_transitions),
        T(test_load_refused_after_submit),
        T(test_concurrent_writers),
        T(test_audit_intact),
        T(test_audit_edited_row),
        T(test_audit_rehashed_row),
        T(test_audit_deleted_row),
        T(test_audit_truncated),
        T(test_audit_edited_source),
        T(test_audit_edited_tables),
        T(test_audit_verify_concurrent),
        T(test_summary),
        T(test_summary_rounding),
        T(test_summary_same_unit_name),
        T(test_summary_budget_sums),
    };
    int failed;

    if (env && *env) {
        snprintf(url, sizeof(url), "%s", env);
    } else {
        snprintf(tmpdir, sizeof(tmpdir), "%s/jx-store-XXXXXX",
                 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
        if (!mkdtemp(tmpdir)) {
            perror("mkdtemp");
            return 1;
        }
        snprintf(url, sizeof(url), "sqlite:%s/test.db", tmpdir);
    }
    failed = cmocka_run_group_tests_name(env && *env ? "store (JX_TEST_DB)" : "store (sqlite)",
                                         tests, NULL, NULL);
    if (tmpdir[0]) {
        char cmd[512];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
        if (system(cmd) != 0)
            fprintf(stderr, "cannot remove %s\n", tmpdir);
    }
    return failed;
}
