/*
 * Evaluations in the store: loading scored evaluations (new ones, new versions of known
 * ones, unchanged ones), reading them back, and the review workflow.
 *
 * An evaluation is identified by its unit, project, year and kind. Loading the same one
 * again with different source text adds a revision (every revision is kept, with its
 * source, digest, total, grade, author and time) and sends it back to 草稿; the same text
 * is "unchanged" and writes nothing.
 *
 * Optimistic locking: evaluations.version counts every change of the row. Every write names
 * the version it read (UPDATE … WHERE id = ? AND version = ?); when that changes no row the
 * write is refused with STORE_CONFLICT, never merged.
 *
 * Time is a parameter (UTC ISO-8601, "2026-11-25T14:30:00Z"): the store reads no clock.
 */
#ifndef JX_STORE_EVAL_H
#define JX_STORE_EVAL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/eval.h"
#include "store/store.h"

enum store_load_result {
    STORE_LOADED_NEW,       /* a new evaluation */
    STORE_LOADED_UPDATED,   /* a new revision of a known evaluation */
    STORE_LOADED_UNCHANGED, /* same source text as the current revision */
};

/*
 * A bulk loader: files are added inside batches (one transaction each), every file in its
 * own savepoint so that it is stored whole or not at all. Statements are prepared once.
 */
struct store_loader;

struct store_loader *store_loader_new(struct store *st, const char *actor, const char *at);
void store_loader_free(struct store_loader *l);
int store_loader_begin(struct store_loader *l, struct strbuf *why);
/*
 * Stores one scored evaluation (ev) with its source bytes; file is the name shown in the
 * version history. On STORE_CONFLICT only this file was undone and the batch goes on; on any
 * other error the batch is lost: call store_loader_abort().
 */
int store_loader_add(struct store_loader *l, const struct jx_eval *ev, const char *src, size_t len,
                     const char *file, enum store_load_result *res, int64_t *id,
                     struct strbuf *why);
int store_loader_commit(struct store_loader *l, struct strbuf *why);
void store_loader_abort(struct store_loader *l);

/* One file in its own transaction. */
int store_load_eval(struct store *st, const struct jx_eval *ev, const char *src, size_t len,
                    const char *file, const char *actor, const char *at,
                    enum store_load_result *res, int64_t *id, struct strbuf *why);

/* The current state of one evaluation; strings are owned (store_eval_info_release). */
struct store_eval_info {
    int64_t id, version, revision, year, total;
    int64_t planned, received, spent; /* 分; -1 when not given */
    char *unit, *department, *project, *kind, *status, *grade, *sha256, *updated_at, *updated_by;
};

void store_eval_info_release(struct store_eval_info *info);
/* STORE_NOTFOUND when there is no evaluation id. */
int store_eval_get(struct store *st, int64_t id, struct store_eval_info *info, struct strbuf *why);

struct store_list_filter {
    int64_t year; /* 0: every year */
};

/* Calls fn on every evaluation in id order (fn's non-zero return stops the walk and is
 * returned). */
int store_eval_list(struct store *st, const struct store_list_filter *f,
                    int (*fn)(const struct store_eval_info *info, void *data), void *data,
                    struct strbuf *why);

struct store_version_info {
    int64_t revision, total;
    const char *grade, *sha256, *file, *author, *created_at;
};

int store_eval_versions(struct store *st, int64_t id,
                        int (*fn)(const struct store_version_info *v, void *data), void *data,
                        struct strbuf *why);

struct store_indicator_row {
    int64_t seq, parent_seq; /* parent_seq 0 under the root */
    int64_t depth, weight, score;
    bool has_score;
    const char *name, *method, *target, *actual; /* NULL when absent */
};

/* The indicator tree of a revision (0: the current one), in file order. */
int store_eval_indicators(struct store *st, int64_t id, int64_t revision,
                          int (*fn)(const struct store_indicator_row *row, void *data), void *data,
                          struct strbuf *why);

/* The source text of a revision (0: the current one) into out. */
int store_eval_source(struct store *st, int64_t id, int64_t revision, struct strbuf *out,
                      struct strbuf *why);

/* The review workflow: 草稿/已退回 -submit-> 已提交 -approve-> 已审核 -publish-> 已公开;
 * return sends 已提交 or 已审核 back to 已退回. */
enum store_transition {
    STORE_SUBMIT,
    STORE_RETURN,
    STORE_APPROVE,
    STORE_PUBLISH,
};

const char *store_transition_name(enum store_transition t);
int store_transition_from_name(const char *name, enum store_transition *t);

/*
 * Moves evaluation id on, given the version the caller read. STORE_CONFLICT when the
 * version is stale or the status does not allow the step, STORE_NOTFOUND when there is no
 * such evaluation. On success *new_version (may be NULL) is the version now stored.
 */
int store_eval_transition(struct store *st, int64_t id, int64_t version_read,
                          enum store_transition t, const char *comment, const char *actor,
                          const char *at, int64_t *new_version, struct strbuf *why);

#endif
