/*
 * Loading evaluations into the store and reading them back (store_eval.h).
 *
 * The loader keeps its statements prepared for the whole load and a cache of unit ids
 * (a few hundred units serve 100,000 evaluations). The cache only ever holds ids that are
 * visible in the current transaction: it is emptied whenever a savepoint or the batch is
 * rolled back, since a unit created there is gone.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/method.h"
#include "core/xalloc.h"
#include "store/store_audit.h"
#include "store/store_eval.h"
#include "store/store_stmt.h"

#define UNIT_BUCKETS 1024

struct unit_node {
    struct unit_node *next;
    int64_t parent_key, id;
    char *name;
};

enum loader_stmt {
    S_UNIT_GET,
    S_UNIT_ADD,
    S_PROJ_GET,
    S_PROJ_ADD,
    S_EVAL_GET,
    S_EVAL_ADD,
    S_EVAL_UPD,
    S_VER_ADD,
    S_IND_ADD,
    S_SUR_ADD,
    S_COUNT_
};

static const char *const loader_sql[S_COUNT_] = {
    [S_UNIT_GET] = "SELECT id FROM units WHERE parent_key = ? AND name = ?",
    [S_UNIT_ADD] = "INSERT INTO units (name, level, parent_id, parent_key) VALUES (?, ?, ?, ?) "
                   "RETURNING id",
    [S_PROJ_GET] = "SELECT id FROM projects WHERE unit_id = ? AND name = ?",
    [S_PROJ_ADD] = "INSERT INTO projects (unit_id, name) VALUES (?, ?) RETURNING id",
    [S_EVAL_GET] = "SELECT id, version, revision, source_sha256, status FROM evaluations "
                   "WHERE project_id = ? AND year = ? AND kind = ?",
    [S_EVAL_ADD] = "INSERT INTO evaluations (project_id, year, kind, status, version, revision, "
                   "total, grade, budget_planned, budget_received, budget_spent, source_sha256, "
                   "updated_at, updated_by) VALUES (?, ?, ?, '草稿', 1, 1, ?, ?, ?, ?, ?, ?, ?, ?) "
                   "RETURNING id",
    [S_EVAL_UPD] = "UPDATE evaluations SET status = '草稿', version = version + 1, "
                   "revision = revision + 1, total = ?, grade = ?, budget_planned = ?, "
                   "budget_received = ?, budget_spent = ?, source_sha256 = ?, updated_at = ?, "
                   "updated_by = ? WHERE id = ? AND version = ?",
    [S_VER_ADD] = "INSERT INTO evaluation_versions (evaluation_id, revision, source, "
                  "source_sha256, file, total, grade, author, created_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    [S_IND_ADD] = "INSERT INTO indicators (version_id, seq, parent_seq, depth, name, weight, "
                  "score, method, target, actual) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [S_SUR_ADD] = "INSERT INTO survey_results (version_id, seq, survey, title, respondents, "
                  "issued, returned, valid, satisfaction) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
};

struct store_loader {
    struct store *st;
    const struct store_ops *ops;
    char *actor, *at;
    struct store_tx tx;
    struct store_stmt *s[S_COUNT_];
    struct unit_node *units[UNIT_BUCKETS];
};

/* ---- small helpers over the ops ---- */

/* Steps a statement expected to return at most one row; *found tells whether it did and
 * *id gets its first column. The statement is reset. */
static int step_id(const struct store_ops *ops, struct store_stmt *s, bool *found, int64_t *id,
                   struct strbuf *why)
{
    int status = ops->step(s, why);

    *found = status == STORE_ROW;
    if (*found) {
        *id = ops->column_int64(s, 0);
        status = STORE_DONE;
    }
    ops->reset(s);
    return status;
}

/* ---- the unit cache ---- */

static size_t unit_bucket(int64_t parent_key, const char *name)
{
    uint64_t h = 1469598103934665603u ^ (uint64_t)parent_key;

    for (; *name; name++)
        h = (h ^ (unsigned char)*name) * 1099511628211u;
    return (size_t)(h % UNIT_BUCKETS);
}

static void units_clear(struct store_loader *l)
{
    for (size_t i = 0; i < UNIT_BUCKETS; i++) {
        while (l->units[i]) {
            struct unit_node *n = l->units[i];
            l->units[i] = n->next;
            free(n->name);
            free(n);
        }
    }
}

/* The id of unit name under parent_id (0: top level), created when missing. */
static int unit_id(struct store_loader *l, const char *name, const char *level, int64_t parent_id,
                   int64_t *id, struct strbuf *why)
{
    const struct store_ops *ops = l->ops;
    size_t b = unit_bucket(parent_id, name);
    struct unit_node *n;
    bool found;
    int status;

    for (n = l->units[b]; n; n = n->next) {
        if (n->parent_key == parent_id && !strcmp(n->name, name)) {
            *id = n->id;
            return STORE_DONE;
        }
    }
    ops->bind_int64(l->s[S_UNIT_GET], 1, parent_id);
    stmt_bind_text_or_null(ops, l->s[S_UNIT_GET], 2, name);
    status = step_id(ops, l->s[S_UNIT_GET], &found, id, why);
    if (status == STORE_DONE && !found) {
        struct store_stmt *s = l->s[S_UNIT_ADD];

        stmt_bind_text_or_null(ops, s, 1, name);
        stmt_bind_text_or_null(ops, s, 2, level);
        stmt_bind_int_or_null(ops, s, 3, parent_id != 0, parent_id);
        ops->bind_int64(s, 4, parent_id);
        status = step_id(ops, s, &found, id, why);
        if (status == STORE_DONE && !found) {
            strbuf_addf(why, "unit '%s' was not created", name);
            status = STORE_ERROR;
        }
    }
    if (status != STORE_DONE)
        return status;
    n = xcalloc(1, sizeof(*n));
    n->parent_key = parent_id;
    n->id = *id;
    n->name = xstrdup(name);
    n->next = l->units[b];
    l->units[b] = n;
    return STORE_DONE;
}

/* ---- the loader ---- */

struct store_loader *store_loader_new(struct store *st, const char *actor, const char *at)
{
    struct store_loader *l = xcalloc(1, sizeof(*l));

    l->st = st;
    l->ops = store_ops_of(st);
    l->actor = xstrdup(actor);
    l->at = xstrdup(at);
    store_tx_init(&l->tx, st);
    return l;
}

void store_loader_free(struct store_loader *l)
{
    if (!l)
        return;
    store_tx_release(&l->tx);
    for (size_t i = 0; i < S_COUNT_; i++)
        l->ops->finalize(l->s[i]);
    units_clear(l);
    free(l->actor);
    free(l->at);
    free(l);
}

int store_loader_begin(struct store_loader *l, struct strbuf *why)
{
    /* Statements are prepared before the first transaction (the PostgreSQL backend answers
     * a prepare at once; SQLite does not mind). */
    for (size_t i = 0; i < S_COUNT_; i++) {
        if (!l->s[i]) {
            int status = l->ops->prepare(l->st, loader_sql[i], &l->s[i], why);
            if (status != STORE_DONE)
                return status;
        }
    }
    return store_tx_begin(&l->tx, why);
}

int store_loader_commit(struct store_loader *l, struct strbuf *why)
{
    int status = store_tx_commit(&l->tx, why);

    if (status != STORE_DONE)
        units_clear(l);
    return status;
}

void store_loader_abort(struct store_loader *l)
{
    store_tx_rollback(&l->tx);
    units_clear(l);
}

struct ind_walk {
    struct store_loader *l;
    int64_t version_id, seq;
    int status;
    struct strbuf *why;
};

static void add_indicators(struct ind_walk *w, const struct jx_indicator *parent,
                           int64_t parent_seq)
{
    const struct store_ops *ops = w->l->ops;
    struct store_stmt *s = w->l->s[S_IND_ADD];

    for (size_t i = 0; i < parent->nr_children && w->status == STORE_DONE; i++) {
        const struct jx_indicator *ind = &parent->children[i];
        bool leaf = indicator_is_leaf(ind);
        int64_t seq = ++w->seq;

        ops->bind_int64(s, 1, w->version_id);
        ops->bind_int64(s, 2, seq);
        stmt_bind_int_or_null(ops, s, 3, parent_seq != 0, parent_seq);
        ops->bind_int64(s, 4, ind->depth);
        stmt_bind_text_or_null(ops, s, 5, ind->name ? ind->name : "");
        ops->bind_int64(s, 6, ind->weight);
        stmt_bind_int_or_null(ops, s, 7, ind->scored, ind->score);
        stmt_bind_text_or_null(
            ops, s, 8, leaf && ind->method != JX_METHOD_NONE ? method_name(ind->method) : NULL);
        stmt_bind_text_or_null(ops, s, 9, ind->target_text);
        stmt_bind_text_or_null(ops, s, 10, ind->actual_text);
        w->status = stmt_run(ops, s, w->why);
        if (w->status == STORE_DONE)
            add_indicators(w, ind, seq);
    }
}

static int add_surveys(struct store_loader *l, const struct jx_eval *ev, int64_t version_id,
                       struct strbuf *why)
{
    const struct store_ops *ops = l->ops;
    struct store_stmt *s = l->s[S_SUR_ADD];
    int status = STORE_DONE;

    for (size_t i = 0; i < ev->nr_surveys && status == STORE_DONE; i++) {
        const struct jx_survey *sv = &ev->surveys[i];

        ops->bind_int64(s, 1, version_id);
        ops->bind_int64(s, 2, (int64_t)i + 1);
        stmt_bind_text_or_null(ops, s, 3, sv->id ? sv->id : "");
        stmt_bind_text_or_null(ops, s, 4, sv->title);
        stmt_bind_text_or_null(ops, s, 5, sv->respondents);
        stmt_bind_int_or_null(ops, s, 6, sv->issued >= 0, sv->issued);
        stmt_bind_int_or_null(ops, s, 7, sv->returned >= 0, sv->returned);
        stmt_bind_int_or_null(ops, s, 8, sv->valid >= 0, sv->valid);
        stmt_bind_int_or_null(ops, s, 9, sv->satisfaction >= 0, sv->satisfaction);
        status = stmt_run(ops, s, why);
    }
    return status;
}

/* The rows of one file; runs inside the file's savepoint. */
static int add_file(struct store_loader *l, const struct jx_eval *ev, const char *src, size_t len,
                    const char *file, enum store_load_result *res, int64_t *id_out,
                    struct strbuf *why)
{
    const struct store_ops *ops = l->ops;
    char sha[STORE_SHA256_HEX], old_sha[STORE_SHA256_HEX] = "";
    char old_status[32] = "";
    const char *kind = eval_kind_name(ev->kind);
    const char *grade = ev->grade ? ev->grade : "";
    int64_t dept = 0, unit, project, eval_id = 0, version = 0, revision = 1, version_id;
    bool found;
    int status;
    struct store_stmt *s;

    if (!ev->unit || !*ev->unit || !ev->project.name || !*ev->project.name) {
        strbuf_addstr(why, "the evaluation names no unit or no project");
        return STORE_CONFLICT;
    }
    store_sha256_hex(src, len, sha);
    if (ev->department && *ev->department && strcmp(ev->department, ev->unit)) {
        status = unit_id(l, ev->department, "部门", 0, &dept, why);
        if (status != STORE_DONE)
            return status;
    }
    status = unit_id(l, ev->unit, "单位", dept, &unit, why);
    if (status != STORE_DONE)
        return status;

    s = l->s[S_PROJ_GET];
    ops->bind_int64(s, 1, unit);
    stmt_bind_text_or_null(ops, s, 2, ev->project.name);
    status = step_id(ops, s, &found, &project, why);
    if (status == STORE_DONE && !found) {
        s = l->s[S_PROJ_ADD];
        ops->bind_int64(s, 1, unit);
        stmt_bind_text_or_null(ops, s, 2, ev->project.name);
        status = step_id(ops, s, &found, &project, why);
    }
    if (status != STORE_DONE)
        return status;

    s = l->s[S_EVAL_GET];
    ops->bind_int64(s, 1, project);
    ops->bind_int64(s, 2, ev->year);
    stmt_bind_text_or_null(ops, s, 3, kind);
    status = ops->step(s, why);
    found = status == STORE_ROW;
    if (found) {
        const char *h = ops->column_text(s, 3, NULL);

        eval_id = ops->column_int64(s, 0);
        version = ops->column_int64(s, 1);
        revision = ops->column_int64(s, 2) + 1;
        const char *st = ops->column_text(s, 4, NULL);

        snprintf(old_sha, sizeof(old_sha), "%s", h ? h : "");
        snprintf(old_status, sizeof(old_status), "%s", st ? st : "");
        status = STORE_DONE;
    }
    ops->reset(s);
    if (status != STORE_DONE)
        return status;
    *id_out = eval_id;
    if (found && !strcmp(old_sha, sha)) {
        *res = STORE_LOADED_UNCHANGED;
        return STORE_DONE;
    }
    /* A submitted, approved or published evaluation is under review or public: a load must
     * not silently turn it into a new 草稿. The status is read in the transaction that would
     * write, so this check cannot race with a transition. */
    if (found && strcmp(old_status, "草稿") != 0 && strcmp(old_status, "已退回") != 0) {
        if (!strcmp(old_status, "已公开"))
            strbuf_addf(why,
                        "evaluation %" PRId64 " is %s: it can no longer be changed by a load; "
                        "a published evaluation is final, store the correction as a new "
                        "evaluation (another year or kind)",
                        eval_id, old_status);
        else
            strbuf_addf(why,
                        "evaluation %" PRId64 " is %s: it can no longer be changed by a load; "
                        "send it back first ('jixiao db return %" PRId64
                        " --version N') and load the file again",
                        eval_id, old_status, eval_id);
        return STORE_CONFLICT;
    }

    if (!found) {
        s = l->s[S_EVAL_ADD];
        ops->bind_int64(s, 1, project);
        ops->bind_int64(s, 2, ev->year);
        stmt_bind_text_or_null(ops, s, 3, kind);
        ops->bind_int64(s, 4, ev->total);
        stmt_bind_text_or_null(ops, s, 5, grade);
        stmt_bind_int_or_null(ops, s, 6, ev->budget.has_planned, ev->budget.planned);
        stmt_bind_int_or_null(ops, s, 7, ev->budget.has_received, ev->budget.received);
        stmt_bind_int_or_null(ops, s, 8, ev->budget.has_spent, ev->budget.spent);
        stmt_bind_text_or_null(ops, s, 9, sha);
        stmt_bind_text_or_null(ops, s, 10, l->at);
        stmt_bind_text_or_null(ops, s, 11, l->actor);
        status = step_id(ops, s, &found, &eval_id, why);
        if (status != STORE_DONE)
            return status;
        *res = STORE_LOADED_NEW;
    } else {
        s = l->s[S_EVAL_UPD];
        ops->bind_int64(s, 1, ev->total);
        stmt_bind_text_or_null(ops, s, 2, grade);
        stmt_bind_int_or_null(ops, s, 3, ev->budget.has_planned, ev->budget.planned);
        stmt_bind_int_or_null(ops, s, 4, ev->budget.has_received, ev->budget.received);
        stmt_bind_int_or_null(ops, s, 5, ev->budget.has_spent, ev->budget.spent);
        stmt_bind_text_or_null(ops, s, 6, sha);
        stmt_bind_text_or_null(ops, s, 7, l->at);
        stmt_bind_text_or_null(ops, s, 8, l->actor);
        ops->bind_int64(s, 9, eval_id);
        ops->bind_int64(s, 10, version);
        status = ops->step(s, why);
        if (status == STORE_ROW)
            status = STORE_DONE;
        if (status == STORE_DONE && ops->changes(s) != 1) {
            strbuf_addf(why,
                        "evaluation %" PRId64 " changed while it was being loaded (version %" PRId64
                        " is no longer current); load the file again",
                        eval_id, version);
            status = STORE_CONFLICT;
        }
        ops->reset(s);
        if (status != STORE_DONE)
            return status;
        *res = STORE_LOADED_UPDATED;
    }
    *id_out = eval_id;

    s = l->s[S_VER_ADD];
    ops->bind_int64(s, 1, eval_id);
    ops->bind_int64(s, 2, revision);
    ops->bind_text(s, 3, src, len);
    stmt_bind_text_or_null(ops, s, 4, sha);
    stmt_bind_text_or_null(ops, s, 5, file);
    ops->bind_int64(s, 6, ev->total);
    stmt_bind_text_or_null(ops, s, 7, grade);
    stmt_bind_text_or_null(ops, s, 8, l->actor);
    stmt_bind_text_or_null(ops, s, 9, l->at);
    status = step_id(ops, s, &found, &version_id, why);
    if (status != STORE_DONE)
        return status;

    {
        struct ind_walk w = {l, version_id, 0, STORE_DONE, why};
        add_indicators(&w, &ev->root, 0);
        status = w.status;
    }
    if (status == STORE_DONE)
        status = add_surveys(l, ev, version_id, why);
    if (status == STORE_DONE) {
        struct store_audit_entry e = {
            .at = l->at,
            .actor = l->actor,
            .action = *res == STORE_LOADED_NEW ? "create" : "update",
            .entity = "evaluation",
            .entity_id = eval_id,
            .before = *res == STORE_LOADED_NEW ? NULL : old_sha,
            .after = sha,
            .detail = file,
        };
        status = store_audit_append(&l->tx, &e, why);
    }
    return status;
}

int store_loader_add(struct store_loader *l, const struct jx_eval *ev, const char *src, size_t len,
                     const char *file, enum store_load_result *res, int64_t *id, struct strbuf *why)
{
    int status = store_tx_savepoint(&l->tx, why);

    *id = 0;
    if (status != STORE_DONE)
        return status;
    status = add_file(l, ev, src, len, file, res, id, why);
    if (status == STORE_DONE)
        status = store_tx_release_savepoint(&l->tx, why);
    if (status != STORE_DONE) {
        struct strbuf ignored = STRBUF_INIT;
        int undo = store_tx_undo_savepoint(&l->tx, &ignored);

        strbuf_release(&ignored);
        units_clear(l);
        /* Only a conflict local to this file lets the batch go on. */
        if (status == STORE_CONFLICT && undo != STORE_DONE)
            status = undo;
    }
    return status;
}

int store_load_eval(struct store *st, const struct jx_eval *ev, const char *src, size_t len,
                    const char *file, const char *actor, const char *at,
                    enum store_load_result *res, int64_t *id, struct strbuf *why)
{
    struct store_loader *l = store_loader_new(st, actor, at);
    int status = store_loader_begin(l, why);

    if (status == STORE_DONE)
        status = store_loader_add(l, ev, src, len, file, res, id, why);
    if (status == STORE_DONE)
        status = store_loader_commit(l, why);
    else
        store_loader_abort(l);
    store_loader_free(l);
    return status;
}

/* ---- reading ---- */

#define INFO_COLUMNS                                                                               \
    "SELECT e.id, e.version, e.revision, e.year, e.total, e.budget_planned, "                      \
    "e.budget_received, e.budget_spent, u.name, d.name, p.name, e.kind, e.status, e.grade, "       \
    "e.source_sha256, e.updated_at, e.updated_by FROM evaluations e "                              \
    "JOIN projects p ON p.id = e.project_id JOIN units u ON u.id = p.unit_id "                     \
    "LEFT JOIN units d ON d.id = u.parent_id "

static void read_info(const struct store_ops *ops, struct store_stmt *s,
                      struct store_eval_info *info)
{
    info->id = ops->column_int64(s, 0);
    info->version = ops->column_int64(s, 1);
    info->revision = ops->column_int64(s, 2);
    info->year = ops->column_int64(s, 3);
    info->total = ops->column_int64(s, 4);
    info->planned = stmt_column_int_or_minus1(ops, s, 5);
    info->received = stmt_column_int_or_minus1(ops, s, 6);
    info->spent = stmt_column_int_or_minus1(ops, s, 7);
    info->unit = stmt_column_strdup(ops, s, 8);
    info->department = stmt_column_strdup(ops, s, 9);
    info->project = stmt_column_strdup(ops, s, 10);
    info->kind = stmt_column_strdup(ops, s, 11);
    info->status = stmt_column_strdup(ops, s, 12);
    info->grade = stmt_column_strdup(ops, s, 13);
    info->sha256 = stmt_column_strdup(ops, s, 14);
    info->updated_at = stmt_column_strdup(ops, s, 15);
    info->updated_by = stmt_column_strdup(ops, s, 16);
}

void store_eval_info_release(struct store_eval_info *info)
{
    free(info->unit);
    free(info->department);
    free(info->project);
    free(info->kind);
    free(info->status);
    free(info->grade);
    free(info->sha256);
    free(info->updated_at);
    free(info->updated_by);
    memset(info, 0, sizeof(*info));
}

int store_eval_get(struct store *st, int64_t id, struct store_eval_info *info, struct strbuf *why)
{
    const struct store_ops *ops = store_ops_of(st);
    struct store_stmt *s;
    int status = ops->prepare(st, INFO_COLUMNS "WHERE e.id = ?", &s, why);

    memset(info, 0, sizeof(*info));
    if (status != STORE_DONE)
        return status;
    ops->bind_int64(s, 1, id);
    status = ops->step(s, why);
    if (status == STORE_ROW) {
        read_info(ops, s, info);
        status = STORE_DONE;
    } else if (status == STORE_DONE) {
        strbuf_addf(why, "no evaluation %" PRId64 " in the store", id);
        status = STORE_NOTFOUND;
    }
    ops->finalize(s);
    return status;
}

int store_eval_list(struct store *st, const struct store_list_filter *f,
                    int (*fn)(const struct store_eval_info *info, void *data), void *data,
                    struct strbuf *why)
{
    const struct store_ops *ops = store_ops_of(st);
    struct store_stmt *s;
    int status = ops->prepare(st,
                              f && f->year ? INFO_COLUMNS "WHERE e.year = ? ORDER BY e.id"
                                           : INFO_COLUMNS "ORDER BY e.id",
                              &s, why);

    if (status != STORE_DONE)
        return status;
    if (f && f->year)
        ops->bind_int64(s, 1, f->year);
    while ((status = ops->step(s, why)) == STORE_ROW) {
        struct store_eval_info info;
        int rc;

        read_info(ops, s, &info);
        rc = fn(&info, data);
        store_eval_info_release(&info);
        if (rc) {
            status = rc;
            break;
        }
    }
    ops->finalize(s);
    return status;
}

int store_eval_versions(struct store *st, int64_t id,
                        int (*fn)(const struct store_version_info *v, void *data), void *data,
                        struct strbuf *why)
{
    const struct store_ops *ops = store_ops_of(st);
    struct store_stmt *s;
    int status = ops->prepare(st,
                              "SELECT revision, total, grade, source_sha256, file, author, "
                              "created_at FROM evaluation_versions WHERE evaluation_id = ? "
                              "ORDER BY revision",
                              &s, why);

    if (status != STORE_DONE)
        return status;
    ops->bind_int64(s, 1, id);
    while ((status = ops->step(s, why)) == STORE_ROW) {
        struct store_version_info v = {
            .revision = ops->column_int64(s, 0),
            .total = ops->column_int64(s, 1),
            .grade = ops->column_text(s, 2, NULL),
            .sha256 = ops->column_text(s, 3, NULL),
            .file = ops->column_text(s, 4, NULL),
            .author = ops->column_text(s, 5, NULL),
            .created_at = ops->column_text(s, 6, NULL),
        };
        int rc = fn(&v, data);
        if (rc) {
            status = rc;
            break;
        }
    }
    ops->finalize(s);
    return status;
}

/* The evaluation_versions id of a revision (0: current); STORE_NOTFOUND when missing. */
static int version_id_of(struct store *st, int64_t id, int64_t revision, int64_t *version_id,
                         struct strbuf *why)
{
    const struct store_ops *ops = store_ops_of(st);
    struct store_stmt *s;
    bool found;
    int status = ops->prepare(st,
                              revision ? "SELECT v.id FROM evaluation_versions v WHERE "
                                         "v.evaluation_id = ? AND v.revision = ?"
                                       : "SELECT v.id FROM evaluation_versions v JOIN "
                                         "evaluations e ON e.id = v.evaluation_id AND "
                                         "e.revision = v.revision WHERE e.id = ?",
                              &s, why);

    if (status != STORE_DONE)
        return status;
    ops->bind_int64(s, 1, id);
    if (revision)
        ops->bind_int64(s, 2, revision);
    status = step_id(ops, s, &found, version_id, why);
    ops->finalize(s);
    if (status == STORE_DONE && !found) {
        if (revision)
            strbuf_addf(why, "evaluation %" PRId64 " has no revision %" PRId64, id, revision);
        else
            strbuf_addf(why, "no evaluation %" PRId64 " in the store", id);
        status = STORE_NOTFOUND;
    }
    return status;
}

int store_eval_indicators(struct store *st, int64_t id, int64_t revision,
                          int (*fn)(const struct store_indicator_row *row, void *data), void *data,
                          struct strbuf *why)
{
    const struct store_ops *ops = store_ops_of(st);
    struct store_stmt *s;
    int64_t vid;
    int status = version_id_of(st, id, revision, &vid, why);

    if (status != STORE_DONE)
        return status;
    status = ops->prepare(st,
                          "SELECT seq, parent_seq, depth, weight, score, name, method, target, "
                          "actual FROM indicators WHERE version_id = ? ORDER BY seq",
                          &s, why);
    if (status != STORE_DONE)
        return status;
    ops->bind_int64(s, 1, vid);
    while ((status = ops->step(s, why)) == STORE_ROW) {
        struct store_indicator_row r = {
            .seq = ops->column_int64(s, 0),
            .parent_seq = ops->column_is_null(s, 1) ? 0 : ops->column_int64(s, 1),
            .depth = ops->column_int64(s, 2),
            .weight = ops->column_int64(s, 3),
            .has_score = !ops->column_is_null(s, 4),
            .score = ops->column_int64(s, 4),
            .name = ops->column_text(s, 5, NULL),
            .method = ops->column_text(s, 6, NULL),
            .target = ops->column_text(s, 7, NULL),
            .actual = ops->column_text(s, 8, NULL),
        };
        int rc = fn(&r, data);
        if (rc) {
            status = rc;
            break;
        }
    }
    ops->finalize(s);
    return status;
}

int store_eval_source(struct store *st, int64_t id, int64_t revision, struct strbuf *out,
                      struct strbuf *why)
{
    const struct store_ops *ops = store_ops_of(st);
    struct store_stmt *s;
    int64_t vid;
    int status = version_id_of(st, id, revision, &vid, why);

    if (status != STORE_DONE)
        return status;
    status = ops->prepare(st, "SELECT source FROM evaluation_versions WHERE id = ?", &s, why);
    if (status != STORE_DONE)
        return status;
    ops->bind_int64(s, 1, vid);
    status = ops->step(s, why);
    if (status == STORE_ROW) {
        size_t len;
        const char *t = ops->column_text(s, 0, &len);

        strbuf_add(out, t ? t : "", t ? len : 0);
        status = STORE_DONE;
    } else if (status == STORE_DONE) {
        strbuf_addf(why, "no evaluation %" PRId64 " in the store", id);
        status = STORE_NOTFOUND;
    }
    ops->finalize(s);
    return status;
}

/* ---- the review workflow ---- */

struct transition_rule {
    const char *name;
    const char *from[2]; /* statuses it applies to */
    const char *to;
};

static const struct transition_rule rules[] = {
    [STORE_SUBMIT] = {"submit", {"草稿", "已退回"}, "已提交"},
    [STORE_RETURN] = {"return", {"已提交", "已审核"}, "已退回"},
    [STORE_APPROVE] = {"approve", {"已提交", NULL}, "已审核"},
    [STORE_PUBLISH] = {"publish", {"已审核", NULL}, "已公开"},
};

const char *store_transition_name(enum store_transition t)
{
    return rules[t].name;
}

int store_transition_from_name(const char *name, enum store_transition *t)
{
    for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
        if (!strcmp(name, rules[i].name)) {
            *t = (enum store_transition)i;
            return 0;
        }
    }
    return -1;
}

int store_eval_transition(struct store *st, int64_t id, int64_t version_read,
                          enum store_transition t, const char *comment, const char *actor,
                          const char *at, int64_t *new_version, struct strbuf *why)
{
    const struct store_ops *ops = store_ops_of(st);
    const struct transition_rule *rule = &rules[t];
    struct store_tx tx;
    struct store_stmt *s = NULL;
    char status_now[32] = "", before[64], after[64];
    int64_t version = 0;
    int status;

    store_tx_init(&tx, st);
    status = store_tx_begin(&tx, why);
    if (status != STORE_DONE)
        goto out;
    status = ops->prepare(st, "SELECT status, version FROM evaluations WHERE id = ?", &s, why);
    if (status != STORE_DONE)
        goto out;
    ops->bind_int64(s, 1, id);
    status = ops->step(s, why);
    if (status == STORE_ROW) {
        const char *cur = ops->column_text(s, 0, NULL);

        snprintf(status_now, sizeof(status_now), "%s", cur ? cur : "");
        version = ops->column_int64(s, 1);
        status = STORE_DONE;
    } else if (status == STORE_DONE) {
        strbuf_addf(why, "no evaluation %" PRId64 " in the store", id);
        status = STORE_NOTFOUND;
    }
    ops->finalize(s);
    s = NULL;
    if (status != STORE_DONE)
        goto out;
    if (version != version_read) {
        strbuf_addf(why,
                    "evaluation %" PRId64 " was changed by someone else (you read version %" PRId64
                    ", it is now %" PRId64 "): reload it and try again",
                    id, version_read, version);
        status = STORE_CONFLICT;
        goto out;
    }
    if (!((rule->from[0] && !strcmp(status_now, rule->from[0])) ||
          (rule->from[1] && !strcmp(status_now, rule->from[1])))) {
        strbuf_addf(why, "cannot %s evaluation %" PRId64 ": it is %s", rule->name, id, status_now);
        status = STORE_CONFLICT;
        goto out;
    }
    status = ops->prepare(st,
                          "UPDATE evaluations SET status = ?, version = version + 1, "
                          "updated_at = ?, updated_by = ? WHERE id = ? AND version = ?",
                          &s, why);
    if (status != STORE_DONE)
        goto out;
    stmt_bind_text_or_null(ops, s, 1, rule->to);
    stmt_bind_text_or_null(ops, s, 2, at);
    stmt_bind_text_or_null(ops, s, 3, actor);
    ops->bind_int64(s, 4, id);
    ops->bind_int64(s, 5, version_read);
    status = ops->step(s, why);
    if (status == STORE_DONE && ops->changes(s) != 1) {
        strbuf_addf(why,
                    "evaluation %" PRId64 " was changed by someone else (version %" PRId64
                    " is no longer current): reload it and try again",
                    id, version_read);
        status = STORE_CONFLICT;
    }
    ops->finalize(s);
    s = NULL;
    if (status != STORE_DONE)
        goto out;
    status = ops->prepare(st,
                          "INSERT INTO reviews (evaluation_id, at, actor, action, from_status, "
                          "to_status, comment) VALUES (?, ?, ?, ?, ?, ?, ?)",
                          &s, why);
    if (status != STORE_DONE)
        goto out;
    ops->bind_int64(s, 1, id);
    stmt_bind_text_or_null(ops, s, 2, at);
    stmt_bind_text_or_null(ops, s, 3, actor);
    stmt_bind_text_or_null(ops, s, 4, rule->name);
    stmt_bind_text_or_null(ops, s, 5, status_now);
    stmt_bind_text_or_null(ops, s, 6, rule->to);
    stmt_bind_text_or_null(ops, s, 7, comment);
    status = stmt_run(ops, s, why);
    ops->finalize(s);
    s = NULL;
    if (status != STORE_DONE)
        goto out;
    snprintf(before, sizeof(before), "%s@%" PRId64, status_now, version);
    snprintf(after, sizeof(after), "%s@%" PRId64, rule->to, version + 1);
    {
        struct store_audit_entry e = {
            .at = at,
            .actor = actor,
            .action = rule->name,
            .entity = "evaluation",
            .entity_id = id,
            .before = before,
            .after = after,
            .detail = comment,
        };
        status = store_audit_append(&tx, &e, why);
    }
    if (status == STORE_DONE)
        status = store_tx_commit(&tx, why);
    if (status == STORE_DONE && new_version)
        *new_version = version + 1;
out:
    ops->finalize(s);
    store_tx_release(&tx);
    return status;
}
