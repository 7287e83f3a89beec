/*
 * The summary (store_summary.h). One query streams (group key, total, grade, budget) ordered
 * by key and total, so that every group arrives contiguous and sorted: the median of a group
 * is read off its slice, with no second pass.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/decimal.h"
#include "core/xalloc.h"
#include "store/store_summary.h"

static const char *const group_names[] = {"unit", "kind", "grade"};
static const char *const usual_grades[] = {"优", "良", "中", "差"};

const char *store_group_name(enum store_group g)
{
    return group_names[g];
}

int store_group_from_name(const char *name, enum store_group *g)
{
    for (size_t i = 0; i < sizeof(group_names) / sizeof(group_names[0]); i++) {
        if (!strcmp(name, group_names[i])) {
            *g = (enum store_group)i;
            return 0;
        }
    }
    return -1;
}

#define NO_MONEY INT64_MIN /* a NULL budget column */

struct acc {
    int64_t *totals; /* sorted ascending */
    size_t nr, alloc;
    jx_i128 sum;
    /* 预算数 and 执行数 only over evaluations that give both, so that the execution rate
     * compares like with like; 到位数 wherever it is given. */
    int64_t planned, received, spent;
};

static void add_grade(struct store_stats *st, const char *grade)
{
    for (size_t i = 0; i < st->nr_grades; i++) {
        if (!strcmp(st->grades[i].grade, grade)) {
            st->grades[i].count++;
            return;
        }
    }
    if (st->nr_grades == STORE_MAX_GRADES) {
        st->other_grades++;
        return;
    }
    st->grades[st->nr_grades].grade = xstrdup(grade);
    st->grades[st->nr_grades].count = 1;
    st->nr_grades++;
}

static int grade_rank(const char *g)
{
    for (size_t i = 0; i < sizeof(usual_grades) / sizeof(usual_grades[0]); i++)
        if (!strcmp(g, usual_grades[i]))
            return (int)i;
    return 100;
}

static void sort_grades(struct store_stats *st)
{
    /* a handful of entries: insertion sort */
    for (size_t i = 1; i < st->nr_grades; i++) {
        for (size_t j = i; j > 0; j--) {
            int a = grade_rank(st->grades[j - 1].grade), b = grade_rank(st->grades[j].grade);
            if (a < b || (a == b && strcmp(st->grades[j - 1].grade, st->grades[j].grade) <= 0))
                break;
            char *g = st->grades[j].grade;
            int64_t c = st->grades[j].count;
            st->grades[j] = st->grades[j - 1];
            st->grades[j - 1].grade = g;
            st->grades[j - 1].count = c;
        }
    }
}

/* Fills the score and budget figures of st from acc (totals sorted). */
static void finish(struct store_stats *st, const struct acc *a)
{
    st->count = (int64_t)a->nr;
    if (a->nr) {
        st->mean = dec_div_round(a->sum, (jx_i128)a->nr);
        st->min = a->totals[0];
        st->max = a->totals[a->nr - 1];
        if (a->nr % 2)
            st->median = a->totals[a->nr / 2];
        else
            st->median = dec_div_round((jx_i128)a->totals[a->nr / 2 - 1] + a->totals[a->nr / 2], 2);
    }
    st->planned = a->planned;
    st->received = a->received;
    st->spent = a->spent;
    st->execution = a->planned ? dec_rate(a->spent, a->planned) : -1;
    sort_grades(st);
}

/* One evaluation's figures; a budget figure NO_MONEY is absent. Returns -1 when a money sum
 * would leave int64 (the store holds figures no report could print): nothing wraps. */
static int acc_add(struct acc *a, int64_t total, int64_t planned, int64_t received, int64_t spent)
{
    int64_t p = a->planned, r = a->received, sp = a->spent;

    if (planned != NO_MONEY && spent != NO_MONEY &&
        (__builtin_add_overflow(p, planned, &p) || __builtin_add_overflow(sp, spent, &sp)))
        return -1;
    if (received != NO_MONEY && __builtin_add_overflow(r, received, &r))
        return -1;
    ALLOC_GROW(a->totals, a->nr + 1, a->alloc);
    a->totals[a->nr++] = total;
    a->sum += total;
    a->planned = p;
    a->received = r;
    a->spent = sp;
    return 0;
}

static int cmp_int64(const void *pa, const void *pb)
{
    int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;

    return (a > b) - (a < b);
}

static int cmp_rank(const void *pa, const void *pb)
{
    const struct store_stats *a = pa, *b = pb;

    if (a->mean != b->mean)
        return a->mean > b->mean ? -1 : 1;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->key, b->key);
}

/* The label of a unit group: 部门/单位 when the unit sits under a department, since two
 * units of one name under two departments are two groups. */
#define UNIT_LABEL "CASE WHEN d.name IS NULL THEN u.name ELSE d.name || '/' || u.name END"
#define UNIT_FROM                                                                                  \
    " FROM evaluations e JOIN projects p ON p.id = e.project_id JOIN units u ON u.id = p.unit_id " \
    "LEFT JOIN units d ON d.id = u.parent_id "
#define FIGURES ", e.total, e.grade, e.budget_planned, e.budget_received, e.budget_spent"

static const char *query(enum store_group by, bool year)
{
    /* Columns: label, total, grade, budget x3, group id. Groups break on the group id (the
     * unit id, or the label itself for kind and grade); the order makes each group one
     * sorted run. */
    static const char *const q[3][2] = {
        {"SELECT " UNIT_LABEL FIGURES ", u.id" UNIT_FROM "ORDER BY u.id, e.total",
         "SELECT " UNIT_LABEL FIGURES ", u.id" UNIT_FROM "WHERE e.year = ? ORDER BY u.id, e.total"},
        {"SELECT e.kind" FIGURES ", 0 FROM evaluations e ORDER BY e.kind, e.total",
         "SELECT e.kind" FIGURES ", 0 FROM evaluations e WHERE e.year = ? "
         "ORDER BY e.kind, e.total"},
        {"SELECT e.grade" FIGURES ", 0 FROM evaluations e ORDER BY e.grade, e.total",
         "SELECT e.grade" FIGURES ", 0 FROM evaluations e WHERE e.year = ? "
         "ORDER BY e.grade, e.total"},
    };
    return q[by][year];
}

static int64_t col_money(const struct store_ops *ops, struct store_stmt *s, int c)
{
    return ops->column_is_null(s, c) ? NO_MONEY : ops->column_int64(s, c);
}

int store_summarize(struct store *st, int64_t year, enum store_group by, struct store_summary *out,
                    struct strbuf *why)
{
    const struct store_ops *ops = store_ops_of(st);
    struct store_stmt *s;
    struct acc all = {0}, grp = {0};
    size_t alloc = 0;
    char *key = NULL;
    int64_t group_id = 0;
    int status;

    memset(out, 0, sizeof(*out));
    out->year = year;
    out->by = by;
    status = ops->prepare(st, query(by, year != 0), &s, why);
    if (status != STORE_DONE)
        return status;
    if (year)
        ops->bind_int64(s, 1, year);
    while ((status = ops->step(s, why)) == STORE_ROW) {
        const char *k = ops->column_text(s, 0, NULL);
        const char *grade = ops->column_text(s, 2, NULL);
        int64_t total = ops->column_int64(s, 1);
        int64_t planned = col_money(ops, s, 3), received = col_money(ops, s, 4),
                spent = col_money(ops, s, 5), gid = ops->column_int64(s, 6);

        if (!k)
            k = "";
        if (!grade)
            grade = "";
        if (!key || gid != group_id || (by != STORE_BY_UNIT && strcmp(key, k))) {
            if (key) {
                finish(&out->groups[out->nr_groups - 1], &grp);
                grp.nr = 0;
                grp.sum = 0;
                grp.planned = grp.received = grp.spent = 0;
            }
            ALLOC_GROW(out->groups, out->nr_groups + 1, alloc);
            memset(&out->groups[out->nr_groups], 0, sizeof(out->groups[0]));
            out->groups[out->nr_groups].key = xstrdup(k);
            key = out->groups[out->nr_groups].key;
            group_id = gid;
            out->nr_groups++;
        }
        if (acc_add(&grp, total, planned, received, spent) ||
            acc_add(&all, total, planned, received, spent)) {
            strbuf_addf(why,
                        "the budget figures add up beyond %" PRId64
                        " 分 (at an evaluation of %s); check its budget columns for a wrong "
                        "value",
                        INT64_MAX, k);
            status = STORE_ERROR;
            break;
        }
        add_grade(&out->groups[out->nr_groups - 1], grade);
        add_grade(&out->all, grade);
    }
    ops->finalize(s);
    if (status == STORE_DONE) {
        if (out->nr_groups)
            finish(&out->groups[out->nr_groups - 1], &grp);
        /* qsort wants a non-NULL base even for no elements */
        if (all.nr > 1)
            qsort(all.totals, all.nr, sizeof(*all.totals), cmp_int64);
        finish(&out->all, &all);
        if (out->nr_groups > 1)
            qsort(out->groups, out->nr_groups, sizeof(*out->groups), cmp_rank);
    } else {
        store_summary_release(out);
    }
    free(all.totals);
    free(grp.totals);
    return status;
}

static void stats_release(struct store_stats *st)
{
    free(st->key);
    for (size_t i = 0; i < st->nr_grades; i++)
        free(st->grades[i].grade);
}

void store_summary_release(struct store_summary *s)
{
    stats_release(&s->all);
    for (size_t i = 0; i < s->nr_groups; i++)
        stats_release(&s->groups[i]);
    free(s->groups);
    memset(s, 0, sizeof(*s));
}
