/*
 * The schema of the store and its migrations, compiled into the binary. jx_meta holds the
 * schema version; migration n takes a database from version n-1 to n in one transaction.
 */
#ifndef JX_STORE_SCHEMA_H
#define JX_STORE_SCHEMA_H

#include <stdint.h>

#include "store/store.h"

/* The schema version this binary writes and reads. */
int64_t store_schema_latest(void);

/* The database's schema version, 0 when it is not initialised. */
int store_schema_version(struct store *st, int64_t *version, struct strbuf *why);

/*
 * Brings the schema to store_schema_latest(); idempotent. *from and *to (may be NULL) get
 * the versions before and after. STORE_SCHEMA when the database is newer than the binary.
 */
int store_migrate(struct store *st, int64_t *from, int64_t *to, struct strbuf *why);

/* STORE_DONE when the schema is exactly this binary's; STORE_SCHEMA with what to do. */
int store_schema_check(struct store *st, struct strbuf *why);

/* Drops every jixiao table (the test suites start each test from an empty store). */
int store_test_reset(struct store *st, struct strbuf *why);

#endif
