/*
 * The SQLite backend of the store, behind struct store_ops: one database file, WAL (readers
 * never block the writer), foreign keys on, a busy timeout so that two writers queue instead
 * of failing, synchronous=NORMAL (a crash loses at most the last transactions, never
 * consistency). Write transactions start with BEGIN IMMEDIATE so that a reader never has to
 * upgrade its lock half-way (the classic SQLITE_BUSY deadlock).
 *
 * Errors are mapped once, here: constraint violations and lock timeouts are conflicts,
 * everything the environment does to the file (full, I/O, read-only, cannot open, corrupt)
 * is STORE_ERROR with the path and what to do.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/xalloc.h"
#include "store/store.h"

#define BUSY_TIMEOUT_MS 10000

struct store {
    struct store_base base;
    sqlite3 *db;
    char *path;
};

struct store_stmt {
    struct store *st;
    sqlite3_stmt *stmt;
    int64_t changes;
};

/* Maps an SQLite result code to a store status and explains it in why. */
static int fail(struct store *st, int rc, const char *what, struct strbuf *why)
{
    int primary = rc & 0xff;
    const char *msg = st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
    int sys;

    strbuf_addf(why, "sqlite '%s': ", st->path);
    if (what)
        strbuf_addf(why, "%s: ", what);
    switch (primary) {
    case SQLITE_CONSTRAINT:
        strbuf_addstr(why, msg);
        return STORE_CONFLICT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        strbuf_addf(why, "%s (another writer held the database for over %d s; try again)", msg,
                    BUSY_TIMEOUT_MS / 1000);
        return STORE_CONFLICT;
    case SQLITE_FULL:
        strbuf_addstr(why, "the disk is full or the file size limit is reached; free space and "
                           "load again (committed evaluations are intact)");
        return STORE_ERROR;
    case SQLITE_IOERR:
        sys = st->db ? sqlite3_system_errno(st->db) : 0;
        if (sys == EFBIG || sys == ENOSPC)
            strbuf_addf(why,
                        "cannot write: %s; free space and load again (committed "
                        "evaluations are intact)",
                        strerror(sys));
        else if (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_TRUNCATE ||
                 rc == SQLITE_IOERR_FSYNC)
            /* errno is often gone by now: name the usual causes */
            strbuf_addstr(why, "cannot write (disk full, file size limit or device error); "
                               "free space and load again (committed evaluations are intact)");
        else
            strbuf_addf(why, "input/output error (%s)", msg);
        return STORE_ERROR;
    case SQLITE_READONLY:
        strbuf_addstr(why, "the database is read-only (file, directory or mount); copy it to a "
                           "writable place or open another");
        return STORE_ERROR;
    case SQLITE_CANTOPEN:
        strbuf_addstr(why, "cannot open the database file (does the directory exist and is it "
                           "writable?)");
        return STORE_ERROR;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        strbuf_addf(why, "%s (not a jixiao database, or damaged: restore a backup)", msg);
        return STORE_ERROR;
    default:
        strbuf_addstr(why, msg);
        return STORE_ERROR;
    }
}

static void lite_close(struct store *st)
{
    if (!st)
        return;
    sqlite3_close_v2(st->db);
    free(st->base.url_display);
    free(st->path);
    free(st);
}

static int lite_exec(struct store *st, const char *sql, struct strbuf *why)
{
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);

    return rc == SQLITE_OK ? STORE_DONE : fail(st, rc, NULL, why);
}

/* SQLite's allocation statistics take a global mutex on every malloc; nothing reads them. */
static void configure_once(void)
{
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int lite_open(const char *url, struct store **out, struct strbuf *why)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    struct store *st;
    const char *path = url + strlen("sqlite:");
    int rc, status;

    *out = NULL;
    if (!*path) {
        strbuf_addf(why, "store URL '%s' names no file: use sqlite:PATH", url);
        return STORE_BADURL;
    }
    pthread_once(&once, configure_once);
    st = xcalloc(1, sizeof(*st));
    st->base.ops = &store_sqlite_ops;
    st->base.url_display = xstrdup(url);
    st->path = xstrdup(path);
    rc = sqlite3_open_v2(path, &st->db,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        status = fail(st, rc, NULL, why);
        goto err;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
    /* journal_mode=WAL is the first statement that touches the file: an unreadable, read-only
     * or foreign file is reported here, at open. 64 KiB pages (new files only) hold several
     * ~11 KB evaluation sources each instead of chains of overflow pages, and the
     * per-file savepoints of a bulk load keep their journal in memory (temp_store): together
     * they cut the write system calls of a load about thirtyfold. */
    status = lite_exec(st,
                       "PRAGMA page_size=65536; PRAGMA temp_store=MEMORY; PRAGMA journal_mode=WAL; "
                       "PRAGMA synchronous=NORMAL; "
                       "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536",
                       why);
    if (status != STORE_DONE)
        goto err;
    *out = st;
    return STORE_DONE;
err:
    lite_close(st);
    return status;
}

static int lite_prepare(struct store *st, const char *sql, struct store_stmt **out,
                        struct strbuf *why)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

    *out = NULL;
    if (rc != SQLITE_OK)
        return fail(st, rc, "prepare", why);
    *out = xcalloc(1, sizeof(**out));
    (*out)->st = st;
    (*out)->stmt = stmt;
    return STORE_DONE;
}

static int lite_bind_int64(struct store_stmt *s, int idx, int64_t v)
{
    return sqlite3_bind_int64(s->stmt, idx, v) == SQLITE_OK ? STORE_DONE : STORE_ERROR;
}

static int lite_bind_text(struct store_stmt *s, int idx, const char *text, size_t len)
{
    return sqlite3_bind_text64(s->stmt, idx, text, len, SQLITE_TRANSIENT, SQLITE_UTF8) == SQLITE_OK
               ? STORE_DONE
               : STORE_ERROR;
}

static int lite_bind_null(struct store_stmt *s, int idx)
{
    return sqlite3_bind_null(s->stmt, idx) == SQLITE_OK ? STORE_DONE : STORE_ERROR;
}

static int lite_step(struct store_stmt *s, struct strbuf *why)
{
    int rc = sqlite3_step(s->stmt);

    if (rc == SQLITE_ROW)
        return STORE_ROW;
    if (rc == SQLITE_DONE) {
        s->changes = sqlite3_changes64(s->st->db);
        return STORE_DONE;
    }
    return fail(s->st, rc, NULL, why);
}

static int64_t lite_column_int64(struct store_stmt *s, int col)
{
    return sqlite3_column_int64(s->stmt, col);
}

static const char *lite_column_text(struct store_stmt *s, int col, size_t *len)
{
    const char *t = (const char *)sqlite3_column_text(s->stmt, col);

    if (len)
        *len = t ? (size_t)sqlite3_column_bytes(s->stmt, col) : 0;
    return t;
}

static bool lite_column_is_null(struct store_stmt *s, int col)
{
    return sqlite3_column_type(s->stmt, col) == SQLITE_NULL;
}

static int64_t lite_changes(struct store_stmt *s)
{
    return s->changes;
}

static void lite_reset(struct store_stmt *s)
{
    sqlite3_reset(s->stmt);
    sqlite3_clear_bindings(s->stmt);
    s->changes = 0;
}

static void lite_finalize(struct store_stmt *s)
{
    if (!s)
        return;
    sqlite3_finalize(s->stmt);
    free(s);
}

static int lite_begin(struct store *st, struct strbuf *why)
{
    return lite_exec(st, "BEGIN IMMEDIATE", why);
}

static int lite_commit(struct store *st, struct strbuf *why)
{
    int status = lite_exec(st, "COMMIT", why);

    if (status != STORE_DONE && !sqlite3_get_autocommit(st->db)) {
        struct strbuf ignored = STRBUF_INIT;
        lite_exec(st, "ROLLBACK", &ignored);
        strbuf_release(&ignored);
    }
    return status;
}

static int lite_rollback(struct store *st, struct strbuf *why)
{
    /* SQLite may already have rolled back on its own (disk full, I/O error). */
    if (sqlite3_get_autocommit(st->db))
        return STORE_DONE;
    return lite_exec(st, "ROLLBACK", why);
}

/* The online backup API copies a consistent snapshot while others keep writing; the copy
 * is written to a temporary file next to dest and renamed over it, so dest is either the
 * old file or the whole new one. */
static int lite_backup(struct store *st, const char *dest, struct strbuf *why)
{
    struct strbuf tmp = STRBUF_INIT;
    sqlite3 *dst = NULL;
    sqlite3_backup *bk;
    int rc, status = STORE_DONE;

    strbuf_addf(&tmp, "%s.tmp%ld", dest, (long)getpid());
    unlink(tmp.buf);
    rc = sqlite3_open_v2(tmp.buf, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        strbuf_addf(why, "cannot create backup '%s': %s", tmp.buf,
                    dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
        status = STORE_ERROR;
        goto out;
    }
    bk = sqlite3_backup_init(dst, "main", st->db, "main");
    if (!bk) {
        strbuf_addf(why, "cannot back up to '%s': %s", dest, sqlite3_errmsg(dst));
        status = STORE_ERROR;
        goto out;
    }
    rc = sqlite3_backup_step(bk, -1);
    sqlite3_backup_finish(bk);
    if (rc != SQLITE_DONE) {
        strbuf_addf(why, "backup to '%s' failed: %s", dest, sqlite3_errstr(rc));
        status = STORE_ERROR;
        goto out;
    }
    /* A single self-contained file: no -wal beside the copy. */
    rc = sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        strbuf_addf(why, "backup to '%s' failed: %s", dest, sqlite3_errmsg(dst));
        status = STORE_ERROR;
        goto out;
    }
    rc = sqlite3_close(dst);
    dst = NULL;
    if (rc != SQLITE_OK || rename(tmp.buf, dest) != 0) {
        strbuf_addf(why, "cannot write backup '%s': %s", dest,
                    rc != SQLITE_OK ? sqlite3_errstr(rc) : strerror(errno));
        status = STORE_ERROR;
    }
out:
    if (dst)
        sqlite3_close(dst);
    if (status != STORE_DONE)
        unlink(tmp.buf);
    strbuf_release(&tmp);
    return status;
}

const struct store_ops store_sqlite_ops = {
    .name = "sqlite",
    .open = lite_open,
    .close = lite_close,
    .exec = lite_exec,
    .prepare = lite_prepare,
    .bind_int64 = lite_bind_int64,
    .bind_text = lite_bind_text,
    .bind_null = lite_bind_null,
    .step = lite_step,
    .column_int64 = lite_column_int64,
    .column_text = lite_column_text,
    .column_is_null = lite_column_is_null,
    .changes = lite_changes,
    .reset = lite_reset,
    .finalize = lite_finalize,
    .begin = lite_begin,
    .commit = lite_commit,
    .rollback = lite_rollback,
    .backup = lite_backup,
    .id_type = "INTEGER PRIMARY KEY",
};
