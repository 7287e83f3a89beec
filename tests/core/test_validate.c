/*
 * Tests of semantic validation (core/validate.c): each message's exact text, severity and
 * position, starting from the seed's clean evaluation and breaking one thing at a time.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/validate.h"

#include "eval_fixture.h"

#define WAN(x) ((int64_t)(x)*1000000) /* 万元 in 分 */

static void assert_pos(const struct jx_diag *dg, unsigned line, unsigned col)
{
    assert_int_equal(dg->pos.line, line);
    assert_int_equal(dg->pos.col, col);
}

/* Validates ev into d (released first) and checks the return value counts the errors. */
static size_t run(const struct jx_eval *ev, struct jx_diags *d)
{
    size_t n;

    jx_diags_release(d);
    n = validate_eval(ev, d);
    assert_int_equal(n, d->errors);
    return n;
}

/* A 一级指标 with n leaves, for small trees; leaves start on line + 10. */
static struct jx_indicator *one_l1(struct jx_eval *ev, const char *name, size_t n)
{
    struct jx_indicator *l1;

    eval_init(ev, "v.yaml");
    ev->root.pos = (struct jx_pos){5, 1};
    l1 = fx_children(ev, &ev->root, 1);
    fx_ind(l1, name, 10000, 10);
    return fx_children(ev, l1, n);
}

static void test_seed_is_clean(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;

    (void)state;
    fx_seed(&ev);
    assert_int_equal(run(&ev, &d), 0);
    assert_int_equal(d.nr, 0);
    eval_release(&ev);
    jx_diags_release(&d);
}

static void test_weight_sums(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct strbuf out = STRBUF_INIT;
    struct jx_indicator *output;

    (void)state;
    fx_seed(&ev);
    output = &ev.root.children[2];
    output->children[0].weight = 800;
    output->children[0].children[0].weight = 800;
    assert_int_equal(run(&ev, &d), 1);
    jx_diags_format(&d, &out);
    assert_string_equal(out.buf, "xinfeng.yaml:301:20: weight '30.00' of '项目产出' does not "
                                 "match its children (sum 28.00)\n");

    /* The 一级指标 against the points. */
    output->weight = 2800;
    assert_int_equal(run(&ev, &d), 1);
    assert_pos(fx_expect(&d, JX_SEV_ERROR, "一级指标 weights sum to 98.00, expected 100.00"), 50,
               1);
    /* Against other points (scoring.points: 98). */
    ev.root.weight = 9800;
    assert_int_equal(run(&ev, &d), 0);
    ev.root.weight = 0;
    assert_int_equal(run(&ev, &d), 2);
    fx_expect(&d, JX_SEV_ERROR, "points '0.00' must be above 0");
    fx_expect(&d, JX_SEV_ERROR, "一级指标 weights sum to 98.00, expected 0.00");
    strbuf_release(&out);
    eval_release(&ev);
    jx_diags_release(&d);
}

static void test_weights(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct jx_indicator *leaf;

    (void)state;
    leaf = one_l1(&ev, "项目产出", 3);
    fx_leaf(&leaf[0], "建设平台数量", 10500, 20, JX_METHOD_NONE, "≥4个", "4个");
    fx_leaf(&leaf[1], "系统故障率", -500, 30, JX_METHOD_NONE, "≤20%", "10%");
    fx_leaf(&leaf[2], "备用指标", 0, 40, JX_METHOD_NONE, "≥1个", "1个");
    assert_int_equal(run(&ev, &d), 1);
    assert_pos(fx_expect(&d, JX_SEV_ERROR, "weight '-5.00' of '系统故障率' is negative"), 31, 20);
    assert_pos(fx_expect(&d, JX_SEV_WARNING,
                         "weight of '备用指标' is 0; it adds nothing to the "
                         "score"),
               41, 20);
    assert_int_equal(d.warnings, 1);

    leaf[1].has_weight = false;
    leaf[1].weight = 0;
    assert_int_equal(run(&ev, &d), 1);
    assert_pos(fx_expect(&d, JX_SEV_ERROR, "'系统故障率' has no weight (分值)"), 30, 5);
    eval_release(&ev);
    jx_diags_release(&d);
}

static void test_names_and_depth(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct jx_indicator *l1, *n;

    (void)state;
    fx_seed(&ev);
    l1 = ev.root.children;
    l1[1].name = "项目决策";
    l1[2].children[1].name = "产出数量";
    l1[3].children[0].children[1].name = "";
    assert_int_equal(run(&ev, &d), 3);
    assert_pos(fx_expect(&d, JX_SEV_ERROR, "duplicate 一级指标 '项目决策' (first at line 100)"),
               200, 5);
    assert_pos(fx_expect(&d, JX_SEV_ERROR,
                         "duplicate name '产出数量' among the children of "
                         "'项目产出' (first at line 310)"),
               320, 5);
    assert_pos(fx_expect(&d, JX_SEV_ERROR, "indicator without a name (指标名称)"), 420, 5);
    eval_release(&ev);

    /* Five levels: reported once, on the fifth. */
    n = one_l1(&ev, "L1", 1);
    for (unsigned depth = 2; depth <= 6; depth++) {
        static const char *const names[] = {"", "", "L2", "L3", "L4", "L5", "L6"};

        fx_ind(n, names[depth], 10000, depth * 10);
        if (depth < 6)
            n = fx_children(&ev, n, 1);
    }
    n->method = JX_METHOD_REACH;
    n->has_reached = true;
    assert_int_equal(run(&ev, &d), 1);
    assert_pos(fx_expect(&d, JX_SEV_ERROR, "'L5' is at depth 5; indicators nest at most 4 levels"),
               50, 5);
    eval_release(&ev);
    jx_diags_release(&d);
}

static void test_method_required(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct jx_indicator *leaf;

    (void)state;
    leaf = one_l1(&ev, "项目效益", 3);
    fx_leaf(&leaf[0], "社会效益", 4000, 20, JX_METHOD_NONE, "达成预期目标", "达成");
    fx_leaf(&leaf[1], "建设平台数量", 3000, 30, JX_METHOD_NONE, "4个", "4个");
    fx_leaf(&leaf[2], "可持续影响", 3000, 40, JX_METHOD_NONE, NULL, NULL);
    assert_int_equal(run(&ev, &d), 3);
    assert_pos(fx_expect(&d, JX_SEV_ERROR,
                         "method required: target '达成预期目标' is "
                         "qualitative; use tiers, reach or manual"),
               22, 30);
    assert_pos(fx_expect(&d, JX_SEV_ERROR,
                         "method required: target '4个' has no comparison (≥, ≤ or =); write "
                         "one or set method (ratio, inverse, equal, deviation)"),
               32, 30);
    assert_pos(fx_expect(&d, JX_SEV_ERROR,
                         "method required: '可持续影响' has no target (指标值) "
                         "to infer it from; set method"),
               40, 5);
    eval_release(&ev);
    jx_diags_release(&d);
}

static void test_given_scores(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct jx_indicator *leaf;

    (void)state;
    leaf = one_l1(&ev, "项目决策", 5);
    fx_ind(&leaf[0], "立项依据充分性", 1000, 20);
    fx_given(&leaf[0], JX_METHOD_MANUAL, JX_TIER_NONE, 1200, "符合规划");
    fx_ind(&leaf[1], "立项程序规范性", 1000, 30);
    fx_given(&leaf[1], JX_METHOD_MANUAL, JX_TIER_NONE, 800, NULL);
    fx_ind(&leaf[2], "绩效目标合理性", 1000, 40);
    fx_given(&leaf[2], JX_METHOD_TIERS, JX_TIER_PARTLY, 900, NULL);
    fx_ind(&leaf[3], "绩效指标明确性", 1000, 50);
    leaf[3].method = JX_METHOD_TIERS;
    fx_ind(&leaf[4], "预算编制科学性", 6000, 60);
    fx_given(&leaf[4], JX_METHOD_TIERS, JX_TIER_MET, -100, NULL);
    assert_int_equal(run(&ev, &d), 6);
    assert_pos(fx_expect(&d, JX_SEV_ERROR,
                         "score '12.00' of '立项依据充分性' is above its "
                         "weight '10.00'"),
               24, 50);
    assert_pos(fx_expect(&d, JX_SEV_ERROR,
                         "method 'manual' of '立项程序规范性' needs basis "
                         "(评分依据)"),
               30, 5);
    assert_pos(fx_expect(&d, JX_SEV_ERROR,
                         "cannot score '绩效目标合理性': score 9.00 is outside "
                         "tier 部分达成 [6.00, 8.00)"),
               40, 5);
    fx_expect(&d, JX_SEV_ERROR,
              "method 'tiers' of '绩效指标明确性' needs tier (达成, 部分达成 or 未达成)");
    fx_expect(&d, JX_SEV_ERROR, "method 'tiers' of '绩效指标明确性' needs score");
    assert_pos(fx_expect(&d, JX_SEV_ERROR, "score '-1.00' of '预算编制科学性' is negative"), 64,
               50);
    eval_release(&ev);
    jx_diags_release(&d);
}

static void test_method_parameters(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct jx_indicator *leaf;
    struct jx_deduction dd[2] = {{-100, "少报", {71, 9}}, {200, NULL, {72, 9}}};

    (void)state;
    leaf = one_l1(&ev, "项目过程", 6);
    fx_ind(&leaf[0], "管理制度健全性", 1000, 20);
    leaf[0].method = JX_METHOD_REACH;
    fx_ind(&leaf[1], "预算执行率", 1000, 30);
    leaf[1].method = JX_METHOD_EXECUTION;
    leaf[1].exec_base = JX_EXEC_RECEIVED;
    fx_ind(&leaf[2], "服务对象满意度", 1000, 40);
    leaf[2].method = JX_METHOD_SURVEY;
    fx_ind(&leaf[3], "群众满意度", 1000, 50);
    leaf[3].method = JX_METHOD_SURVEY;
    leaf[3].survey = "abc";
    fx_target(&leaf[3], "≥90分");
    fx_leaf(&leaf[4], "成本控制", 1000, 60, JX_METHOD_DEVIATION, "=100万元", "95万元");
    leaf[4].tolerance = 10 * JX_MICRO;
    leaf[4].zero_at = 5 * JX_MICRO;
    fx_ind(&leaf[5], "资金使用合规性", 5000, 70);
    leaf[5].method = JX_METHOD_DEDUCT;
    leaf[5].deductions = dd;
    leaf[5].nr_deductions = 2;

    assert_int_equal(run(&ev, &d), 10);
    fx_expect(&d, JX_SEV_ERROR, "method 'reach' of '管理制度健全性' needs reached (true or false)");
    fx_expect(&d, JX_SEV_ERROR,
              "method 'execution' of '预算执行率' needs budget received (到位数)");
    fx_expect(&d, JX_SEV_ERROR, "method 'execution' of '预算执行率' needs budget spent (执行数)");
    fx_expect(&d, JX_SEV_ERROR,
              "method 'survey' of '服务对象满意度' needs survey (the id of an "
              "entry in surveys)");
    fx_expect(&d, JX_SEV_ERROR, "method 'survey' of '服务对象满意度' needs target, such as '≥90%'");
    fx_expect(&d, JX_SEV_ERROR, "survey 'abc' of '群众满意度' does not exist in surveys");
    assert_pos(fx_expect(&d, JX_SEV_ERROR,
                         "target '≥90分' of '群众满意度' must be a percentage "
                         "for method 'survey', such as '≥90%'"),
               52, 30);
    fx_expect(&d, JX_SEV_ERROR, "zero_at '5%' of '成本控制' must be above its tolerance '10%'");
    assert_pos(fx_expect(&d, JX_SEV_ERROR, "deduction '-1.00' of '资金使用合规性' is negative"), 71,
               9);
    assert_pos(fx_expect(&d, JX_SEV_ERROR, "deduction of '资金使用合规性' needs reason (扣分原因)"),
               72, 9);
    eval_release(&ev);
    jx_diags_release(&d);
}

static void test_execution_budget(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct jx_indicator *leaf;

    (void)state;
    leaf = one_l1(&ev, "项目产出", 1);
    fx_ind(&leaf[0], "预算执行率", 10000, 20);
    leaf[0].method = JX_METHOD_EXECUTION;
    fx_budget(&ev, 0, -1, WAN(10));
    assert_int_equal(run(&ev, &d), 1);
    fx_expect(&d, JX_SEV_ERROR,
              "cannot score '预算执行率': budget planned (预算数) is 0; the "
              "execution rate is undefined");
    fx_budget(&ev, WAN(20), -1, WAN(10));
    assert_int_equal(run(&ev, &d), 0);
    assert_int_equal(d.nr, 0);
    eval_release(&ev);
    jx_diags_release(&d);
}

static void test_comparisons(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct jx_indicator *leaf;

    (void)state;
    leaf = one_l1(&ev, "项目产出", 6);
    fx_leaf(&leaf[0], "培训人次", 2000, 20, JX_METHOD_NONE, "≥100人次", NULL);
    fx_leaf(&leaf[1], "建设平台数量", 2000, 30, JX_METHOD_NONE, "≥4个", "基本完成");
    fx_leaf(&leaf[2], "新增设备", 2000, 40, JX_METHOD_RATIO, "≥0台", "3台");
    fx_leaf(&leaf[3], "系统故障率", 2000, 50, JX_METHOD_NONE, "≤20%", "<30%");
    fx_leaf(&leaf[4], "群众获得感", 1000, 60, JX_METHOD_RATIO, "明显提升", "80%");
    fx_leaf(&leaf[5], "办件时长", 1000, 70, JX_METHOD_NONE, "≤3天", "2小时");
    leaf[5].given_score = 500;
    leaf[5].has_given_score = true;

    assert_int_equal(run(&ev, &d), 6);
    assert_pos(
        fx_expect(&d, JX_SEV_ERROR, "method 'ratio' of '培训人次' needs actual (实际完成值)"), 20,
        5);
    assert_pos(fx_expect(&d, JX_SEV_ERROR,
                         "actual '基本完成' of '建设平台数量' is not a number; "
                         "method 'ratio' needs one"),
               33, 40);
    fx_expect(&d, JX_SEV_ERROR, "cannot score '新增设备': target is 0 for method 'ratio'");
    fx_expect(&d, JX_SEV_ERROR,
              "cannot score '系统故障率': actual '<30%' is a bound that does not "
              "show target '≤20%' met; give the actual as a number");
    assert_pos(fx_expect(&d, JX_SEV_ERROR,
                         "target '明显提升' of '群众获得感' is qualitative; "
                         "method 'ratio' needs a number"),
               62, 30);
    fx_expect(&d, JX_SEV_ERROR,
              "cannot score '办件时长': unit '小时' of the actual does not match "
              "unit '天' of the target");
    assert_pos(fx_expect(&d, JX_SEV_WARNING,
                         "score of '办件时长' is ignored: method 'inverse' "
                         "computes the score"),
               74, 50);

    /* With 证据不足 on, a missing actual is what the rule grades: a warning, not an error. */
    ev.rules.evidence_required = true;
    assert_int_equal(run(&ev, &d), 5);
    fx_expect(&d, JX_SEV_WARNING,
              "'培训人次' has no actual (实际完成值); the evaluation will be "
              "graded 证据不足");
    eval_release(&ev);
    jx_diags_release(&d);
}

static void test_overshoot(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct jx_indicator *leaf;

    (void)state;
    leaf = one_l1(&ev, "项目产出", 2);
    fx_leaf(&leaf[0], "资金到位率", 5000, 20, JX_METHOD_NONE, "≥100%", "150%");
    fx_leaf(&leaf[1], "培训人次", 5000, 30, JX_METHOD_NONE, "≥100人次", "129.99人次");
    assert_int_equal(run(&ev, &d), 0);
    assert_int_equal(d.nr, 1);
    assert_pos(fx_expect(&d, JX_SEV_WARNING,
                         "actual '150%' of '资金到位率' is 150.00% of its "
                         "target; add deviation_reason (偏差原因)"),
               23, 40);
    leaf[0].deviation_reason = "年中追加预算";
    assert_int_equal(run(&ev, &d), 0);
    assert_int_equal(d.nr, 0);
    /* The threshold is the template's. */
    ev.rules.overshoot = 120 * JX_MICRO;
    assert_int_equal(run(&ev, &d), 0);
    fx_expect(&d, JX_SEV_WARNING,
              "actual '129.99人次' of '培训人次' is 129.99% of its target; "
              "add deviation_reason (偏差原因)");
    eval_release(&ev);
    jx_diags_release(&d);
}

static void test_kind_advice(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct jx_indicator *l1;
    static const char *const names[] = {"项目决策", "项目过程", "项目产出", "项目效益"};
    static const int64_t weights[] = {2500, 3000, 2500, 2000};

    (void)state;
    /* The counter-example of domain.md §2: 决策25/过程30/产出25/效益20. */
    eval_init(&ev, "k.yaml");
    ev.root.pos = (struct jx_pos){5, 1};
    l1 = fx_children(&ev, &ev.root, 4);
    for (size_t i = 0; i < 4; i++) {
        struct jx_indicator *leaf;

        fx_ind(&l1[i], names[i], weights[i], 10 * (unsigned)(i + 1));
        leaf = fx_children(&ev, &l1[i], 1);
        fx_ind(leaf, "综合", weights[i], 10 * (unsigned)(i + 1) + 5);
        fx_given(leaf, JX_METHOD_MANUAL, JX_TIER_NONE, weights[i], "专家组意见");
    }
    assert_int_equal(run(&ev, &d), 0);
    assert_pos(fx_expect(&d, JX_SEV_WARNING,
                         "产出 and 效益 weigh 45.00 of 100.00 points, below "
                         "the 60% a 部门评价 should give them"),
               5, 1);
    ev.kind = JX_KIND_FINANCE;
    assert_int_equal(run(&ev, &d), 0);
    fx_expect(&d, JX_SEV_WARNING,
              "产出 and 效益 weigh 45.00 of 100.00 points, below the 60% a "
              "财政评价 should give them");

    /* 单位自评: 产出 50, 效益 30, 满意度 10, 预算执行率 10. */
    ev.kind = JX_KIND_UNIT_SELF;
    l1[0].name = "产出指标";
    l1[1].name = "效益指标";
    l1[2].name = "满意度指标";
    l1[3].name = "预算执行率";
    assert_int_equal(run(&ev, &d), 0);
    assert_int_equal(d.nr, 3);
    assert_pos(fx_expect(&d, JX_SEV_WARNING,
                         "一级指标 '产出指标' weighs 25.00; 单位自评 gives "
                         "产出 50, 效益 30, 满意度 10 and 预算执行率 10 "
                         "(adjust only with a reason)"),
               11, 20);
    fx_expect(&d, JX_SEV_WARNING,
              "一级指标 '满意度指标' weighs 25.00; 单位自评 gives 产出 50, "
              "效益 30, 满意度 10 and 预算执行率 10 (adjust only with a reason)");
    for (size_t i = 0; i < 4; i++) {
        static const int64_t self[] = {5000, 3000, 1000, 1000};

        l1[i].weight = l1[i].children[0].weight = self[i];
        l1[i].children[0].given_score = self[i];
    }
    assert_int_equal(run(&ev, &d), 0);
    assert_int_equal(d.nr, 0);
    eval_release(&ev);
    jx_diags_release(&d);
}

static void test_budget(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;

    (void)state;
    fx_seed(&ev);
    fx_budget(&ev, 345300000, 345300000, WAN(350));
    assert_int_equal(run(&ev, &d), 0);
    assert_pos(fx_expect(&d, JX_SEV_WARNING,
                         "budget spent '350万元' is above received "
                         "'345.3万元'"),
               3, 1);
    fx_budget(&ev, 345300000, WAN(400), WAN(300));
    assert_int_equal(run(&ev, &d), 0);
    fx_expect(&d, JX_SEV_WARNING, "budget received '400万元' is above planned '345.3万元'");
    /* Without received, spent is held against planned. */
    fx_budget(&ev, WAN(300), -1, WAN(310));
    ev.root.children[1].children[0].children[1].exec_base = JX_EXEC_PLANNED;
    assert_int_equal(run(&ev, &d), 0);
    fx_expect(&d, JX_SEV_WARNING, "budget spent '310万元' is above planned '300万元'");
    fx_budget(&ev, 0, -1, WAN(1));
    ev.budget.planned = -WAN(1); /* fx_budget reads a negative amount as "not given" */
    assert_int_equal(run(&ev, &d), 1);
    fx_expect(&d, JX_SEV_ERROR, "budget planned '-1万元' is negative");
    eval_release(&ev);
    jx_diags_release(&d);
}

static void test_surveys(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct jx_survey *s;
    struct jx_survey_option opts[2] = {{"很满意", 12000, 10}, {"不满意", 2000, -1}};

    (void)state;
    fx_seed(&ev);
    s = fx_surveys(&ev, 3);
    s[0].id = "群众满意度";
    s[0].options = opts;
    s[0].nr_options = 2;
    s[0].issued = 100;
    s[0].returned = 120;
    s[0].valid = 130;
    s[1].id = "群众满意度";
    s[1].reported = 10100;
    s[1].has_reported = true;
    s[2].id = "企业";
    assert_int_equal(run(&ev, &d), 5);
    assert_pos(fx_expect(&d, JX_SEV_ERROR,
                         "value '120.00' of option '很满意' in survey "
                         "'群众满意度' is outside 0 to 100"),
               900, 5);
    fx_expect(&d, JX_SEV_ERROR, "count of option '不满意' in survey '群众满意度' is negative");
    assert_pos(fx_expect(&d, JX_SEV_ERROR, "duplicate survey id '群众满意度' (first at line 900)"),
               910, 5);
    fx_expect(&d, JX_SEV_ERROR,
              "reported satisfaction '101.00%' of survey '群众满意度' is outside "
              "0% to 100%");
    /* The leaf's survey has invalid options, so it cannot be scored. */
    fx_expect(&d, JX_SEV_ERROR,
              "cannot score '服务对象满意度': survey satisfaction is unknown "
              "(the survey has no answers and no reported rate)");
    fx_expect(&d, JX_SEV_WARNING,
              "survey '企业' has neither options nor reported; its "
              "satisfaction is unknown");
    fx_expect(&d, JX_SEV_WARNING,
              "survey '群众满意度' has more returned (回收, 120) than issued "
              "(发放, 100) questionnaires");
    fx_expect(&d, JX_SEV_WARNING,
              "survey '群众满意度' has more valid (有效, 130) than returned "
              "(回收, 120) questionnaires");
    fx_expect(&d, JX_SEV_WARNING,
              "answers of survey '群众满意度' add up to 10, but valid (有效) "
              "is 130");
    eval_release(&ev);
    jx_diags_release(&d);
}

static void test_rules(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct jx_grade_band bands[] = {{"优", 9000}, {"优", 8000}, {"差", -100}};

    (void)state;
    fx_seed(&ev);
    ev.rules.overshoot = 100 * JX_MICRO;
    ev.rules.overshoot_penalty = -200;
    ev.rules.execution_cap = true;
    fx_budget(&ev, -1, 345300000, 345300000);
    ev.grades = bands;
    ev.nr_grades = 3;
    assert_int_equal(run(&ev, &d), 5);
    fx_expect(&d, JX_SEV_ERROR, "rule overshoot '100%' must be above 100%");
    fx_expect(&d, JX_SEV_ERROR, "rule overshoot_penalty is negative");
    assert_pos(fx_expect(&d, JX_SEV_ERROR,
                         "rule execution_cap needs budget planned (above 0) "
                         "and spent"),
               3, 1);
    fx_expect(&d, JX_SEV_ERROR, "duplicate grade '优' in scoring.grades");
    fx_expect(&d, JX_SEV_ERROR, "grade band '差' starts below 0");
    eval_release(&ev);
    jx_diags_release(&d);
}

static void test_empty_and_parents(void **state)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;

    (void)state;
    eval_init(&ev, "e.yaml");
    assert_int_equal(run(&ev, &d), 1);
    fx_expect(&d, JX_SEV_ERROR, "no indicators (一级指标)");
    eval_release(&ev);

    /* Leaf inputs on a parent are ignored, and said so. */
    fx_seed(&ev);
    fx_target(&ev.root.children[2], "≥4个");
    assert_int_equal(run(&ev, &d), 0);
    assert_pos(fx_expect(&d, JX_SEV_WARNING,
                         "'项目产出' has children, so its method, target and "
                         "actual are ignored"),
               300, 5);
    eval_release(&ev);
    jx_diags_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_is_clean),     cmocka_unit_test(test_weight_sums),
        cmocka_unit_test(test_weights),           cmocka_unit_test(test_names_and_depth),
        cmocka_unit_test(test_method_required),   cmocka_unit_test(test_given_scores),
        cmocka_unit_test(test_method_parameters), cmocka_unit_test(test_execution_budget),
        cmocka_unit_test(test_comparisons),       cmocka_unit_test(test_overshoot),
        cmocka_unit_test(test_kind_advice),       cmocka_unit_test(test_budget),
        cmocka_unit_test(test_surveys),           cmocka_unit_test(test_rules),
        cmocka_unit_test(test_empty_and_parents),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
