/*
 * The report model built from the example evaluations under the three layouts: the
 * seed's text reproduced, the generated analysis when an evaluation gives none, given
 * text winning over generated text, exact number formatting, the tables' merges, and
 * the layout and sentence readers' errors.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embedded.h"
#include "core/report_build.h"
#include "core/score.h"
#include "core/validate.h"
#include "io/eval_read.h"
#include "io/layout_read.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    buf = malloc((size_t)n + 1);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n)
        fail_msg("cannot read %s", path);
    buf[n] = 0;
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* Reads, validates and scores an example; the test fails on any error. */
static void load_example(const char *name, struct jx_eval *ev)
{
    char path[512];
    size_t len;
    char *data;
    struct jx_diags d = JX_DIAGS_INIT;

    snprintf(path, sizeof(path), "%s/examples/%s", JX_SOURCE_DIR, name);
    data = slurp(path, &len);
    eval_init(ev, name);
    assert_int_equal(eval_read(data, len, name, EVAL_SYNTAX_AUTO, ev, &d), 0);
    validate_eval(ev, &d);
    assert_int_equal(score_eval(ev, &d), 0);
    assert_int_equal(d.errors, 0);
    jx_diags_release(&d);
    free(data);
}

static void load_sentences(struct report_sentences *s)
{
    const struct embedded_file *f = embedded_find("sentences/报告语句.yaml");
    struct jx_diags d = JX_DIAGS_INIT;

    assert_non_null(f);
    report_sentences_init(s);
    assert_int_equal(sentences_read(f->data, f->len, "报告语句.yaml", s, &d), 0);
    jx_diags_release(&d);
}

static void load_layout(const char *name, struct report_layout *l)
{
    char path[256];
    const struct embedded_file *f;
    struct jx_diags d = JX_DIAGS_INIT;

    snprintf(path, sizeof(path), "layouts/%s.yaml", name);
    f = embedded_find(path);
    assert_non_null(f);
    report_layout_init(l, name);
    if (layout_read(f->data, f->len, name, l, &d))
        fail_msg("layout %s: %s", name, d.nr ? d.v[0].msg : "?");
    jx_diags_release(&d);
}

/* Builds the report of an example (optionally changed by edit) under a layout. */
static void build(const char *example, const char *layout, void (*edit)(struct jx_eval *ev),
                  struct report *r)
{
    struct jx_eval ev;
    struct report_layout l;
    struct report_sentences s;

    load_example(example, &ev);
    if (edit) {
        struct jx_diags d = JX_DIAGS_INIT;

        edit(&ev);
        assert_int_equal(score_eval(&ev, &d), 0);
        jx_diags_release(&d);
    }
    load_layout(layout, &l);
    load_sentences(&s);
    report_init(r);
    report_build(r, &ev, &l, &s);
    /* The model owns its strings: nothing may point into the inputs. */
    report_layout_release(&l);
    report_sentences_release(&s);
    eval_release(&ev);
}

/* Text with every blank removed (ASCII whitespace, U+3000, U+00A0). */
static void squeeze(const char *s, struct strbuf *out)
{
    strbuf_reset(out);
    while (*s) {
        if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
            s++;
        else if (!strncmp(s, "\u3000", 3))
            s += 3;
        else if (!strncmp(s, "\u00a0", 2))
            s += 2;
        else
            strbuf_addch(out, *s++);
    }
}

/* Every text of the model, squeezed, one per line between newlines. */
static void model_texts(const struct report *r, struct strbuf *all)
{
    struct strbuf one = STRBUF_INIT;

    strbuf_reset(all);
    strbuf_addch(all, '\n');
#define ADD(t)                                                                                     \
    do {                                                                                           \
        squeeze((t), &one);                                                                        \
        strbuf_add(all, one.buf, one.len);                                                         \
        strbuf_addch(all, '\n');                                                                   \
    } while (0)
    ADD(r->title);
    for (size_t i = 0; i < r->nr_blocks; i++) {
        const struct report_block *b = &r->blocks[i];

        if (b->text)
            ADD(b->text);
        if (b->table)
            for (size_t k = 0; k < b->table->nr_rows * b->table->nr_cols; k++)
                ADD(b->table->cells[k].text);
    }
#undef ADD
    strbuf_release(&one);
}

static bool has_text(const struct report *r, const char *text)
{
    struct strbuf all = STRBUF_INIT, want = STRBUF_INIT;
    bool found;

    model_texts(r, &all);
    squeeze(text, &want);
    found = strstr(all.buf, want.buf) != NULL;
    strbuf_release(&all);
    strbuf_release(&want);
    return found;
}

/*
 * Every line of the seed (its body paragraphs, headings, table cells, signature) is one
 * whole text of the model, blanks ignored. The seed's headings were numbered by Word
 * ("1、", "（1）"); the report writes the 公文 numbering ("一、", "（一）").
 */
static void test_seed_reproduced(void **state)
{
    static const char *const cn[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    struct report r;
    struct strbuf all = STRBUF_INIT, line = STRBUF_INIT, want = STRBUF_INIT;
    size_t len, missing = 0, lines = 0;
    char path[512], *seed, *p;

    (void)state;
    build("xinfeng-2022-xinxihua.yaml", "部门评价报告", NULL, &r);
    model_texts(&r, &all);
    snprintf(path, sizeof(path), "%s/check/reports/seed.txt", JX_TEST_DATA);
    seed = slurp(path, &len);
    for (p = seed; *p;) {
        char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);

        strbuf_reset(&line);
        strbuf_add(&line, p, n);
        p += n + (nl != NULL);
        squeeze(line.buf, &want);
        if (!want.len)
            continue;
        strbuf_reset(&line);
        if (want.buf[0] >= '1' && want.buf[0] <= '9' && !strncmp(want.buf + 1, "、", 3))
            strbuf_addf(&line, "%s%s", cn[want.buf[0] - '0'], want.buf + 1);
        else if (!strncmp(want.buf, "（", 3) && want.buf[3] >= '1' && want.buf[3] <= '9' &&
                 !strncmp(want.buf + 4, "）", 3))
            strbuf_addf(&line, "（%s%s", cn[want.buf[3] - '0'], want.buf + 4);
        else
            strbuf_addstr(&line, want.buf);
        strbuf_reset(&want);
        strbuf_addf(&want, "\n%s\n", line.buf);
        lines++;
        if (!strstr(all.buf, want.buf)) {
            print_message("not in the model: %s", want.buf + 1);
            missing++;
        }
    }
    assert_true(lines > 60);
    assert_int_equal(missing, 0);
    free(seed);
    strbuf_release(&all);
    strbuf_release(&line);
    strbuf_release(&want);
    report_release(&r);
}

static void drop_analysis(struct jx_eval *ev)
{
    for (size_t i = 0; i < ev->root.nr_children; i++)
        ev->root.children[i].analysis = NULL;
    ev->summary = NULL;
    ev->conclusion = NULL;
}

static void test_generated_analysis_full_marks(void **state)
{
    struct report r;

    (void)state;
    build("xinfeng-2022-xinxihua.yaml", "部门评价报告", drop_analysis, &r);
    assert_true(has_text(&r, "项目决策指标分值25.00分，评价得分25.00分，得分率100.00%。"
                             "立项依据充分性、立项程序规范性、绩效目标合理性、绩效指标明确性、"
                             "预算编制科学性、资金分配合理性等六项指标均完成了年度指标值，得满分。"
                             "综上所述，本项目项目决策情况完成了绩效目标。"));
    /* The 预算执行率 indicator sits under 项目过程: its analysis states the budget. */
    assert_true(
        has_text(&r, "项目过程指标分值15.00分，评价得分15.00分，得分率100.00%。"
                     "该项目全年预算资金345.30万元，实际到位资金345.30万元，实际支出345.30万元，"
                     "预算执行率100.00%。"));
    assert_true(has_text(&r, "综合评价情况：经综合评价，信息化建设项目绩效评价得分为100.00分，"
                             "绩效评价结果等级为“优”。具体得分情况如下表："));
    assert_true(
        has_text(&r, "评价总体结论：信息化建设项目各项绩效指标均得满分，整体完成了项目绩效目标。"));
    report_release(&r);
}

static void test_generated_analysis_lost_points(void **state)
{
    struct report r;

    (void)state;
    build("jiangyuan-2022-yinshui.yaml", "部门评价报告", drop_analysis, &r);
    /* A gap in the target's unit, the points lost and the reason from the file. */
    assert_true(has_text(&r, "资金到位率指标值为100%，实际完成值为75.17%，较指标值少24.83个百分点，"
                             "得3.01分，扣0.99分。主要原因：县级财力紧张，配套资金未足额安排。"));
    assert_true(has_text(&r, "该项目全年预算资金2860.00万元，实际到位资金2150.00万元，"
                             "实际支出1290.00万元，预算执行率60.00%。"));
    assert_true(
        has_text(&r, "集中供水工程新建改造数量指标值为≥20处，实际完成值为11处，较指标值少9处"));
    assert_false(has_text(&r, "综上所述，本项目过程情况完成了绩效目标。"));
    assert_true(has_text(&r, "评价总体结论：2022年农村饮水安全巩固提升工程绩效评价得分58.58分"));
    report_release(&r);
}

static void test_given_text_wins(void **state)
{
    struct report r;

    (void)state;
    build("jiangyuan-2022-yinshui.yaml", "部门评价报告", NULL, &r);
    assert_true(has_text(&r, "全年完工集中供水工程11处，完成计划的55%；延伸管网78公里；"));
    assert_false(has_text(&r, "产出指标分值30.00分"));
    assert_true(has_text(&r, "综合评价情况：经评价组综合评定，江源县2022年农村饮水安全巩固提升工程"
                             "绩效评价得分为58.58分，评价等级为“差”。"));
    report_release(&r);
}

static void odd_amounts(struct jx_eval *ev)
{
    ev->budget.planned = 12345678; /* 123,456.78元 */
    ev->budget.received = 12345678;
    ev->budget.spent = 4115226; /* a third, to the 分 */
    drop_analysis(ev);
}

/* Money in 万元 rounded half away from zero to 2 decimals, rates to 0.01%. */
static void test_numbers_exact(void **state)
{
    struct report r;

    (void)state;
    build("xinfeng-2022-xinxihua.yaml", "部门评价报告", odd_amounts, &r);
    assert_true(has_text(&r,
                         "该项目全年预算资金12.35万元，实际到位资金12.35万元，实际支出4.12万元，"
                         "预算执行率33.33%。"));
    report_release(&r);
}

static void custom_bands(struct jx_eval *ev)
{
    static struct jx_grade_band bands[] = {{"好", 8500}, {"中", 6000}, {"差", 0}};

    ev->grades = bands;
    ev->nr_grades = 3;
}

static void test_grade_bands_from_data(void **state)
{
    struct report r;

    (void)state;
    build("xinfeng-2022-xinxihua.yaml", "部门评价报告", custom_bands, &r);
    assert_true(has_text(&r, "评价结果等级分为“好、中、差”三个等级，分别为“100-85分（含85）、"
                             "85-60分（含60）、60-0分”。"));
    report_release(&r);
}

static const struct report_table *nth_table(const struct report *r, size_t n)
{
    for (size_t i = 0; i < r->nr_blocks; i++)
        if (r->blocks[i].kind == REPORT_TABLE && n-- == 0)
            return r->blocks[i].table;
    fail_msg("no table %zu", n);
    return NULL;
}

static void test_summary_and_score_tables(void **state)
{
    struct report r;
    const struct report_table *t;

    (void)state;
    build("xinfeng-2022-xinxihua.yaml", "部门评价报告", NULL, &r);
    t = nth_table(&r, 0);
    assert_int_equal(t->nr_rows, 6);
    assert_string_equal(report_cell_at(t, 1, 0)->text, "项目决策");
    assert_string_equal(report_cell_at(t, 5, 2)->text, "100.00");
    assert_string_equal(report_cell_at(t, 5, 3)->text, "100.00%");
    /* 附表: 19 leaves, a header and a total row; 3 levels + 6 columns. */
    t = nth_table(&r, 1);
    assert_int_equal(t->nr_rows, 21);
    assert_int_equal(t->nr_cols, 9);
    assert_int_equal(t->header_rows, 1);
    assert_string_equal(report_cell_at(t, 1, 0)->text, "项目决策");
    assert_int_equal(report_cell_at(t, 1, 0)->rowspan, 6);
    assert_true(report_cell_at(t, 2, 0)->covered);
    assert_string_equal(report_cell_at(t, 1, 1)->text, "项目立项");
    assert_int_equal(report_cell_at(t, 1, 1)->rowspan, 2);
    assert_string_equal(report_cell_at(t, 1, 2)->text, "立项依据充分性");
    assert_string_equal(report_cell_at(t, 1, 3)->text, "5.00");
    assert_string_equal(report_cell_at(t, 20, 0)->text, "合计");
    assert_int_equal(report_cell_at(t, 20, 0)->colspan, 3);
    {
        unsigned sum = 0;

        for (size_t c = 0; c < t->nr_cols; c++)
            sum += t->col_widths[c];
        assert_int_equal(sum, 1000);
    }
    /* The two charts: 得分率 by 一级指标 and the budget. */
    {
        size_t charts = 0;

        for (size_t i = 0; i < r.nr_blocks; i++)
            if (r.blocks[i].kind == REPORT_CHART) {
                const struct report_chart *c = r.blocks[i].chart;

                charts++;
                if (c->kind == REPORT_CHART_BAR) {
                    assert_int_equal(c->nr_categories, 4);
                    assert_int_equal(c->values[0], 10000);
                    assert_string_equal(c->value_labels[0], "100.00%");
                } else {
                    assert_int_equal(c->nr_series, 3);
                    assert_int_equal(c->values[2], 345300000);
                    assert_string_equal(c->value_labels[2], "345.30");
                    assert_int_equal(c->y_max, 500000000);
                }
            }
        assert_int_equal(charts, 2);
    }
    report_release(&r);
}

/* Three options answered once each: every share prints 33.33%, so the total reads the sum
 * of what is printed (99.99%), not a literal 100%: the table must foot. */
static void one_each(struct jx_eval *ev)
{
    struct jx_survey *sv = &ev->surveys[0];

    assert_true(sv->nr_options >= 3);
    sv->nr_options = 3;
    for (size_t i = 0; i < 3; i++)
        sv->options[i].count = 1;
}

static void test_survey_table_foots(void **state)
{
    struct report r;
    const struct report_table *t = NULL;

    (void)state;
    build("jiangyuan-2022-yinshui.yaml", "重点绩效评价报告", one_each, &r);
    for (size_t i = 0; i < r.nr_blocks && !t; i++)
        if (r.blocks[i].kind == REPORT_TABLE &&
            !strcmp(report_cell_at(r.blocks[i].table, 0, 0)->text, "选项"))
            t = r.blocks[i].table;
    assert_non_null(t);
    assert_int_equal(t->nr_rows, 5);
    for (size_t i = 1; i <= 3; i++)
        assert_string_equal(report_cell_at(t, i, 3)->text, "33.33%");
    assert_string_equal(report_cell_at(t, 4, 0)->text, "合计");
    assert_string_equal(report_cell_at(t, 4, 2)->text, "3");
    assert_string_equal(report_cell_at(t, 4, 3)->text, "99.99%");
    report_release(&r);
}

/* A budget near the int64 limit (9.2e18 分) validates; the axis top must not overflow. */
static void huge_budget(struct jx_eval *ev)
{
    ev->budget.planned = INT64_C(9200000000000000000);
    ev->budget.has_planned = true;
}

static void test_chart_axis_huge_budget(void **state)
{
    struct report r;
    size_t charts = 0;

    (void)state;
    build("xinfeng-2022-xinxihua.yaml", "部门评价报告", huge_budget, &r);
    for (size_t i = 0; i < r.nr_blocks; i++) {
        const struct report_chart *c = r.blocks[i].chart;

        if (r.blocks[i].kind != REPORT_CHART || c->kind != REPORT_CHART_GROUPED_BAR)
            continue;
        charts++;
        for (size_t k = 0; k < c->nr_series * c->nr_categories; k++)
            assert_true(c->y_max >= c->values[k]);
        assert_int_equal(c->y_max, INT64_MAX);
    }
    assert_int_equal(charts, 1);
    report_release(&r);
}

static void test_self_form(void **state)
{
    struct report r;
    const struct report_table *t;

    (void)state;
    build("jiangyuan-2023-yingyang.yaml", "项目支出绩效自评表", NULL, &r);
    assert_string_equal(r.title, "项目支出绩效自评表");
    assert_string_equal(r.subtitle, "（2023年度）");
    assert_int_equal(r.nr_blocks, 1);
    t = nth_table(&r, 0);
    assert_int_equal(t->nr_cols, 8);
    assert_string_equal(report_cell_at(t, 3, 3)->text, "1280.00");
    assert_string_equal(report_cell_at(t, 3, 6)->text, "93.75%");
    assert_string_equal(report_cell_at(t, 6, 7)->text, "偏差原因分析及改进措施");
    /* 预算执行率 is in the funding block, not among the indicators. */
    for (size_t row = 7; row < t->nr_rows; row++)
        assert_string_not_equal(report_cell_at(t, row, 2)->text, "预算执行率");
    assert_string_equal(report_cell_at(t, t->nr_rows - 1, 0)->text, "总分");
    assert_string_equal(report_cell_at(t, t->nr_rows - 1, 6)->text, "86.73");
    report_release(&r);
}

static void test_key_report_annexes(void **state)
{
    struct report r;

    (void)state;
    build("jiangyuan-2022-yinshui.yaml", "重点绩效评价报告", NULL, &r);
    assert_true(has_text(&r, "附件四 问题清单"));
    /* 问题清单: items from the problems text, classed by keyword, markers removed. */
    assert_true(has_text(&r, "预算编制脱离县级财力实际"));
    assert_true(has_text(&r, "资金管理不规范"));
    /* 满意度调查: counts, per-option shares, the satisfaction. */
    assert_true(has_text(&r, "共发放问卷450份，回收421份，其中有效问卷400份，有效率88.89%。"));
    assert_true(has_text(&r, "15.00%"));
    assert_true(has_text(&r, "综合满意度为63.50%。"));
    report_release(&r);
    build("xinfeng-2022-xinxihua.yaml", "重点绩效评价报告", NULL, &r);
    assert_true(has_text(&r, "设置的绩效指标专业性有待加强"));
    assert_true(has_text(&r, "本次评价未开展满意度问卷调查。"));
    report_release(&r);
}

/* No placeholder is left unfilled in any example under any layout. */
static void test_no_placeholder_left(void **state)
{
    static const char *const examples[] = {"xinfeng-2022-xinxihua.yaml",
                                           "jiangyuan-2022-yinshui.yaml",
                                           "jiangyuan-2023-yingyang.yaml"};
    static const char *const layouts[] = {"部门评价报告", "重点绩效评价报告", "项目支出绩效自评表"};
    struct strbuf all = STRBUF_INIT;

    (void)state;
    for (size_t e = 0; e < 3; e++)
        for (size_t l = 0; l < 3; l++) {
            struct report r;

            build(examples[e], layouts[l], NULL, &r);
            model_texts(&r, &all);
            if (strchr(all.buf, '{') || strchr(all.buf, '}'))
                fail_msg("%s under %s: %s", examples[e], layouts[l], strchr(all.buf, '{'));
            report_release(&r);
        }
    strbuf_release(&all);
}

static void expect_layout_error(const char *yaml, const char *msg)
{
    struct report_layout l;
    struct jx_diags d = JX_DIAGS_INIT;
    bool found = false;

    report_layout_init(&l, "bad.yaml");
    assert_int_equal(layout_read(yaml, strlen(yaml), "bad.yaml", &l, &d), JX_EINVAL);
    for (size_t i = 0; i < d.nr; i++)
        found |= strstr(d.v[i].msg, msg) != NULL && d.v[i].pos.line > 0;
    if (!found)
        fail_msg("no error '%s' (first: %s)", msg, d.nr ? d.v[0].msg : "none");
    jx_diags_release(&d);
    report_layout_release(&l);
}

static void test_layout_errors(void **state)
{
    (void)state;
    expect_layout_error("name: x\nitems:\n  - part: nope\n", "unknown part 'nope'");
    expect_layout_error("name: x\nitems:\n  - part: text\n    fields: [nope]\n",
                        "unknown text field 'nope'");
    expect_layout_error("name: x\nitems:\n  - h1: a\n    colour: red\n",
                        "unknown item key 'colour'");
    expect_layout_error("name: x\ntitle: '{nope}'\nitems: []\n", "unknown placeholder '{nope}'");
    expect_layout_error("name: x\nitems:\n  - part: text\n    fallback: nope\n",
                        "unknown sentence 'nope'");
    expect_layout_error("name: x\npage: sideways\nitems: []\n", "'page' must be portrait");
    expect_layout_error("name: x\nitems:\n  - part: text\n", "a text part needs");
    expect_layout_error("- a\n- b\n", "expected a mapping at the top");
    expect_layout_error("name: x\nitems:\n  - just text\n", "an item must be a mapping");
    expect_layout_error("name: x\nitems:\n  - part: text\n    fields: summary\n",
                        "'fields' must be a list");
    expect_layout_error("name: x\nitems:\n  - h1: a\n    part: text\n", "not both");
    expect_layout_error("name: [x]\nitems: []\n", "'name' must be text");
    expect_layout_error("name: x\nitems:\n  - part: analysis\n    level: 7\n",
                        "'level' must be 1, 2 or 3");
    expect_layout_error("name: x\nitems:\n  - h1: '{a'\n    heading: '{a'\n", "unclosed '{'");
    expect_layout_error("name: &a x\nitems:\n  - part: *a\n", "unknown part 'x'");
}

static void test_sentences_errors(void **state)
{
    static const char bad[] =
        "sentences:\n  summary: '{nope}'\n  extra: x\ndefault_category: 其他\n";
    struct report_sentences s;
    struct jx_diags d = JX_DIAGS_INIT;
    struct strbuf all = STRBUF_INIT;

    (void)state;
    report_sentences_init(&s);
    assert_int_equal(sentences_read(bad, strlen(bad), "bad.yaml", &s, &d), JX_EINVAL);
    for (size_t i = 0; i < d.nr; i++)
        strbuf_addf(&all, "%s\n", d.v[i].msg);
    assert_non_null(strstr(all.buf, "unknown placeholder '{nope}'"));
    assert_non_null(strstr(all.buf, "unknown sentence 'extra'"));
    assert_non_null(strstr(all.buf, "sentence 'budget' is missing"));
    strbuf_release(&all);
    jx_diags_release(&d);
    report_sentences_release(&s);
}

static void test_expand(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    struct report_var v[] = {{"a", "甲"}, {"b", NULL}};

    (void)state;
    report_expand(&sb, "{a}和{b}，{{a}}", v, 2);
    assert_string_equal(sb.buf, "甲和{b}，{a}");
    strbuf_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_reproduced),
        cmocka_unit_test(test_generated_analysis_full_marks),
        cmocka_unit_test(test_generated_analysis_lost_points),
        cmocka_unit_test(test_given_text_wins),
        cmocka_unit_test(test_numbers_exact),
        cmocka_unit_test(test_grade_bands_from_data),
        cmocka_unit_test(test_summary_and_score_tables),
        cmocka_unit_test(test_survey_table_foots),
        cmocka_unit_test(test_chart_axis_huge_budget),
        cmocka_unit_test(test_self_form),
        cmocka_unit_test(test_key_report_annexes),
        cmocka_unit_test(test_no_placeholder_left),
        cmocka_unit_test(test_layout_errors),
        cmocka_unit_test(test_sentences_errors),
        cmocka_unit_test(test_expand),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
