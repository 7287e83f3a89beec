/*
 * Write transactions and the audit log. Every change to the store is made inside a
 * store_tx and leaves one audit row per changed entity: who, when, what, and the digests
 * before and after. The rows are hash-chained: row n's hash is SHA-256 over row n-1's hash
 * and row n's canonical text, and the head of the chain (last sequence number and hash) is
 * kept in audit_head, so editing, deleting or truncating rows is detected by
 * store_audit_verify().
 *
 * A store_tx begins by locking audit_head: writers are serialised, so the chain never
 * forks, and a write transaction takes that one lock first (no lock-order deadlocks).
 */
#ifndef JX_STORE_AUDIT_H
#define JX_STORE_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

#define STORE_SHA256_HEX 65 /* 64 hex digits and the NUL */

/* Hex SHA-256 of data into out. */
void store_sha256_hex(const void *data, size_t len, char out[STORE_SHA256_HEX]);

struct store_tx {
    struct store *st;
    bool active;
    int64_t seq; /* the chain head inside the transaction */
    char hash[STORE_SHA256_HEX];
    int64_t saved_seq; /* the head at the open savepoint */
    char saved_hash[STORE_SHA256_HEX];
    struct store_stmt *lock, *head, *insert, *set_head;
};

/* No allocation; the statements are prepared on first use and kept until release. */
void store_tx_init(struct store_tx *tx, struct store *st);
void store_tx_release(struct store_tx *tx);
/* Begins a write transaction and locks the audit chain head. */
int store_tx_begin(struct store_tx *tx, struct strbuf *why);
/* Stores the new chain head and commits. On failure the transaction is rolled back. */
int store_tx_commit(struct store_tx *tx, struct strbuf *why);
/* Rolls back (no-op when no transaction is open). */
void store_tx_rollback(struct store_tx *tx);
/* SAVEPOINT per loaded file: release keeps its rows, undo drops them (and its audit rows). */
int store_tx_savepoint(struct store_tx *tx, struct strbuf *why);
int store_tx_release_savepoint(struct store_tx *tx, struct strbuf *why);
int store_tx_undo_savepoint(struct store_tx *tx, struct strbuf *why);

/* One audit row. at is UTC ISO-8601 (given by the caller: the store reads no clock). */
struct store_audit_entry {
    const char *at, *actor;
    const char *action; /* create, update, submit, return, approve, publish, user ... */
    const char *entity; /* evaluation, user */
    int64_t entity_id;
    const char *before, *after; /* digests (source SHA-256 or status@version); NULL = none */
    const char *detail;         /* file name, comment; NULL = none */
};

/* Appends one row to the chain inside tx. */
int store_audit_append(struct store_tx *tx, const struct store_audit_entry *e, struct strbuf *why);

struct store_audit_report {
    int64_t rows;       /* rows checked */
    int64_t first_bad;  /* sequence number of the first bad or missing row; 0 = chain intact */
    struct strbuf what; /* why that row is bad */
};

/*
 * Walks the whole chain. Returns STORE_DONE with report->first_bad 0 when intact, or > 0
 * with report->what explaining it; another status when the database cannot be read.
 */
int store_audit_verify(struct store *st, struct store_audit_report *report, struct strbuf *why);

#endif
