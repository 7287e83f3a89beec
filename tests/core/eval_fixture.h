/*
 * Builds struct jx_eval trees in C for the scoring and validation tests, without the
 * YAML reader. Positions are synthetic but distinct per field (the indicator on column 5,
 * its weight on 20, target 30, actual 40, score 50, method 60) so that tests can check
 * which position a message points at. Include after cmocka.h.
 */
#ifndef JX_TESTS_EVAL_FIXTURE_H
#define JX_TESTS_EVAL_FIXTURE_H

#include <string.h>

#include "core/decimal.h"
#include "core/eval.h"
#include "core/qty.h"

#define FX_COL_NAME 5
#define FX_COL_WEIGHT 20
#define FX_COL_TARGET 30
#define FX_COL_ACTUAL 40
#define FX_COL_SCORE 50

/* A quantity parsed as the reader would; the text must parse. */
static inline struct jx_qty fx_qty(const char *text)
{
    struct jx_qty q;
    struct strbuf why = STRBUF_INIT;

    if (qty_parse(text, strlen(text), &q, &why))
        fail_msg("fixture quantity '%s' does not parse: %s", text, why.buf);
    strbuf_release(&why);
    return q;
}

/* Gives parent n fresh children from the evaluation's arena and returns the first. */
static inline struct jx_indicator *fx_children(struct jx_eval *ev, struct jx_indicator *parent,
                                               size_t n)
{
    struct jx_indicator *c = arena_calloc(&ev->arena, n, sizeof(*c));

    for (size_t i = 0; i < n; i++) {
        eval_indicator_init(&c[i]);
        c[i].depth = parent->depth + 1;
    }
    parent->children = c;
    parent->nr_children = n;
    return c;
}

/* Names an indicator and gives it a weight (centi-points) on line `line`. */
static inline void fx_ind(struct jx_indicator *ind, const char *name, int64_t weight, unsigned line)
{
    ind->name = name;
    ind->weight = weight;
    ind->has_weight = true;
    ind->pos = (struct jx_pos){line, FX_COL_NAME};
    ind->weight_pos = (struct jx_pos){line + 1, FX_COL_WEIGHT};
    ind->target_pos = (struct jx_pos){line + 2, FX_COL_TARGET};
    ind->actual_pos = (struct jx_pos){line + 3, FX_COL_ACTUAL};
    ind->score_pos = (struct jx_pos){line + 4, FX_COL_SCORE};
}

static inline void fx_target(struct jx_indicator *ind, const char *text)
{
    ind->target = fx_qty(text);
    ind->target_text = text;
    ind->has_target = true;
}

static inline void fx_actual(struct jx_indicator *ind, const char *text)
{
    ind->actual = fx_qty(text);
    ind->actual_text = text;
    ind->has_actual = true;
}

/* A leaf with a target and an actual. */
static inline void fx_leaf(struct jx_indicator *ind, const char *name, int64_t weight,
                           unsigned line, enum jx_method m, const char *target, const char *actual)
{
    fx_ind(ind, name, weight, line);
    ind->method = m;
    if (target)
        fx_target(ind, target);
    if (actual)
        fx_actual(ind, actual);
}

static inline void fx_given(struct jx_indicator *ind, enum jx_method m, enum jx_tier tier,
                            int64_t score, const char *basis)
{
    ind->method = m;
    ind->tier = tier;
    ind->given_score = score;
    ind->has_given_score = true;
    ind->basis = basis;
}

/* Budget amounts in 分; a negative argument leaves that amount out. */
static inline void fx_budget(struct jx_eval *ev, int64_t planned, int64_t received, int64_t spent)
{
    ev->budget.pos = (struct jx_pos){3, 1};
    ev->budget.planned = planned;
    ev->budget.has_planned = planned >= 0;
    ev->budget.received = received;
    ev->budget.has_received = received >= 0;
    ev->budget.spent = spent;
    ev->budget.has_spent = spent >= 0;
}

/* A survey with no answers, or with the given options (label, value centi, count). */
static inline struct jx_survey *fx_surveys(struct jx_eval *ev, size_t n)
{
    struct jx_survey *s = arena_calloc(&ev->arena, n, sizeof(*s));

    for (size_t i = 0; i < n; i++) {
        s[i].issued = s[i].returned = s[i].valid = -1;
        s[i].satisfaction = -1;
        s[i].pos = (struct jx_pos){900 + (unsigned)i * 10, 5};
    }
    ev->surveys = s;
    ev->nr_surveys = n;
    return s;
}

/*
 * The seed's evaluation (信息化建设项目, 2022, 部门评价): 决策 25, 过程 15, 产出 30,
 * 效益 30, every indicator met, total 100.00, grade 优. The 产出 leaves are the seed's
 * own: 建设平台 4个, 故障率 低于20%, 节约办件时间 高于10%, 成本 345.3万元 ≤ 500万元.
 * Lines: 一级指标 at 100, 200, 300, 400; their children and leaves below them.
 */
static inline void fx_seed(struct jx_eval *ev)
{
    struct jx_indicator *l1, *l2, *l3;
    struct jx_survey *sv;

    eval_init(ev, "xinfeng.yaml");
    ev->kind = JX_KIND_DEPT;
    ev->root.pos = (struct jx_pos){50, 1};
    fx_budget(ev, 345300000, 345300000, 345300000);
    l1 = fx_children(ev, &ev->root, 4);

    fx_ind(&l1[0], "项目决策", 2500, 100);
    l2 = fx_children(ev, &l1[0], 3);
    fx_ind(&l2[0], "项目立项", 1000, 110);
    l3 = fx_children(ev, &l2[0], 2);
    fx_ind(&l3[0], "立项依据充分性", 500, 115);
    fx_given(&l3[0], JX_METHOD_TIERS, JX_TIER_MET, 500, NULL);
    fx_target(&l3[0], "达成预期目标");
    fx_ind(&l3[1], "立项程序规范性", 500, 120);
    fx_given(&l3[1], JX_METHOD_TIERS, JX_TIER_MET, 500, NULL);
    fx_ind(&l2[1], "绩效目标", 800, 130);
    l3 = fx_children(ev, &l2[1], 2);
    fx_ind(&l3[0], "绩效目标合理性", 400, 135);
    l3[0].method = JX_METHOD_REACH;
    l3[0].reached = l3[0].has_reached = true;
    fx_ind(&l3[1], "绩效指标明确性", 400, 140);
    fx_given(&l3[1], JX_METHOD_MANUAL, JX_TIER_NONE, 400, "指标清晰、可衡量");
    fx_ind(&l2[2], "资金投入", 700, 150);
    l3 = fx_children(ev, &l2[2], 2);
    fx_ind(&l3[0], "预算编制科学性", 400, 155);
    l3[0].method = JX_METHOD_DEDUCT;
    fx_ind(&l3[1], "资金分配合理性", 300, 160);
    fx_given(&l3[1], JX_METHOD_TIERS, JX_TIER_MET, 300, NULL);

    fx_ind(&l1[1], "项目过程", 1500, 200);
    l2 = fx_children(ev, &l1[1], 2);
    fx_ind(&l2[0], "资金管理", 1000, 210);
    l3 = fx_children(ev, &l2[0], 3);
    fx_leaf(&l3[0], "资金到位率", 400, 215, JX_METHOD_RATIO, "≥100%", "100%");
    fx_ind(&l3[1], "预算执行率", 300, 220);
    l3[1].method = JX_METHOD_EXECUTION;
    l3[1].exec_base = JX_EXEC_RECEIVED;
    fx_ind(&l3[2], "资金使用合规性", 300, 225);
    l3[2].method = JX_METHOD_DEDUCT;
    fx_ind(&l2[1], "组织实施", 500, 230);
    l3 = fx_children(ev, &l2[1], 2);
    fx_ind(&l3[0], "管理制度健全性", 250, 235);
    l3[0].method = JX_METHOD_REACH;
    l3[0].reached = l3[0].has_reached = true;
    fx_ind(&l3[1], "制度执行有效性", 250, 240);
    fx_given(&l3[1], JX_METHOD_TIERS, JX_TIER_MET, 250, NULL);

    fx_ind(&l1[2], "项目产出", 3000, 300);
    l2 = fx_children(ev, &l1[2], 4);
    fx_ind(&l2[0], "产出数量", 1000, 310);
    l3 = fx_children(ev, &l2[0], 1);
    fx_leaf(&l3[0], "建设平台数量", 1000, 315, JX_METHOD_NONE, "≥4个", "4个");
    fx_ind(&l2[1], "产出质量", 800, 320);
    l3 = fx_children(ev, &l2[1], 1);
    fx_leaf(&l3[0], "系统运行故障率", 800, 325, JX_METHOD_NONE, "低于20%", "低于20%");
    fx_ind(&l2[2], "产出时效", 600, 330);
    l3 = fx_children(ev, &l2[2], 1);
    fx_leaf(&l3[0], "系统节约办件时间", 600, 335, JX_METHOD_NONE, "高于10%", "高于10%");
    fx_ind(&l2[3], "产出成本", 600, 340);
    l3 = fx_children(ev, &l2[3], 1);
    fx_leaf(&l3[0], "项目成本", 600, 345, JX_METHOD_NONE, "≤500万元", "345.3万元");

    fx_ind(&l1[3], "项目效益", 3000, 400);
    l2 = fx_children(ev, &l1[3], 2);
    fx_ind(&l2[0], "实施效益", 2000, 410);
    l3 = fx_children(ev, &l2[0], 2);
    fx_ind(&l3[0], "社会效益", 1000, 415);
    fx_given(&l3[0], JX_METHOD_TIERS, JX_TIER_MET, 1000, NULL);
    fx_ind(&l3[1], "可持续影响", 1000, 420);
    l3[1].method = JX_METHOD_REACH;
    l3[1].reached = l3[1].has_reached = true;
    fx_ind(&l2[1], "满意度", 1000, 430);
    l3 = fx_children(ev, &l2[1], 1);
    fx_leaf(&l3[0], "服务对象满意度", 1000, 435, JX_METHOD_SURVEY, "≥90%", "100%");
    l3[0].survey = "群众满意度";

    sv = fx_surveys(ev, 1);
    sv->id = "群众满意度";
    sv->reported = 10000;
    sv->has_reported = true;
}

/* Index of the first diagnostic whose message equals msg, or -1. */
static inline int fx_find(const struct jx_diags *d, const char *msg)
{
    for (size_t i = 0; i < d->nr; i++)
        if (!strcmp(d->v[i].msg, msg))
            return (int)i;
    return -1;
}

/* Fails listing every diagnostic when msg is not among them. */
static inline const struct jx_diag *fx_expect(const struct jx_diags *d, enum jx_severity sev,
                                              const char *msg)
{
    int i = fx_find(d, msg);

    if (i < 0 || d->v[i].severity != sev) {
        for (size_t k = 0; k < d->nr; k++)
            print_message("  [%s] %u:%u: %s\n", jx_severity_name(d->v[k].severity),
                          d->v[k].pos.line, d->v[k].pos.col, d->v[k].msg);
        fail_msg("expected %s '%s'", jx_severity_name(sev), msg);
    }
    return &d->v[i];
}

#endif
