/*
 * Tests of the scoring engine (core/score.c) and the evaluation basics (core/eval.c):
 * the seed scored end to end, parents as exact sums, errors that leave a leaf at 0 and
 * go on, and the template rules 偏差扣分, 执行率封顶, 一票否决 and 证据不足.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/grade.h"
#include "core/method.h"
#include "core/score.h"
#include "core/validate.h"

#include "eval_fixture.h"

#define WAN(x) ((int64_t)(x)*1000000) /* 万元 in 分 */

/* ---- eval.c ---- */

static void test_eval_init(void **state)
{
    struct jx_eval ev;
    enum jx_kind k;

    (void)state;
    eval_init(&ev, "a.yaml");
    assert_string_equal(ev.file, "a.yaml");
    assert_int_equal(ev.format_version, JX_FORMAT_VERSION);
    assert_int_equal(ev.kind, JX_KIND_DEPT);
    assert_int_equal(ev.root.weight, 10000);
    assert_true(ev.root.has_weight);
    assert_int_equal(ev.root.depth, 0);
    assert_int_equal(ev.nr_grades, 4);
    assert_string_equal(ev.grades[0].grade, "优");
    assert_int_equal(ev.grades[0].min, 9000);
    assert_string_equal(ev.grades[3].grade, "差");
    assert_int_equal(ev.rules.overshoot, 130 * JX_MICRO);
    assert_int_equal(ev.rules.overshoot_penalty, 0);
    assert_false(ev.rules.execution_cap);
    assert_false(ev.rules.veto);
    assert_false(ev.rules.evidence_required);
    assert_null(ev.arena.head);
    assert_false(ev.budget.has_planned);

    assert_string_equal(eval_kind_name(JX_KIND_UNIT_SELF), "单位自评");
    assert_string_equal(eval_kind_name(JX_KIND_DEPT), "部门评价");
    assert_string_equal(eval_kind_name(JX_KIND_FINANCE), "财政评价");
    assert_int_equal(eval_kind_from_name("财政评价", &k), 0);
    assert_int_equal(k, JX_KIND_FINANCE);
    assert_int_equal(eval_kind_from_name("单位自评", &k), 0);
    assert_int_equal(k, JX_KIND_UNIT_SELF);
    assert_int_equal(eval_kind_from_name("自评", &k), JX_EINVAL);
    assert_int_equal(eval_kind_from_name("", &k), JX_EINVAL);

    /* Release frees the arena and leaves an initialised evaluation behind. */
    fx_children(&ev, &ev.root, 2);
    eval_release(&ev);
    assert_null(ev.arena.head);
    assert_int_equal(ev.root.nr_children, 0);
    assert_string_equal(ev.file, "a.yaml");
    eval_release(&ev);
}

static void collect(struct jx_indicator *leaf, void *data)
{
    struct strbuf *sb = data;

    strbuf_addstr(sb, leaf->name);
    strbuf_addch(sb, ' ');
}

static void test_eval_walk(void **state)
{
    struct jx_eval ev;
    struct strbuf sb = STRBUF_INIT;

    (void)state;
    eval_init(&ev, NULL);
    eval_for_each_leaf(&ev.root, collect, &sb);
    assert_string_equal(sb.buf, "");
    eval_release(&ev);

    fx_seed(&ev);
    eval_for_each_leaf(&ev.root, collect, &sb);
    assert_string_equal(sb.buf, "立项依据充分性 立项程序规范性 绩效目标合理性 绩效指标明确性 "
                                "预算编制科学性 资金分配合理性 资金到位率 预算执行率 "
                                "资金使用合规性 管理制度健全性 制度执行有效性 建设平台数量 "
                                "系统运行故障率 系统节约办件时间 项目成本 社会效益 可持续影响 "
                                "服务对象满意度 ");
    assert_non_null(eval_find_survey(&ev, "群众满意度"));
    assert_ptr_equal(eval_find_survey(&ev, "群众满意度"), &ev.surveys[0]);
    assert_null(eval_find_survey(&ev, "群众"));
    assert_null(eval_find_survey(&ev, NULL));
    strbuf_release(&sb);
    eval_release(&ev);
}

static void test_survey_satisfaction(void **state)
{
    struct jx_eval ev;
    struct jx_survey *s;
    struct jx_survey_option opts[3] = {{"很满意", 10000, 1}, {"满意", 8000, 1}, {"一般", 6000, 1}};

    (void)state;
    eval_init(&ev, NULL);
    s = fx_surveys(&ev, 1);
    assert_int_equal(eval_survey_satisfaction(s), -1);
    s->reported = 9650;
    s->has_reported = true;
    assert_int_equal(eval_survey_satisfaction(s), 9650);
    /* Options win over a reported rate: (100 + 80 + 60)/3 = 80.00%. */
    s->options = opts;
    s->nr_options = 3;
    assert_int_equal(eval_survey_satisfaction(s), 8000);
    /* (100·2 + 80 + 60·0)/3 = 93.333…% → 93.33%; (100 + 80·2)/3 = 86.666…% → 86.67%. */
    opts[0].count = 2;
    opts[2].count = 0;
    assert_int_equal(eval_survey_satisfaction(s), 9333);
    opts[0].count = 1;
    opts[1].count = 2;
    assert_int_equal(eval_survey_satisfaction(s), 8667);
    /* Half-way: one answer at 100 and one at 80.01 → 90.005% → 90.01%. */
    opts[1] = (struct jx_survey_option){"满意", 8001, 1};
    opts[2].count = 0;
    assert_int_equal(eval_survey_satisfaction(s), 9001);
    /* No answers at all: the reported rate. */
    opts[0].count = opts[1].count = 0;
    assert_int_equal(eval_survey_satisfaction(s), 9650);
    /* An invalid option makes it unknown (validate says why). */
    opts[0].count = 1;
    opts[0].value = 12000;
    assert_int_equal(eval_survey_satisfaction(s), -1);
    eval_release(&ev);
}

/* ---- the seed, end to end ---- */

static void test_seed(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;

    (void)state;
    fx_seed(&ev);
    assert_int_equal(validate_eval(&ev, &d), 0);
    assert_int_equal(d.nr, 0);
    assert_int_equal(score_eval(&ev, &d), 0);
    assert_int_equal(d.nr, 0);
    assert_true(ev.scored);
    assert_int_equal(ev.raw_total, 10000);
    assert_int_equal(ev.total, 10000);
    assert_string_equal(ev.grade, "优");
    for (size_t i = 0; i < ev.root.nr_children; i++) {
        const struct jx_indicator *l1 = &ev.root.children[i];

        assert_true(l1->scored);
        assert_int_equal(l1->score, l1->weight);
        assert_int_equal(score_rate(l1), 10000);
    }
    assert_int_equal(ev.surveys[0].satisfaction, 10000);
    /* Inferred methods are recorded on the leaf; given ones are left alone. */
    assert_int_equal(ev.root.children[2].children[0].children[0].method, JX_METHOD_RATIO);
    assert_true(ev.root.children[2].children[0].children[0].method_inferred);
    assert_int_equal(ev.root.children[2].children[1].children[0].method, JX_METHOD_INVERSE);
    assert_int_equal(ev.root.children[1].children[0].children[0].method, JX_METHOD_RATIO);
    assert_false(ev.root.children[1].children[0].children[0].method_inferred);
    assert_int_equal(score_execution_rate(&ev, JX_EXEC_PLANNED), 10000);
    assert_int_equal(score_execution_rate(&ev, JX_EXEC_RECEIVED), 10000);
    eval_release(&ev);
    jx_diags_release(&d);
}

/* The seed with the 产出 leaves changed: partial scores, exact parent sums. */
static void test_partial(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct jx_indicator *out;

    (void)state;
    fx_seed(&ev);
    out = &ev.root.children[2];
    /* 3 of 4 platforms: 10 × 3/4 = 7.50 */
    fx_actual(&out->children[0].children[0], "3个");
    /* 故障率 25% against 低于20%: 8 × (40 − 25)/20 = 6.00 */
    fx_actual(&out->children[1].children[0], "25%");
    /* 节约办件时间 7% against 高于10%: 6 × 7/10 = 4.20 */
    fx_actual(&out->children[2].children[0], "7%");
    /* 成本 5,500,000元 against ≤500万元: 6 × (1000 − 550)/500 = 5.40 */
    fx_actual(&out->children[3].children[0], "5,500,000元");
    assert_int_equal(score_eval(&ev, &d), 0);
    assert_int_equal(out->children[0].children[0].score, 750);
    assert_int_equal(out->children[0].score, 750);
    assert_int_equal(out->children[1].score, 600);
    assert_int_equal(out->children[2].score, 420);
    assert_int_equal(out->children[3].score, 540);
    assert_int_equal(out->score, 750 + 600 + 420 + 540);
    assert_int_equal(ev.raw_total, 2500 + 1500 + 2310 + 3000);
    assert_int_equal(ev.total, 9310);
    assert_string_equal(ev.grade, "优");
    /* 得分率 23.10 / 30 = 77.00% */
    assert_int_equal(score_rate(out), 7700);
    /* 7.50 / 10 = 75.00% */
    assert_int_equal(score_rate(&out->children[0]), 7500);

    /* Scoring again gives the same result (results are reset, not accumulated). */
    assert_int_equal(score_eval(&ev, &d), 0);
    assert_int_equal(ev.total, 9310);
    assert_int_equal(d.nr, 0);
    eval_release(&ev);
    jx_diags_release(&d);
}

static void test_grade_boundaries(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct jx_indicator *leaf;
    static const struct {
        int64_t score;
        const char *grade;
    } cases[] = {{9000, "优"}, {8999, "良"}, {8000, "良"}, {7999, "中"},
                 {6000, "中"}, {5999, "差"}, {0, "差"}};

    (void)state;
    eval_init(&ev, "e.yaml");
    leaf = fx_children(&ev, &ev.root, 1);
    fx_ind(leaf, "专家评分", 10000, 10);
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        fx_given(leaf, JX_METHOD_MANUAL, JX_TIER_NONE, cases[i].score, "专家组意见");
        assert_int_equal(score_eval(&ev, &d), 0);
        assert_int_equal(ev.total, cases[i].score);
        assert_string_equal(ev.grade, cases[i].grade);
    }
    eval_release(&ev);
    jx_diags_release(&d);
}

static void test_errors_continue(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct strbuf out = STRBUF_INIT;
    struct jx_indicator *l1, *leaf;

    (void)state;
    eval_init(&ev, "bad.yaml");
    l1 = fx_children(&ev, &ev.root, 1);
    fx_ind(l1, "项目产出", 10000, 10);
    leaf = fx_children(&ev, l1, 4);
    fx_leaf(&leaf[0], "新增设备", 2500, 20, JX_METHOD_RATIO, "≥0台", "3台");
    fx_leaf(&leaf[1], "建设平台数量", 2500, 30, JX_METHOD_NONE, "≥4个", "2个");
    fx_leaf(&leaf[2], "群众获得感", 2500, 40, JX_METHOD_NONE, "明显提升", "明显提升");
    fx_ind(&leaf[3], "专家评分", 2500, 50);
    fx_given(&leaf[3], JX_METHOD_TIERS, JX_TIER_PARTLY, 2400, NULL);

    assert_int_equal(score_eval(&ev, &d), JX_EINVAL);
    assert_int_equal(d.errors, 3);
    jx_diags_format(&d, &out);
    assert_string_equal(out.buf,
                        "bad.yaml:20:5: cannot score '新增设备': target is 0 for method 'ratio'\n"
                        "bad.yaml:40:5: cannot score '群众获得感': method required: target is "
                        "qualitative; use tiers, reach or manual\n"
                        "bad.yaml:50:5: cannot score '专家评分': score 24.00 is outside tier "
                        "部分达成 [15.00, 20.00)\n");
    assert_int_equal(leaf[0].score, 0);
    assert_false(leaf[0].scored);
    assert_int_equal(leaf[1].score, 1250);
    assert_true(leaf[1].scored);
    assert_int_equal(ev.total, 1250);
    assert_string_equal(ev.grade, "差");

    strbuf_reset(&out);
    score_explain(&ev, &leaf[0], &out);
    assert_string_equal(out.buf, "cannot score: target is 0 for method 'ratio' → 0.00");
    strbuf_reset(&out);
    score_explain(&ev, &leaf[1], &out);
    assert_string_equal(out.buf, "ratio: actual 2个 < target 4个 → 25.00 × 2/4 = 12.50");
    strbuf_reset(&out);
    score_explain(&ev, l1, &out);
    assert_string_equal(out.buf, "sum of 4 sub-indicators = 12.50");
    strbuf_release(&out);
    eval_release(&ev);
    jx_diags_release(&d);
}

/* ---- template rules ---- */

/* One 一级指标 of 100 with a ratio leaf of 10 (target ≥100个) and a manual leaf of 90. */
static struct jx_indicator *two_leaves(struct jx_eval *ev, const char *actual, int64_t manual)
{
    struct jx_indicator *l1, *leaf;

    eval_init(ev, "r.yaml");
    l1 = fx_children(ev, &ev->root, 1);
    fx_ind(l1, "项目产出", 10000, 10);
    leaf = fx_children(ev, l1, 2);
    fx_leaf(&leaf[0], "培训人次", 1000, 20, JX_METHOD_RATIO, "≥100个", actual);
    fx_ind(&leaf[1], "其他", 9000, 30);
    fx_given(&leaf[1], JX_METHOD_MANUAL, JX_TIER_NONE, manual, "评审意见");
    return leaf;
}

static void test_overshoot_flag_and_penalty(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct strbuf out = STRBUF_INIT;
    struct jx_indicator *leaf;

    (void)state;
    leaf = two_leaves(&ev, "150个", 9000);
    assert_int_equal(score_eval(&ev, &d), 0);
    assert_true(leaf[0].overshoot);
    assert_false(leaf[1].overshoot);
    assert_int_equal(leaf[0].score, 1000); /* flagged, not deducted: the rule is off */

    ev.rules.overshoot_penalty = 200;
    assert_int_equal(score_eval(&ev, &d), 0);
    assert_int_equal(leaf[0].score, 800);
    assert_int_equal(ev.total, 9800);
    score_explain(&ev, &leaf[0], &out);
    assert_string_equal(out.buf, "ratio: actual 150个 ≥ target 100个 → full 10.00; actual is "
                                 "150.00% of target (≥ 130%): 偏差扣分 − 2.00 = 8.00");

    /* The threshold is configurable and exact. */
    ev.rules.overshoot = 151 * JX_MICRO;
    assert_int_equal(score_eval(&ev, &d), 0);
    assert_false(leaf[0].overshoot);
    assert_int_equal(leaf[0].score, 1000);
    eval_release(&ev);

    /* Below 130% nothing happens; the penalty is floored at 0. */
    leaf = two_leaves(&ev, "129个", 9000);
    ev.rules.overshoot_penalty = 200;
    assert_int_equal(score_eval(&ev, &d), 0);
    assert_false(leaf[0].overshoot);
    assert_int_equal(leaf[0].score, 1000);
    leaf[0].weight = 100;
    leaf[1].weight = 9900;
    fx_actual(&leaf[0], "130个");
    assert_int_equal(score_eval(&ev, &d), 0);
    assert_true(leaf[0].overshoot);
    assert_int_equal(leaf[0].score, 0);
    assert_int_equal(d.nr, 0);
    strbuf_release(&out);
    eval_release(&ev);
    jx_diags_release(&d);
}

static void test_execution_cap(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    static const struct {
        int64_t spent; /* 分, of a planned 100万元 */
        int64_t total;
        const char *grade;
    } cases[] = {
        {WAN(100), 10000, "优"},   {WAN(80), 10000, "优"},    {WAN(80) - 1, 8900, "良"},
        {WAN(70), 8900, "良"},     {WAN(70) - 1, 7900, "中"}, {WAN(60), 7900, "中"},
        {WAN(60) - 1, 6900, "中"}, {WAN(50), 6900, "中"},     {WAN(50) - 1, 5900, "差"},
        {0, 5900, "差"},
    };

    (void)state;
    two_leaves(&ev, "100个", 9000);
    ev.rules.execution_cap = true;
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        fx_budget(&ev, WAN(100), -1, cases[i].spent);
        assert_int_equal(score_eval(&ev, &d), 0);
        assert_int_equal(ev.raw_total, 10000);
        assert_int_equal(ev.total, cases[i].total);
        assert_string_equal(ev.grade, cases[i].grade);
    }
    /* A total under the cap stays as it is. */
    fx_given(&ev.root.children[0].children[1], JX_METHOD_MANUAL, JX_TIER_NONE, 5000, "评审意见");
    fx_budget(&ev, WAN(100), -1, WAN(75));
    assert_int_equal(score_eval(&ev, &d), 0);
    assert_int_equal(ev.total, 6000);
    /* Off: no cap. No budget: no cap (validate reports it). */
    fx_given(&ev.root.children[0].children[1], JX_METHOD_MANUAL, JX_TIER_NONE, 9000, "评审意见");
    ev.rules.execution_cap = false;
    assert_int_equal(score_eval(&ev, &d), 0);
    assert_int_equal(ev.total, 10000);
    ev.rules.execution_cap = true;
    fx_budget(&ev, -1, -1, -1);
    assert_int_equal(score_eval(&ev, &d), 0);
    assert_int_equal(ev.total, 10000);
    /* On another scale the caps scale: 89% of 50 points is 44.50. */
    ev.root.weight = 5000;
    ev.root.children[0].weight = 5000;
    ev.root.children[0].children[0].weight = 500;
    ev.root.children[0].children[1].weight = 4500;
    fx_given(&ev.root.children[0].children[1], JX_METHOD_MANUAL, JX_TIER_NONE, 4500, "评审意见");
    fx_budget(&ev, WAN(100), -1, WAN(75));
    assert_int_equal(score_eval(&ev, &d), 0);
    assert_int_equal(ev.raw_total, 5000);
    assert_int_equal(ev.total, 4450);
    assert_int_equal(d.nr, 0);
    eval_release(&ev);
    jx_diags_release(&d);
}

static void test_veto(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct jx_grade_band bands[] = {{"合格", 6000}, {"不合格", 0}};

    (void)state;
    two_leaves(&ev, "100个", 9000);
    ev.rules.veto = true;
    ev.rules.veto_reason = "存在挪用资金";
    assert_int_equal(score_eval(&ev, &d), 0);
    assert_int_equal(ev.total, 10000); /* the score is unchanged */
    assert_string_equal(ev.grade, "差");
    /* The lowest band of the template, whatever it is called. */
    ev.grades = bands;
    ev.nr_grades = 2;
    assert_int_equal(score_eval(&ev, &d), 0);
    assert_string_equal(ev.grade, "不合格");
    ev.rules.veto = false;
    assert_int_equal(score_eval(&ev, &d), 0);
    assert_string_equal(ev.grade, "合格");
    eval_release(&ev);
    jx_diags_release(&d);
}

static void test_evidence_required(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct strbuf out = STRBUF_INIT;
    struct jx_indicator *leaf;

    (void)state;
    leaf = two_leaves(&ev, NULL, 9000);
    /* Off: a missing actual is an error. */
    assert_int_equal(score_eval(&ev, &d), JX_EINVAL);
    fx_expect(&d, JX_SEV_ERROR, "cannot score '培训人次': actual value (实际完成值) is missing");
    assert_int_equal(ev.total, 9000);
    assert_string_equal(ev.grade, "优");
    jx_diags_release(&d);

    /* On: no error, the leaf scores 0 and the label replaces the grade. */
    ev.rules.evidence_required = true;
    assert_int_equal(score_eval(&ev, &d), 0);
    assert_int_equal(d.nr, 0);
    assert_int_equal(leaf[0].score, 0);
    assert_true(leaf[0].scored);
    assert_int_equal(ev.total, 9000);
    assert_string_equal(ev.grade, "证据不足");
    score_explain(&ev, &leaf[0], &out);
    assert_string_equal(
        out.buf, "ratio: no actual value (实际完成值) → 0.00; the evaluation is graded 证据不足");

    /* 一票否决 outranks it. */
    ev.rules.veto = true;
    assert_int_equal(score_eval(&ev, &d), 0);
    assert_string_equal(ev.grade, "差");
    ev.rules.veto = false;

    /* With the actual, a normal grade. */
    fx_actual(&leaf[0], "100个");
    assert_int_equal(score_eval(&ev, &d), 0);
    assert_string_equal(ev.grade, "优");
    /* Methods without an actual (tiers, manual, …) do not need one. */
    leaf[0].has_actual = false;
    leaf[0].method = JX_METHOD_REACH;
    leaf[0].has_reached = true;
    leaf[0].reached = true;
    assert_int_equal(score_eval(&ev, &d), 0);
    assert_string_equal(ev.grade, "优");
    strbuf_release(&out);
    eval_release(&ev);
    jx_diags_release(&d);
}

static void test_rates(void **state)
{
    struct jx_indicator ind;
    struct jx_eval ev;

    (void)state;
    eval_indicator_init(&ind);
    ind.weight = 300;
    ind.score = 100;
    assert_int_equal(score_rate(&ind), 3333);
    ind.score = 200;
    assert_int_equal(score_rate(&ind), 6667);
    ind.weight = 800;
    ind.score = 1;
    /* 0.01/8 = 0.125% → 0.13% (half-up) */
    assert_int_equal(score_rate(&ind), 13);
    ind.weight = 0;
    assert_int_equal(score_rate(&ind), 0);

    eval_init(&ev, NULL);
    assert_int_equal(score_execution_rate(&ev, JX_EXEC_PLANNED), -1);
    fx_budget(&ev, WAN(400), WAN(300), WAN(270));
    assert_int_equal(score_execution_rate(&ev, JX_EXEC_PLANNED), 6750);
    assert_int_equal(score_execution_rate(&ev, JX_EXEC_RECEIVED), 9000);
    fx_budget(&ev, 0, -1, WAN(1));
    assert_int_equal(score_execution_rate(&ev, JX_EXEC_PLANNED), -1);
    assert_int_equal(score_execution_rate(&ev, JX_EXEC_RECEIVED), -1);
    /* 1分 of 3分: 33.333…% */
    fx_budget(&ev, 3, 3, 1);
    assert_int_equal(score_execution_rate(&ev, JX_EXEC_PLANNED), 3333);
    /* Absurd data saturates rather than overflowing. */
    fx_budget(&ev, 1, 1, INT64_MAX);
    assert_int_equal(score_execution_rate(&ev, JX_EXEC_PLANNED), INT64_C(4000000000000000000));
    ind.weight = 1;
    ind.score = INT64_MAX;
    assert_int_equal(score_rate(&ind), INT64_C(4000000000000000000));
    eval_release(&ev);
}

static void test_explain_seed(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct strbuf out = STRBUF_INIT;
    const struct jx_indicator *process, *output;

    (void)state;
    fx_seed(&ev);
    assert_int_equal(score_eval(&ev, &d), 0);
    process = &ev.root.children[1];
    output = &ev.root.children[2];
    score_explain(&ev, &output->children[1].children[0], &out);
    assert_string_equal(out.buf, "inverse: actual <20% meets ceiling <20% → full 8.00");
    strbuf_reset(&out);
    score_explain(&ev, &output->children[2].children[0], &out);
    assert_string_equal(out.buf, "ratio: actual >10% meets target >10% → full 6.00");
    strbuf_reset(&out);
    score_explain(&ev, &output->children[3].children[0], &out);
    assert_string_equal(out.buf, "inverse: actual 345.3万元 ≤ ceiling 500万元 → full 6.00");
    strbuf_reset(&out);
    score_explain(&ev, &process->children[0].children[1], &out);
    assert_string_equal(out.buf, "execution: spent 345.3万元 of received 345.3万元 (100.00%) → "
                                 "full 3.00");
    strbuf_reset(&out);
    score_explain(&ev, &ev.root.children[3].children[1].children[0], &out);
    assert_string_equal(out.buf, "survey: satisfaction 100.00% ≥ target ≥90% → full 10.00");
    strbuf_release(&out);
    eval_release(&ev);
    jx_diags_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eval_init),
        cmocka_unit_test(test_eval_walk),
        cmocka_unit_test(test_survey_satisfaction),
        cmocka_unit_test(test_seed),
        cmocka_unit_test(test_partial),
        cmocka_unit_test(test_grade_boundaries),
        cmocka_unit_test(test_errors_continue),
        cmocka_unit_test(test_overshoot_flag_and_penalty),
        cmocka_unit_test(test_execution_cap),
        cmocka_unit_test(test_veto),
        cmocka_unit_test(test_evidence_required),
        cmocka_unit_test(test_rates),
        cmocka_unit_test(test_explain_seed),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
