/*
 * The xlsx reader and the 评分表 reader's number handling: cell references both ways,
 * number texts made exact (exponents, binary noise past 15 digits, percentages), a
 * workbook written by libxlsxwriter read back (sheet list, shared strings, percent
 * formats, merged ranges), and the refusals (not a zip, unknown sheet).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/score.h"
#include "core/validate.h"
#include "io/eval_read.h"
#include "render/xlsx_export.h"

/* The reader's statics (plain_decimal) are tested directly. */
#include "../../src/io/scoresheet_read.c"

static void test_refs(void **state)
{
    static const struct {
        const char *ref;
        uint32_t row, col;
    } ok[] = {{"A1", 0, 0},   {"D12", 11, 3}, {"Z1", 0, 25},
              {"AA1", 0, 26}, {"$B$7", 6, 1}, {"XFD1048576", 1048575, 16383},
              {"az10", 9, 51}};
    static const char *const bad[] = {"",     "A",        "1",     "A0",    "1A",
                                      "XFE1", "A1048577", "A1:B2", "ABCD1", "A12345678"};

    (void)state;
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        uint32_t r, c;
        struct strbuf sb = STRBUF_INIT;

        assert_int_equal(xlsx_parse_ref(ok[i].ref, &r, &c), 0);
        assert_int_equal(r, ok[i].row);
        assert_int_equal(c, ok[i].col);
        xlsx_cell_name(&sb, r, c);
        if (ok[i].ref[0] != '$' && ok[i].ref[0] != 'a')
            assert_string_equal(sb.buf, ok[i].ref);
        strbuf_release(&sb);
    }
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        uint32_t r, c;

        assert_int_equal(xlsx_parse_ref(bad[i], &r, &c), -1);
    }
}

static void test_plain_decimal(void **state)
{
    static const struct {
        const char *in;
        int shift;
        const char *out;
    } cases[] = {
        {"12.5", 0, "12.5"},
        {"5", 0, "5"},
        {"0.955", 2, "95.5"},
        {"0.95", 2, "95"},
        {"1", 2, "100"},
        {"0.001", 2, "0.1"},
        {"1E+1", 0, "10"},
        {"4E+1", 0, "40"},
        {"1.2E-2", 0, "0.012"},
        {"-2.5", 0, "-2.5"},
        {"12.499999999999998", 0, "12.5"},
        {"0.30000000000000004", 0, "0.3"},
        {"9.9999999999999982", 0, "10"},
        {"100.00000000000001", 0, "100"},
        {"0.95499999999999996", 2, "95.5"},
        {"12.345", 0, "12.345"}, /* kept: the caller refuses it with the cell's name */
        {"007", 0, "7"},
    };
    static const char *const bad[] = {"", "abc", "1..2", "1E", "1E999", "--1", "1,5"};
    struct strbuf sb = STRBUF_INIT;

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(plain_decimal(cases[i].in, cases[i].shift, &sb), 0);
        assert_string_equal(sb.buf, cases[i].out);
    }
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(plain_decimal(bad[i], 0, &sb), -1);
    strbuf_release(&sb);
}

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

/* The seed, scored and written by render_xlsx into a temporary file; returns its bytes. */
static char *seed_workbook(size_t *len)
{
    char path[] = "/tmp/jixiao-test-xlsx-XXXXXX";
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct strbuf why = STRBUF_INIT;
    size_t ylen;
    char *yaml = slurp(JX_SOURCE_DIR "/examples/xinfeng-2022-xinxihua.yaml", &ylen), *data;
    int fd = mkstemp(path);

    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(eval_read(yaml, ylen, "seed.yaml", EVAL_SYNTAX_AUTO, &ev, &d), 0);
    (void)validate_eval(&ev, &d);
    assert_int_equal(score_eval(&ev, &d), 0);
    assert_int_equal(render_xlsx(&ev, path, &why), 0);
    data = slurp(path, len);
    unlink(path);
    eval_release(&ev);
    jx_diags_release(&d);
    strbuf_release(&why);
    free(yaml);
    return data;
}

static void expect_cell(const struct xlsx_sheet *s, const char *ref, enum xlsx_type type,
                        const char *text, bool percent)
{
    uint32_t r, c;
    const struct xlsx_cell *cell;

    assert_int_equal(xlsx_parse_ref(ref, &r, &c), 0);
    cell = xlsx_cell_at(s, r, c);
    if (!cell)
        fail_msg("no cell %s", ref);
    assert_int_equal(cell->type, type);
    assert_string_equal(cell->text, text);
    assert_int_equal(cell->percent, percent);
}

static void test_read_workbook(void **state)
{
    size_t len;
    char *data = seed_workbook(&len);
    struct xlsx_book b;
    struct xlsx_sheet s;
    struct strbuf why = STRBUF_INIT;
    bool found = false;

    (void)state;
    assert_int_equal(xlsx_open(&b, data, len, "seed.xlsx", &why), 0);
    assert_int_equal(b.nr_sheets, 3);
    assert_string_equal(b.sheets[0], "评分表");
    assert_string_equal(b.sheets[1], "基本情况");
    assert_string_equal(b.sheets[2], "评价情况总表");
    assert_true(b.nr_shared > 10);
    assert_int_equal(xlsx_read_sheet(&b, "评分表", &s, &why), 0);
    expect_cell(&s, "A2", XLSX_STRING, "一级指标", false);
    expect_cell(&s, "A3", XLSX_STRING, "项目决策", false);
    expect_cell(&s, "D3", XLSX_NUMBER, "25", false); /* formula result, cached */
    expect_cell(&s, "H3", XLSX_NUMBER, "1", true);   /* 得分率 formatted 0.00% */
    expect_cell(&s, "C5", XLSX_STRING, "立项依据充分性", false);
    expect_cell(&s, "J5", XLSX_STRING, "tiers 达成", false);
    assert_null(xlsx_cell_at(&s, 3, 0)); /* A4: inside the merged 项目决策 */
    for (size_t i = 0; i < s.nr_merges; i++)
        found = found || (s.merges[i].r1 == 2 && s.merges[i].c1 == 0 && s.merges[i].c2 == 0 &&
                          s.merges[i].r2 > 2);
    assert_true(found);
    xlsx_sheet_release(&s);
    assert_int_equal(xlsx_read_sheet(&b, "Sheet1", &s, &why), 1);
    xlsx_sheet_release(&s);
    xlsx_close(&b);
    strbuf_release(&why);
    free(data);
}

static void test_not_a_zip(void **state)
{
    struct xlsx_book b;
    struct strbuf why = STRBUF_INIT;
    static const char text[] = "一级指标,分值\n";

    (void)state;
    assert_int_equal(xlsx_open(&b, text, sizeof(text) - 1, "x.xlsx", &why), -1);
    assert_non_null(strstr(why.buf, "not a zip archive"));
    xlsx_close(&b);
    strbuf_release(&why);
}

/* The scoresheet reader on the seed workbook: the same tree, scores and total. */
static void test_scoresheet_seed(void **state)
{
    size_t len;
    char *data = seed_workbook(&len);
    struct scoresheet_meta meta = {0};
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;

    (void)state;
    assert_int_equal(scoresheet_read_xlsx(data, len, "seed.xlsx", &meta, &ev, &d), 0);
    assert_int_equal(d.errors, 0);
    assert_string_equal(ev.unit, "信丰县行政审批局");
    assert_int_equal(ev.year, 2022);
    assert_int_equal(ev.budget.planned, 345300000);
    assert_int_equal(ev.root.nr_children, 4);
    assert_int_equal(ev.total, 10000);
    assert_string_equal(ev.grade, "优");
    assert_string_equal(ev.root.children[0].children[0].children[0].name, "立项依据充分性");
    assert_int_equal(ev.root.children[0].children[0].children[0].method, JX_METHOD_TIERS);
    eval_release(&ev);
    jx_diags_release(&d);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refs),
        cmocka_unit_test(test_plain_decimal),
        cmocka_unit_test(test_read_workbook),
        cmocka_unit_test(test_not_a_zip),
        cmocka_unit_test(test_scoresheet_seed),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
