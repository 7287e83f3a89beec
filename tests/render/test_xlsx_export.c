/*
 * The 评分表 workbook: for every example, each indicator's row holds its exact weight and
 * score (the number text in the XML is the decimal jixiao computed, as formula caches
 * too), its level name in its level column, its method cell; the 合计 row, the
 * 评价情况总表 total and grade and the 基本情况 budget agree with the evaluation; the CSV
 * has the same rows.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/decimal.h"
#include "core/score.h"
#include "core/validate.h"
#include "io/eval_read.h"
#include "io/xlsx_read.h"
#include "render/csv_export.h"
#include "render/xlsx_export.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct strbuf sb = STRBUF_INIT;
    char buf[65536];
    size_t n;

    if (!f)
        fail_msg("cannot open %s", path);
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        strbuf_add(&sb, buf, n);
    fclose(f);
    return strbuf_detach(&sb, len);
}

static const char *text_at(const struct xlsx_sheet *s, uint32_t row, uint32_t col)
{
    const struct xlsx_cell *c = xlsx_cell_at(s, row, col);

    return c ? c->text : "";
}

struct walk {
    const struct xlsx_sheet *s;
    unsigned levels;
    uint32_t row;
    struct strbuf sb;
};

/*
 * libxlsxwriter writes a double with 16 significant digits ("%.16G"), so 9.38 is stored
 * as "9.380000000000001": the cell must hold exactly the double nearest to the exact
 * decimal, in that form (the importer rounds such noise at 15 digits, test_xlsx_read).
 */
static void expect_number(struct walk *w, uint32_t col, int64_t centi)
{
    char want[64];

    strbuf_reset(&w->sb);
    dec_format_trim(&w->sb, centi, 2);
    snprintf(want, sizeof(want), "%.16G", strtod(w->sb.buf, NULL));
    assert_string_equal(text_at(w->s, w->row, col), want);
}

static void check_rows(struct walk *w, const struct jx_indicator *ind)
{
    assert_string_equal(text_at(w->s, w->row, ind->depth - 1), ind->name);
    expect_number(w, w->levels + 0, ind->weight);
    expect_number(w, w->levels + 3, ind->score);
    if (indicator_is_leaf(ind)) {
        strbuf_reset(&w->sb);
        render_method_cell(ind, &w->sb);
        assert_string_equal(text_at(w->s, w->row, w->levels + 6), w->sb.buf);
    }
    w->row++;
    for (size_t i = 0; i < ind->nr_children; i++)
        check_rows(w, &ind->children[i]);
}

static void check_example(const char *path)
{
    size_t len, xlen;
    char *yaml = slurp(path, &len), *data;
    char tmp[] = "/tmp/jixiao-test-export-XXXXXX";
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct strbuf why = STRBUF_INIT, csv = STRBUF_INIT;
    struct xlsx_book b;
    struct xlsx_sheet s, sum, facts;
    struct walk w = {0};
    int fd = mkstemp(tmp);
    size_t lines = 0;

    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(eval_read(yaml, len, path, EVAL_SYNTAX_AUTO, &ev, &d), 0);
    (void)validate_eval(&ev, &d);
    assert_int_equal(score_eval(&ev, &d), 0);
    assert_int_equal(render_xlsx(&ev, tmp, &why), 0);
    data = slurp(tmp, &xlen);
    unlink(tmp);
    assert_int_equal(xlsx_open(&b, data, xlen, tmp, &why), 0);
    assert_int_equal(xlsx_read_sheet(&b, "评分表", &s, &why), 0);
    assert_int_equal(xlsx_read_sheet(&b, "评价情况总表", &sum, &why), 0);
    assert_int_equal(xlsx_read_sheet(&b, "基本情况", &facts, &why), 0);

    w.s = &s;
    w.levels = render_scoresheet_levels(&ev);
    w.row = 2;
    strbuf_init(&w.sb, 0);
    for (size_t i = 0; i < ev.root.nr_children; i++)
        check_rows(&w, &ev.root.children[i]);
    assert_string_equal(text_at(&s, w.row, 0), "合计");
    expect_number(&w, w.levels + 0, ev.root.weight);
    expect_number(&w, w.levels + 3, ev.raw_total);
    assert_int_equal(s.nr_rows, w.row + 1);

    /* 评价情况总表: one row per 一级指标, 合计, 评价总得分, 评价结果等级. */
    w.s = &sum;
    w.row = 2 + (uint32_t)ev.root.nr_children + 1;
    assert_string_equal(text_at(&sum, w.row, 0), "评价总得分");
    expect_number(&w, 2, ev.total);
    assert_string_equal(text_at(&sum, w.row + 1, 2), ev.grade);

    /* 基本情况: the budget in 元 with 2 decimals, exactly. */
    for (uint32_t r = 0; r < facts.nr_rows; r++) {
        if (!strcmp(text_at(&facts, r, 0), "预算数（元）")) {
            w.s = &facts;
            w.row = r;
            expect_number(&w, 1, ev.budget.planned);
        }
    }

    /* The CSV: a header, one line per indicator, the 合计 line. */
    assert_int_equal(render_scoresheet_csv(&ev, CSV_UTF8, &csv, &why), 0);
    for (size_t i = 0; i < csv.len; i++)
        lines += csv.buf[i] == '\n';
    assert_int_equal(lines, s.nr_rows - 1);

    xlsx_sheet_release(&s);
    xlsx_sheet_release(&sum);
    xlsx_sheet_release(&facts);
    xlsx_close(&b);
    eval_release(&ev);
    jx_diags_release(&d);
    strbuf_release(&why);
    strbuf_release(&csv);
    strbuf_release(&w.sb);
    free(data);
    free(yaml);
}

static void test_examples(void **state)
{
    DIR *dir = opendir(JX_SOURCE_DIR "/examples");
    struct dirent *e;
    int n = 0;

    (void)state;
    assert_non_null(dir);
    while ((e = readdir(dir))) {
        char path[4096];
        size_t l = strlen(e->d_name);

        if (l < 6 || strcmp(e->d_name + l - 5, ".yaml"))
            continue;
        snprintf(path, sizeof(path), "%s/examples/%s", JX_SOURCE_DIR, e->d_name);
        check_example(path);
        n++;
    }
    closedir(dir);
    assert_true(n >= 3);
}

static void test_unwritable(void **state)
{
    struct jx_eval ev;
    struct strbuf why = STRBUF_INIT;

    (void)state;
    eval_init(&ev, "x.yaml");
    assert_int_equal(render_xlsx(&ev, "/nonexistent-dir/x.xlsx", &why), -1);
    assert_non_null(strstr(why.buf, "/nonexistent-dir/x.xlsx"));
    eval_release(&ev);
    strbuf_release(&why);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_examples),
        cmocka_unit_test(test_unwritable),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
