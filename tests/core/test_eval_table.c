/*
 * Tests for core/eval_table: columns in the order first met, cells missing past a row's end,
 * 执行率 per evaluation, and the column statistics — count, min, max, the mean rounded once
 * half-up, and 平均得分率 as Σ得分/Σ分值 — over the rows that have a score.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/eval_table.h"

static void add_cell(struct jx_eval_table *t, struct jx_table_row *row, const char *name,
                     int64_t weight, int64_t score, bool has_score)
{
    struct jx_table_cell *c = eval_table_cell(row, eval_table_column(t, name));

    c->present = true;
    c->weight = weight;
    c->score = score;
    c->has_score = has_score;
}

static void test_columns_and_cells(void **state)
{
    struct jx_eval_table t;
    struct jx_table_row *r;

    (void)state;
    eval_table_init(&t);
    r = eval_table_add_row(&t);
    assert_int_equal(r->planned, -1);
    add_cell(&t, r, "决策", 2000, 1795, true);
    r = eval_table_add_row(&t);
    add_cell(&t, r, "产出", 3000, 2651, true);
    add_cell(&t, r, "决策", 2500, 2101, true);
    assert_int_equal(t.nr_columns, 2);
    assert_string_equal(t.columns[0], "决策");
    assert_string_equal(t.columns[1], "产出");
    /* the first row never met 产出: past its cells, and absent */
    assert_null(eval_table_get(&t.rows[0], 1));
    assert_non_null(eval_table_get(&t.rows[1], 0));
    assert_int_equal(eval_table_get(&t.rows[1], 0)->score, 2101);
    eval_table_release(&t);
}

static void test_execution(void **state)
{
    struct jx_table_row r = {.planned = 174640000, .spent = 173417520};

    (void)state;
    assert_int_equal(eval_table_execution(&r), 9930); /* 99.30% */
    r.planned = 0;
    assert_int_equal(eval_table_execution(&r), -1);
    r.planned = 100;
    r.spent = -1;
    assert_int_equal(eval_table_execution(&r), -1);
}

static void test_stats(void **state)
{
    struct jx_eval_table t;
    struct jx_column_stats s;

    (void)state;
    eval_table_init(&t);
    /* 12.41 + 12.42 = 24.83 over 2: 12.415 rounds half-up to 12.42 */
    add_cell(&t, eval_table_add_row(&t), "过程", 2000, 1241, true);
    add_cell(&t, eval_table_add_row(&t), "过程", 1500, 1242, true);
    /* unscored and absent rows count for nothing */
    add_cell(&t, eval_table_add_row(&t), "过程", 2000, 0, false);
    add_cell(&t, eval_table_add_row(&t), "效益", 3000, 3000, true);
    eval_table_column_stats(&t, 0, &s);
    assert_int_equal(s.count, 2);
    assert_int_equal(s.mean, 1242);
    assert_int_equal(s.min, 1241);
    assert_int_equal(s.max, 1242);
    /* 24.83 / 35.00 = 70.942857…% -> 70.94% */
    assert_int_equal(s.rate, 7094);
    eval_table_column_stats(&t, 1, &s);
    assert_int_equal(s.count, 1);
    assert_int_equal(s.rate, 10000);
    eval_table_release(&t);
}

static void test_empty_column(void **state)
{
    struct jx_eval_table t;
    struct jx_column_stats s;

    (void)state;
    eval_table_init(&t);
    add_cell(&t, eval_table_add_row(&t), "满意度", 1000, 0, false);
    eval_table_column_stats(&t, 0, &s);
    assert_int_equal(s.count, 0);
    assert_int_equal(s.mean, 0);
    assert_int_equal(s.rate, -1);
    eval_table_release(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_columns_and_cells),
        cmocka_unit_test(test_execution),
        cmocka_unit_test(test_stats),
        cmocka_unit_test(test_empty_column),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
