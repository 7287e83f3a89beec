/*
 * Versioned migrations. The SQL is written once for both backends: BIGINT numbers, TEXT
 * strings, "@ID@" for the auto-increment key (ops->id_type) and "@NOROWID@" after tables
 * whose primary key is their natural key (SQLite's WITHOUT ROWID; nothing in PostgreSQL).
 * Money is 分 and scores centi-points, in BIGINT.
 */
#include <inttypes.h>
#include <string.h>

#include "store/store_schema.h"

/* Migration 1: the first schema (docs/store.md describes every column). */
static const char *const migration_1[] = {
    "CREATE TABLE jx_meta (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
    /* 县 -> 部门 -> 单位: parent_key is parent_id or 0, so that the unique key also holds
     * for top-level units (NULLs are distinct in a UNIQUE constraint). */
    "CREATE TABLE units (id @ID@, name TEXT NOT NULL, level TEXT NOT NULL, "
    "parent_id BIGINT REFERENCES units (id), parent_key BIGINT NOT NULL, "
    "UNIQUE (parent_key, name))",
    "CREATE TABLE projects (id @ID@, unit_id BIGINT NOT NULL REFERENCES units (id), "
    "name TEXT NOT NULL, UNIQUE (unit_id, name))",
    /* version counts every change of the row (optimistic locking); revision is the number of
     * the current evaluation_versions row. */
    "CREATE TABLE evaluations (id @ID@, project_id BIGINT NOT NULL REFERENCES projects (id), "
    "year BIGINT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL, version BIGINT NOT NULL, "
    "revision BIGINT NOT NULL, total BIGINT NOT NULL, grade TEXT NOT NULL, "
    "budget_planned BIGINT, budget_received BIGINT, budget_spent BIGINT, "
    "source_sha256 TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, "
    "UNIQUE (project_id, year, kind), "
    "CHECK (status IN ('草稿', '已提交', '已退回', '已审核', '已公开')))",
    "CREATE INDEX evaluations_year ON evaluations (year)",
    "CREATE TABLE evaluation_versions (id @ID@, "
    "evaluation_id BIGINT NOT NULL REFERENCES evaluations (id), revision BIGINT NOT NULL, "
    "source TEXT NOT NULL, source_sha256 TEXT NOT NULL, file TEXT, total BIGINT NOT NULL, "
    "grade TEXT NOT NULL, author TEXT NOT NULL, created_at TEXT NOT NULL, "
    "UNIQUE (evaluation_id, revision))",
    /* The indicator tree of a version in file order: seq from 1, parent_seq NULL under the
     * root. score is NULL for a leaf that could not be scored. */
    "CREATE TABLE indicators (version_id BIGINT NOT NULL REFERENCES evaluation_versions (id), "
    "seq BIGINT NOT NULL, parent_seq BIGINT, depth BIGINT NOT NULL, name TEXT NOT NULL, "
    "weight BIGINT NOT NULL, score BIGINT, method TEXT, target TEXT, actual TEXT, "
    "PRIMARY KEY (version_id, seq)) @NOROWID@",
    /* satisfaction in hundredths of a percent, NULL when unknown */
    "CREATE TABLE survey_results (version_id BIGINT NOT NULL "
    "REFERENCES evaluation_versions (id), seq BIGINT NOT NULL, survey TEXT NOT NULL, "
    "title TEXT, respondents TEXT, issued BIGINT, returned BIGINT, valid BIGINT, "
    "satisfaction BIGINT, PRIMARY KEY (version_id, seq)) @NOROWID@",
    "CREATE TABLE reviews (id @ID@, evaluation_id BIGINT NOT NULL REFERENCES evaluations (id), "
    "at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, from_status TEXT NOT NULL, "
    "to_status TEXT NOT NULL, comment TEXT)",
    "CREATE TABLE users (id @ID@, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL, "
    "unit_id BIGINT REFERENCES units (id), password_hash TEXT, "
    "disabled BIGINT NOT NULL DEFAULT 0, created_at TEXT NOT NULL, "
    "CHECK (role IN ('填报', '审核', '财政', 'admin')))",
    "CREATE TABLE audit_log (seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, "
    "action TEXT NOT NULL, entity TEXT NOT NULL, entity_id BIGINT NOT NULL, "
    "before_digest TEXT, after_digest TEXT, detail TEXT, hash TEXT NOT NULL)",
    "CREATE TABLE audit_head (id BIGINT PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL)",
    "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, "
    "'0000000000000000000000000000000000000000000000000000000000000000')",
    NULL,
};

static const char *const *const migrations[] = {migration_1};
#define NR_MIGRATIONS ((int64_t)(sizeof(migrations) / sizeof(migrations[0])))

/* Every table, children first (for store_test_reset). */
static const char *const tables[] = {
    "audit_log",           "audit_head",  "users",    "reviews", "survey_results", "indicators",
    "evaluation_versions", "evaluations", "projects", "units",   "jx_meta",
};

int64_t store_schema_latest(void)
{
    return NR_MIGRATIONS;
}

static bool is_sqlite(const struct store_ops *ops)
{
    return !strcmp(ops->name, "sqlite");
}

/* Substitutes the dialect pieces of one statement. */
static void dialect(const struct store_ops *ops, const char *sql, struct strbuf *out)
{
    strbuf_reset(out);
    while (*sql) {
        if (!strncmp(sql, "@ID@", 4)) {
            strbuf_addstr(out, ops->id_type);
            sql += 4;
        } else if (!strncmp(sql, "@NOROWID@", 9)) {
            if (is_sqlite(ops))
                strbuf_addstr(out, "WITHOUT ROWID");
            sql += 9;
        } else {
            strbuf_addch(out, *sql++);
        }
    }
}

static int query_int(struct store *st, const char *sql, int64_t *v, struct strbuf *why)
{
    const struct store_ops *ops = store_ops_of(st);
    struct store_stmt *s;
    int status = ops->prepare(st, sql, &s, why);

    if (status != STORE_DONE)
        return status;
    status = ops->step(s, why);
    if (status == STORE_ROW) {
        *v = ops->column_int64(s, 0);
        status = STORE_DONE;
    } else if (status == STORE_DONE) {
        *v = 0;
    }
    ops->finalize(s);
    return status;
}

int store_schema_version(struct store *st, int64_t *version, struct strbuf *why)
{
    const struct store_ops *ops = store_ops_of(st);
    int64_t exists = 0;
    int status;

    *version = 0;
    status =
        query_int(st,
                  is_sqlite(ops) ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                                   "name = 'jx_meta'"
                                 : "SELECT count(*) FROM information_schema.tables WHERE "
                                   "table_schema = current_schema() AND table_name = 'jx_meta'",
                  &exists, why);
    if (status != STORE_DONE || !exists)
        return status;
    return query_int(st, "SELECT value FROM jx_meta WHERE name = 'schema_version'", version, why);
}

static int run_migration(struct store *st, int64_t n, struct strbuf *why)
{
    const struct store_ops *ops = store_ops_of(st);
    struct strbuf sql = STRBUF_INIT;
    struct store_stmt *s = NULL;
    int status = ops->begin(st, why);

    if (status != STORE_DONE)
        return status;
    for (const char *const *stmt = migrations[n - 1]; *stmt && status == STORE_DONE; stmt++) {
        dialect(ops, *stmt, &sql);
        status = ops->exec(st, sql.buf, why);
    }
    if (status == STORE_DONE)
        status = ops->prepare(st,
                              n == 1 ? "INSERT INTO jx_meta (name, value) VALUES "
                                       "('schema_version', ?)"
                                     : "UPDATE jx_meta SET value = ? WHERE name = "
                                       "'schema_version'",
                              &s, why);
    if (status == STORE_DONE) {
        ops->bind_int64(s, 1, n);
        status = ops->step(s, why);
    }
    ops->finalize(s);
    if (status == STORE_DONE)
        status = ops->commit(st, why);
    else
        ops->rollback(st, &sql);
    strbuf_release(&sql);
    return status;
}

int store_migrate(struct store *st, int64_t *from, int64_t *to, struct strbuf *why)
{
    int64_t v;
    int status = store_schema_version(st, &v, why);

    if (status != STORE_DONE)
        return status;
    if (from)
        *from = v;
    if (v > NR_MIGRATIONS) {
        strbuf_addf(why,
                    "the database has schema version %" PRId64 ", newer than this jixiao "
                    "(version %" PRId64 "): upgrade jixiao",
                    v, NR_MIGRATIONS);
        return STORE_SCHEMA;
    }
    for (; v < NR_MIGRATIONS; v++) {
        status = run_migration(st, v + 1, why);
        if (status != STORE_DONE)
            return status;
    }
    if (to)
        *to = v;
    return STORE_DONE;
}

int store_schema_check(struct store *st, struct strbuf *why)
{
    int64_t v;
    int status = store_schema_version(st, &v, why);

    if (status != STORE_DONE)
        return status;
    if (v == NR_MIGRATIONS)
        return STORE_DONE;
    if (v == 0)
        strbuf_addf(why, "%s is not initialised: run 'jixiao db init'",
                    ((const struct store_base *)st)->url_display);
    else if (v < NR_MIGRATIONS)
        strbuf_addf(why,
                    "%s has schema version %" PRId64 ", older than this jixiao (%" PRId64
                    "): run 'jixiao db migrate'",
                    ((const struct store_base *)st)->url_display, v, NR_MIGRATIONS);
    else
        strbuf_addf(why,
                    "%s has schema version %" PRId64 ", newer than this jixiao (%" PRId64
                    "): upgrade jixiao",
                    ((const struct store_base *)st)->url_display, v, NR_MIGRATIONS);
    return STORE_SCHEMA;
}

int store_test_reset(struct store *st, struct strbuf *why)
{
    const struct store_ops *ops = store_ops_of(st);
    struct strbuf sql = STRBUF_INIT;
    int status = STORE_DONE;

    for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]) && status == STORE_DONE; i++) {
        strbuf_reset(&sql);
        strbuf_addf(&sql, "DROP TABLE IF EXISTS %s", tables[i]);
        status = ops->exec(st, sql.buf, why);
    }
    strbuf_release(&sql);
    return status;
}
