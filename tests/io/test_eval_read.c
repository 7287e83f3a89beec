/*
 * The evaluation file reader: a complete good file decoded field by field (positions
 * included), JSON and YAML of the same evaluation decoding equal, every class of bad
 * input against golden messages (tests/data/io/bad/NAME.{yaml,json} -> NAME.err), and
 * the hostile inputs: alias bombs, size cap, invalid UTF-8, NUL bytes, deep nesting.
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
#include <time.h>

#include "core/decimal.h"
#include "core/eval.h"
#include "core/money.h"
#include "core/score.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "io/eval_read.h"
#include "io/suggest.h"

#define GOOD JX_TEST_DATA "/io/good/"
#define BAD JX_TEST_DATA "/io/bad/"

/* ---- helpers ---- */

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

struct result {
    struct jx_eval ev;
    struct jx_diags d;
    struct strbuf msgs;
    int rc;
};

static void read_mem(struct result *r, const char *data, size_t len, const char *name,
                     enum eval_syntax syntax)
{
    memset(r, 0, sizeof(*r));
    r->d = (struct jx_diags)JX_DIAGS_INIT;
    strbuf_init(&r->msgs, 0);
    r->rc = eval_read(data, len, name, syntax, &r->ev, &r->d);
    jx_diags_format(&r->d, &r->msgs);
}

static void read_str(struct result *r, const char *text)
{
    read_mem(r, text, strlen(text), "t.yaml", EVAL_SYNTAX_AUTO);
}

static void result_release(struct result *r)
{
    eval_release(&r->ev);
    jx_diags_release(&r->d);
    strbuf_release(&r->msgs);
}

static void assert_pos(struct jx_pos pos, unsigned line, unsigned col)
{
    if (pos.line != line || pos.col != col)
        fail_msg("position %u:%u, expected %u:%u", pos.line, pos.col, line, col);
}

static const struct jx_indicator *child(const struct jx_indicator *ind, size_t i)
{
    assert_true(i < ind->nr_children);
    return &ind->children[i];
}

/* A minimal valid evaluation, to which tests append or in which they substitute. */
#define HEAD "kind: 部门评价\nunit: 某单位\nyear: 2022\nproject: {name: 某项目}\n"
#define MIN_EVAL HEAD "indicators:\n  - {name: 产出, weight: 100, target: ≥4个, actual: 4个}\n"

/* ---- the good file ---- */

static void test_good_top(void **state)
{
    struct result r;
    size_t len;
    char *data = slurp(GOOD "full.yaml", &len);

    (void)state;
    read_mem(&r, data, len, "full.yaml", EVAL_SYNTAX_AUTO);
    assert_string_equal(r.msgs.buf, "");
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.ev.file, "full.yaml");
    assert_int_equal(r.ev.format_version, 1);
    assert_int_equal(r.ev.kind, JX_KIND_DEPT);
    assert_string_equal(r.ev.title, "部门评价报告");
    assert_string_equal(r.ev.unit, "信丰县行政审批局");
    assert_string_equal(r.ev.department, "信丰县人民政府");
    assert_int_equal(r.ev.year, 2022);
    assert_string_equal(r.ev.date, "2023-03-20");

    assert_string_equal(r.ev.project.name, "信息化建设项目");
    assert_string_equal(r.ev.project.content,
                        "为推进政务服务信息化建设，进一步推进“放管服”改革。\n");
    assert_string_equal(r.ev.project.background, "打造“四最”营商环境");
    assert_string_equal(r.ev.project.implementation, "各平台如期上线");
    assert_int_equal(r.ev.project.nr_basis, 2);
    assert_string_equal(r.ev.project.basis[1], "信府办抄字[2019]441号");
    assert_string_equal(r.ev.project.overall_goal,
                        "保障信息化建设尾款及时支付，各个平台建设有序开展，如期上线。");
    assert_int_equal(r.ev.project.nr_phases, 2);
    assert_string_equal(r.ev.project.phases[0].period, "上半年");
    assert_string_equal(r.ev.project.phases[1].goal, "启动赣服通5.0项目的采购程序");
    assert_pos(r.ev.project.phases[1].pos, 24, 9);

    /* Bare numbers are 万元; "3,453,000.00元" names its unit. */
    assert_true(r.ev.budget.has_initial && r.ev.budget.has_planned);
    assert_true(r.ev.budget.has_received && r.ev.budget.has_spent);
    assert_int_equal(r.ev.budget.initial, 345300000);
    assert_int_equal(r.ev.budget.planned, 345300000);
    assert_int_equal(r.ev.budget.received, 345300000);
    assert_int_equal(r.ev.budget.spent, 345300000);
    assert_pos(r.ev.budget.pos, 28, 3);

    assert_string_equal(r.ev.work.purpose, "强化支出责任，规范资金管理行为");
    assert_string_equal(r.ev.work.standards, "计划标准");
    assert_int_equal(r.ev.work.nr_process, 2);
    assert_string_equal(r.ev.work.process[1].name, "绩效评价工作实施");
    assert_string_equal(r.ev.work.process[1].text, "收集相关数据进行分类整理");

    assert_string_equal(r.ev.summary, "综合评定得分为100分");
    assert_string_equal(r.ev.conclusion, "整体完成了项目绩效目标");
    assert_string_equal(r.ev.experience, "专款专用");
    assert_string_equal(r.ev.problems, "绩效指标专业性有待加强");
    assert_string_equal(r.ev.suggestions, "无");
    assert_string_equal(r.ev.other, "无");
    assert_string_equal(r.ev.signature.unit, "信丰县行政审批局");
    assert_string_equal(r.ev.signature.date, "2023-03-20");

    /* scoring */
    assert_int_equal(r.ev.root.weight, 10000);
    assert_true(r.ev.root.has_weight);
    assert_pos(r.ev.root.weight_pos, 151, 11);
    assert_int_equal(r.ev.nr_grades, 4);
    assert_string_equal(r.ev.grades[0].grade, "优");
    assert_int_equal(r.ev.grades[0].min, 9000);
    assert_string_equal(r.ev.grades[3].grade, "差");
    assert_int_equal(r.ev.grades[3].min, 0);
    assert_int_equal(r.ev.rules.overshoot, 120 * JX_MICRO);
    assert_int_equal(r.ev.rules.overshoot_penalty, 200);
    assert_true(r.ev.rules.execution_cap);
    assert_true(r.ev.rules.veto);
    assert_string_equal(r.ev.rules.veto_reason, "违规使用资金");
    assert_false(r.ev.rules.evidence_required);

    result_release(&r);
    free(data);
}

static void test_good_indicators(void **state)
{
    struct result r;
    size_t len;
    char *data = slurp(GOOD "full.yaml", &len);
    const struct jx_indicator *root, *l1, *l2, *leaf;

    (void)state;
    read_mem(&r, data, len, "full.yaml", EVAL_SYNTAX_AUTO);
    assert_string_equal(r.msgs.buf, "");
    root = &r.ev.root;
    assert_int_equal(root->depth, 0);
    assert_int_equal(root->nr_children, 4);
    assert_pos(root->pos, 48, 3);

    l1 = child(root, 0);
    assert_string_equal(l1->name, "项目决策");
    assert_int_equal(l1->depth, 1);
    assert_int_equal(l1->weight, 2500);
    assert_true(l1->has_weight);
    assert_pos(l1->pos, 48, 5);
    assert_pos(l1->weight_pos, 49, 13);
    assert_string_equal(l1->analysis, "该项目立项依据充分，立项程序规范。");
    assert_string_equal(l1->explanation, "决策情况");
    assert_int_equal(l1->nr_children, 2);

    l2 = child(l1, 0);
    assert_int_equal(l2->depth, 2);
    assert_pos(l2->pos, 53, 9);
    leaf = child(l2, 0);
    assert_int_equal(leaf->depth, 3);
    assert_true(indicator_is_leaf(leaf));
    assert_string_equal(leaf->name, "立项依据充分性");
    assert_int_equal(leaf->method, JX_METHOD_TIERS);
    assert_false(leaf->method_inferred);
    assert_pos(leaf->method_pos, 58, 21);
    assert_int_equal(leaf->tier, JX_TIER_MET);
    assert_true(leaf->has_given_score);
    assert_int_equal(leaf->given_score, 500);
    assert_pos(leaf->score_pos, 60, 20);
    assert_string_equal(leaf->standard, "依据充分得满分");
    assert_string_equal(leaf->basis, "立项文件齐全");
    assert_false(leaf->has_target);
    assert_null(leaf->target_text);

    leaf = child(l2, 1);
    assert_int_equal(leaf->method, JX_METHOD_DEDUCT);
    assert_int_equal(leaf->nr_deductions, 2);
    assert_int_equal(leaf->deductions[0].points, 50);
    assert_string_equal(leaf->deductions[0].reason, "缺少专家论证记录");
    assert_pos(leaf->deductions[0].pos, 67, 17);
    assert_int_equal(leaf->deductions[1].points, 100);

    l2 = child(l1, 1);
    assert_int_equal(child(l2, 0)->weight, 750);
    assert_int_equal(child(l2, 0)->method, JX_METHOD_REACH);
    assert_true(child(l2, 0)->has_reached);
    assert_true(child(l2, 0)->reached);
    assert_int_equal(child(l2, 1)->method, JX_METHOD_MANUAL);
    assert_int_equal(child(l2, 1)->given_score, 725);

    l1 = child(root, 1);
    leaf = child(l1, 0);
    assert_int_equal(leaf->method, JX_METHOD_EXECUTION);
    assert_int_equal(leaf->exec_base, JX_EXEC_RECEIVED);
    assert_false(leaf->has_target);
    leaf = child(l1, 1);
    assert_int_equal(leaf->method, JX_METHOD_DEVIATION);
    assert_int_equal(leaf->tolerance, 5 * JX_MICRO);
    assert_int_equal(leaf->zero_at, 40500000);
    assert_true(leaf->has_target && leaf->has_actual);
    assert_string_equal(leaf->target_text, "100%");
    assert_int_equal(leaf->target.micro, 100 * JX_MICRO);
    assert_string_equal(leaf->target.unit, "%");
    assert_int_equal(leaf->actual.micro, 96 * JX_MICRO);
    assert_pos(leaf->target_pos, 93, 17);
    assert_pos(leaf->actual_pos, 94, 17);

    l1 = child(root, 2);
    leaf = child(l1, 0);
    /* No method: left for the scorer to infer from the target's comparison. */
    assert_int_equal(leaf->method, JX_METHOD_NONE);
    assert_int_equal(leaf->method_pos.line, 0);
    assert_true(leaf->target.is_number);
    assert_int_equal(leaf->target.cmp, JX_CMP_GE);
    assert_int_equal(leaf->target.micro, 4 * JX_MICRO);
    assert_string_equal(leaf->target.unit, "个");
    assert_string_equal(leaf->actual_text, "4个");
    /* Defaults that the file does not override. */
    assert_int_equal(leaf->tolerance, 10 * JX_MICRO);
    assert_int_equal(leaf->zero_at, 50 * JX_MICRO);
    assert_int_equal(leaf->inverse_mode, JX_INVERSE_LINEAR);
    assert_int_equal(leaf->exec_base, JX_EXEC_PLANNED);
    assert_int_equal(leaf->tier, JX_TIER_NONE);
    assert_false(leaf->has_given_score);
    assert_false(leaf->has_reached);

    leaf = child(l1, 1);
    assert_int_equal(leaf->method, JX_METHOD_INVERSE);
    assert_int_equal(leaf->inverse_mode, JX_INVERSE_RATIO);
    assert_int_equal(leaf->target.cmp, JX_CMP_LT);
    assert_string_equal(leaf->deviation_reason, "无");
    leaf = child(l1, 2);
    assert_int_equal(leaf->target.cmp, JX_CMP_EQ);
    assert_string_equal(leaf->target.unit, "万元");

    leaf = child(child(root, 3), 0);
    assert_int_equal(leaf->method, JX_METHOD_SURVEY);
    assert_string_equal(leaf->survey, "s1");
    assert_int_equal(leaf->depth, 2);

    assert_int_equal(r.ev.nr_surveys, 2);
    assert_string_equal(r.ev.surveys[0].id, "s1");
    assert_string_equal(r.ev.surveys[0].title, "政务服务满意度调查");
    assert_string_equal(r.ev.surveys[0].respondents, "办事群众");
    assert_string_equal(r.ev.surveys[0].sampling, "随机抽样");
    assert_int_equal(r.ev.surveys[0].issued, 120);
    assert_int_equal(r.ev.surveys[0].returned, 110);
    assert_int_equal(r.ev.surveys[0].valid, 100);
    assert_int_equal(r.ev.surveys[0].nr_options, 3);
    assert_string_equal(r.ev.surveys[0].options[1].label, "满意");
    assert_int_equal(r.ev.surveys[0].options[1].value, 8000);
    assert_int_equal(r.ev.surveys[0].options[1].count, 15);
    assert_false(r.ev.surveys[0].has_reported);
    assert_pos(r.ev.surveys[0].pos, 126, 5);
    assert_true(r.ev.surveys[1].has_reported);
    assert_int_equal(r.ev.surveys[1].reported, 9850);
    assert_int_equal(r.ev.surveys[1].issued, -1);
    assert_int_equal(r.ev.surveys[1].nr_options, 0);

    result_release(&r);
    free(data);
}

/* ---- JSON and YAML decode equal ---- */

static void assert_str_same(const char *a, const char *b, const char *what)
{
    if ((a == NULL) != (b == NULL) || (a && strcmp(a, b)))
        fail_msg("%s differs: '%s' vs '%s'", what, a ? a : "(null)", b ? b : "(null)");
}

static void assert_qty_same(const struct jx_qty *a, const struct jx_qty *b)
{
    assert_int_equal(a->is_number, b->is_number);
    assert_int_equal(a->cmp, b->cmp);
    assert_int_equal(a->micro, b->micro);
    assert_string_equal(a->unit, b->unit);
}

static void assert_ind_same(const struct jx_indicator *a, const struct jx_indicator *b)
{
    assert_str_same(a->name, b->name, "name");
    assert_int_equal(a->depth, b->depth);
    assert_int_equal(a->weight, b->weight);
    assert_int_equal(a->has_weight, b->has_weight);
    assert_int_equal(a->method, b->method);
    assert_str_same(a->target_text, b->target_text, "target");
    assert_str_same(a->actual_text, b->actual_text, "actual");
    assert_int_equal(a->has_target, b->has_target);
    assert_int_equal(a->has_actual, b->has_actual);
    assert_qty_same(&a->target, &b->target);
    assert_qty_same(&a->actual, &b->actual);
    assert_int_equal(a->inverse_mode, b->inverse_mode);
    assert_int_equal(a->tolerance, b->tolerance);
    assert_int_equal(a->zero_at, b->zero_at);
    assert_int_equal(a->exec_base, b->exec_base);
    assert_int_equal(a->tier, b->tier);
    assert_int_equal(a->given_score, b->given_score);
    assert_int_equal(a->has_given_score, b->has_given_score);
    assert_int_equal(a->reached, b->reached);
    assert_int_equal(a->has_reached, b->has_reached);
    assert_int_equal(a->nr_deductions, b->nr_deductions);
    for (size_t i = 0; i < a->nr_deductions; i++) {
        assert_int_equal(a->deductions[i].points, b->deductions[i].points);
        assert_str_same(a->deductions[i].reason, b->deductions[i].reason, "reason");
    }
    assert_str_same(a->survey, b->survey, "survey");
    assert_str_same(a->explanation, b->explanation, "explanation");
    assert_str_same(a->standard, b->standard, "standard");
    assert_str_same(a->basis, b->basis, "basis");
    assert_str_same(a->deviation_reason, b->deviation_reason, "deviation_reason");
    assert_str_same(a->analysis, b->analysis, "analysis");
    assert_int_equal(a->nr_children, b->nr_children);
    for (size_t i = 0; i < a->nr_children; i++)
        assert_ind_same(&a->children[i], &b->children[i]);
}

static void assert_eval_same(const struct jx_eval *a, const struct jx_eval *b)
{
    assert_int_equal(a->format_version, b->format_version);
    assert_int_equal(a->kind, b->kind);
    assert_str_same(a->title, b->title, "title");
    assert_str_same(a->unit, b->unit, "unit");
    assert_str_same(a->department, b->department, "department");
    assert_int_equal(a->year, b->year);
    assert_str_same(a->date, b->date, "date");
    assert_str_same(a->project.name, b->project.name, "project.name");
    assert_str_same(a->project.content, b->project.content, "project.content");
    assert_str_same(a->project.background, b->project.background, "background");
    assert_str_same(a->project.implementation, b->project.implementation, "implementation");
    assert_int_equal(a->project.nr_basis, b->project.nr_basis);
    for (size_t i = 0; i < a->project.nr_basis; i++)
        assert_str_same(a->project.basis[i], b->project.basis[i], "basis");
    assert_str_same(a->project.overall_goal, b->project.overall_goal, "overall");
    assert_int_equal(a->project.nr_phases, b->project.nr_phases);
    for (size_t i = 0; i < a->project.nr_phases; i++) {
        assert_str_same(a->project.phases[i].period, b->project.phases[i].period, "period");
        assert_str_same(a->project.phases[i].goal, b->project.phases[i].goal, "goal");
    }
    assert_int_equal(a->budget.initial, b->budget.initial);
    assert_int_equal(a->budget.planned, b->budget.planned);
    assert_int_equal(a->budget.received, b->budget.received);
    assert_int_equal(a->budget.spent, b->budget.spent);
    assert_int_equal(a->budget.has_initial, b->budget.has_initial);
    assert_int_equal(a->budget.has_spent, b->budget.has_spent);
    assert_str_same(a->work.purpose, b->work.purpose, "purpose");
    assert_str_same(a->work.scope, b->work.scope, "scope");
    assert_str_same(a->work.principles, b->work.principles, "principles");
    assert_str_same(a->work.index_system, b->work.index_system, "index_system");
    assert_str_same(a->work.methods, b->work.methods, "methods");
    assert_str_same(a->work.standards, b->work.standards, "standards");
    assert_int_equal(a->work.nr_process, b->work.nr_process);
    for (size_t i = 0; i < a->work.nr_process; i++) {
        assert_str_same(a->work.process[i].name, b->work.process[i].name, "stage");
        assert_str_same(a->work.process[i].text, b->work.process[i].text, "text");
    }
    assert_ind_same(&a->root, &b->root);
    assert_int_equal(a->nr_surveys, b->nr_surveys);
    for (size_t i = 0; i < a->nr_surveys; i++) {
        const struct jx_survey *x = &a->surveys[i], *y = &b->surveys[i];

        assert_str_same(x->id, y->id, "id");
        assert_str_same(x->title, y->title, "survey title");
        assert_str_same(x->respondents, y->respondents, "respondents");
        assert_str_same(x->sampling, y->sampling, "sampling");
        assert_int_equal(x->issued, y->issued);
        assert_int_equal(x->returned, y->returned);
        assert_int_equal(x->valid, y->valid);
        assert_int_equal(x->reported, y->reported);
        assert_int_equal(x->has_reported, y->has_reported);
        assert_int_equal(x->nr_options, y->nr_options);
        for (size_t j = 0; j < x->nr_options; j++) {
            assert_str_same(x->options[j].label, y->options[j].label, "label");
            assert_int_equal(x->options[j].value, y->options[j].value);
            assert_int_equal(x->options[j].count, y->options[j].count);
        }
    }
    assert_str_same(a->summary, b->summary, "summary");
    assert_str_same(a->conclusion, b->conclusion, "conclusion");
    assert_str_same(a->experience, b->experience, "experience");
    assert_str_same(a->problems, b->problems, "problems");
    assert_str_same(a->suggestions, b->suggestions, "suggestions");
    assert_str_same(a->other, b->other, "other");
    assert_str_same(a->signature.unit, b->signature.unit, "signature.unit");
    assert_str_same(a->signature.date, b->signature.date, "signature.date");
    assert_int_equal(a->nr_grades, b->nr_grades);
    for (size_t i = 0; i < a->nr_grades; i++) {
        assert_str_same(a->grades[i].grade, b->grades[i].grade, "grade");
        assert_int_equal(a->grades[i].min, b->grades[i].min);
    }
    assert_int_equal(a->rules.overshoot, b->rules.overshoot);
    assert_int_equal(a->rules.overshoot_penalty, b->rules.overshoot_penalty);
    assert_int_equal(a->rules.execution_cap, b->rules.execution_cap);
    assert_int_equal(a->rules.veto, b->rules.veto);
    assert_str_same(a->rules.veto_reason, b->rules.veto_reason, "veto");
    assert_int_equal(a->rules.evidence_required, b->rules.evidence_required);
}

static void test_json_equals_yaml(void **state)
{
    struct result y, j, forced;
    size_t ylen, jlen;
    char *ydata = slurp(GOOD "full.yaml", &ylen);
    char *jdata = slurp(GOOD "full.json", &jlen);

    (void)state;
    read_mem(&y, ydata, ylen, "full.yaml", EVAL_SYNTAX_AUTO);
    read_mem(&j, jdata, jlen, "full.json", EVAL_SYNTAX_AUTO);
    assert_string_equal(y.msgs.buf, "");
    assert_string_equal(j.msgs.buf, "");
    assert_eval_same(&y.ev, &j.ev);
    /* Positions are the JSON file's own. */
    assert_pos(j.ev.root.children[0].pos, 58, 5);
    assert_pos(j.ev.root.children[0].weight_pos, 60, 17);

    /* JSON is recognised by its first '{' whatever the name; forced syntax works too. */
    read_mem(&forced, jdata, jlen, "stdin", EVAL_SYNTAX_JSON);
    assert_string_equal(forced.msgs.buf, "");
    assert_eval_same(&y.ev, &forced.ev);
    result_release(&forced);
    read_mem(&forced, jdata, jlen, "stdin", EVAL_SYNTAX_AUTO);
    assert_string_equal(forced.msgs.buf, "");
    result_release(&forced);
    /* JSON is YAML: read as YAML it decodes the same. */
    read_mem(&forced, jdata, jlen, "full.json", EVAL_SYNTAX_YAML);
    assert_string_equal(forced.msgs.buf, "");
    assert_eval_same(&y.ev, &forced.ev);
    result_release(&forced);

    result_release(&y);
    result_release(&j);
    free(ydata);
    free(jdata);
}

/* The seed example decodes without a message. */
static void test_seed_example(void **state)
{
    struct result r;
    size_t len;
    char *data = slurp(JX_SOURCE_DIR "/examples/xinfeng-2022-xinxihua.yaml", &len);

    (void)state;
    read_mem(&r, data, len, "xinfeng.yaml", EVAL_SYNTAX_AUTO);
    assert_string_equal(r.msgs.buf, "");
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.ev.root.nr_children, 4);
    assert_string_equal(r.ev.root.children[2].name, "项目产出");
    result_release(&r);
    free(data);
}

/* The complete example of docs/format.md reads cleanly and scores what the text says. */
static void test_format_doc_example(void **state)
{
    struct jx_diags more = JX_DIAGS_INIT;
    struct result r;
    size_t len;
    char *doc = slurp(JX_SOURCE_DIR "/docs/format.md", &len);
    const char *start = strstr(doc, "## A complete example"), *end;

    (void)state;
    assert_non_null(start);
    start = strstr(start, "```yaml\n");
    assert_non_null(start);
    start += strlen("```yaml\n");
    end = strstr(start, "\n```");
    assert_non_null(end);
    read_mem(&r, start, (size_t)(end - start) + 1, "example.yaml", EVAL_SYNTAX_AUTO);
    assert_string_equal(r.msgs.buf, "");
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.ev.budget.received, 345300000);
    assert_true(r.ev.rules.execution_cap);
    assert_int_equal(validate_eval(&r.ev, &more), 0);
    assert_int_equal(score_eval(&r.ev, &more), 0);
    assert_int_equal(r.ev.total, 9900);
    assert_string_equal(r.ev.grade, "优");
    jx_diags_release(&more);
    result_release(&r);
    free(doc);
}

/* ---- defaults and value forms ---- */

static void test_defaults(void **state)
{
    struct result r;

    (void)state;
    read_str(&r, MIN_EVAL);
    assert_string_equal(r.msgs.buf, "");
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.ev.format_version, JX_FORMAT_VERSION);
    assert_string_equal(r.ev.title, "部门评价报告");
    assert_null(r.ev.department);
    assert_null(r.ev.date);
    assert_false(r.ev.budget.has_planned);
    assert_int_equal(r.ev.budget.pos.line, 0);
    assert_int_equal(r.ev.root.weight, 10000);
    assert_int_equal(r.ev.nr_grades, 4);
    assert_int_equal(r.ev.rules.overshoot, 130 * JX_MICRO);
    assert_false(r.ev.rules.veto);
    assert_int_equal(r.ev.root.children[0].method, JX_METHOD_NONE);
    assert_int_equal(r.ev.nr_surveys, 0);
    result_release(&r);

    read_str(&r, "kind: 单位自评\nunit: u\nyear: 2022\nproject: {name: p}\nindicators: []\n");
    assert_string_equal(r.msgs.buf, "");
    assert_string_equal(r.ev.title, "单位自评报告");
    result_release(&r);
}

static void test_budget_units(void **state)
{
    struct result r;

    (void)state;
    read_str(&r, MIN_EVAL "budget:\n  planned: 3453000\n  unit: 元\n  spent: 1.5万元\n"
                          "  received: ¥1,000\n  initial: 0.01\n");
    assert_string_equal(r.msgs.buf, "");
    /* The unit applies to bare numbers wherever it stands in the mapping. */
    assert_int_equal(r.ev.budget.planned, 345300000);
    assert_int_equal(r.ev.budget.spent, 1500000);
    assert_int_equal(r.ev.budget.received, 100000);
    assert_int_equal(r.ev.budget.initial, 1);
    result_release(&r);

    read_str(&r, MIN_EVAL "budget: {planned: 1.5, spent: 1亿元}\n");
    assert_string_equal(r.msgs.buf, "");
    assert_int_equal(r.ev.budget.planned, 1500000);
    assert_int_equal(r.ev.budget.spent, INT64_C(10000000000));
    result_release(&r);
}

static void test_null_values(void **state)
{
    struct result r;

    (void)state;
    /* "key:" with nothing is not given; for a required key it is an error. */
    read_str(&r, MIN_EVAL "title:\ndepartment: ~\nsurveys:\nwork: null\n");
    assert_string_equal(r.msgs.buf, "");
    assert_string_equal(r.ev.title, "部门评价报告");
    assert_null(r.ev.department);
    result_release(&r);

    read_str(&r, "kind: 部门评价\nunit:\nyear: 2022\nproject: {name: p}\nindicators: []\n");
    assert_string_equal(r.msgs.buf, "t.yaml:2:1: 'unit' has no value\n");
    assert_int_equal(r.rc, JX_EINVAL);
    result_release(&r);
}

static void test_merge_and_extension_keys(void **state)
{
    struct result r;

    (void)state;
    read_str(&r, HEAD "x-leaf: &leaf {weight: 10, method: tiers, tier: 达成, score: 9}\n"
                      "x-note: anything at all [\n"
                      "indicators:\n"
                      "  - <<: *leaf\n    name: a\n"
                      "  - <<: [*leaf]\n    name: b\n    score: 8\n"
                      "  - *leaf\n");
    /* The third item has no name: the alias brings the whole mapping and nothing more. */
    assert_string_equal(r.msgs.buf, "t.yaml:13:5: missing required key 'name' in an indicator\n");
    assert_int_equal(r.ev.root.nr_children, 3);
    assert_string_equal(r.ev.root.children[0].name, "a");
    assert_int_equal(r.ev.root.children[0].weight, 1000);
    assert_int_equal(r.ev.root.children[0].given_score, 900);
    assert_int_equal(r.ev.root.children[1].method, JX_METHOD_TIERS);
    /* Keys given explicitly win over merged ones. */
    assert_int_equal(r.ev.root.children[1].given_score, 800);
    /* Positions inside an alias are those of the anchored text. */
    assert_pos(r.ev.root.children[0].weight_pos, 5, 24);
    result_release(&r);
}

static void test_alias_text(void **state)
{
    struct result r;

    (void)state;
    read_str(&r, "kind: 部门评价\nunit: &u 信丰县行政审批局\nyear: 2022\n"
                 "project: {name: p}\nindicators: []\nsignature: {unit: *u}\n");
    assert_string_equal(r.msgs.buf, "");
    assert_string_equal(r.ev.signature.unit, "信丰县行政审批局");
    result_release(&r);
}

/* ---- golden bad files ---- */

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && !strcmp(s + n - m, suffix);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_bad_goldens(void **state)
{
    DIR *dir = opendir(BAD);
    struct dirent *de;
    char **names = NULL;
    size_t nr = 0, alloc = 0, failures = 0;

    (void)state;
    assert_non_null(dir);
    while ((de = readdir(dir))) {
        if (!ends_with(de->d_name, ".yaml") && !ends_with(de->d_name, ".json"))
            continue;
        ALLOC_GROW(names, nr + 1, alloc);
        names[nr++] = xstrdup(de->d_name);
    }
    closedir(dir);
    qsort(names, nr, sizeof(*names), compare_names);
    assert_true(nr >= 20);

    for (size_t i = 0; i < nr; i++) {
        struct strbuf path = STRBUF_INIT, golden_path = STRBUF_INIT;
        struct result r;
        size_t len, glen;
        char *data, *golden;

        strbuf_addf(&path, "%s%s", BAD, names[i]);
        strbuf_addf(&golden_path, "%s%.*s.err", BAD, (int)(strlen(names[i]) - 5), names[i]);
        data = slurp(path.buf, &len);
        golden = slurp(golden_path.buf, &glen);
        read_mem(&r, data, len, names[i], EVAL_SYNTAX_AUTO);
        if (strcmp(r.msgs.buf, golden)) {
            print_error("%s: messages differ\n--- expected\n%s--- got\n%s", names[i], golden,
                        r.msgs.buf);
            failures++;
        }
        /* Every bad file is refused, and the return code says so. */
        if (r.rc == 0 || !r.d.errors) {
            print_error("%s: accepted (rc %d)\n", names[i], r.rc);
            failures++;
        }
        result_release(&r);
        free(data);
        free(golden);
        strbuf_release(&path);
        strbuf_release(&golden_path);
        free(names[i]);
    }
    free(names);
    assert_int_equal(failures, 0);
}

/* ---- hostile input ---- */

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Indicators 60 wide and 4 deep through aliases: 60^4 nodes if expanded naively. */
static void test_alias_bomb(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    struct timespec t0;
    struct result r;

    (void)state;
    strbuf_addstr(&sb, HEAD "x-i0: &i0 {name: leaf, weight: 1}\n");
    for (int level = 1; level <= 3; level++) {
        strbuf_addf(&sb, "x-i%d: &i%d {name: n, weight: 1, children: [", level, level);
        for (int k = 0; k < 60; k++)
            strbuf_addf(&sb, "%s*i%d", k ? ", " : "", level - 1);
        strbuf_addstr(&sb, "]}\n");
    }
    strbuf_addstr(&sb, "indicators: [");
    for (int k = 0; k < 60; k++)
        strbuf_addf(&sb, "%s*i3", k ? ", " : "");
    strbuf_addstr(&sb, "]\n");

    clock_gettime(CLOCK_MONOTONIC, &t0);
    read_mem(&r, sb.buf, sb.len, "bomb.yaml", EVAL_SYNTAX_AUTO);
    assert_true(seconds_since(&t0) < 2.0);
    assert_int_equal(r.rc, JX_EINVAL);
    /* One message, at the alias whose expansion crossed the limit. */
    assert_int_equal(r.d.nr, 1);
    assert_string_equal(r.d.v[0].msg, "aliases expand to more than 200000 nodes; refusing to "
                                      "go on (an alias bomb?)");
    assert_int_equal(r.d.v[0].pos.line, 6);
    result_release(&r);
    strbuf_release(&sb);
}

/* The classic billion laughs, with the laughs where text is expected. */
static void test_billion_laughs(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    struct timespec t0;
    struct result r;

    (void)state;
    strbuf_addstr(&sb, HEAD "indicators: []\nx-a: &a [lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char c = 'b'; c <= 'j'; c++) {
        strbuf_addf(&sb, "x-%c: &%c [", c, c);
        for (int k = 0; k < 9; k++)
            strbuf_addf(&sb, "%s*%c", k ? ", " : "", c - 1);
        strbuf_addstr(&sb, "]\n");
    }
    strbuf_addstr(&sb, "problems: *j\nwork: {process: *j}\n");
    clock_gettime(CLOCK_MONOTONIC, &t0);
    read_mem(&r, sb.buf, sb.len, "laughs.yaml", EVAL_SYNTAX_AUTO);
    assert_true(seconds_since(&t0) < 2.0);
    assert_int_equal(r.rc, JX_EINVAL);
    /* Reported where the aliases are used, each once: nothing is expanded. */
    assert_int_equal(r.d.errors, 10);
    assert_string_equal(r.d.v[0].msg,
                        "expected a mapping for an item of 'process', got a sequence");
    assert_pos(r.d.v[0].pos, 15, 10);
    assert_pos(r.d.v[8].pos, 15, 42);
    assert_string_equal(r.d.v[9].msg, "expected text for 'problems', got a sequence");
    assert_pos(r.d.v[9].pos, 16, 11);
    result_release(&r);
    strbuf_release(&sb);
}

static void test_size_cap(void **state)
{
    size_t len = EVAL_READ_MAX_BYTES + 1;
    char *big = xmalloc(len);
    struct result r;

    (void)state;
    /* One byte over: refused before parsing, whatever the content. */
    memset(big, '#', len);
    memcpy(big, MIN_EVAL, strlen(MIN_EVAL));
    big[strlen(MIN_EVAL)] = '#';
    read_mem(&r, big, len, "big.yaml", EVAL_SYNTAX_AUTO);
    assert_int_equal(r.rc, JX_ETOOBIG);
    assert_string_equal(
        r.msgs.buf, "big.yaml: file is too large: 8388609 bytes, the limit is 8388608 (8 MiB)\n");
    result_release(&r);

    /* Exactly at the cap: read (the rest of the file is one long comment). */
    read_mem(&r, big, len - 1, "big.yaml", EVAL_SYNTAX_AUTO);
    assert_string_equal(r.msgs.buf, "");
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.ev.root.nr_children, 1);
    result_release(&r);
    free(big);
}

static void test_invalid_utf8(void **state)
{
    static const char text[] = "kind: 部门评价\nunit: 信丰\xE5\xBF县\n";
    struct result r;

    (void)state;
    read_mem(&r, text, sizeof(text) - 1, "gbk.yaml", EVAL_SYNTAX_AUTO);
    assert_int_equal(r.rc, JX_EINVAL);
    /* Column in characters: "unit: 信丰" is 8 characters, the bad byte is the ninth. */
    assert_string_equal(r.msgs.buf,
                        "gbk.yaml:2:9: invalid UTF-8 (byte 0xE5); save the file as UTF-8\n");
    result_release(&r);
}

static void test_binary(void **state)
{
    static const char elf[] = "\x7f"
                              "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0";
    static const char nul[] = "kind: 部门评价\nun\0it: x\n";
    struct result r;

    (void)state;
    read_mem(&r, elf, sizeof(elf) - 1, "a.out", EVAL_SYNTAX_AUTO);
    assert_int_equal(r.rc, JX_EINVAL);
    assert_string_equal(r.msgs.buf, "a.out:1:8: NUL byte in the text; is this a binary file?\n");
    result_release(&r);

    read_mem(&r, nul, sizeof(nul) - 1, "nul.yaml", EVAL_SYNTAX_AUTO);
    assert_string_equal(r.msgs.buf, "nul.yaml:2:3: NUL byte in the text; is this a binary file?\n");
    result_release(&r);

    /* Invalid UTF-8 before any NUL is what gets reported. */
    read_mem(&r, "\xff\xfe\0k", 4, "utf16.yaml", EVAL_SYNTAX_AUTO);
    assert_string_equal(r.msgs.buf,
                        "utf16.yaml:1:1: invalid UTF-8 (byte 0xFF); save the file as UTF-8\n");
    result_release(&r);
}

static void test_empty(void **state)
{
    static const char *const empties[] = {"", "\n\n  \n", "# only a comment\n", "---\n",
                                          "\xEF\xBB\xBF"};
    struct result r;

    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(empties); i++) {
        read_mem(&r, empties[i], strlen(empties[i]), "e.yaml", EVAL_SYNTAX_AUTO);
        assert_int_equal(r.rc, JX_EINVAL);
        assert_string_equal(r.msgs.buf, "e.yaml: file is empty; start from 'jixiao new'\n");
        result_release(&r);
    }
}

/* Nesting far past what libfyaml accepts ends in its error, not in a crash. */
static void test_deep_nesting(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    struct result r;

    (void)state;
    strbuf_addstr(&sb, HEAD "indicators: ");
    strbuf_addchars(&sb, '[', 100000);
    read_mem(&r, sb.buf, sb.len, "deep.yaml", EVAL_SYNTAX_AUTO);
    assert_int_equal(r.rc, JX_EINVAL);
    assert_true(r.d.errors >= 1);
    assert_string_equal(r.msgs.buf, "deep.yaml:6:1: flow sequence without a closing bracket\n");
    result_release(&r);

    /* The same depth closed: a tree that deep is built and refused without recursion. */
    strbuf_addchars(&sb, ']', 100000);
    read_mem(&r, sb.buf, sb.len, "deep.yaml", EVAL_SYNTAX_AUTO);
    assert_string_equal(r.msgs.buf,
                        "deep.yaml:5:14: expected a mapping for an item of 'indicators', got a "
                        "sequence\n");
    result_release(&r);

    /* 200 levels of indicators through children: refused at level 5, once. */
    strbuf_reset(&sb);
    strbuf_addstr(&sb, HEAD "indicators:\n  - ");
    for (int i = 0; i < 200; i++)
        strbuf_addstr(&sb, "{name: n, weight: 1, children: [");
    strbuf_addstr(&sb, "{name: leaf, weight: 1}");
    for (int i = 0; i < 200; i++)
        strbuf_addstr(&sb, "]}");
    strbuf_addch(&sb, '\n');
    read_mem(&r, sb.buf, sb.len, "deep.yaml", EVAL_SYNTAX_AUTO);
    assert_int_equal(r.rc, JX_EINVAL);
    assert_string_equal(r.msgs.buf, "deep.yaml:6:122: indicators go at most 4 levels deep; "
                                    "these children would be level 5\n");
    assert_int_equal(r.ev.root.children[0].children[0].children[0].children[0].depth, 4);
    assert_int_equal(r.ev.root.children[0].children[0].children[0].children[0].nr_children, 0);
    result_release(&r);
    strbuf_release(&sb);
}

static void test_error_cap(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    struct result r;

    (void)state;
    strbuf_addstr(&sb, MIN_EVAL);
    for (int i = 0; i < 500; i++)
        strbuf_addf(&sb, "bogus%d: 1\n", i);
    read_mem(&r, sb.buf, sb.len, "many.yaml", EVAL_SYNTAX_AUTO);
    assert_int_equal(r.rc, JX_EINVAL);
    assert_int_equal(r.d.errors, 201);
    assert_string_equal(r.d.v[r.d.nr - 1].msg, "too many errors; stopping after 200");
    result_release(&r);
    strbuf_release(&sb);
}

/* Messages already in the list stay first and untouched. */
static void test_appends_to_diags(void **state)
{
    struct jx_diags d = JX_DIAGS_INIT;
    struct jx_eval ev;
    struct jx_pos far = {999, 1};
    static const char text[] = HEAD "indicators: []\nbogus: 1\n";

    (void)state;
    jx_diags_add(&d, JX_SEV_WARNING, "other.yaml", far, "earlier");
    assert_int_equal(eval_read(text, strlen(text), "t.yaml", EVAL_SYNTAX_YAML, &ev, &d), JX_EINVAL);
    assert_int_equal(d.nr, 2);
    assert_string_equal(d.v[0].msg, "earlier");
    assert_string_equal(d.v[1].msg, "unknown key 'bogus' at the top level");
    assert_int_equal(d.errors, 1);
    eval_release(&ev);
    jx_diags_release(&d);
}

/* ---- did you mean ---- */

static void test_suggest(void **state)
{
    static const char *const keys[] = {"name",   "weight",           "children", "target",
                                       "actual", "deviation_reason", "survey",   "surveys"};
    const size_t n = ARRAY_SIZE(keys);

    (void)state;
    assert_string_equal(suggest_closest("wieght", 6, keys, n), "weight");
    assert_string_equal(suggest_closest("weigth", 6, keys, n), "weight");
    assert_string_equal(suggest_closest("nmae", 4, keys, n), "name");
    assert_string_equal(suggest_closest("chilren", 7, keys, n), "children");
    assert_string_equal(suggest_closest("deviation", 9, keys, n), "deviation_reason");
    assert_string_equal(suggest_closest("survy", 5, keys, n), "survey");
    assert_null(suggest_closest("x", 1, keys, n));
    assert_null(suggest_closest("zzzzzz", 6, keys, n));
    assert_null(suggest_closest("名称", strlen("名称"), keys, n));
    assert_int_equal(suggest_distance("abc", 3, "abc", 3, 2), 0);
    assert_int_equal(suggest_distance("ab", 2, "ba", 2, 2), 1);
    assert_int_equal(suggest_distance("kitten", 6, "sitting", 7, 5), 3);
    assert_int_equal(suggest_distance("a", 1, "abcdef", 6, 2), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_top),
        cmocka_unit_test(test_good_indicators),
        cmocka_unit_test(test_json_equals_yaml),
        cmocka_unit_test(test_seed_example),
        cmocka_unit_test(test_format_doc_example),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_budget_units),
        cmocka_unit_test(test_null_values),
        cmocka_unit_test(test_merge_and_extension_keys),
        cmocka_unit_test(test_alias_text),
        cmocka_unit_test(test_bad_goldens),
        cmocka_unit_test(test_alias_bomb),
        cmocka_unit_test(test_billion_laughs),
        cmocka_unit_test(test_size_cap),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_binary),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_error_cap),
        cmocka_unit_test(test_appends_to_diags),
        cmocka_unit_test(test_suggest),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
