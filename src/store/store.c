/*
 * Opening a store: the URL names the backend, picked from a NULL-terminated table
 * (OpenSMTPD's backends[]). Everything after opening goes through the backend's ops.
 */
#include <string.h>

#include <sodium.h>

#include "store/store.h"

struct backend {
    const char *prefix; /* URL prefix that selects the backend */
    const struct store_ops *ops;
};

static const struct backend backends[] = {
    {"sqlite:", &store_sqlite_ops},
    {"postgresql://", &store_pg_ops},
    {"postgres://", &store_pg_ops},
    {NULL, NULL},
};

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && !strcmp(s + n - m, suffix);
}

int store_open(const char *url, struct store **out, struct strbuf *why)
{
    struct strbuf full = STRBUF_INIT;
    int status;

    *out = NULL;
    /* SHA-256 of sources and of the audit chain; sodium_init is idempotent and thread-safe. */
    if (sodium_init() < 0) {
        strbuf_addstr(why, "cannot initialise libsodium");
        return STORE_ERROR;
    }
    if (!url || !*url)
        url = "sqlite:jixiao.db";
    for (const struct backend *b = backends; b->prefix; b++)
        if (!strncmp(url, b->prefix, strlen(b->prefix)))
            return b->ops->open(url, out, why);
    if (!strchr(url, ':') &&
        (ends_with(url, ".db") || ends_with(url, ".sqlite") || ends_with(url, ".sqlite3"))) {
        strbuf_addf(&full, "sqlite:%s", url);
        status = store_sqlite_ops.open(full.buf, out, why);
        strbuf_release(&full);
        return status;
    }
    strbuf_addf(why,
                "unknown store URL '%s': use sqlite:PATH, a PATH ending in .db, or "
                "postgresql://[user[:password]@]host[:port]/dbname",
                url);
    return STORE_BADURL;
}

void store_close(struct store *st)
{
    if (st)
        store_ops_of(st)->close(st);
}

const struct store_ops *store_ops_of(const struct store *st)
{
    return ((const struct store_base *)st)->ops;
}
