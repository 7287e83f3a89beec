/*
 * The audit chain and the write transactions that extend it (see store_audit.h).
 *
 * Canonical text of a row: its fields in table order, each followed by '\n', NULL written
 * as the two bytes "\\N" and every '\\' and '\n' in a value escaped, so that two different
 * rows never have the same text. hash(n) = hex SHA-256(hash(n-1) || text(n)), hash(0) is
 * 64 zeros.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/xalloc.h"
#include "store/store_audit.h"
#include "store/store_stmt.h"

static const char zero_hash[] = "0000000000000000000000000000000000000000000000000000000000000000";

void store_sha256_hex(const void *data, size_t len, char out[STORE_SHA256_HEX])
{
    unsigned char h[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(h, data, len);
    sodium_bin2hex(out, STORE_SHA256_HEX, h, sizeof(h));
}

static void add_field(struct strbuf *sb, const char *v)
{
    if (!v) {
        strbuf_addstr(sb, "\\N\n");
        return;
    }
    for (; *v; v++) {
        if (*v == '\\' || *v == '\n')
            strbuf_addch(sb, '\\');
        strbuf_addch(sb, *v == '\n' ? 'n' : *v);
    }
    strbuf_addch(sb, '\n');
}

static void add_int_field(struct strbuf *sb, int64_t v)
{
    strbuf_addf(sb, "%" PRId64 "\n", v);
}

static void chain_hash(const char *prev, int64_t seq, const struct store_audit_entry *e,
                       char out[STORE_SHA256_HEX])
{
    struct strbuf text = STRBUF_INIT;

    strbuf_addstr(&text, prev);
    add_int_field(&text, seq);
    add_field(&text, e->at);
    add_field(&text, e->actor);
    add_field(&text, e->action);
    add_field(&text, e->entity);
    add_int_field(&text, e->entity_id);
    add_field(&text, e->before);
    add_field(&text, e->after);
    add_field(&text, e->detail);
    store_sha256_hex(text.buf, text.len, out);
    strbuf_release(&text);
}

static int prepare_once(struct store *st, struct store_stmt **s, const char *sql,
                        struct strbuf *why)
{
    if (*s)
        return STORE_DONE;
    return store_ops_of(st)->prepare(st, sql, s, why);
}

void store_tx_init(struct store_tx *tx, struct store *st)
{
    memset(tx, 0, sizeof(*tx));
    tx->st = st;
}

void store_tx_release(struct store_tx *tx)
{
    const struct store_ops *ops;

    if (!tx->st)
        return;
    ops = store_ops_of(tx->st);
    store_tx_rollback(tx);
    ops->finalize(tx->lock);
    ops->finalize(tx->head);
    ops->finalize(tx->insert);
    ops->finalize(tx->set_head);
    memset(tx, 0, sizeof(*tx));
}

int store_tx_begin(struct store_tx *tx, struct strbuf *why)
{
    const struct store_ops *ops = store_ops_of(tx->st);
    int status;
    size_t len;
    const char *h;

    /* Prepared outside the transaction: the PostgreSQL backend answers them at once. */
    status = prepare_once(tx->st, &tx->lock, "UPDATE audit_head SET seq = seq WHERE id = 1", why);
    if (status == STORE_DONE)
        status =
            prepare_once(tx->st, &tx->head, "SELECT seq, hash FROM audit_head WHERE id = 1", why);
    if (status != STORE_DONE)
        return status;
    status = ops->begin(tx->st, why);
    if (status != STORE_DONE)
        return status;
    tx->active = true;
    /* The row lock on audit_head (PostgreSQL) serialises writers until commit; SQLite's
     * BEGIN IMMEDIATE already did. Read the head only after holding the lock. */
    status = stmt_run(ops, tx->lock, why);
    if (status != STORE_DONE)
        goto fail;
    status = ops->step(tx->head, why);
    if (status != STORE_ROW) {
        if (status == STORE_DONE) {
            strbuf_addstr(why, "the audit chain head is missing (run 'jixiao db verify-audit')");
            status = STORE_ERROR;
        }
        ops->reset(tx->head);
        goto fail;
    }
    tx->seq = ops->column_int64(tx->head, 0);
    h = ops->column_text(tx->head, 1, &len);
    snprintf(tx->hash, sizeof(tx->hash), "%.*s", (int)(h ? len : 0), h ? h : "");
    ops->reset(tx->head);
    return STORE_DONE;
fail:
    store_tx_rollback(tx);
    return status;
}

int store_tx_commit(struct store_tx *tx, struct strbuf *why)
{
    const struct store_ops *ops = store_ops_of(tx->st);
    int status;

    if (!tx->active)
        JX_BUG("commit without a transaction");
    status = prepare_once(tx->st, &tx->set_head,
                          "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", why);
    if (status == STORE_DONE) {
        ops->bind_int64(tx->set_head, 1, tx->seq);
        ops->bind_text(tx->set_head, 2, tx->hash, strlen(tx->hash));
        status = stmt_run(ops, tx->set_head, why);
    }
    if (status == STORE_DONE) {
        status = ops->commit(tx->st, why);
        tx->active = false; /* commit ends the transaction either way */
        return status;
    }
    store_tx_rollback(tx);
    return status;
}

void store_tx_rollback(struct store_tx *tx)
{
    struct strbuf ignored = STRBUF_INIT;

    if (!tx->active)
        return;
    store_ops_of(tx->st)->rollback(tx->st, &ignored);
    strbuf_release(&ignored);
    tx->active = false;
}

int store_tx_savepoint(struct store_tx *tx, struct strbuf *why)
{
    tx->saved_seq = tx->seq;
    memcpy(tx->saved_hash, tx->hash, sizeof(tx->hash));
    return store_ops_of(tx->st)->exec(tx->st, "SAVEPOINT jx_file", why);
}

int store_tx_release_savepoint(struct store_tx *tx, struct strbuf *why)
{
    return store_ops_of(tx->st)->exec(tx->st, "RELEASE SAVEPOINT jx_file", why);
}

int store_tx_undo_savepoint(struct store_tx *tx, struct strbuf *why)
{
    int status = store_ops_of(tx->st)->exec(tx->st, "ROLLBACK TO SAVEPOINT jx_file", why);

    if (status == STORE_DONE)
        status = store_ops_of(tx->st)->exec(tx->st, "RELEASE SAVEPOINT jx_file", why);
    tx->seq = tx->saved_seq;
    memcpy(tx->hash, tx->saved_hash, sizeof(tx->hash));
    return status;
}

int store_audit_append(struct store_tx *tx, const struct store_audit_entry *e, struct strbuf *why)
{
    const struct store_ops *ops = store_ops_of(tx->st);
    struct store_stmt *s;
    char hash[STORE_SHA256_HEX];
    int status;

    if (!tx->active)
        JX_BUG("audit row outside a transaction");
    status = prepare_once(tx->st, &tx->insert,
                          "INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, "
                          "before_digest, after_digest, detail, hash) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          why);
    if (status != STORE_DONE)
        return status;
    s = tx->insert;
    chain_hash(tx->hash, tx->seq + 1, e, hash);
    ops->bind_int64(s, 1, tx->seq + 1);
    stmt_bind_text_or_null(ops, s, 2, e->at);
    stmt_bind_text_or_null(ops, s, 3, e->actor);
    stmt_bind_text_or_null(ops, s, 4, e->action);
    stmt_bind_text_or_null(ops, s, 5, e->entity);
    ops->bind_int64(s, 6, e->entity_id);
    stmt_bind_text_or_null(ops, s, 7, e->before);
    stmt_bind_text_or_null(ops, s, 8, e->after);
    stmt_bind_text_or_null(ops, s, 9, e->detail);
    ops->bind_text(s, 10, hash, strlen(hash));
    status = stmt_run(ops, s, why);
    if (status == STORE_DONE) {
        tx->seq++;
        memcpy(tx->hash, hash, sizeof(hash));
    }
    return status;
}

static const char *col(const struct store_ops *ops, struct store_stmt *s, int c)
{
    return ops->column_text(s, c, NULL);
}

/* What the chain says about one change of an evaluation, for checking the tables. */
struct audited {
    int64_t eval_id, seq;
    bool load;      /* create/update: digest is the source SHA-256 */
    char after[96]; /* the source SHA-256, or status@version of a review step */
};

struct audited_list {
    struct audited *v;
    size_t nr, alloc;
};

static void note_change(struct audited_list *l, const struct store_audit_entry *e, int64_t seq)
{
    bool load = e->action && (!strcmp(e->action, "create") || !strcmp(e->action, "update"));

    if (!e->entity || strcmp(e->entity, "evaluation"))
        return;
    ALLOC_GROW(l->v, l->nr + 1, l->alloc);
    l->v[l->nr].eval_id = e->entity_id;
    l->v[l->nr].seq = seq;
    l->v[l->nr].load = load;
    snprintf(l->v[l->nr].after, sizeof(l->v[0].after), "%s", e->after ? e->after : "");
    l->nr++;
}

static int cmp_audited(const void *pa, const void *pb)
{
    const struct audited *a = pa, *b = pb;

    if (a->eval_id != b->eval_id)
        return a->eval_id < b->eval_id ? -1 : 1;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

/* The first change of evaluation id in l (sorted), or l->nr. */
static size_t first_change(const struct audited_list *l, int64_t id)
{
    size_t lo = 0, hi = l->nr;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->v[mid].eval_id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

#define RESTORE_HINT                                                                               \
    "it was changed outside jixiao; restore the database from a backup ('jixiao db backup') and "  \
    "load the lost changes again"

/* Every stored revision's source against the digest its load recorded in the chain. */
static int check_sources(struct store *st, const struct audited_list *l,
                         struct store_audit_report *r, struct strbuf *why)
{
    const struct store_ops *ops = store_ops_of(st);
    struct store_stmt *s;
    int status = ops->prepare(st,
                              "SELECT evaluation_id, revision, source FROM evaluation_versions "
                              "ORDER BY evaluation_id, revision",
                              &s, why);

    if (status != STORE_DONE)
        return status;
    while (!r->first_bad && (status = ops->step(s, why)) == STORE_ROW) {
        int64_t id = ops->column_int64(s, 0), rev = ops->column_int64(s, 1), k = 0;
        size_t len = 0, i;
        const char *src = ops->column_text(s, 2, &len);
        char sha[STORE_SHA256_HEX];

        /* revision n is the n-th load of the evaluation in the chain */
        for (i = first_change(l, id); i < l->nr && l->v[i].eval_id == id; i++)
            if (l->v[i].load && ++k == rev)
                break;
        if (i >= l->nr || l->v[i].eval_id != id) {
            r->first_bad = l->nr ? l->v[l->nr - 1].seq : 1;
            strbuf_addf(&r->what,
                        "evaluation %" PRId64 " revision %" PRId64
                        " has no load in the audit log: " RESTORE_HINT,
                        id, rev);
            break;
        }
        store_sha256_hex(src ? src : "", src ? len : 0, sha);
        if (strcmp(sha, l->v[i].after)) {
            r->first_bad = l->v[i].seq;
            strbuf_addf(&r->what,
                        "evaluation %" PRId64 " revision %" PRId64
                        ": its stored source does not match the SHA-256 recorded in audit row "
                        "%" PRId64 ": " RESTORE_HINT,
                        id, rev, l->v[i].seq);
        }
    }
    ops->finalize(s);
    return status == STORE_ROW ? STORE_DONE : status;
}

static bool same_text(const char *a, const char *b)
{
    return a && b && !strcmp(a, b);
}

/* Every evaluation's current digest, status and version against its last changes in the
 * chain, and its total and grade against its current revision. */
static int check_evaluations(struct store *st, const struct audited_list *l,
                             struct store_audit_report *r, struct strbuf *why)
{
    const struct store_ops *ops = store_ops_of(st);
    struct store_stmt *s;
    int status =
        ops->prepare(st,
                     "SELECT e.id, e.status, e.version, e.source_sha256, e.total, e.grade, "
                     "v.total, v.grade FROM evaluations e LEFT JOIN evaluation_versions v "
                     "ON v.evaluation_id = e.id AND v.revision = e.revision ORDER BY e.id",
                     &s, why);

    if (status != STORE_DONE)
        return status;
    while (!r->first_bad && (status = ops->step(s, why)) == STORE_ROW) {
        int64_t id = ops->column_int64(s, 0), version = ops->column_int64(s, 2), changes = 0;
        const char *st_now = ops->column_text(s, 1, NULL), *sha = ops->column_text(s, 3, NULL);
        const char *grade = ops->column_text(s, 5, NULL), *vgrade = ops->column_text(s, 7, NULL);
        const struct audited *last = NULL, *last_load = NULL;
        char want[96];
        const char *what = NULL;

        for (size_t i = first_change(l, id); i < l->nr && l->v[i].eval_id == id; i++) {
            last = &l->v[i];
            if (last->load)
                last_load = last;
            changes++;
        }
        if (!last || !last_load) {
            r->first_bad = l->nr ? l->v[l->nr - 1].seq : 1;
            strbuf_addf(&r->what,
                        "evaluation %" PRId64 " has no load in the audit log: " RESTORE_HINT, id);
            break;
        }
        if (last->load)
            snprintf(want, sizeof(want), "草稿@%" PRId64, changes);
        else
            snprintf(want, sizeof(want), "%s", last->after);
        {
            char now[96];

            snprintf(now, sizeof(now), "%s@%" PRId64, st_now ? st_now : "", version);
            if (version != changes || strcmp(now, want))
                what = "its status or version";
        }
        if (!what && !same_text(sha, last_load->after))
            what = "its source digest";
        if (!what &&
            (ops->column_is_null(s, 6) || ops->column_int64(s, 4) != ops->column_int64(s, 6) ||
             !same_text(grade, vgrade)))
            what = "its total or grade";
        if (what) {
            r->first_bad = last->seq;
            strbuf_addf(&r->what,
                        "evaluation %" PRId64 ": %s does not match audit row %" PRId64
                        " and its stored revision: " RESTORE_HINT,
                        id, what, last->seq);
        }
    }
    ops->finalize(s);
    return status == STORE_ROW ? STORE_DONE : status;
}

/* Log and head must be read from one snapshot: a writer committing between the two reads
 * would otherwise look like tampering. SQLite: a deferred BEGIN (the first read fixes the
 * snapshot, writers go on). PostgreSQL: REPEATABLE READ, one snapshot for the transaction. */
static int read_begin(struct store *st, struct strbuf *why)
{
    const struct store_ops *ops = store_ops_of(st);
    int status;

    if (strcmp(ops->name, "postgresql"))
        return ops->exec(st, "BEGIN", why);
    status = ops->begin(st, why);
    if (status == STORE_DONE)
        status = ops->exec(st, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", why);
    if (status != STORE_DONE) {
        struct strbuf ignored = STRBUF_INIT;
        ops->rollback(st, &ignored);
        strbuf_release(&ignored);
    }
    return status;
}

static int read_end(struct store *st, int status, struct strbuf *why)
{
    const struct store_ops *ops = store_ops_of(st);
    struct strbuf ignored = STRBUF_INIT;

    if (status == STORE_DONE)
        return strcmp(ops->name, "postgresql") ? ops->exec(st, "COMMIT", why)
                                               : ops->commit(st, why);
    ops->rollback(st, &ignored);
    strbuf_release(&ignored);
    return status;
}

static int verify_chain(struct store *st, struct store_audit_report *r, struct audited_list *l,
                        struct strbuf *why)
{
    const struct store_ops *ops = store_ops_of(st);
    struct store_stmt *s = NULL;
    char prev[STORE_SHA256_HEX], hash[STORE_SHA256_HEX];
    int64_t expect = 1, head_seq = 0;
    int status;

    memcpy(prev, zero_hash, sizeof(prev));
    status = ops->prepare(st,
                          "SELECT seq, at, actor, action, entity, entity_id, before_digest, "
                          "after_digest, detail, hash FROM audit_log ORDER BY seq",
                          &s, why);
    if (status != STORE_DONE)
        return status;
    while ((status = ops->step(s, why)) == STORE_ROW) {
        struct store_audit_entry e;
        int64_t seq = ops->column_int64(s, 0);
        const char *stored = col(ops, s, 9);

        e.at = col(ops, s, 1);
        e.actor = col(ops, s, 2);
        e.action = col(ops, s, 3);
        e.entity = col(ops, s, 4);
        e.entity_id = ops->column_int64(s, 5);
        e.before = col(ops, s, 6);
        e.after = col(ops, s, 7);
        e.detail = col(ops, s, 8);
        if (seq != expect) {
            r->first_bad = expect;
            strbuf_addf(&r->what, "audit row %" PRId64 " is missing (the next row is %" PRId64 ")",
                        expect, seq);
            break;
        }
        chain_hash(prev, seq, &e, hash);
        if (!stored || strcmp(stored, hash)) {
            r->first_bad = seq;
            strbuf_addf(&r->what,
                        "audit row %" PRId64 " (%s %s %" PRId64 " by %s at %s) was altered: its "
                        "hash does not match its contents and the row before it",
                        seq, e.action ? e.action : "?", e.entity ? e.entity : "?", e.entity_id,
                        e.actor ? e.actor : "?", e.at ? e.at : "?");
            break;
        }
        note_change(l, &e, seq);
        memcpy(prev, hash, sizeof(prev));
        r->rows++;
        expect++;
    }
    ops->finalize(s);
    s = NULL;
    if (status != STORE_DONE && status != STORE_ROW)
        return status;
    if (r->first_bad)
        return STORE_DONE;
    status = ops->prepare(st, "SELECT seq, hash FROM audit_head WHERE id = 1", &s, why);
    if (status != STORE_DONE)
        return status;
    status = ops->step(s, why);
    if (status == STORE_ROW) {
        const char *h = col(ops, s, 1);

        head_seq = ops->column_int64(s, 0);
        if (head_seq > r->rows) {
            r->first_bad = r->rows + 1;
            strbuf_addf(&r->what,
                        "audit rows %" PRId64 " to %" PRId64
                        " are missing (the log ends at %" PRId64 ")",
                        r->rows + 1, head_seq, r->rows);
        } else if (head_seq < r->rows || !h || strcmp(h, prev)) {
            r->first_bad = head_seq < r->rows ? head_seq + 1 : r->rows;
            strbuf_addf(&r->what, "the audit chain head (row %" PRId64 ") does not match the log",
                        head_seq);
        }
        status = STORE_DONE;
    } else if (status == STORE_DONE) {
        r->first_bad = 1;
        strbuf_addstr(&r->what, "the audit chain head is missing");
    }
    ops->finalize(s);
    return status;
}

int store_audit_verify(struct store *st, struct store_audit_report *r, struct strbuf *why)
{
    struct audited_list l = {NULL, 0, 0};
    int status;

    r->rows = 0;
    r->first_bad = 0;
    strbuf_reset(&r->what);
    status = read_begin(st, why);
    if (status != STORE_DONE)
        return status;
    status = verify_chain(st, r, &l, why);
    /* The chain is intact: what it recorded must be what the tables hold. */
    if (status == STORE_DONE && !r->first_bad) {
        if (l.nr > 1)
            qsort(l.v, l.nr, sizeof(*l.v), cmp_audited);
        status = check_sources(st, &l, r, why);
        if (status == STORE_DONE && !r->first_bad)
            status = check_evaluations(st, &l, r, why);
    }
    free(l.v);
    return read_end(st, status, why);
}
