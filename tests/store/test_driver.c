/*
 * The store driver (struct store_ops) on whichever backend JX_TEST_DB names: a fresh SQLite
 * file when it is unset, a throwaway PostgreSQL cluster under tests/store/run-pg.sh. The
 * same expectations hold on both, which is the point: types, NULLs, Chinese text and
 * quotes, int64 extremes, many parameters, '?' inside literals, changes(), reset and
 * rebind, batches of inserts inside a transaction (all or nothing), rollback, errors mapped
 * to the same status, two concurrent writers of one version, and on PostgreSQL the
 * connection failures (no server, wrong password, unknown database, bad URL).
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
#include <time.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "store/store.h"

struct fixture {
    char *url;
    char *sqlite_path; /* removed at the end when the test made it */
    struct store *st;
    const struct store_ops *ops;
    bool pg;
};

static char *fresh_url(struct fixture *fx)
{
    const char *env = getenv("JX_TEST_DB");
    char path[] = "/tmp/jx-driver-XXXXXX";
    int fd;

    if (env && *env) {
        fx->pg = !strncmp(env, "postgres", 8);
        return xstrdup(env);
    }
    fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    fx->sqlite_path = xstrdup(path);
    {
        struct strbuf sb = STRBUF_INIT;
        strbuf_addf(&sb, "sqlite:%s", path);
        return strbuf_detach(&sb, NULL);
    }
}

static struct store *open_ok(const char *url)
{
    struct strbuf why = STRBUF_INIT;
    struct store *st = NULL;
    int rc = store_open(url, &st, &why);

    if (rc != STORE_DONE)
        fail_msg("store_open(%s) = %d: %s", url, rc, why.buf);
    strbuf_release(&why);
    return st;
}

static void exec_ok(struct fixture *fx, const char *sql)
{
    struct strbuf why = STRBUF_INIT;
    int rc = fx->ops->exec(fx->st, sql, &why);

    if (rc != STORE_DONE)
        fail_msg("exec(%s) = %d: %s", sql, rc, why.buf);
    strbuf_release(&why);
}

static struct store_stmt *prepare_ok(struct fixture *fx, struct store *st, const char *sql)
{
    struct strbuf why = STRBUF_INIT;
    struct store_stmt *s = NULL;
    int rc = fx->ops->prepare(st, sql, &s, &why);

    if (rc != STORE_DONE)
        fail_msg("prepare(%s) = %d: %s", sql, rc, why.buf);
    strbuf_release(&why);
    return s;
}

static int step(struct fixture *fx, struct store_stmt *s)
{
    struct strbuf why = STRBUF_INIT;
    int rc = fx->ops->step(s, &why);

    if (rc < 0)
        print_message("step: %d: %s\n", rc, why.buf);
    strbuf_release(&why);
    return rc;
}

static void tx_ok(struct fixture *fx, int (*call)(struct store *, struct strbuf *))
{
    struct strbuf why = STRBUF_INIT;
    int rc = call(fx->st, &why);

    if (rc != STORE_DONE)
        fail_msg("transaction call = %d: %s", rc, why.buf);
    strbuf_release(&why);
}

/* The single int64 answer of a query without parameters. */
static int64_t query_int(struct fixture *fx, const char *sql)
{
    struct store_stmt *s = prepare_ok(fx, fx->st, sql);
    int64_t v;

    assert_int_equal(step(fx, s), STORE_ROW);
    v = fx->ops->column_int64(s, 0);
    assert_int_equal(step(fx, s), STORE_DONE);
    fx->ops->finalize(s);
    return v;
}

static int setup(void **state)
{
    struct fixture *fx = xcalloc(1, sizeof(*fx));

    fx->url = fresh_url(fx);
    fx->st = open_ok(fx->url);
    fx->ops = store_ops_of(fx->st);
    /* Tests share one PostgreSQL database: each starts from its own empty tables. */
    exec_ok(fx, "DROP TABLE IF EXISTS drv_child; DROP TABLE IF EXISTS drv_t; "
                "DROP TABLE IF EXISTS drv_v");
    {
        struct strbuf sql = STRBUF_INIT;
        strbuf_addf(&sql,
                    "CREATE TABLE drv_t (id %s, k TEXT UNIQUE, i BIGINT, t TEXT, n BIGINT NOT "
                    "NULL DEFAULT 0); "
                    "CREATE TABLE drv_child (id %s, parent BIGINT NOT NULL REFERENCES "
                    "drv_t(id), note TEXT); "
                    "CREATE TABLE drv_v (id BIGINT PRIMARY KEY, version BIGINT NOT NULL, "
                    "v TEXT)",
                    fx->ops->id_type, fx->ops->id_type);
        exec_ok(fx, sql.buf);
        strbuf_release(&sql);
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;

    store_close(fx->st);
    if (fx->sqlite_path) {
        struct strbuf p = STRBUF_INIT;
        unlink(fx->sqlite_path);
        strbuf_addf(&p, "%s-wal", fx->sqlite_path);
        unlink(p.buf);
        strbuf_reset(&p);
        strbuf_addf(&p, "%s-shm", fx->sqlite_path);
        unlink(p.buf);
        strbuf_release(&p);
        free(fx->sqlite_path);
    }
    free(fx->url);
    free(fx);
    return 0;
}

/* ---- values ---- */

static void test_id_type_and_name(void **state)
{
    struct fixture *fx = *state;

    if (fx->pg) {
        assert_string_equal(fx->ops->name, "postgresql");
        assert_string_equal(fx->ops->id_type,
                            "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
    } else {
        assert_string_equal(fx->ops->name, "sqlite");
    }
    /* the generated ids count up from 1 and come back through RETURNING */
    {
        struct store_stmt *s =
            prepare_ok(fx, fx->st, "INSERT INTO drv_t (k) VALUES (?) RETURNING id");
        for (int64_t want = 1; want <= 3; want++) {
            char k[8];
            snprintf(k, sizeof(k), "k%d", (int)want);
            assert_int_equal(fx->ops->bind_text(s, 1, k, strlen(k)), STORE_DONE);
            assert_int_equal(step(fx, s), STORE_ROW);
            assert_int_equal(fx->ops->column_int64(s, 0), want);
            assert_int_equal(step(fx, s), STORE_DONE);
            fx->ops->reset(s);
        }
        fx->ops->finalize(s);
    }
}

static void test_int64_extremes(void **state)
{
    struct fixture *fx = *state;
    const int64_t values[] = {INT64_MAX, INT64_MIN, 0, -1, 1, 100000000000LL, -99999999999LL};
    struct store_stmt *ins = prepare_ok(fx, fx->st, "INSERT INTO drv_t (k, i) VALUES (?, ?)");
    struct store_stmt *sel = prepare_ok(fx, fx->st, "SELECT i FROM drv_t WHERE k = ?");

    for (size_t n = 0; n < sizeof(values) / sizeof(values[0]); n++) {
        char k[16];
        snprintf(k, sizeof(k), "v%zu", n);
        fx->ops->bind_text(ins, 1, k, strlen(k));
        fx->ops->bind_int64(ins, 2, values[n]);
        assert_int_equal(step(fx, ins), STORE_DONE);
        assert_int_equal(fx->ops->changes(ins), 1);
        fx->ops->reset(ins);
    }
    for (size_t n = 0; n < sizeof(values) / sizeof(values[0]); n++) {
        char k[16];
        snprintf(k, sizeof(k), "v%zu", n);
        fx->ops->bind_text(sel, 1, k, strlen(k));
        assert_int_equal(step(fx, sel), STORE_ROW);
        assert_false(fx->ops->column_is_null(sel, 0));
        assert_true(fx->ops->column_int64(sel, 0) == values[n]);
        assert_int_equal(step(fx, sel), STORE_DONE);
        fx->ops->reset(sel);
    }
    fx->ops->finalize(ins);
    fx->ops->finalize(sel);
    /* exact arithmetic on the server side too: a sum near the top of the range */
    exec_ok(fx, "INSERT INTO drv_t (k, i) VALUES ('big1', 4611686018427387904), "
                "('big2', 4611686018427387903)");
    assert_true(query_int(fx, "SELECT SUM(i) FROM drv_t WHERE k LIKE 'big%'") == INT64_MAX);
}

static void test_nulls(void **state)
{
    struct fixture *fx = *state;
    struct store_stmt *ins = prepare_ok(fx, fx->st, "INSERT INTO drv_t (k, i, t) VALUES (?, ?, ?)");
    struct store_stmt *sel;
    size_t len = 99;

    fx->ops->bind_text(ins, 1, "nul", 3);
    fx->ops->bind_null(ins, 2);
    fx->ops->bind_null(ins, 3);
    assert_int_equal(step(fx, ins), STORE_DONE);
    fx->ops->finalize(ins);

    sel = prepare_ok(fx, fx->st, "SELECT i, t, k FROM drv_t WHERE k = ? AND i IS NULL");
    fx->ops->bind_text(sel, 1, "nul", 3);
    assert_int_equal(step(fx, sel), STORE_ROW);
    assert_true(fx->ops->column_is_null(sel, 0));
    assert_true(fx->ops->column_is_null(sel, 1));
    assert_int_equal(fx->ops->column_int64(sel, 0), 0);
    assert_null(fx->ops->column_text(sel, 1, &len));
    assert_false(fx->ops->column_is_null(sel, 2));
    assert_string_equal(fx->ops->column_text(sel, 2, NULL), "nul");
    assert_int_equal(step(fx, sel), STORE_DONE);
    fx->ops->finalize(sel);

    /* an empty string is not NULL */
    sel = prepare_ok(fx, fx->st, "SELECT ?");
    fx->ops->bind_text(sel, 1, "", 0);
    assert_int_equal(step(fx, sel), STORE_ROW);
    assert_false(fx->ops->column_is_null(sel, 0));
    assert_string_equal(fx->ops->column_text(sel, 0, &len), "");
    assert_int_equal(len, 0);
    fx->ops->finalize(sel);
}

static void test_text_chinese_and_quotes(void **state)
{
    struct fixture *fx = *state;
    const char *texts[] = {
        "新丰县2022年信息化建设项目（部门评价）",
        "it's \"quoted\" and 'single' and ''doubled''",
        "a ? in the text, $1 too, and a \\ backslash",
        "line one\nline two\ttab\r\n",
        "预算执行率=实际支出/预算数×100%；偏差原因：“疫情”",
        "'); DROP TABLE drv_t; --",
    };
    struct store_stmt *ins = prepare_ok(fx, fx->st, "INSERT INTO drv_t (k, t) VALUES (?, ?)");
    struct store_stmt *sel = prepare_ok(fx, fx->st, "SELECT t FROM drv_t WHERE k = ?");

    for (size_t n = 0; n < sizeof(texts) / sizeof(texts[0]); n++) {
        char k[16];
        snprintf(k, sizeof(k), "t%zu", n);
        fx->ops->bind_text(ins, 1, k, strlen(k));
        fx->ops->bind_text(ins, 2, texts[n], strlen(texts[n]));
        assert_int_equal(step(fx, ins), STORE_DONE);
        fx->ops->reset(ins);
    }
    for (size_t n = 0; n < sizeof(texts) / sizeof(texts[0]); n++) {
        char k[16];
        size_t len = 0;
        snprintf(k, sizeof(k), "t%zu", n);
        fx->ops->bind_text(sel, 1, k, strlen(k));
        assert_int_equal(step(fx, sel), STORE_ROW);
        assert_string_equal(fx->ops->column_text(sel, 0, &len), texts[n]);
        assert_int_equal(len, strlen(texts[n]));
        fx->ops->reset(sel);
    }
    /* bind_text binds len bytes and copies them: the buffer may change before the step */
    {
        char buf[] = "t1-extra";
        fx->ops->bind_text(sel, 1, buf, 2);
        memset(buf, 'x', sizeof(buf) - 1);
        assert_int_equal(step(fx, sel), STORE_ROW);
        assert_string_equal(fx->ops->column_text(sel, 0, NULL), texts[1]);
        fx->ops->reset(sel);
    }
    fx->ops->finalize(ins);
    fx->ops->finalize(sel);
    assert_int_equal(query_int(fx, "SELECT COUNT(*) FROM drv_t"), 6);
}

static void test_placeholders_in_literals(void **state)
{
    struct fixture *fx = *state;
    /* '?' inside a string literal, a quoted identifier and a comment is not a parameter */
    struct store_stmt *s =
        prepare_ok(fx, fx->st, "SELECT '?', 'it''s ?', ? AS \"why?\", ? -- trailing ?\n");

    fx->ops->bind_text(s, 1, "一", strlen("一"));
    fx->ops->bind_int64(s, 2, 42);
    assert_int_equal(step(fx, s), STORE_ROW);
    assert_string_equal(fx->ops->column_text(s, 0, NULL), "?");
    assert_string_equal(fx->ops->column_text(s, 1, NULL), "it's ?");
    assert_string_equal(fx->ops->column_text(s, 2, NULL), "一");
    assert_int_equal(fx->ops->column_int64(s, 3), 42);
    assert_int_equal(step(fx, s), STORE_DONE);
    fx->ops->finalize(s);
}

static void test_many_params(void **state)
{
    struct fixture *fx = *state;
    enum { N = 2000 };
    struct strbuf sql = STRBUF_INIT;
    struct store_stmt *s;

    exec_ok(fx, "INSERT INTO drv_t (k, i) VALUES ('a', 7), ('b', 1999), ('c', 5000)");
    strbuf_addstr(&sql, "SELECT COUNT(*), SUM(i) FROM drv_t WHERE i IN (");
    for (int n = 0; n < N; n++)
        strbuf_addstr(&sql, n ? ",?" : "?");
    strbuf_addstr(&sql, ")");
    s = prepare_ok(fx, fx->st, sql.buf);
    for (int n = 0; n < N; n++)
        assert_int_equal(fx->ops->bind_int64(s, n + 1, n), STORE_DONE);
    assert_int_equal(step(fx, s), STORE_ROW);
    assert_int_equal(fx->ops->column_int64(s, 0), 2);
    assert_int_equal(fx->ops->column_int64(s, 1), 7 + 1999);
    fx->ops->finalize(s);
    strbuf_release(&sql);
}

/* ---- changes, reset, batches ---- */

static void test_changes_and_reset(void **state)
{
    struct fixture *fx = *state;
    struct store_stmt *upd, *sel;

    exec_ok(fx, "INSERT INTO drv_t (k, i) VALUES ('a', 1), ('b', 1), ('c', 2), ('d', 3)");
    upd = prepare_ok(fx, fx->st, "UPDATE drv_t SET n = n + 1 WHERE i = ?");
    fx->ops->bind_int64(upd, 1, 1);
    assert_int_equal(step(fx, upd), STORE_DONE);
    assert_int_equal(fx->ops->changes(upd), 2);
    fx->ops->reset(upd);
    fx->ops->bind_int64(upd, 1, 9);
    assert_int_equal(step(fx, upd), STORE_DONE);
    assert_int_equal(fx->ops->changes(upd), 0);
    fx->ops->finalize(upd);

    upd = prepare_ok(fx, fx->st, "DELETE FROM drv_t WHERE i >= ?");
    fx->ops->bind_int64(upd, 1, 2);
    assert_int_equal(step(fx, upd), STORE_DONE);
    assert_int_equal(fx->ops->changes(upd), 2);
    fx->ops->finalize(upd);

    /* reset in the middle of a result, rebind, and the walk starts over */
    sel = prepare_ok(fx, fx->st, "SELECT k FROM drv_t WHERE i = ? ORDER BY k");
    fx->ops->bind_int64(sel, 1, 1);
    assert_int_equal(step(fx, sel), STORE_ROW);
    assert_string_equal(fx->ops->column_text(sel, 0, NULL), "a");
    fx->ops->reset(sel);
    fx->ops->bind_int64(sel, 1, 1);
    assert_int_equal(step(fx, sel), STORE_ROW);
    assert_string_equal(fx->ops->column_text(sel, 0, NULL), "a");
    assert_int_equal(step(fx, sel), STORE_ROW);
    assert_string_equal(fx->ops->column_text(sel, 0, NULL), "b");
    assert_int_equal(step(fx, sel), STORE_DONE);
    fx->ops->finalize(sel);

    /* the same SQL prepared twice gives two independent statements */
    sel = prepare_ok(fx, fx->st, "SELECT k FROM drv_t WHERE k = ?");
    upd = prepare_ok(fx, fx->st, "SELECT k FROM drv_t WHERE k = ?");
    fx->ops->bind_text(sel, 1, "a", 1);
    fx->ops->bind_text(upd, 1, "b", 1);
    assert_int_equal(step(fx, sel), STORE_ROW);
    assert_int_equal(step(fx, upd), STORE_ROW);
    assert_string_equal(fx->ops->column_text(sel, 0, NULL), "a");
    assert_string_equal(fx->ops->column_text(upd, 0, NULL), "b");
    fx->ops->finalize(sel);
    fx->ops->finalize(upd);
}

/* Many rows of two interleaved INSERTs in one transaction, a child row referring to each
 * parent: read back in the transaction and after it, in order and complete. */
static void test_batch_in_transaction(void **state)
{
    struct fixture *fx = *state;
    enum { N = 1000 };
    struct store_stmt *parent =
        prepare_ok(fx, fx->st, "INSERT INTO drv_t (id, k, i, t) VALUES (?, ?, ?, ?)");
    struct store_stmt *child =
        prepare_ok(fx, fx->st, "INSERT INTO drv_child (parent, note) VALUES (?, ?)");
    struct store_stmt *only = prepare_ok(fx, fx->st, "INSERT INTO drv_t (id, k) VALUES (?, ?)");

    tx_ok(fx, fx->ops->begin);
    for (int n = 1; n <= N; n++) {
        char k[16];
        snprintf(k, sizeof(k), "p%05d", n);
        fx->ops->bind_int64(parent, 1, n);
        fx->ops->bind_text(parent, 2, k, strlen(k));
        fx->ops->bind_int64(parent, 3, n * 10);
        if (n % 7)
            fx->ops->bind_text(parent, 4, "指标", strlen("指标"));
        else
            fx->ops->bind_null(parent, 4);
        assert_int_equal(step(fx, parent), STORE_DONE);
        assert_int_equal(fx->ops->changes(parent), 1);
        fx->ops->reset(parent);
        /* every third parent gets a child at once, the rest in a run below */
        if (n % 3 == 0) {
            fx->ops->bind_int64(child, 1, n);
            fx->ops->bind_text(child, 2, "得分", strlen("得分"));
            assert_int_equal(step(fx, child), STORE_DONE);
            fx->ops->reset(child);
        }
    }
    for (int n = 1; n <= N; n++) {
        if (n % 3 == 0)
            continue;
        fx->ops->bind_int64(child, 1, n);
        fx->ops->bind_null(child, 2);
        assert_int_equal(step(fx, child), STORE_DONE);
        fx->ops->reset(child);
    }
    /* a lone row of a third statement, then a read in the same transaction */
    fx->ops->bind_int64(only, 1, N + 1);
    fx->ops->bind_text(only, 2, "last", 4);
    assert_int_equal(step(fx, only), STORE_DONE);
    assert_int_equal(query_int(fx, "SELECT COUNT(*) FROM drv_t"), N + 1);
    assert_int_equal(query_int(fx, "SELECT COUNT(*) FROM drv_child"), N);
    tx_ok(fx, fx->ops->commit);

    assert_int_equal(query_int(fx, "SELECT SUM(i) FROM drv_t"), 10LL * N * (N + 1) / 2);
    assert_int_equal(query_int(fx, "SELECT COUNT(*) FROM drv_t WHERE t IS NULL"), N / 7 + 1);
    assert_int_equal(query_int(fx, "SELECT COUNT(*) FROM drv_child WHERE note = '得分'"), N / 3);
    fx->ops->finalize(parent);
    fx->ops->finalize(child);
    fx->ops->finalize(only);
}

/*
 * "INSERT … RETURNING id" inside a transaction, as the loader uses it: the ids come back at
 * once, count up, are unique across two connections inserting at the same time, and the
 * child rows that refer to them (sent in the same batch) arrive.
 */
static void test_returning_id_in_transaction(void **state)
{
    struct fixture *fx = *state;
    enum { N = 300 };
    struct store *other = open_ok(fx->url);
    struct store_stmt *ins =
        prepare_ok(fx, fx->st, "INSERT INTO drv_t (k, i) VALUES (?, ?) RETURNING id");
    struct store_stmt *oins =
        prepare_ok(fx, other, "INSERT INTO drv_t (k, i) VALUES (?, ?) RETURNING id");
    struct store_stmt *child =
        prepare_ok(fx, fx->st, "INSERT INTO drv_child (parent, note) VALUES (?, ?)");
    struct strbuf why = STRBUF_INIT;
    int64_t last = 0, other_ids = 0;

    tx_ok(fx, fx->ops->begin);
    for (int n = 0; n < N; n++) {
        char k[16];
        int64_t id;

        snprintf(k, sizeof(k), "r%d", n);
        fx->ops->bind_text(ins, 1, k, strlen(k));
        fx->ops->bind_int64(ins, 2, n);
        assert_int_equal(step(fx, ins), STORE_ROW);
        assert_false(fx->ops->column_is_null(ins, 0));
        id = fx->ops->column_int64(ins, 0);
        assert_true(id > last);
        {
            char text[24];
            snprintf(text, sizeof(text), "%lld", (long long)id);
            assert_string_equal(fx->ops->column_text(ins, 0, NULL), text);
        }
        assert_int_equal(step(fx, ins), STORE_DONE);
        assert_int_equal(fx->ops->changes(ins), 1);
        fx->ops->reset(ins);
        last = id;
        fx->ops->bind_int64(child, 1, id);
        fx->ops->bind_text(child, 2, k, strlen(k));
        assert_int_equal(step(fx, child), STORE_DONE);
        fx->ops->reset(child);
        /* meanwhile another connection inserts on its own (SQLite: only between our
         * transactions, so only before the first row of ours) */
        if (fx->pg && n % 50 == 0) {
            snprintf(k, sizeof(k), "o%d", n);
            fx->ops->bind_text(oins, 1, k, strlen(k));
            fx->ops->bind_int64(oins, 2, -1);
            assert_int_equal(fx->ops->step(oins, &why), STORE_ROW);
            fx->ops->reset(oins);
            other_ids++;
        }
    }
    tx_ok(fx, fx->ops->commit);
    assert_int_equal(query_int(fx, "SELECT COUNT(*) FROM drv_t"), N + other_ids);
    assert_int_equal(query_int(fx, "SELECT COUNT(DISTINCT id) FROM drv_t"), N + other_ids);
    /* every child row points at the parent row that carries its key */
    assert_int_equal(query_int(fx, "SELECT COUNT(*) FROM drv_child c JOIN drv_t t ON t.id = "
                                   "c.parent AND t.k = c.note"),
                     N);
    fx->ops->finalize(ins);
    fx->ops->finalize(oins);
    fx->ops->finalize(child);
    store_close(other);
    strbuf_release(&why);
}

static void test_rollback(void **state)
{
    struct fixture *fx = *state;
    struct store_stmt *ins = prepare_ok(fx, fx->st, "INSERT INTO drv_t (k) VALUES (?)");

    exec_ok(fx, "INSERT INTO drv_t (k) VALUES ('kept')");
    tx_ok(fx, fx->ops->begin);
    for (int n = 0; n < 300; n++) {
        char k[16];
        snprintf(k, sizeof(k), "gone%d", n);
        fx->ops->bind_text(ins, 1, k, strlen(k));
        assert_int_equal(step(fx, ins), STORE_DONE);
        fx->ops->reset(ins);
    }
    tx_ok(fx, fx->ops->rollback);
    assert_int_equal(query_int(fx, "SELECT COUNT(*) FROM drv_t"), 1);
    /* the connection is usable afterwards, in and out of a transaction */
    tx_ok(fx, fx->ops->begin);
    fx->ops->bind_text(ins, 1, "after", 5);
    assert_int_equal(step(fx, ins), STORE_DONE);
    tx_ok(fx, fx->ops->commit);
    assert_int_equal(query_int(fx, "SELECT COUNT(*) FROM drv_t"), 2);
    fx->ops->finalize(ins);
}

/* ---- errors ---- */

static void test_unique_violation_is_conflict(void **state)
{
    struct fixture *fx = *state;
    struct store_stmt *ins = prepare_ok(fx, fx->st, "INSERT INTO drv_t (k) VALUES (?)");
    struct strbuf why = STRBUF_INIT;

    fx->ops->bind_text(ins, 1, "dup", 3);
    assert_int_equal(step(fx, ins), STORE_DONE);
    fx->ops->reset(ins);
    fx->ops->bind_text(ins, 1, "dup", 3);
    assert_int_equal(fx->ops->step(ins, &why), STORE_CONFLICT);
    assert_true(why.len > 0);
    fx->ops->finalize(ins);
    strbuf_release(&why);
    /* the connection still works */
    assert_int_equal(query_int(fx, "SELECT COUNT(*) FROM drv_t"), 1);
}

static void test_not_null_and_foreign_key_are_conflicts(void **state)
{
    struct fixture *fx = *state;
    struct strbuf why = STRBUF_INIT;
    struct store_stmt *s = prepare_ok(fx, fx->st, "INSERT INTO drv_t (k, n) VALUES (?, ?)");

    fx->ops->bind_text(s, 1, "x", 1);
    fx->ops->bind_null(s, 2);
    assert_int_equal(fx->ops->step(s, &why), STORE_CONFLICT);
    assert_true(why.len > 0);
    fx->ops->finalize(s);

    strbuf_reset(&why);
    s = prepare_ok(fx, fx->st, "INSERT INTO drv_child (parent) VALUES (?)");
    fx->ops->bind_int64(s, 1, 424242);
    assert_int_equal(fx->ops->step(s, &why), STORE_CONFLICT);
    assert_true(why.len > 0);
    fx->ops->finalize(s);
    strbuf_release(&why);
}

/*
 * A failing row inside a transaction fails the whole transaction: the error comes back at
 * the step (SQLite) or, when the backend sends inserts in batches, at the latest at commit
 * (PostgreSQL) — and nothing of the transaction is kept.
 */
static void test_error_in_transaction_keeps_nothing(void **state)
{
    struct fixture *fx = *state;
    struct store_stmt *ins = prepare_ok(fx, fx->st, "INSERT INTO drv_t (k) VALUES (?)");
    struct strbuf why = STRBUF_INIT;
    int rc = STORE_DONE;

    exec_ok(fx, "INSERT INTO drv_t (k) VALUES ('k50')");
    tx_ok(fx, fx->ops->begin);
    for (int n = 0; n < 100 && rc == STORE_DONE; n++) {
        char k[16];
        snprintf(k, sizeof(k), "k%d", n);
        fx->ops->bind_text(ins, 1, k, strlen(k));
        rc = fx->ops->step(ins, &why);
        fx->ops->reset(ins);
    }
    if (rc == STORE_DONE)
        rc = fx->ops->commit(fx->st, &why);
    else
        tx_ok(fx, fx->ops->rollback);
    assert_int_equal(rc, STORE_CONFLICT);
    assert_true(why.len > 0);
    if (fx->pg)
        assert_non_null(strstr(why.buf, "k50")); /* the server's detail names the key */
    assert_int_equal(query_int(fx, "SELECT COUNT(*) FROM drv_t"), 1);
    /* and the connection carries on */
    tx_ok(fx, fx->ops->begin);
    fx->ops->bind_text(ins, 1, "k51", 3);
    assert_int_equal(step(fx, ins), STORE_DONE);
    tx_ok(fx, fx->ops->commit);
    assert_int_equal(query_int(fx, "SELECT COUNT(*) FROM drv_t"), 2);
    fx->ops->finalize(ins);
    strbuf_release(&why);
}

/*
 * The loader's pattern: a batch transaction, each file in a savepoint. A failing row is
 * reported at its step (SQLite) or at the latest when the savepoint is released
 * (PostgreSQL sends inserts in batches); rolling back to the savepoint undoes only that file
 * and the batch goes on.
 */
static void test_savepoint_undoes_one_file(void **state)
{
    struct fixture *fx = *state;
    struct store_stmt *ins = prepare_ok(fx, fx->st, "INSERT INTO drv_t (k, i) VALUES (?, ?)");
    struct strbuf why = STRBUF_INIT;
    int rc;

    tx_ok(fx, fx->ops->begin);
    for (int file = 0; file < 3; file++) {
        exec_ok(fx, "SAVEPOINT jx_file");
        rc = STORE_DONE;
        for (int n = 0; n < 50 && rc == STORE_DONE; n++) {
            char k[16];
            /* file 1 repeats a key of file 0 in its last row */
            snprintf(k, sizeof(k), "f%d-%d", file == 1 && n == 49 ? 0 : file, n);
            fx->ops->bind_text(ins, 1, k, strlen(k));
            fx->ops->bind_int64(ins, 2, file);
            rc = fx->ops->step(ins, &why);
            fx->ops->reset(ins);
        }
        if (rc == STORE_DONE)
            rc = fx->ops->exec(fx->st, "RELEASE SAVEPOINT jx_file", &why);
        if (file == 1) {
            assert_int_equal(rc, STORE_CONFLICT);
            exec_ok(fx, "ROLLBACK TO SAVEPOINT jx_file");
            exec_ok(fx, "RELEASE SAVEPOINT jx_file");
        } else {
            assert_int_equal(rc, STORE_DONE);
        }
    }
    tx_ok(fx, fx->ops->commit);
    assert_int_equal(query_int(fx, "SELECT COUNT(*) FROM drv_t"), 100);
    assert_int_equal(query_int(fx, "SELECT COUNT(*) FROM drv_t WHERE i = 1"), 0);
    assert_int_equal(query_int(fx, "SELECT SUM(i) FROM drv_t"), 100);
    fx->ops->finalize(ins);
    strbuf_release(&why);
}

/* A caller that goes on after an error and commits is told that nothing was written
 * (PostgreSQL answers such a COMMIT with ROLLBACK, not with an error). */
static void test_commit_after_error_is_refused(void **state)
{
    struct fixture *fx = *state;
    struct store_stmt *s;
    struct strbuf why = STRBUF_INIT;

    exec_ok(fx, "INSERT INTO drv_t (k) VALUES ('first')");
    tx_ok(fx, fx->ops->begin);
    exec_ok(fx, "UPDATE drv_t SET i = 5 WHERE k = 'first'");
    s = prepare_ok(fx, fx->st, "UPDATE drv_t SET n = NULL WHERE k = ?");
    fx->ops->bind_text(s, 1, "first", 5);
    assert_int_equal(fx->ops->step(s, &why), STORE_CONFLICT);
    fx->ops->finalize(s);
    strbuf_reset(&why);
    if (fx->pg) {
        assert_int_not_equal(fx->ops->commit(fx->st, &why), STORE_DONE);
        assert_non_null(strstr(why.buf, "rolled back"));
        assert_int_equal(query_int(fx, "SELECT COUNT(*) FROM drv_t WHERE i = 5"), 0);
    } else {
        /* SQLite undoes only the failed statement: the transaction may go on */
        tx_ok(fx, fx->ops->commit);
        assert_int_equal(query_int(fx, "SELECT COUNT(*) FROM drv_t WHERE i = 5"), 1);
    }
    strbuf_release(&why);
}

static void test_bad_sql_is_error(void **state)
{
    struct fixture *fx = *state;
    struct strbuf why = STRBUF_INIT;
    struct store_stmt *s = NULL;

    assert_int_equal(fx->ops->prepare(fx->st, "SELEC 1", &s, &why), STORE_ERROR);
    assert_null(s);
    assert_true(why.len > 0);
    strbuf_reset(&why);
    assert_int_equal(fx->ops->prepare(fx->st, "SELECT x FROM no_such_table", &s, &why),
                     STORE_ERROR);
    assert_non_null(strstr(why.buf, "no_such_table"));
    strbuf_reset(&why);
    assert_int_equal(fx->ops->exec(fx->st, "CREATE TABLE drv_t (x INT)", &why), STORE_ERROR);
    assert_true(why.len > 0);
    strbuf_release(&why);
    /* exec runs several statements */
    exec_ok(fx, "INSERT INTO drv_t (k) VALUES ('e1'); INSERT INTO drv_t (k) VALUES ('e2');");
    assert_int_equal(query_int(fx, "SELECT COUNT(*) FROM drv_t"), 2);
}

static void test_backup(void **state)
{
    struct fixture *fx = *state;
    struct strbuf why = STRBUF_INIT;
    char dest[] = "/tmp/jx-driver-backup-XXXXXX";
    int fd = mkstemp(dest);

    assert_true(fd >= 0);
    close(fd);
    unlink(dest);
    exec_ok(fx, "INSERT INTO drv_t (k, t) VALUES ('b', '备份')");
    if (fx->pg) {
        assert_int_equal(fx->ops->backup(fx->st, dest, &why), STORE_BADURL);
        assert_non_null(strstr(why.buf, "pg_dump -Fc -d"));
        assert_int_equal(access(dest, F_OK), -1);
    } else {
        struct strbuf url = STRBUF_INIT;
        struct store *copy;
        struct store *orig = fx->st;

        assert_int_equal(fx->ops->backup(fx->st, dest, &why), STORE_DONE);
        strbuf_addf(&url, "sqlite:%s", dest);
        copy = open_ok(url.buf);
        fx->st = copy;
        assert_int_equal(query_int(fx, "SELECT COUNT(*) FROM drv_t WHERE t = '备份'"), 1);
        fx->st = orig;
        store_close(copy);
        unlink(dest);
        strbuf_release(&url);
    }
    strbuf_release(&why);
}

/* ---- two writers ---- */

struct writer {
    const char *url;
    int64_t read_version;
    const char *value;
    int64_t changes;
    int status;
    pthread_mutex_t *mu;
    pthread_cond_t *cv;
    int *started;
};

/* One version-checked update in its own connection and transaction. */
static void *write_version(void *arg)
{
    struct writer *w = arg;
    struct strbuf why = STRBUF_INIT;
    struct store *st = NULL;
    const struct store_ops *ops;
    struct store_stmt *s = NULL;

    w->status = store_open(w->url, &st, &why);
    if (w->status != STORE_DONE)
        goto out;
    ops = store_ops_of(st);
    w->status = ops->begin(st, &why);
    if (w->status == STORE_DONE)
        w->status = ops->prepare(
            st, "UPDATE drv_v SET version = version + 1, v = ? WHERE id = 1 AND version = ?", &s,
            &why);
    if (w->status == STORE_DONE) {
        ops->bind_text(s, 1, w->value, strlen(w->value));
        ops->bind_int64(s, 2, w->read_version);
        pthread_mutex_lock(w->mu);
        (*w->started)++;
        pthread_cond_broadcast(w->cv);
        pthread_mutex_unlock(w->mu);
        w->status = ops->step(s, &why);
        w->changes = ops->changes(s);
        ops->finalize(s);
    }
    if (w->status == STORE_DONE) {
        /* hold the row a moment, so that the other writer really waits for it */
        struct timespec ts = {0, 200 * 1000 * 1000};
        nanosleep(&ts, NULL);
        w->status = ops->commit(st, &why);
    } else {
        ops->rollback(st, &why);
    }
out:
    if (w->status != STORE_DONE)
        print_message("writer %s: %d: %s\n", w->value, w->status, why.buf);
    store_close(st);
    strbuf_release(&why);
    return NULL;
}

static void test_two_writers_one_wins(void **state)
{
    struct fixture *fx = *state;
    pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
    int started = 0;
    struct writer a = {fx->url, 1, "甲", 0, 0, &mu, &cv, &started};
    struct writer b = {fx->url, 1, "乙", 0, 0, &mu, &cv, &started};
    pthread_t ta, tb;

    exec_ok(fx, "INSERT INTO drv_v (id, version, v) VALUES (1, 1, '原')");
    /* both read version 1; a starts first and holds its update until it commits */
    assert_int_equal(pthread_create(&ta, NULL, write_version, &a), 0);
    pthread_mutex_lock(&mu);
    while (started < 1)
        pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    assert_int_equal(pthread_create(&tb, NULL, write_version, &b), 0);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);

    /* exactly one update went through; the loser was refused, not merged (it either saw
     * no row of the version it read, or the backend refused it as a conflict) */
    assert_int_equal(a.status, STORE_DONE);
    assert_int_equal(a.changes, 1);
    assert_true((b.status == STORE_DONE && b.changes == 0) || b.status == STORE_CONFLICT);
    assert_int_equal(query_int(fx, "SELECT version FROM drv_v WHERE id = 1"), 2);
    assert_int_equal(query_int(fx, "SELECT COUNT(*) FROM drv_v WHERE v = '甲'"), 1);
}

/* ---- connection failures (PostgreSQL) ---- */

static void expect_open_fails(const char *url, int want, const char *needle, const char *secret)
{
    struct strbuf why = STRBUF_INIT;
    struct store *st = NULL;
    int rc = store_open(url, &st, &why);

    print_message("%s -> %d: %s\n", url, rc, why.buf);
    assert_int_equal(rc, want);
    assert_null(st);
    assert_non_null(strstr(why.buf, needle));
    if (secret)
        assert_null(strstr(why.buf, secret));
    strbuf_release(&why);
}

static void test_pg_connection_failures(void **state)
{
    struct fixture *fx = *state;
    const char *pw = getenv("JX_TEST_DB_PW");
    struct strbuf url = STRBUF_INIT;
    char empty[] = "/tmp/jx-nosrv-XXXXXX";

    if (!fx->pg)
        return; /* SQLite has no server; its failures are the store suite's */
    assert_non_null(pw);
    /* a socket directory without a server */
    assert_non_null(mkdtemp(empty));
    strbuf_addf(&url, "postgresql:///jixiao_test?host=%s&user=jixiao", empty);
    expect_open_fails(url.buf, STORE_ERROR, "cannot connect", NULL);
    rmdir(empty);

    /* the password role with a wrong password, in both places a URL can carry it */
    strbuf_reset(&url);
    strbuf_addf(&url, "%s&password=not-the-pw", pw);
    expect_open_fails(url.buf, STORE_ERROR, "password authentication failed", "not-the-pw");
    expect_open_fails(url.buf, STORE_ERROR, "password=***", NULL);
    strbuf_reset(&url);
    strbuf_addstr(&url, "postgresql://jixiao_pw:wrong-secret@");
    strbuf_addstr(&url, strstr(pw, "/jixiao_test"));
    expect_open_fails(url.buf, STORE_ERROR, "jixiao_pw:***@", "wrong-secret");

    /* the right password opens */
    strbuf_reset(&url);
    strbuf_addf(&url, "%s&password=jixiao-secret", pw);
    store_close(open_ok(url.buf));

    /* an unknown database */
    strbuf_reset(&url);
    strbuf_addstr(&url, fx->url);
    {
        char *db = strstr(url.buf, "jixiao_test");
        struct strbuf other = STRBUF_INIT;
        strbuf_add(&other, url.buf, (size_t)(db - url.buf));
        strbuf_addstr(&other, "no_such_db");
        strbuf_addstr(&other, db + strlen("jixiao_test"));
        expect_open_fails(other.buf, STORE_ERROR, "does not exist", NULL);
        strbuf_release(&other);
    }

    /* malformed URLs */
    expect_open_fails("postgresql:///db?no_such_option=1", STORE_BADURL, "bad postgresql URL",
                      NULL);
    expect_open_fails("postgresql://[::1/db", STORE_BADURL, "bad postgresql URL", NULL);
    strbuf_release(&url);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_id_type_and_name),
        T(test_int64_extremes),
        T(test_nulls),
        T(test_text_chinese_and_quotes),
        T(test_placeholders_in_literals),
        T(test_many_params),
        T(test_changes_and_reset),
        T(test_batch_in_transaction),
        T(test_returning_id_in_transaction),
        T(test_rollback),
        T(test_unique_violation_is_conflict),
        T(test_not_null_and_foreign_key_are_conflicts),
        T(test_error_in_transaction_keeps_nothing),
        T(test_savepoint_undoes_one_file),
        T(test_commit_after_error_is_refused),
        T(test_bad_sql_is_error),
        T(test_backup),
        T(test_two_writers_one_wins),
        T(test_pg_connection_failures),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
