/*
 * The PostgreSQL backend of the store (libpq), behind struct store_ops.
 *
 * The shared SQL uses '?' placeholders; prepare numbers them $1..$n (skipping string
 * literals, quoted identifiers and comments) and prepares a server-side statement once per
 * distinct SQL text and connection. Parameters travel in text format, results are fetched
 * whole on the first step and walked row by row.
 *
 * Round trips are the cost of a bulk load, so the connection stays in libpq pipeline mode
 * and, inside a transaction, does not wait for what cannot answer anything:
 * - a plain "INSERT ... VALUES (...)" (no SELECT, ON CONFLICT or DEFAULT) returns no rows and
 *   changes exactly one row or fails: its step is queued and answers STORE_DONE at once;
 *   consecutive rows of one such statement travel as one multi-row INSERT;
 * - the same with "RETURNING id", when id is drawn from a sequence: the driver draws the id
 *   itself (nextval() in blocks), queues the row with it and answers the id as the one row;
 * - BEGIN and SAVEPOINT are queued too.
 * Everything queued reaches the server, and its errors come back, at the next statement
 * that needs an answer (a SELECT, an UPDATE whose changes() matter, RELEASE SAVEPOINT, at
 * the latest COMMIT). A PostgreSQL transaction that failed once can only be rolled back (or
 * back to a savepoint taken before the failing statement), so a deferred error never lets
 * a half-written evaluation commit. Outside a transaction every step waits for its answer.
 *
 * Invariant: between calls nothing is in flight but queued statements (st->inflight of
 * them, their answers read before any other) and the rows in st->pending.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "core/xalloc.h"
#include "store/store.h"

/* PostgreSQL accepts at most 65535 parameters per statement. */
#define PG_MAX_PARAMS 65535
/* Rows of one INSERT coalesced into one multi-row statement. */
#define PG_BATCH_ROWS 256
/* Ids drawn at most at once for "INSERT … RETURNING id"; the ones a transaction leaves
 * unused are given up at its end (a table may be dropped and made anew in between), so this
 * bounds the gap a transaction leaves in the ids. */
#define PG_MAX_ID_BLOCK 64
/* Deferred statements in flight before a sync point: bounds what the server writes back
 * while the client is still writing, so neither side blocks on a full socket. */
#define PG_MAX_INFLIGHT 512

/* One server-side prepared statement, shared by every store_stmt with the same SQL. */
struct pg_prepared {
    char *sql;  /* the SQL as given, with '?' */
    char *name; /* server-side name */
    int nparams;
    /* For a deferrable INSERT: the SQL up to and including VALUES, and the row tuple with
     * '?' placeholders, so that n rows can be sent as one statement. */
    char *insert_head;
    char *insert_tuple;
    int batch_rows; /* rows per batch for this statement (parameter limit) */
    int row_params; /* values per queued row: nparams, and the id first when id_seq is set */
    /* "INSERT … RETURNING id" into a table whose id comes from an identity sequence: inside
     * a transaction the driver draws the id from that sequence itself (a block of nextval()
     * at a time), sends the row with its id among the queued ones and answers the id as the
     * one row of the result, so that the insert costs no round trip either. */
    char *table;  /* the table, while the sequence is being looked up */
    char *id_seq; /* the sequence, when the statement is used this way */
    int64_t *ids; /* drawn and not used yet: ids[id_pos..nr_ids) */
    size_t nr_ids, id_pos;
    size_t id_block; /* how many to draw next: 1, 2, 4 … within a transaction, so a small
                      * one wastes none */
    /* batch_names[n]: server-side name of the n-row form, once prepared (n <= batch_rows):
     * the rows of one evaluation come in a few recurring counts, so each is parsed and
     * planned once per connection. */
    char **batch_names;
};

struct store {
    struct store_base base;
    PGconn *conn;
    unsigned next_name;
    bool in_tx;
    /* Deferred statements sent and not yet answered, and whether a sync follows them. */
    int inflight;
    /* The first error among deferred statements, reported at the next answer. */
    int deferred_status;
    struct strbuf deferred_why;
    /* Rows of one deferrable INSERT waiting to be sent together. */
    struct pg_prepared *pending;
    int pending_rows;
    char **pending_vals; /* pending_rows * nparams values (NULL for SQL NULL), owned */
    size_t pending_alloc;
    struct pg_prepared **prepared;
    size_t nprepared, prepared_alloc;
};

struct store_stmt {
    struct store *st;
    struct pg_prepared *prep;
    char **vals; /* nparams bound values, owned; NULL for SQL NULL or unbound */
    PGresult *res;
    int row, nrows;
    int64_t changes;
    bool executed;
    /* The answer of a queued "INSERT … RETURNING id": one row, the id drawn for it. */
    bool id_row;
    int64_t id;
    char id_text[24];
};

/* ---- messages and status ---- */

static int status_of_sqlstate(const char *state)
{
    if (!state || strlen(state) != 5)
        return STORE_ERROR;
    if (!strncmp(state, "23", 2) || !strcmp(state, "40001") || !strcmp(state, "40P01"))
        return STORE_CONFLICT;
    /* Everything else — connection (08), operator intervention (57), resources (53),
     * syntax or undefined objects (42) — is an environment or internal error. */
    return STORE_ERROR;
}

/* The first line of a libpq message, without its trailing newline. */
static void add_first_line(struct strbuf *sb, const char *msg)
{
    size_t n;

    if (!msg || !*msg) {
        strbuf_addstr(sb, "no message from the server");
        return;
    }
    if (!strncmp(msg, "ERROR:  ", 8))
        msg += 8;
    n = strcspn(msg, "\n");
    strbuf_add(sb, msg, n);
}

static int result_error(struct store *st, const PGresult *res, struct strbuf *why)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;

    strbuf_addf(why, "postgresql %s: ", st->base.url_display);
    if (primary)
        strbuf_addstr(why, primary);
    else
        add_first_line(why, PQerrorMessage(st->conn));
    if (detail)
        strbuf_addf(why, "; %s", detail);
    if (state)
        strbuf_addf(why, " (SQLSTATE %s)", state);
    if (PQstatus(st->conn) == CONNECTION_BAD)
        return STORE_ERROR;
    return status_of_sqlstate(state);
}

/* ---- the URL shown in messages ---- */

/* Appends url with the password of a URI ("user:pw@", "password=pw") or of a keyword/value
 * string ("password=pw", "password='p w'") replaced by ***. */
static void add_masked_url(struct strbuf *sb, const char *url)
{
    const char *scheme_end = strstr(url, "://");
    const char *p = url;

    if (scheme_end) {
        const char *auth = scheme_end + 3;
        size_t auth_len = strcspn(auth, "/?");
        const char *at = NULL;

        for (size_t i = 0; i < auth_len; i++)
            if (auth[i] == '@')
                at = auth + i;
        if (at) {
            const char *colon = memchr(auth, ':', (size_t)(at - auth));
            if (colon) {
                strbuf_add(sb, url, (size_t)(colon + 1 - url));
                strbuf_addstr(sb, "***");
                p = at;
            }
        }
    }
    while (*p) {
        bool starts_word =
            p == url || p[-1] == '?' || p[-1] == '&' || isspace((unsigned char)p[-1]);

        if (!starts_word || strncmp(p, "password=", 9)) {
            strbuf_addch(sb, *p++);
            continue;
        }
        strbuf_addstr(sb, "password=***");
        p += 9;
        if (*p == '\'') {
            for (p++; *p && *p != '\''; p++)
                if (*p == '\\' && p[1])
                    p++;
            if (*p)
                p++;
        } else {
            while (*p && *p != '&' && !isspace((unsigned char)*p))
                p++;
        }
    }
}

/* ---- talking to the server ---- */

static int send_failed(struct store *st, struct strbuf *why)
{
    strbuf_addf(why, "postgresql %s: ", st->base.url_display);
    add_first_line(why, PQerrorMessage(st->conn));
    return STORE_ERROR;
}

static void note_deferred_error(struct store *st, const PGresult *res)
{
    if (st->deferred_status != STORE_DONE)
        return;
    st->deferred_status = result_error(st, res, &st->deferred_why);
}

/*
 * Sends a sync point and reads every answer up to it. The answers of deferred statements
 * only matter for their errors; the answer of the one statement that waits (want, when
 * set) is returned in *out. Returns STORE_DONE, or the first error.
 */
static int sync_and_drain(struct store *st, bool want, PGresult **out, struct strbuf *why)
{
    int status = STORE_DONE;
    int answered = 0; /* statements whose answer has been read, in the order sent */

    if (out)
        *out = NULL;
    if (!PQpipelineSync(st->conn)) {
        st->inflight = 0;
        return send_failed(st, why);
    }
    for (;;) {
        PGresult *res = PQgetResult(st->conn);
        ExecStatusType rs;

        if (!res) {
            /* the end of one statement's answer, or a lost connection */
            if (PQstatus(st->conn) == CONNECTION_BAD) {
                status = send_failed(st, why);
                break;
            }
            continue;
        }
        rs = PQresultStatus(res);
        if (rs == PGRES_PIPELINE_SYNC) {
            PQclear(res);
            break;
        }
        if (answered++ < st->inflight || !want) {
            if (rs == PGRES_FATAL_ERROR)
                note_deferred_error(st, res);
            PQclear(res);
        } else if (out && !*out) {
            *out = res;
        } else {
            PQclear(res);
        }
    }
    st->inflight = 0;
    if (st->deferred_status != STORE_DONE) {
        if (status == STORE_DONE) {
            status = st->deferred_status;
            strbuf_addf(why, "%s (in an earlier statement of this transaction)",
                        st->deferred_why.buf);
        }
        st->deferred_status = STORE_DONE;
        strbuf_reset(&st->deferred_why);
    }
    return status;
}

/* Queues a statement whose answer is read at the next sync point. */
static int after_deferred_send(struct store *st, struct strbuf *why)
{
    st->inflight++;
    if (st->inflight >= PG_MAX_INFLIGHT)
        return sync_and_drain(st, false, NULL, why);
    return STORE_DONE;
}

/* Runs a parameterless single statement and waits for its answer. */
static int run_simple(struct store *st, const char *sql, struct strbuf *why)
{
    PGresult *res = NULL;
    int status;

    if (!PQsendQueryParams(st->conn, sql, 0, NULL, NULL, NULL, NULL, 0))
        return send_failed(st, why);
    status = sync_and_drain(st, true, &res, why);
    if (status == STORE_DONE && res && PQresultStatus(res) != PGRES_COMMAND_OK &&
        PQresultStatus(res) != PGRES_TUPLES_OK)
        status = result_error(st, res, why);
    PQclear(res);
    return status;
}

/* ---- coalesced INSERT rows ---- */

static void free_values(char **vals, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(vals[i]);
        vals[i] = NULL;
    }
}

/* The multi-row form of prep for rows rows, with placeholders $1..$(rows*nparams). */
static void build_batch_sql(struct strbuf *sql, const struct pg_prepared *prep, int rows)
{
    int n = 1;

    strbuf_addstr(sql, prep->insert_head);
    for (int r = 0; r < rows; r++) {
        if (r)
            strbuf_addch(sql, ',');
        for (const char *p = prep->insert_tuple; *p; p++) {
            if (*p == '?')
                strbuf_addf(sql, "$%d", n++);
            else
                strbuf_addch(sql, *p);
        }
    }
}

/* Sends the pending rows as one statement (deferred). */
static int send_pending(struct store *st, struct strbuf *why)
{
    struct pg_prepared *prep = st->pending;
    int rows = st->pending_rows;
    int nvals;
    int ok;

    if (!prep || !rows)
        return STORE_DONE;
    nvals = rows * prep->row_params;
    if (rows == 1 && !prep->id_seq) {
        ok = PQsendQueryPrepared(st->conn, prep->name, prep->nparams,
                                 (const char *const *)st->pending_vals, NULL, NULL, 0);
    } else {
        /* the n-row form; for id_seq statements also the one-row form, with the id */
        ok = 1;
        if (!prep->batch_names[rows]) {
            struct strbuf sql = STRBUF_INIT;
            char name[32];

            build_batch_sql(&sql, prep, rows);
            snprintf(name, sizeof(name), "jx%u", st->next_name++);
            ok = PQsendPrepare(st->conn, name, sql.buf, 0, NULL);
            strbuf_release(&sql);
            if (ok) {
                prep->batch_names[rows] = xstrdup(name);
                st->inflight++; /* its answer is read with the others' */
            }
        }
        if (ok)
            ok = PQsendQueryPrepared(st->conn, prep->batch_names[rows], nvals,
                                     (const char *const *)st->pending_vals, NULL, NULL, 0);
    }
    free_values(st->pending_vals, (size_t)nvals);
    st->pending = NULL;
    st->pending_rows = 0;
    if (!ok)
        return send_failed(st, why);
    return after_deferred_send(st, why);
}

/* Sends what is pending and waits for every answer; the transaction's errors so far. */
static int flush_all(struct store *st, struct strbuf *why)
{
    int status = send_pending(st, why);

    if (status != STORE_DONE)
        return status;
    if (!st->inflight)
        return STORE_DONE;
    return sync_and_drain(st, false, NULL, why);
}

/* ---- placeholders and statement shapes ---- */

/* Copies sql with '?' numbered $1..$n outside '…' literals, "…" identifiers, dollar-quoted
 * bodies and comments. Returns n. */
static int number_placeholders(const char *sql, struct strbuf *out)
{
    int n = 0;

    for (const char *p = sql; *p;) {
        if (*p == '\'' || *p == '"') {
            char q = *p;
            strbuf_addch(out, *p++);
            while (*p) {
                if (*p == q && p[1] == q) {
                    strbuf_add(out, p, 2);
                    p += 2;
                    continue;
                }
                if (*p == q)
                    break;
                strbuf_addch(out, *p++);
            }
            if (*p)
                strbuf_addch(out, *p++);
        } else if (p[0] == '-' && p[1] == '-') {
            size_t len = strcspn(p, "\n");
            strbuf_add(out, p, len);
            p += len;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            size_t len = end ? (size_t)(end + 2 - p) : strlen(p);
            strbuf_add(out, p, len);
            p += len;
        } else if (*p == '?') {
            strbuf_addf(out, "$%d", ++n);
            p++;
        } else {
            strbuf_addch(out, *p++);
        }
    }
    return n;
}

static bool word_at(const char *p, const char *word)
{
    size_t n = strlen(word);

    for (size_t i = 0; i < n; i++)
        if (toupper((unsigned char)p[i]) != word[i])
            return false;
    return !isalnum((unsigned char)p[n]) && p[n] != '_';
}

static const char *skip_blanks(const char *p)
{
    while (isspace((unsigned char)*p))
        p++;
    return p;
}

/* Whether the SQL, outside literals, contains the keyword. */
static const char *find_keyword(const char *sql, const char *word)
{
    for (const char *p = sql; *p; p++) {
        if (*p == '\'' || *p == '"') {
            char q = *p;
            for (p++; *p && *p != q; p++)
                ;
            if (!*p)
                return NULL;
            continue;
        }
        if ((p == sql || (!isalnum((unsigned char)p[-1]) && p[-1] != '_')) && word_at(p, word))
            return p;
    }
    return NULL;
}

/* The identifier at p (letters, digits, '_', '.'), or NULL. */
static char *identifier_at(const char *p, const char **end)
{
    const char *q = p;

    while (isalnum((unsigned char)*q) || *q == '_' || *q == '.')
        q++;
    *end = q;
    return q > p ? xmemdupz(p, (size_t)(q - p)) : NULL;
}

/*
 * Recognises "INSERT INTO t (…) VALUES (…)" with nothing after the one tuple but blanks or a
 * ';': it returns no rows and changes exactly one row, so its step may be queued and several
 * rows may travel as one statement. Sets the head and tuple of prep. With a trailing
 * "RETURNING id" the head and tuple get the id as their first column and prep->table is
 * set: pg_prepare then looks for the id's sequence (identity_of) and keeps the form only
 * when there is one.
 */
static void classify_insert(struct pg_prepared *prep)
{
    const char *sql = prep->sql;
    const char *values, *open, *p, *ret, *into, *cols = NULL, *after = NULL;
    const char *end;
    char *table = NULL;
    int depth = 0;

    while (isspace((unsigned char)*sql))
        sql++;
    if (!word_at(sql, "INSERT") || find_keyword(sql, "SELECT") || find_keyword(sql, "CONFLICT") ||
        find_keyword(sql, "DEFAULT"))
        return;
    ret = find_keyword(sql, "RETURNING");
    end = sql + strlen(sql);
    if (ret) {
        const char *q = skip_blanks(ret + 9);
        if (!word_at(q, "ID"))
            return;
        for (q += 2; *q; q++)
            if (!isspace((unsigned char)*q) && *q != ';')
                return;
        end = ret;
        into = find_keyword(sql, "INTO");
        if (!into)
            return;
        table = identifier_at(skip_blanks(into + 4), &after);
        cols = skip_blanks(after);
        if (!table || *cols != '(') {
            free(table);
            return;
        }
    }
    values = find_keyword(sql, "VALUES");
    if (!values || (ret && values > ret))
        goto no;
    open = skip_blanks(values + 6);
    if (*open != '(')
        goto no;
    for (p = open; *p; p++) {
        if (*p == '\'' || *p == '"') {
            char q = *p;
            for (p++; *p && *p != q; p++)
                ;
            if (!*p)
                goto no;
        } else if (*p == '(') {
            depth++;
        } else if (*p == ')' && --depth == 0) {
            break;
        }
    }
    if (!*p)
        goto no;
    for (const char *rest = p + 1; rest < end; rest++)
        if (!isspace((unsigned char)*rest) && *rest != ';')
            goto no;
    if (table) {
        struct strbuf head = STRBUF_INIT, tuple = STRBUF_INIT;

        strbuf_add(&head, prep->sql, (size_t)(cols + 1 - prep->sql));
        strbuf_addstr(&head, "id, ");
        strbuf_add(&head, cols + 1, (size_t)(open - (cols + 1)));
        strbuf_addstr(&tuple, "(?, ");
        strbuf_add(&tuple, open + 1, (size_t)(p - open));
        prep->insert_head = strbuf_detach(&head, NULL);
        prep->insert_tuple = strbuf_detach(&tuple, NULL);
        prep->table = table;
    } else {
        prep->insert_head = xmemdupz(prep->sql, (size_t)(open - prep->sql));
        prep->insert_tuple = xmemdupz(open, (size_t)(p + 1 - open));
    }
    return;
no:
    free(table);
}

/* Sizes the batches of a queued INSERT once its form is settled. */
static void settle_insert(struct pg_prepared *prep)
{
    prep->row_params = prep->nparams + (prep->id_seq ? 1 : 0);
    prep->batch_rows = prep->row_params ? PG_MAX_PARAMS / prep->row_params : PG_BATCH_ROWS;
    if (prep->batch_rows > PG_BATCH_ROWS)
        prep->batch_rows = PG_BATCH_ROWS;
    prep->batch_names = xcalloc((size_t)prep->batch_rows + 1, sizeof(char *));
}

/* ---- the ops ---- */

static void ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static int pg_open(const char *url, struct store **out, struct strbuf *why)
{
    struct store *st;
    char *err = NULL;
    PQconninfoOption *opts;
    int status = STORE_DONE;
    struct strbuf shown = STRBUF_INIT;

    *out = NULL;
    add_masked_url(&shown, url);
    opts = PQconninfoParse(url, &err);
    if (!opts) {
        strbuf_addf(why, "bad postgresql URL '%s': ", shown.buf);
        add_first_line(why, err ? err : "cannot be parsed");
        strbuf_addstr(why,
                      "; use postgresql://[user[:password]@][host][:port]/dbname[?param=value]");
        PQfreemem(err);
        strbuf_release(&shown);
        return STORE_BADURL;
    }
    PQconninfoFree(opts);

    st = xcalloc(1, sizeof(*st));
    st->base.ops = &store_pg_ops;
    st->base.url_display = strbuf_detach(&shown, NULL);
    strbuf_init(&st->deferred_why, 0);
    {
        /* UTF-8 on the wire whatever the server's default; the URL may still override it */
        const char *const keys[] = {"client_encoding", "dbname", NULL};
        const char *const vals[] = {"UTF8", url, NULL};
        st->conn = PQconnectdbParams(keys, vals, 1);
    }
    if (!st->conn || PQstatus(st->conn) != CONNECTION_OK) {
        const char *msg = st->conn ? PQerrorMessage(st->conn) : "out of memory";

        strbuf_addf(why, "cannot connect to %s: ", st->base.url_display);
        add_first_line(why, msg);
        if (strstr(msg, "password authentication failed") || strstr(msg, "no password"))
            strbuf_addstr(why, "; check the user and password in the URL, PGPASSWORD or "
                               "~/.pgpass");
        else if (strstr(msg, "database") && strstr(msg, "does not exist"))
            strbuf_addstr(why, "; create it (createdb) or name an existing database");
        else if (strstr(msg, "No such file") || strstr(msg, "Connection refused") ||
                 strstr(msg, "could not translate host name"))
            strbuf_addstr(why, "; is the server running and is the host/port right?");
        status = STORE_ERROR;
        goto out;
    }
    /* NOTICEs ("table does not exist, skipping") are not for the user of a CLI */
    PQsetNoticeProcessor(st->conn, ignore_notice, NULL);
    if (!PQenterPipelineMode(st->conn)) {
        status = send_failed(st, why);
        goto out;
    }
out:
    if (status != STORE_DONE) {
        store_pg_ops.close(st);
        return status;
    }
    *out = st;
    return STORE_DONE;
}

static void free_prepared(struct pg_prepared *prep)
{
    free(prep->sql);
    free(prep->name);
    free(prep->insert_head);
    free(prep->insert_tuple);
    if (prep->batch_names)
        for (int n = 0; n <= prep->batch_rows; n++)
            free(prep->batch_names[n]);
    free(prep->batch_names);
    free(prep->table);
    free(prep->id_seq);
    free(prep->ids);
    free(prep);
}

static void pg_close(struct store *st)
{
    if (!st)
        return;
    if (st->pending)
        free_values(st->pending_vals, (size_t)st->pending_rows * (size_t)st->pending->row_params);
    free(st->pending_vals);
    if (st->conn)
        PQfinish(st->conn);
    for (size_t i = 0; i < st->nprepared; i++)
        free_prepared(st->prepared[i]);
    free(st->prepared);
    strbuf_release(&st->deferred_why);
    free(st->base.url_display);
    free(st);
}

/* Whether sql is one statement (a ';' only at its end): it can then travel in the pipeline. */
static bool single_statement(const char *sql)
{
    for (const char *p = sql; *p; p++) {
        if (*p == '\'' || *p == '"') {
            char q = *p;
            for (p++; *p && *p != q; p++)
                ;
            if (!*p)
                return false;
        } else if (*p == ';') {
            for (p++; *p; p++)
                if (!isspace((unsigned char)*p))
                    return false;
            return true;
        } else if ((p[0] == '-' && p[1] == '-') || (p[0] == '/' && p[1] == '*') || *p == '$') {
            return false; /* comments and dollar quotes: leave them to the simple protocol */
        }
    }
    return true;
}

/* Forgets what was queued and its errors: the work is being undone. */
static void discard_deferred(struct store *st)
{
    struct strbuf ignored = STRBUF_INIT;

    if (st->pending)
        free_values(st->pending_vals, (size_t)st->pending_rows * (size_t)st->pending->row_params);
    st->pending = NULL;
    st->pending_rows = 0;
    if (st->inflight)
        sync_and_drain(st, false, NULL, &ignored);
    st->deferred_status = STORE_DONE;
    strbuf_reset(&st->deferred_why);
    strbuf_release(&ignored);
}

static int pg_exec(struct store *st, const char *sql, struct strbuf *why)
{
    PGresult *res;
    int status;
    const char *head = skip_blanks(sql);

    if (single_statement(sql)) {
        /* "ROLLBACK TO SAVEPOINT" undoes whatever was queued since the savepoint (which was
         * itself a sync point), errors included. */
        if (st->in_tx && word_at(head, "ROLLBACK"))
            discard_deferred(st);
        status = send_pending(st, why);
        if (status != STORE_DONE)
            return status;
        if (!PQsendQueryParams(st->conn, sql, 0, NULL, NULL, NULL, NULL, 0))
            return send_failed(st, why);
        /* A SAVEPOINT inside a transaction cannot fail on its own: its answer, like an
         * INSERT's, is read at the next sync point. */
        if (st->in_tx && word_at(head, "SAVEPOINT"))
            return after_deferred_send(st, why);
        res = NULL;
        status = sync_and_drain(st, true, &res, why);
        if (status == STORE_DONE && (!res || (PQresultStatus(res) != PGRES_COMMAND_OK &&
                                              PQresultStatus(res) != PGRES_TUPLES_OK &&
                                              PQresultStatus(res) != PGRES_EMPTY_QUERY)))
            status = result_error(st, res, why);
        PQclear(res);
        return status;
    }
    status = flush_all(st, why);
    if (status != STORE_DONE)
        return status;
    /* Several statements in one string need the simple protocol, outside pipeline mode. */
    if (!PQexitPipelineMode(st->conn))
        return send_failed(st, why);
    res = PQexec(st->conn, sql);
    if (!res ||
        (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK &&
         PQresultStatus(res) != PGRES_EMPTY_QUERY))
        status = result_error(st, res, why);
    PQclear(res);
    if (!PQenterPipelineMode(st->conn) && status == STORE_DONE)
        status = send_failed(st, why);
    return status;
}

/* Runs a query with text parameters that returns rows and waits for it; *out owns them. */
static int run_query(struct store *st, const char *sql, int n, const char *const *vals,
                     PGresult **out, struct strbuf *why)
{
    int status;

    *out = NULL;
    if (!PQsendQueryParams(st->conn, sql, n, NULL, vals, NULL, NULL, 0))
        return send_failed(st, why);
    status = sync_and_drain(st, true, out, why);
    if (status == STORE_DONE && (!*out || PQresultStatus(*out) != PGRES_TUPLES_OK)) {
        status = result_error(st, *out, why);
        PQclear(*out);
        *out = NULL;
    }
    return status;
}

/* Sets prep->id_seq when prep->table's id column takes its values from a sequence (an
 * identity or serial column); otherwise the statement is not queued. Cannot fail the
 * transaction: to_regclass answers NULL rather than an error. */
static int identity_of(struct store *st, struct pg_prepared *prep, struct strbuf *why)
{
    const char *vals[1] = {prep->table};
    PGresult *res;
    int status = run_query(st,
                           "SELECT pg_get_serial_sequence(c.oid::regclass::text, a.attname) "
                           "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
                           "WHERE c.oid = to_regclass($1) AND a.attname = 'id' "
                           "AND NOT a.attisdropped",
                           1, vals, &res, why);

    if (status != STORE_DONE)
        return status;
    if (PQntuples(res) == 1 && !PQgetisnull(res, 0, 0)) {
        prep->id_seq = xstrdup(PQgetvalue(res, 0, 0));
        prep->id_block = 1;
    } else {
        free(prep->insert_head);
        free(prep->insert_tuple);
        prep->insert_head = prep->insert_tuple = NULL;
    }
    PQclear(res);
    return STORE_DONE;
}

/* The next id of prep's sequence, drawing a block of nextval() when none is left. */
static int next_id(struct store *st, struct pg_prepared *prep, int64_t *id, struct strbuf *why)
{
    if (prep->id_pos == prep->nr_ids) {
        char n[24];
        const char *vals[2] = {prep->id_seq, n};
        PGresult *res;
        int status;

        snprintf(n, sizeof(n), "%zu", prep->id_block);
        status = run_query(st, "SELECT nextval($1::regclass) FROM generate_series(1, $2::int)", 2,
                           vals, &res, why);
        if (status != STORE_DONE)
            return status;
        prep->nr_ids = (size_t)PQntuples(res);
        prep->id_pos = 0;
        prep->ids = xrealloc(prep->ids, st_mult(prep->nr_ids ? prep->nr_ids : 1, sizeof(int64_t)));
        for (size_t i = 0; i < prep->nr_ids; i++)
            prep->ids[i] = strtoll(PQgetvalue(res, (int)i, 0), NULL, 10);
        PQclear(res);
        if (prep->id_block < PG_MAX_ID_BLOCK)
            prep->id_block *= 2;
        if (!prep->nr_ids) {
            strbuf_addf(why, "postgresql %s: no value from sequence %s", st->base.url_display,
                        prep->id_seq);
            return STORE_ERROR;
        }
    }
    *id = prep->ids[prep->id_pos++];
    return STORE_DONE;
}

static struct pg_prepared *find_prepared(struct store *st, const char *sql)
{
    for (size_t i = 0; i < st->nprepared; i++)
        if (!strcmp(st->prepared[i]->sql, sql))
            return st->prepared[i];
    return NULL;
}

static int pg_prepare(struct store *st, const char *sql, struct store_stmt **out,
                      struct strbuf *why)
{
    struct pg_prepared *prep = find_prepared(st, sql);
    struct store_stmt *s;

    *out = NULL;
    if (!prep) {
        struct strbuf numbered = STRBUF_INIT;
        char name[32];
        PGresult *res = NULL;
        int status;
        int n = number_placeholders(sql, &numbered);

        if (n > PG_MAX_PARAMS) {
            strbuf_addf(why, "postgresql: statement has %d parameters, at most %d allowed", n,
                        PG_MAX_PARAMS);
            strbuf_release(&numbered);
            return STORE_ERROR;
        }
        status = send_pending(st, why);
        if (status != STORE_DONE) {
            strbuf_release(&numbered);
            return status;
        }
        snprintf(name, sizeof(name), "jx%u", st->next_name++);
        if (!PQsendPrepare(st->conn, name, numbered.buf, 0, NULL)) {
            strbuf_release(&numbered);
            return send_failed(st, why);
        }
        strbuf_release(&numbered);
        status = sync_and_drain(st, true, &res, why);
        if (status == STORE_DONE && (!res || PQresultStatus(res) != PGRES_COMMAND_OK))
            status = result_error(st, res, why);
        PQclear(res);
        if (status != STORE_DONE)
            return status;
        prep = xcalloc(1, sizeof(*prep));
        prep->sql = xstrdup(sql);
        prep->name = xstrdup(name);
        prep->nparams = n;
        classify_insert(prep);
        if (prep->table) {
            status = identity_of(st, prep, why);
            free(prep->table);
            prep->table = NULL;
            if (status != STORE_DONE) {
                free_prepared(prep);
                return status;
            }
        }
        if (prep->insert_tuple)
            settle_insert(prep);
        ALLOC_GROW(st->prepared, st->nprepared + 1, st->prepared_alloc);
        st->prepared[st->nprepared++] = prep;
    }
    s = xcalloc(1, sizeof(*s));
    s->st = st;
    s->prep = prep;
    s->vals = xcalloc(prep->nparams ? (size_t)prep->nparams : 1, sizeof(char *));
    *out = s;
    return STORE_DONE;
}

static int set_param(struct store_stmt *s, int idx, char *val)
{
    if (idx < 1 || idx > s->prep->nparams) {
        free(val);
        return STORE_ERROR;
    }
    free(s->vals[idx - 1]);
    s->vals[idx - 1] = val;
    return STORE_DONE;
}

static int pg_bind_int64(struct store_stmt *s, int idx, int64_t v)
{
    char buf[24];

    snprintf(buf, sizeof(buf), "%" PRId64, v);
    return set_param(s, idx, xstrdup(buf));
}

static int pg_bind_text(struct store_stmt *s, int idx, const char *text, size_t len)
{
    if (memchr(text, '\0', len))
        return STORE_ERROR; /* PostgreSQL text cannot hold NUL */
    return set_param(s, idx, xmemdupz(text, len));
}

static int pg_bind_null(struct store_stmt *s, int idx)
{
    return set_param(s, idx, NULL);
}

/* Queues the bound row of a deferrable INSERT; rows of one statement travel together. */
static int defer_insert(struct store_stmt *s, struct strbuf *why)
{
    struct store *st = s->st;
    struct pg_prepared *prep = s->prep;
    size_t n = (size_t)prep->row_params, at;
    int64_t id = 0;
    int status;

    if (prep->id_seq && (status = next_id(st, prep, &id, why)) != STORE_DONE)
        return status;
    if (st->pending != prep) {
        status = send_pending(st, why);
        if (status != STORE_DONE)
            return status;
        st->pending = prep;
    }
    ALLOC_GROW(st->pending_vals, ((size_t)st->pending_rows + 1) * n, st->pending_alloc);
    at = (size_t)st->pending_rows * n;
    if (prep->id_seq) {
        snprintf(s->id_text, sizeof(s->id_text), "%" PRId64, id);
        st->pending_vals[at++] = xstrdup(s->id_text);
    }
    for (size_t i = 0; i < (size_t)prep->nparams; i++) {
        st->pending_vals[at++] = s->vals[i];
        s->vals[i] = NULL;
    }
    st->pending_rows++;
    s->executed = true;
    s->changes = 1;
    if (prep->id_seq) {
        s->id_row = true;
        s->id = id;
        s->nrows = 1;
        s->row = 0;
    }
    if (st->pending_rows >= prep->batch_rows && (status = send_pending(st, why)) != STORE_DONE)
        return status;
    return s->id_row ? STORE_ROW : STORE_DONE;
}

static int pg_step(struct store_stmt *s, struct strbuf *why)
{
    struct store *st = s->st;
    int status;
    PGresult *res = NULL;

    if (s->executed) {
        if (s->row + 1 < s->nrows) {
            s->row++;
            return STORE_ROW;
        }
        s->row = s->nrows;
        return STORE_DONE;
    }
    if (st->in_tx && s->prep->insert_tuple)
        return defer_insert(s, why);
    status = send_pending(st, why);
    if (status != STORE_DONE)
        return status;
    if (!PQsendQueryPrepared(st->conn, s->prep->name, s->prep->nparams,
                             (const char *const *)s->vals, NULL, NULL, 0))
        return send_failed(st, why);
    status = sync_and_drain(st, true, &res, why);
    if (status != STORE_DONE) {
        PQclear(res);
        return status;
    }
    s->executed = true;
    switch (res ? PQresultStatus(res) : PGRES_FATAL_ERROR) {
    case PGRES_TUPLES_OK:
        s->res = res;
        s->nrows = PQntuples(res);
        s->row = 0;
        s->changes = strtoll(PQcmdTuples(res), NULL, 10);
        if (s->nrows > 0)
            return STORE_ROW;
        return STORE_DONE;
    case PGRES_COMMAND_OK:
        s->changes = strtoll(PQcmdTuples(res), NULL, 10);
        PQclear(res);
        return STORE_DONE;
    default:
        s->executed = false;
        status = result_error(st, res, why);
        PQclear(res);
        return status;
    }
}

static bool in_row(const struct store_stmt *s, int col)
{
    if (s->id_row)
        return false;
    return s->res && s->row < s->nrows && col >= 0 && col < PQnfields(s->res);
}

static int64_t pg_column_int64(struct store_stmt *s, int col)
{
    const char *v;

    if (s->id_row)
        return col == 0 && s->row == 0 ? s->id : 0;
    if (!in_row(s, col) || PQgetisnull(s->res, s->row, col))
        return 0;
    v = PQgetvalue(s->res, s->row, col);
    if (v[0] == 't' && !v[1])
        return 1; /* boolean */
    return strtoll(v, NULL, 10);
}

static const char *pg_column_text(struct store_stmt *s, int col, size_t *len)
{
    if (s->id_row && col == 0 && s->row == 0) {
        if (len)
            *len = strlen(s->id_text);
        return s->id_text;
    }
    if (!in_row(s, col) || PQgetisnull(s->res, s->row, col)) {
        if (len)
            *len = 0;
        return NULL;
    }
    if (len)
        *len = (size_t)PQgetlength(s->res, s->row, col);
    return PQgetvalue(s->res, s->row, col);
}

static bool pg_column_is_null(struct store_stmt *s, int col)
{
    if (s->id_row)
        return !(col == 0 && s->row == 0);
    return !in_row(s, col) || PQgetisnull(s->res, s->row, col);
}

static int64_t pg_changes(struct store_stmt *s)
{
    return s->changes;
}

static void pg_reset(struct store_stmt *s)
{
    PQclear(s->res);
    s->res = NULL;
    s->row = s->nrows = 0;
    s->executed = false;
    s->id_row = false;
    free_values(s->vals, (size_t)s->prep->nparams);
}

static void pg_finalize(struct store_stmt *s)
{
    if (!s)
        return;
    pg_reset(s);
    free(s->vals);
    free(s);
}

/* Gives up the ids drawn and not used: they are valid only until the transaction ends. */
static void forget_ids(struct store *st)
{
    for (size_t i = 0; i < st->nprepared; i++) {
        st->prepared[i]->nr_ids = st->prepared[i]->id_pos = 0;
        st->prepared[i]->id_block = 1;
    }
}

static int pg_begin(struct store *st, struct strbuf *why)
{
    int status = flush_all(st, why);

    if (status != STORE_DONE)
        return status;
    /* BEGIN cannot fail on a healthy connection; its answer is read with the next one. */
    if (!PQsendQueryParams(st->conn, "BEGIN", 0, NULL, NULL, NULL, NULL, 0))
        return send_failed(st, why);
    st->in_tx = true;
    return after_deferred_send(st, why);
}

static int pg_commit(struct store *st, struct strbuf *why)
{
    int status = send_pending(st, why);

    if (status == STORE_DONE) {
        PGresult *res = NULL;

        if (!PQsendQueryParams(st->conn, "COMMIT", 0, NULL, NULL, NULL, NULL, 0))
            status = send_failed(st, why);
        else
            status = sync_and_drain(st, true, &res, why);
        if (status == STORE_DONE && (!res || PQresultStatus(res) != PGRES_COMMAND_OK))
            status = result_error(st, res, why);
        /* COMMIT of a transaction that failed earlier answers "ROLLBACK", not an error */
        if (status == STORE_DONE && strcmp(PQcmdStatus(res), "COMMIT")) {
            strbuf_addf(why,
                        "postgresql %s: the transaction had failed and was rolled back, "
                        "nothing was written",
                        st->base.url_display);
            status = STORE_ERROR;
        }
        PQclear(res);
    }
    st->in_tx = false;
    forget_ids(st);
    if (status != STORE_DONE) {
        /* a failed transaction block stays open on the server until it is rolled back */
        struct strbuf ignored = STRBUF_INIT;
        run_simple(st, "ROLLBACK", &ignored);
        strbuf_release(&ignored);
    }
    return status;
}

static int pg_rollback(struct store *st, struct strbuf *why)
{
    /* Whatever was queued belongs to the transaction being abandoned: its errors too. */
    discard_deferred(st);
    st->in_tx = false;
    forget_ids(st);
    return run_simple(st, "ROLLBACK", why);
}

static int pg_backup(struct store *st, const char *dest, struct strbuf *why)
{
    strbuf_addf(why,
                "backup of a postgresql store is done by the server's own tool: "
                "pg_dump -Fc -d '%s' -f '%s' (restore with pg_restore -d URL '%s')",
                st->base.url_display, dest, dest);
    return STORE_BADURL;
}

const struct store_ops store_pg_ops = {
    .name = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .bind_int64 = pg_bind_int64,
    .bind_text = pg_bind_text,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .column_int64 = pg_column_int64,
    .column_text = pg_column_text,
    .column_is_null = pg_column_is_null,
    .changes = pg_changes,
    .reset = pg_reset,
    .finalize = pg_finalize,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .backup = pg_backup,
    .id_type = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
};
