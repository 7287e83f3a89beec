/*
 * The review rules: each fires on a crafted evaluation and stays silent on a clean one
 * (an evaluation that is complete, consistent and has one leaf short of full marks).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "core/check.h"
#include "core/score.h"

#include "eval_fixture.h"

static struct jx_indicator *find(struct jx_indicator *ind, const char *name)
{
    if (ind->name && !strcmp(ind->name, name))
        return ind;
    for (size_t i = 0; i < ind->nr_children; i++) {
        struct jx_indicator *r = find(&ind->children[i], name);

        if (r)
            return r;
    }
    return NULL;
}

static struct jx_indicator *leaf(struct jx_eval *ev, const char *name)
{
    struct jx_indicator *r = find(&ev->root, name);

    if (!r)
        fail_msg("no indicator '%s'", name);
    return r;
}

/* Every leaf gets a 评分依据, as a careful assessor writes. */
static void fill_basis(struct jx_indicator *ind)
{
    if (ind->depth > 0 && !ind->nr_children && !ind->basis)
        ind->basis = "查阅项目资料及验收报告";
    for (size_t i = 0; i < ind->nr_children; i++)
        fill_basis(&ind->children[i]);
}

static struct jx_phase phases[2] = {
    {"上半年", "支付赣服通4.0尾款", {60, 9}},
    {"下半年", "启动赣服通5.0项目的采购程序", {61, 9}},
};
static const char *basis[1] = {"信府办抄字[2021]499号"};

/* The seed fixture made clean: realistic targets, a survey with a sample, every section. */
static void clean(struct jx_eval *ev)
{
    struct jx_indicator *ind;

    fx_seed(ev);
    ind = leaf(ev, "建设平台数量");
    fx_actual(ind, "3个");
    ind = leaf(ev, "系统运行故障率");
    fx_target(ind, "≤1%");
    fx_actual(ind, "0.5%");
    ind = leaf(ev, "项目成本");
    fx_target(ind, "≤350万元");
    ev->surveys[0].issued = ev->surveys[0].returned = ev->surveys[0].valid = 200;
    ev->project.content = "项目建设内容主要包括赣服通4.0的建设尾款及赣服通5.0项目的建设";
    ev->project.overall_goal = "保障信息化建设尾款及时支付";
    ev->project.phases = phases;
    ev->project.nr_phases = 2;
    ev->project.basis = basis;
    ev->project.nr_basis = 1;
    ev->work.purpose = "通过绩效评价强化支出责任";
    ev->work.methods = "运用比较法；运用公众评判法，通过问卷调查评判";
    ev->summary = "资金到位后均已执行，执行率100%；综合评定得分为97.5分，绩效评价结果等级为“优”";
    ev->conclusion = "项目基本达到预期，建设平台数量未达到目标";
    ev->problems = "建设平台数量不足，一个平台延期上线";
    ev->suggestions = "加强进度管理，按季度跟踪平台建设";
    ev->signature.unit = "信丰县行政审批局";
    ev->signature.date = "2023-03-20";
    ev->experience = "建立资金使用台账，按月跟踪支付进度；赣服通4.0尾款已支付，赣服通5.0已启动采购";
    ev->work.scope = "2022年度赣服通建设专项资金345.3万元";
    fill_basis(&ev->root);
}

static void score(struct jx_eval *ev)
{
    struct jx_diags d = JX_DIAGS_INIT;

    assert_int_equal(score_eval(ev, &d), 0);
    assert_int_equal(d.errors, 0);
    jx_diags_release(&d);
}

/* Runs the rules; returns how many findings carry rule id, checking their severity. */
static size_t count(struct jx_eval *ev, const char *id)
{
    struct check_findings f = CHECK_FINDINGS_INIT;
    const struct check_rule *r = check_rule_find(id);
    size_t n = 0;

    assert_non_null(r);
    check_eval(ev, &f);
    for (size_t i = 0; i < f.nr; i++) {
        if (strcmp(f.v[i].rule, id))
            continue;
        assert_int_equal(f.v[i].severity, r->severity);
        assert_true(f.v[i].pos.line > 0);
        /* House style: lowercase first word (or a quoted subject), no final period. */
        assert_false(f.v[i].msg[0] >= 'A' && f.v[i].msg[0] <= 'Z');
        assert_int_not_equal(f.v[i].msg[strlen(f.v[i].msg) - 1], '.');
        n++;
    }
    check_findings_release(&f);
    return n;
}

/* The message of the first finding of id (caller frees), or fails. */
static char *message(struct jx_eval *ev, const char *id)
{
    struct check_findings f = CHECK_FINDINGS_INIT;
    char *m = NULL;

    check_eval(ev, &f);
    for (size_t i = 0; i < f.nr && !m; i++)
        if (!strcmp(f.v[i].rule, id))
            m = xstrdup(f.v[i].msg);
    check_findings_release(&f);
    if (!m)
        fail_msg("no finding %s", id);
    return m;
}

static void test_table(void **state)
{
    size_t n;
    const struct check_rule *r = check_rules(&n);

    (void)state;
    assert_true(n >= 27);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(strlen(r[i].id), 5);
        assert_memory_equal(r[i].id, "JX", 2);
        assert_ptr_equal(check_rule_find(r[i].id), &r[i]);
        /* every rule runs somewhere: fn on evaluation files, report_fn on reports only */
        if (r[i].scope == CHECK_ON_REPORT)
            assert_non_null(r[i].report_fn);
        else
            assert_non_null(r[i].fn);
        if (i)
            assert_true(strcmp(r[i - 1].id, r[i].id) < 0);
    }
    assert_null(check_rule_find("JX999"));
    assert_string_equal(check_family_name(CHECK_EVIDENCE), "evidence");
}

static void test_clean_is_silent(void **state)
{
    struct jx_eval ev;
    struct check_findings f = CHECK_FINDINGS_INIT;

    (void)state;
    clean(&ev);
    score(&ev);
    assert_int_equal(ev.total, 9750);
    assert_string_equal(ev.grade, "优");
    assert_int_equal(check_eval(&ev, &f), 0);
    for (size_t i = 0; i < f.nr; i++)
        print_message("unexpected %s: %s\n", f.v[i].rule, f.v[i].msg);
    check_findings_release(&f);
    eval_release(&ev);
}

/* The seed fixture as the seed report is: what a reviewer finds in it. */
static void test_seed(void **state)
{
    struct jx_eval ev;
    char *m;

    (void)state;
    clean(&ev);
    fx_actual(leaf(&ev, "建设平台数量"), "4个");
    fx_target(leaf(&ev, "系统运行故障率"), "低于20%");
    fx_actual(leaf(&ev, "系统运行故障率"), "低于20%");
    fx_target(leaf(&ev, "项目成本"), "≤500万元");
    ev.surveys[0].issued = ev.surveys[0].returned = ev.surveys[0].valid = -1;
    phases[0].goal = "完成赣服通2.0尾款支付，支付赣服通3.0部分款项";
    ev.work.methods = "运用公众评批判法，通过公众问卷及抽样调查等对支出效果进行评判";
    ev.problems = "由于对项目情况了解不够深入，设置的绩效指标专业性有待加强，将在今后的工作中强化";
    ev.suggestions = "无";
    ev.summary = "综合评定得分为100分，绩效评价结果等级为“优”";
    score(&ev);
    assert_int_equal(ev.total, 10000);

    assert_int_equal(count(&ev, "JX401"), 1);
    assert_int_equal(count(&ev, "JX402"), 1);
    m = message(&ev, "JX402");
    assert_non_null(strstr(m, "'设置的绩效指标专业性有待加强'"));
    free(m);
    assert_int_equal(count(&ev, "JX403"), 1);
    assert_int_equal(count(&ev, "JX404"), 1);
    assert_int_equal(count(&ev, "JX301"), 1);
    assert_int_equal(count(&ev, "JX303"), 1);
    m = message(&ev, "JX303");
    assert_string_equal(m, "cost ceiling '≤500万元' of '项目成本' is 144.8% of the budget "
                           "(345.3万元): set it at or below the budget");
    free(m);
    /* 赣服通2.0 is new; 赣服通3.0 is not in this content either. */
    assert_int_equal(count(&ev, "JX201"), 2);
    m = message(&ev, "JX201");
    assert_non_null(strstr(m, "'赣服通2.0'"));
    free(m);
    assert_int_equal(count(&ev, "JX501"), 1);
    /* The 上半年 goal is new and no text reports on it; the 下半年 one is reported. */
    assert_int_equal(count(&ev, "JX206"), 1);
    /* The seed's own sentence states the budget. */
    ev.root.children[1].analysis = "该项目资金345.3万元到位后均已执行，执行率100%";
    assert_int_equal(count(&ev, "JX101"), 0);
    ev.root.children[1].analysis = NULL;
    /* The stated total and grade agree with the computed ones. */
    assert_int_equal(count(&ev, "JX204"), 0);
    assert_int_equal(count(&ev, "JX205"), 0);
    phases[0].goal = "支付赣服通4.0尾款";
    eval_release(&ev);
}

static void test_consistency(void **state)
{
    struct jx_eval ev;
    char *m;

    (void)state;
    clean(&ev);
    score(&ev);
    /* 执行率: either base is accepted; another 执行率 (of a recipe) is not the budget's. */
    ev.summary = "带量食谱执行率88%";
    assert_int_equal(count(&ev, "JX202"), 0);
    ev.budget.spent = 300000000;
    ev.summary = "资金均已执行，执行率：100％";
    assert_int_equal(count(&ev, "JX202"), 1);
    ev.summary = "资金均已执行，执行率为100%";
    assert_int_equal(count(&ev, "JX202"), 1);
    m = message(&ev, "JX202");
    assert_string_equal(m, "'summary' claims 执行率 '100%' but the budget gives 86.88% (执行数 / "
                           "预算数): correct the text or the budget figures");
    free(m);
    ev.budget.received = 300000000;
    assert_int_equal(count(&ev, "JX202"), 0); /* 100% of 到位数 */

    ev.summary = NULL;
    ev.conclusion = "项目整体完成了项目绩效目标";
    assert_int_equal(count(&ev, "JX203"), 1);
    ev.conclusion = "项目未全面完成绩效目标";
    assert_int_equal(count(&ev, "JX203"), 0);
    ev.conclusion = "项目决策得分为25分，项目产出得分为27.5分";
    assert_int_equal(count(&ev, "JX204"), 0); /* an indicator's score, not the total */
    ev.conclusion = "评价等级为优秀";
    assert_int_equal(count(&ev, "JX205"), 0);
    ev.conclusion = "综合评定得分为100分";
    assert_int_equal(count(&ev, "JX204"), 1);
    ev.conclusion = "综合评定得分为97.50分，等级为“良”";
    assert_int_equal(count(&ev, "JX204"), 0);
    assert_int_equal(count(&ev, "JX205"), 1);
    m = message(&ev, "JX205");
    assert_string_equal(m, "the text states grade '良' but the total gives '优': correct the text");
    free(m);

    /* JX207: only the 一级指标 whose own leaf lost points. */
    assert_string_equal(ev.root.children[2].name, "项目产出");
    ev.root.children[2].analysis = "综上所述，本项目产出情况完成了绩效目标";
    assert_int_equal(count(&ev, "JX207"), 1);
    m = message(&ev, "JX207");
    assert_string_equal(m, "the analysis of '项目产出' claims its goals were completed but "
                           "'建设平台数量' lost points: say what fell short and why");
    free(m);
    ev.root.children[2].analysis = "本项目产出情况未全面完成绩效目标";
    assert_int_equal(count(&ev, "JX207"), 0);
    ev.root.children[2].analysis = NULL;
    ev.root.children[0].analysis = "项目决策全面完成了绩效目标";
    assert_int_equal(count(&ev, "JX207"), 0);
    ev.root.children[0].analysis = NULL;

    ev.project.overall_goal = "上线APP和赣服通5.0";
    assert_int_equal(count(&ev, "JX201"), 1);
    ev.project.overall_goal = "支付345.3万元，完成率2.5%，2022.12月底前上线";
    assert_int_equal(count(&ev, "JX201"), 0);
    eval_release(&ev);
}

static void test_stated_amount(void **state)
{
    struct jx_eval ev;
    char *m;

    (void)state;
    clean(&ev);
    score(&ev);
    /* Every unit and form of the budget's 345.3万元 matches. */
    ev.summary = "预算资金3,453,000元，资金345.3万元到位，支出共计3453000.00元，投入0.03453亿元";
    assert_int_equal(count(&ev, "JX101"), 0);
    ev.summary = "预算资金3,000,000元";
    assert_int_equal(count(&ev, "JX101"), 1);
    m = message(&ev, "JX101");
    assert_string_equal(m,
                        "'summary' states '3,000,000元' after '资金' but the budget gives 预算数 "
                        "345.3万元, 到位数 345.3万元, 执行数 345.3万元: correct the text or the "
                        "budget figures");
    free(m);
    /* 年初预算数 counts too. */
    ev.budget.initial = 300000000;
    ev.budget.has_initial = true;
    assert_int_equal(count(&ev, "JX101"), 0);
    ev.budget.has_initial = false;
    /* Each amount once, in the conclusion and the analyses too. */
    ev.summary = "资金为300万元，执行：200 万元";
    ev.conclusion = "到位100万元";
    ev.root.children[1].analysis = "项目投入50万元";
    assert_int_equal(count(&ev, "JX101"), 4);
    ev.conclusion = NULL;
    ev.root.children[1].analysis = NULL;
    ev.summary = "执行：200 万元";
    m = message(&ev, "JX101");
    assert_non_null(strstr(m, "'summary' states '200 万元' after '执行'"));
    free(m);
    ev.summary = "预算数为345.3万元，到位数为345万元";
    m = message(&ev, "JX101");
    assert_non_null(strstr(m, "'summary' states '345万元' after '到位'"));
    free(m);
    assert_int_equal(count(&ev, "JX101"), 1);
    /* Not money: counts, rates, an amount without a unit or after another word; a part of
     * the budget; an amount finer than one 分. */
    ev.summary = "执行率100%，资金到位3个月，资金300，项目成本300万元，其中支出50万元";
    ev.conclusion = "县级配套资金到位300万元；资金1.234元";
    ev.root.children[1].analysis = NULL;
    assert_int_equal(count(&ev, "JX101"), 0);
    /* No budget figure: nothing to compare with. */
    ev.summary = "资金300万元";
    ev.budget.has_planned = ev.budget.has_received = ev.budget.has_spent = false;
    assert_int_equal(count(&ev, "JX101"), 0);
    eval_release(&ev);
}

static void test_phase_not_reported(void **state)
{
    struct jx_eval ev;
    char *m;

    (void)state;
    clean(&ev);
    score(&ev);
    assert_int_equal(count(&ev, "JX206"), 0);
    /* Neither phase is reported on: one finding each, at the phase. */
    ev.experience = "建立资金使用台账，按月跟踪支付进度";
    assert_int_equal(count(&ev, "JX206"), 2);
    m = message(&ev, "JX206");
    assert_string_equal(m, "the goal of '上半年' names '赣服通4.0' but no analysis, summary, "
                           "conclusion or experience reports on it: say how far this phase got");
    free(m);
    /* A term in an analysis, the summary or the conclusion counts as well. */
    ev.root.children[2].analysis = "赣服通4.0尾款已支付，赣服通5.0已启动采购";
    assert_int_equal(count(&ev, "JX206"), 0);
    ev.root.children[2].analysis = NULL;
    ev.conclusion = "赣服通5.0已启动采购";
    assert_int_equal(count(&ev, "JX206"), 1);
    /* A bare version is not the item: "4.0" alone does not report 赣服通4.0. */
    ev.summary = "版本4.0已支付";
    assert_int_equal(count(&ev, "JX206"), 1);
    /* A Latin name alone does; so does a quoted name; one term of several is enough. */
    phases[0].goal = "上线APP，完成“不见面开标”系统建设";
    assert_int_equal(count(&ev, "JX206"), 1);
    m = message(&ev, "JX206");
    assert_non_null(strstr(m, "names '上线APP', '不见面开标' but"));
    free(m);
    ev.summary = "APP已上线";
    assert_int_equal(count(&ev, "JX206"), 0);
    ev.summary = "不见面开标系统已建成";
    assert_int_equal(count(&ev, "JX206"), 0);
    /* A phase without a distinctive term is not checked; nor an empty goal. */
    ev.summary = NULL;
    phases[0].goal = "完成尾款支付，支付部分款项";
    assert_int_equal(count(&ev, "JX206"), 0);
    phases[0].goal = "";
    assert_int_equal(count(&ev, "JX206"), 0);
    phases[0].goal = "支付赣服通4.0尾款";
    eval_release(&ev);
}

static void test_targets(void **state)
{
    struct jx_eval ev;
    struct jx_indicator *ind;

    (void)state;
    clean(&ev);
    fx_target(leaf(&ev, "系统运行故障率"), "≤10%");
    fx_target(leaf(&ev, "服务对象满意度"), "≥80%");
    fx_target(leaf(&ev, "项目成本"), "≤448.89万元"); /* 130.00% of 345.3 */
    ind = leaf(&ev, "资金到位率");
    fx_target(ind, "≥100");
    fx_actual(ind, "100");
    score(&ev);
    assert_int_equal(count(&ev, "JX301"), 1);
    assert_int_equal(count(&ev, "JX302"), 1);
    assert_int_equal(count(&ev, "JX303"), 1);
    assert_int_equal(count(&ev, "JX304"), 1);
    eval_release(&ev);

    clean(&ev);
    fx_target(leaf(&ev, "系统运行故障率"), "≤9.99%");
    fx_target(leaf(&ev, "服务对象满意度"), "≥80.01%");
    fx_target(leaf(&ev, "项目成本"), "≤448.88万元");
    score(&ev);
    assert_int_equal(count(&ev, "JX301"), 0);
    assert_int_equal(count(&ev, "JX302"), 0);
    assert_int_equal(count(&ev, "JX303"), 0);
    eval_release(&ev);

    clean(&ev);
    fx_given(leaf(&ev, "系统节约办件时间"), JX_METHOD_TIERS, JX_TIER_MET, 600, "节约明显");
    score(&ev);
    assert_int_equal(count(&ev, "JX305"), 1);
    eval_release(&ev);

    /* Every quantitative actual written as its target. */
    clean(&ev);
    score(&ev);
    assert_int_equal(count(&ev, "JX306"), 0);
    for (const char *const *n =
             (const char *const[]){"资金到位率", "建设平台数量", "系统运行故障率",
                                   "系统节约办件时间", "项目成本", "服务对象满意度", NULL};
         *n; n++) {
        ind = leaf(&ev, *n);
        ind->actual_text = ind->target_text;
    }
    assert_int_equal(count(&ev, "JX306"), 1);
    eval_release(&ev);
}

static void test_evidence_and_completeness(void **state)
{
    struct jx_eval ev;

    (void)state;
    fx_seed(&ev); /* every leaf full */
    score(&ev);
    assert_int_equal(count(&ev, "JX401"), 1);
    assert_int_equal(count(&ev, "JX402"), 0); /* no problems section */
    ev.problems = "无";
    assert_int_equal(count(&ev, "JX402"), 0);
    ev.problems = "资金使用存在问题";
    assert_int_equal(count(&ev, "JX402"), 1);
    ev.problems = "经检查，未发现明显问题；没有不足";
    assert_int_equal(count(&ev, "JX402"), 0);
    ev.problems = "无明显问题，但资金使用不规范的问题仍然存在";
    assert_int_equal(count(&ev, "JX402"), 1);
    eval_release(&ev);

    clean(&ev);
    score(&ev);
    ev.surveys[0].valid = ev.surveys[0].issued = ev.surveys[0].returned = -1;
    assert_int_equal(count(&ev, "JX403"), 1);
    assert_int_equal(count(&ev, "JX404"), 1);
    ev.work.methods = "运用比较法";
    assert_int_equal(count(&ev, "JX404"), 0);

    ev.suggestions = " 无 ";
    assert_int_equal(count(&ev, "JX501"), 1);
    ev.problems = "无";
    assert_int_equal(count(&ev, "JX501"), 0);
    ev.project.nr_basis = 0;
    assert_int_equal(count(&ev, "JX502"), 1);
    ev.signature.unit = NULL;
    ev.signature.date = "";
    assert_int_equal(count(&ev, "JX503"), 2);
    ev.work.purpose = NULL;
    ev.conclusion = "无";
    assert_int_equal(count(&ev, "JX504"), 2);
    eval_release(&ev);
}

static void test_new_rules(void **state)
{
    struct jx_eval ev;
    struct jx_indicator *ind;
    char *m;

    (void)state;
    /* JX307: every 产出 leaf judged by tiers; one quantitative leaf silences it. */
    clean(&ev);
    fx_given(leaf(&ev, "建设平台数量"), JX_METHOD_TIERS, JX_TIER_MET, 800, "平台已上线");
    fx_given(leaf(&ev, "系统运行故障率"), JX_METHOD_TIERS, JX_TIER_MET, 700, "运行稳定");
    fx_given(leaf(&ev, "系统节约办件时间"), JX_METHOD_TIERS, JX_TIER_MET, 600, "节约明显");
    score(&ev);
    assert_int_equal(count(&ev, "JX307"), 0); /* 项目成本 is still quantitative */
    fx_given(leaf(&ev, "项目成本"), JX_METHOD_MANUAL, JX_TIER_NONE, 500, "成本控制良好");
    score(&ev);
    assert_int_equal(count(&ev, "JX307"), 1);
    m = message(&ev, "JX307");
    assert_non_null(strstr(m, "no leaf of '项目产出' is measured quantitatively"));
    free(m);
    eval_release(&ev);

    /* JX405 and JX407: a judged leaf without basis; a short leaf without any reason. */
    clean(&ev);
    score(&ev);
    assert_int_equal(count(&ev, "JX405"), 0);
    assert_int_equal(count(&ev, "JX407"), 0);
    ind = leaf(&ev, "建设平台数量");
    assert_true(ind->scored && ind->score < ind->weight);
    ind->basis = NULL;
    assert_int_equal(count(&ev, "JX407"), 1);
    m = message(&ev, "JX407");
    assert_string_equal(m, "'建设平台数量' lost points without a reason: say why in 'basis' or "
                           "'deviation_reason' (偏差原因分析及改进措施)");
    free(m);
    ind->deviation_reason = "一个平台延期上线";
    assert_int_equal(count(&ev, "JX407"), 0);
    ind->deviation_reason = " ";
    assert_int_equal(count(&ev, "JX407"), 1);
    assert_int_equal(count(&ev, "JX405"), 0); /* a quantitative leaf needs no 评分依据 */
    eval_release(&ev);
    clean(&ev);
    fx_given(leaf(&ev, "系统节约办件时间"), JX_METHOD_TIERS, JX_TIER_MET, 600, NULL);
    score(&ev);
    assert_int_equal(count(&ev, "JX405"), 1);
    m = message(&ev, "JX405");
    assert_non_null(strstr(m, "'系统节约办件时间' is scored by method tiers without 'basis'"));
    free(m);
    eval_release(&ev);

    /* JX406: 30 valid responses is enough, 29 is not; 有效率 exactly 80% passes. */
    clean(&ev);
    score(&ev);
    ev.surveys[0].valid = ev.surveys[0].returned = 30;
    assert_int_equal(count(&ev, "JX406"), 0);
    ev.surveys[0].valid = 29;
    assert_int_equal(count(&ev, "JX406"), 1);
    ev.surveys[0].valid = 160;
    ev.surveys[0].returned = 200;
    assert_int_equal(count(&ev, "JX406"), 0);
    ev.surveys[0].valid = 159;
    assert_int_equal(count(&ev, "JX406"), 1);
    m = message(&ev, "JX406");
    assert_non_null(strstr(m, "has 159 valid of 200 returned questionnaires (有效率 below 80%)"));
    free(m);
    ev.surveys[0].valid = 10;
    assert_int_equal(count(&ev, "JX406"), 2);
    ev.surveys[0].valid = ev.surveys[0].returned = -1; /* not given: JX403's business */
    assert_int_equal(count(&ev, "JX406"), 0);
    eval_release(&ev);

    /* JX505..JX507. */
    clean(&ev);
    score(&ev);
    ev.experience = "无";
    assert_int_equal(count(&ev, "JX505"), 1);
    ev.experience = NULL;
    assert_int_equal(count(&ev, "JX505"), 1);
    ev.work.scope = "";
    assert_int_equal(count(&ev, "JX506"), 1);
    ev.project.overall_goal = NULL;
    assert_int_equal(count(&ev, "JX507"), 0); /* the phases remain */
    ev.project.nr_phases = 0;
    assert_int_equal(count(&ev, "JX507"), 1);
    ev.project.overall_goal = "保障尾款及时支付";
    assert_int_equal(count(&ev, "JX507"), 0);
    eval_release(&ev);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_clean_is_silent),
        cmocka_unit_test(test_seed),
        cmocka_unit_test(test_consistency),
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_evidence_and_completeness),
        cmocka_unit_test(test_new_rules),
        cmocka_unit_test(test_stated_amount),
        cmocka_unit_test(test_phase_not_reported),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
