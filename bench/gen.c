/*
 * jixiao-gen: writes synthetic evaluations of realistic size for the benchmarks, as YAML
 * evaluation files (docs/format.md, one per file: DIR/eval-000001.yaml ...) and/or as one
 * leaf table (docs/leaftable.md) holding the same evaluations.
 *
 * Invariant: evaluation i is a function of (seed, i) alone, drawn from its own splitmix64
 * stream, so a run is reproducible and the YAML files and the CSV always describe the
 * same evaluations, whichever of them is written.
 *
 * Each evaluation has 30-60 leaves under the four 一级指标 决策/过程/产出/效益 (weights
 * summing to 100, leaf weights in steps of 0.5), and mixes every method the leaf table
 * carries: targets met, missed, overshot (with 偏差原因), exactly on the bound, above
 * the inverse method's 2T, and weights times ratios that fall exactly half-way between
 * two hundredths.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/decimal.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

/* ---- the random stream ---- */

struct rng {
    uint64_t s;
};

static uint64_t next_u64(struct rng *r)
{
    uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));

    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* Uniform in [0, n); n > 0. The bias of the multiply-shift is below 2^-32 here. */
static uint64_t below(struct rng *r, uint64_t n)
{
    return (uint64_t)(((jx_i128)(next_u64(r) >> 32) * (jx_i128)n) >> 32);
}

/* Uniform in [lo, hi]. */
static int64_t between(struct rng *r, int64_t lo, int64_t hi)
{
    return hi <= lo ? lo : lo + (int64_t)below(r, (uint64_t)(hi - lo + 1));
}

/* True with probability pct/100. */
static bool chance(struct rng *r, unsigned pct)
{
    return below(r, 100) < pct;
}

#define PICK(r, arr) ((arr)[below((r), ARRAY_SIZE(arr))])

/* ---- what an evaluation is made of ---- */

enum kind {
    K_TIERS,  /* qualitative, assessor's score in a tier */
    K_REACH,  /* 达成 / 未达成 */
    K_MANUAL, /* expert score with a reason */
    K_DEDUCT, /* deductions with reasons */
    K_EXEC,   /* 预算执行率 from the budget block (ratio on the rate in the table) */
    K_GE,     /* ≥T, ratio */
    K_LE,     /* ≤T, inverse */
    K_EQ0,    /* =0, equal */
    K_EQ,     /* =T, equal */
    K_DEV,    /* T without a comparison, deviation */
};

struct tmpl {
    const char *name;
    unsigned char kind;
    const char *unit;
    int lo, hi;           /* target range, in the unit */
    unsigned char places; /* decimals of the actual */
};

#define T_(n, k)                                                                                   \
    {                                                                                              \
        n, k, "", 0, 0, 0                                                                          \
    }
#define Q(n, k, u, lo, hi, pl)                                                                     \
    {                                                                                              \
        n, k, u, lo, hi, pl                                                                        \
    }

static const struct tmpl lixiang[] = {
    T_("立项依据充分性", K_TIERS),
    T_("立项程序规范性", K_REACH),
    T_("项目申报规范性", K_TIERS),
    T_("事前绩效评估充分性", K_MANUAL),
};
static const struct tmpl mubiao[] = {
    T_("绩效目标合理性", K_TIERS),
    T_("绩效指标明确性", K_TIERS),
    T_("目标与任务匹配度", K_MANUAL),
};
static const struct tmpl touru[] = {
    T_("预算编制科学性", K_TIERS),
    T_("资金分配合理性", K_TIERS),
    T_("资金测算依据充分性", K_REACH),
};
static const struct tmpl zijin[] = {
    Q("资金到位率", K_GE, "%", 100, 100, 2), {"预算执行率", K_EXEC, "%", 100, 100, 2},
    T_("资金使用合规性", K_DEDUCT),          T_("资金拨付及时性", K_TIERS),
    T_("财务核算规范性", K_DEDUCT),
};
static const struct tmpl zuzhi[] = {
    T_("管理制度健全性", K_REACH),     T_("制度执行有效性", K_TIERS),
    T_("项目质量管控有效性", K_TIERS), T_("档案资料完整性", K_DEDUCT),
    T_("政府采购规范性", K_REACH),
};
static const struct tmpl shuliang[] = {
    Q("新建村级综合服务站数量", K_GE, "个", 4, 40, 0),
    Q("培训农村实用人才人次", K_GE, "人次", 200, 3000, 0),
    Q("硬化农村道路里程", K_GE, "公里", 5, 120, 1),
    Q("改造老旧小区户数", K_GE, "户", 100, 2500, 0),
    Q("新增高标准农田面积", K_GE, "亩", 1000, 30000, 0),
    Q("购置医疗设备数量", K_GE, "台", 5, 80, 0),
    Q("开展健康义诊场次", K_GE, "场", 6, 60, 0),
    Q("梳理政务服务事项数", K_EQ, "项", 100, 900, 0),
    Q("建设污水处理设施数量", K_GE, "座", 2, 30, 0),
    Q("发放宣传资料份数", K_GE, "份", 1000, 20000, 0),
    Q("资助困难学生人数", K_GE, "人", 50, 2000, 0),
    Q("建成信息化平台数量", K_GE, "个", 1, 8, 0),
    Q("修缮文物保护单位处数", K_GE, "处", 2, 20, 0),
    Q("新增公共停车泊位数", K_GE, "个", 50, 1500, 0),
    Q("完成危房改造户数", K_GE, "户", 20, 600, 0),
    Q("组织应急演练次数", K_GE, "次", 2, 24, 0),
    Q("新增就业岗位数", K_GE, "个", 50, 3000, 0),
    Q("植树造林面积", K_GE, "亩", 200, 8000, 1),
    Q("安装太阳能路灯数量", K_GE, "盏", 50, 1200, 0),
    Q("开展执法检查次数", K_GE, "次", 10, 300, 0),
};
static const struct tmpl zhiliang[] = {
    Q("工程验收合格率", K_GE, "%", 95, 100, 0), Q("设备完好率", K_GE, "%", 90, 98, 1),
    Q("培训考核合格率", K_GE, "%", 85, 95, 2),  Q("系统运行故障率", K_LE, "%", 1, 20, 2),
    Q("数据准确率", K_GE, "%", 95, 99, 2),      Q("项目质量达标率", K_GE, "%", 90, 100, 1),
    Q("群众投诉办结率", K_GE, "%", 90, 100, 0), Q("安全责任事故发生次数", K_EQ0, "次", 0, 0, 0),
    Q("抽检不合格率", K_LE, "%", 2, 10, 2),
};
static const struct tmpl shixiao[] = {
    Q("项目按期完成率", K_GE, "%", 90, 100, 0), Q("资金拨付及时率", K_GE, "%", 95, 100, 1),
    Q("平均办件时长", K_LE, "天", 3, 15, 1),    Q("问题整改完成时限", K_LE, "天", 15, 60, 0),
    Q("系统平均响应时间", K_LE, "秒", 2, 5, 2), Q("工程完工时间", K_LE, "天", 90, 365, 0),
};
static const struct tmpl chengben[] = {
    Q("项目总成本", K_LE, "万元", 50, 2000, 2),        Q("单位培训成本", K_LE, "元", 300, 2000, 0),
    Q("每公里道路建设成本", K_LE, "万元", 40, 150, 2), Q("设备采购成本", K_DEV, "万元", 20, 500, 2),
    Q("运行维护费用", K_DEV, "万元", 5, 80, 2),
};
static const struct tmpl shehui[] = {
    Q("受益群众人数", K_GE, "人", 1000, 80000, 0),
    Q("群众办事时间节约率", K_GE, "%", 10, 40, 1),
    T_("政务服务效率提升", K_TIERS),
    Q("公共服务覆盖率", K_GE, "%", 80, 100, 1),
    Q("带动就业人数", K_GE, "人", 20, 1500, 0),
    T_("社会治理水平提升", K_MANUAL),
};
static const struct tmpl jingji[] = {
    Q("带动农户增收", K_GE, "万元", 50, 3000, 2),        Q("节约行政成本", K_GE, "万元", 5, 300, 2),
    Q("新增产值", K_GE, "万元", 100, 8000, 2),           T_("促进产业发展", K_TIERS),
    Q("群众办事成本节约", K_GE, "元", 20000, 500000, 0),
};
static const struct tmpl shengtai[] = {
    Q("污水集中处理率", K_GE, "%", 85, 95, 1),
    Q("生活垃圾无害化处理率", K_GE, "%", 90, 100, 1),
    Q("空气质量优良天数比例", K_GE, "%", 85, 95, 1),
    Q("化肥施用量减少", K_GE, "%", 3, 10, 2),
    T_("生态环境改善", K_TIERS),
};
static const struct tmpl kechixu[] = {
    T_("长效管护机制健全性", K_TIERS),
    Q("设施持续使用年限", K_GE, "年", 5, 20, 0),
    T_("项目运行维护保障", K_REACH),
    T_("信息系统持续使用", K_TIERS),
};
static const struct tmpl manyidu[] = {
    Q("服务对象满意度", K_GE, "%", 85, 95, 2),
    Q("群众满意度", K_GE, "%", 85, 95, 1),
    Q("受训人员满意度", K_GE, "%", 90, 95, 2),
    Q("企业满意度", K_GE, "%", 85, 95, 2),
};

struct pool {
    const char *name;
    const struct tmpl *t;
    size_t n;
};

#define POOL(name, arr)                                                                            \
    {                                                                                              \
        name, arr, ARRAY_SIZE(arr)                                                                 \
    }

/* Per 一级指标 its 二级指标; the first `fixed` leaves of a pool always appear. */
static const struct pool jueci[] = {POOL("项目立项", lixiang), POOL("绩效目标", mubiao),
                                    POOL("资金投入", touru)};
static const struct pool guocheng[] = {POOL("资金管理", zijin), POOL("组织实施", zuzhi)};
static const struct pool chanchu[] = {POOL("产出数量", shuliang), POOL("产出质量", zhiliang),
                                      POOL("产出时效", shixiao), POOL("产出成本", chengben)};
static const struct pool xiaoyi[] = {POOL("社会效益", shehui), POOL("经济效益", jingji),
                                     POOL("生态效益", shengtai), POOL("可持续影响", kechixu),
                                     POOL("满意度", manyidu)};

static const struct {
    const char *name;
    const struct pool *p;
    size_t n;
} level1[4] = {
    {"决策", jueci, ARRAY_SIZE(jueci)},
    {"过程", guocheng, ARRAY_SIZE(guocheng)},
    {"产出", chanchu, ARRAY_SIZE(chanchu)},
    {"效益", xiaoyi, ARRAY_SIZE(xiaoyi)},
};

/* 决策/过程/产出/效益, each with 产出 + 效益 >= 60 as 财预〔2020〕10号 asks. */
static const int splits[][4] = {
    {15, 15, 40, 30}, {20, 20, 30, 30}, {25, 15, 30, 30},
    {10, 20, 40, 30}, {15, 20, 35, 30}, {20, 15, 35, 30},
};

static const char *const counties[] = {
    "信丰县", "赣县区", "南康区", "大余县", "上犹县", "崇义县", "安远县", "龙南市", "定南县",
    "全南县", "宁都县", "于都县", "兴国县", "会昌县", "寻乌县", "石城县", "瑞金市", "章贡区",
};
static const struct {
    const char *unit, *topic;
} departments[] = {
    {"农业农村局", "高标准农田建设"},
    {"教育体育局", "义务教育薄弱环节改善"},
    {"卫生健康委员会", "基层医疗卫生服务能力提升"},
    {"交通运输局", "农村公路提质改造"},
    {"住房和城乡建设局", "老旧小区改造"},
    {"行政审批局", "信息化建设"},
    {"民政局", "社区养老服务设施建设"},
    {"人力资源和社会保障局", "职业技能提升培训"},
    {"水利局", "农村饮水安全巩固提升"},
    {"生态环境局", "农村生活污水治理"},
    {"文化广电新闻出版旅游局", "文物保护修缮"},
    {"应急管理局", "应急救援能力建设"},
};
static const char *const qual_targets[] = {"达到预期目标", "有效提升", "规范有序", "符合要求"};
static const char *const deduct_reasons[] = {
    "个别支出凭证附件不全", "存在超范围支出", "合同签订不规范",
    "会计科目使用不准确",   "资料归档不及时", "验收手续不完整",
};
static const char *const manual_basis[] = {
    "专家组现场核查后综合评定",
    "根据抽查资料和座谈情况评定",
    "对照评分标准逐项核实后评定",
};
static const char *const overshoot_reasons[] = {
    "年初目标设置偏保守，实际需求超出预期",
    "追加任务后完成量增加",
    "上年结转任务在本年度一并完成",
};

/* ---- one evaluation ---- */

#define MAX_LEAVES 64
#define MAX_DEDUCTIONS 3

struct leaf {
    const struct tmpl *t;
    int l1, l2, l3;         /* 0-based positions, for the leaf_id "l1.l2.l3" (1-based) */
    int64_t weight;         /* centi-points */
    int64_t target, actual; /* micro-units */
    const char *qual_target, *qual_actual;
    int tier;      /* 1 达成, 2 部分达成, 3 未达成 */
    int64_t given; /* tiers/manual score; deduct total; reach 1/0 */
    int64_t deductions[MAX_DEDUCTIONS];
    int nr_deductions;
    bool overshoot;
};

struct eval {
    char id[32];
    const char *county, *unit, *topic, *kind;
    int year;
    int64_t planned, spent; /* 分 */
    int64_t exec_rate;      /* hundredths of a percent, exact: spent / planned */
    int weights[4];
    struct leaf leaves[MAX_LEAVES];
    int nr_leaves;
    int nr_l2[4];
    const struct pool *l2[4][8];
    int64_t l2_weight[4][8];
    int l2_first[4][8], l2_count[4][8];
};

/* A "nice" target: 2 significant digits above 100. */
static int64_t nice(int64_t v)
{
    int64_t p = 1;

    while (v / p >= 100)
        p *= 10;
    return v / p * p;
}

static int64_t pow10i(int n)
{
    int64_t p = 1;

    while (n-- > 0)
        p *= 10;
    return p;
}

/* A value in [lo, hi] micro-units with `places` decimals. */
static int64_t micro_between(struct rng *r, int64_t lo, int64_t hi, int places)
{
    int64_t step = JX_MICRO / pow10i(places);

    if (hi < lo)
        hi = lo;
    return between(r, (lo + step - 1) / step, hi / step) * step;
}

static void gen_quantity(struct rng *r, struct leaf *lf)
{
    const struct tmpl *t = lf->t;
    int64_t T = nice(between(r, t->lo, t->hi)) * JX_MICRO, A, cap = INT64_MAX;
    unsigned u = (unsigned)below(r, 100);
    int pl = t->places;

    if (!strcmp(t->unit, "%"))
        cap = 100 * JX_MICRO;
    switch (t->kind) {
    case K_GE:
    case K_EQ:
        if (T > cap)
            T = cap;
        if (u < 8) /* exactly on the target */
            A = T;
        else if (u < 55) /* met */
            A = micro_between(r, T, T + T / 4, pl);
        else if (u < 65 && T * 13 / 10 <= cap) /* overshoot: 偏差原因 required */
            A = micro_between(r, T * 13 / 10, 2 * T, pl);
        else /* missed */
            A = micro_between(r, T * 2 / 5, T - 1, pl);
        if (A > cap)
            A = cap;
        break;
    case K_LE:
        if (u < 5)
            A = T;
        else if (u < 65)
            A = micro_between(r, 0, T, pl);
        else if (u < 90)
            A = micro_between(r, T + 1, 2 * T - 1, pl);
        else /* at or past 2T: 0 under the linear formula */
            A = micro_between(r, 2 * T, 3 * T, pl);
        break;
    case K_EQ0:
        T = 0;
        A = u < 85 ? 0 : between(r, 1, 3) * JX_MICRO;
        break;
    default: /* K_DEV */
        A = micro_between(r, T * 2 / 5, T * 8 / 5, pl);
        break;
    }
    if (A < 0)
        A = 0;
    lf->target = T;
    lf->actual = A;
    lf->overshoot = (t->kind == K_GE || t->kind == K_EQ) && T > 0 && A * 10 >= T * 13;
}

static void gen_given(struct rng *r, struct leaf *lf)
{
    int64_t w = lf->weight;
    int64_t b80 = dec_div_round((jx_i128)w * 80, 100), b60 = dec_div_round((jx_i128)w * 60, 100);
    unsigned u = (unsigned)below(r, 100);

    switch (lf->t->kind) {
    case K_TIERS:
        lf->qual_target = PICK(r, qual_targets);
        if (u < 70) {
            lf->tier = 1;
            lf->given = between(r, (b80 + 9) / 10, w / 10) * 10;
            lf->qual_actual = lf->qual_target;
        } else if (u < 92) {
            lf->tier = 2;
            lf->given = between(r, (b60 + 9) / 10, (b80 - 1) / 10) * 10;
            lf->qual_actual = "基本达到预期目标";
        } else {
            lf->tier = 3;
            lf->given = between(r, 0, (b60 - 1) / 10) * 10;
            lf->qual_actual = "未达到预期目标";
        }
        break;
    case K_REACH:
        lf->qual_target = PICK(r, qual_targets);
        lf->given = u < 85;
        lf->qual_actual = lf->given ? lf->qual_target : "未达到预期目标";
        break;
    case K_MANUAL:
        lf->qual_target = PICK(r, qual_targets);
        lf->given = between(r, b60, w);
        lf->qual_actual = lf->given >= b80 ? lf->qual_target : "基本达到预期目标";
        break;
    default: /* K_DEDUCT */
        lf->nr_deductions = u < 50 ? 0 : u < 80 ? 1 : u < 95 ? 2 : 3;
        lf->given = 0;
        for (int k = 0; k < lf->nr_deductions; k++) {
            lf->deductions[k] = between(r, 1, 4) * 50;
            lf->given += lf->deductions[k];
        }
        break;
    }
}

/* Splits total centi-points into n weights, multiples of 0.5 and at least 1.00 each. */
static void split_weight(struct rng *r, int64_t total, struct leaf **lv, int n)
{
    int64_t units = total / 50 - 2 * n;

    for (int k = 0; k < n; k++)
        lv[k]->weight = 100;
    while (units-- > 0)
        lv[below(r, (uint64_t)n)]->weight += 50;
}

/* How many leaves each 二级指标 of a 一级指标 gets: at least one, at most its pool. */
static void spread(struct rng *r, int n, const struct pool *p, int np, int *count)
{
    int left = n;

    for (int k = 0; k < np; k++) {
        count[k] = 1;
        left--;
    }
    while (left > 0) {
        int k = (int)below(r, (uint64_t)np);

        if ((size_t)count[k] < p[k].n) {
            count[k]++;
            left--;
        }
    }
}

static void gen_eval(struct eval *ev, uint64_t seed, size_t i)
{
    struct rng r = {seed * UINT64_C(0x100000001B3) ^ (uint64_t)i};
    int n = (int)between(&r, 30, 60), per[4], split = (int)below(&r, ARRAY_SIZE(splits));
    size_t dep = below(&r, ARRAY_SIZE(departments));

    memset(ev, 0, sizeof(*ev));
    snprintf(ev->id, sizeof(ev->id), "eval-%06zu", i);
    ev->county = PICK(&r, counties);
    ev->unit = departments[dep].unit;
    ev->topic = departments[dep].topic;
    ev->kind = chance(&r, 80) ? "部门评价" : "财政评价";
    ev->year = (int)between(&r, 2020, 2024);
    ev->planned = between(&r, 2000, 200000) * 10000; /* 20.00 to 2000.00 万元, in 分 */
    if (chance(&r, 55))
        ev->exec_rate = 10000;
    else if (chance(&r, 75))
        ev->exec_rate = between(&r, 9000, 9999);
    else
        ev->exec_rate = between(&r, 5000, 8999);
    ev->spent = ev->planned / 10000 * ev->exec_rate; /* exact: planned is a multiple of 10000 */
    memcpy(ev->weights, splits[split], sizeof(ev->weights));

    per[0] = (int)between(&r, 6, ev->weights[0] < 10 ? ev->weights[0] : 9);
    per[1] = (int)between(&r, 5, 7);
    per[2] = (n - per[0] - per[1]) * 3 / 5;
    per[3] = n - per[0] - per[1] - per[2];
    if (per[2] > ev->weights[2]) { /* every leaf weighs at least 1.00 */
        per[3] += per[2] - ev->weights[2];
        per[2] = ev->weights[2];
    }

    for (int a = 0; a < 4; a++) {
        const struct pool *p = level1[a].p;
        int np = (int)level1[a].n, count[8];
        struct leaf *lv[MAX_LEAVES];
        int first = ev->nr_leaves;

        spread(&r, per[a], p, np, count);
        ev->nr_l2[a] = np;
        for (int b = 0; b < np; b++) {
            /* Fisher-Yates prefix: which leaves of the pool, in pool order. */
            size_t idx[32], m = p[b].n;

            for (size_t k = 0; k < m; k++)
                idx[k] = k;
            if (a == 1 && b == 0) /* 资金到位率 and 预算执行率 are always there */
                for (size_t k = 2; k < m; k++) {
                    size_t j = k + below(&r, m - k);
                    size_t tmp = idx[k];

                    idx[k] = idx[j];
                    idx[j] = tmp;
                }
            else
                for (size_t k = 0; k < m; k++) {
                    size_t j = k + below(&r, m - k);
                    size_t tmp = idx[k];

                    idx[k] = idx[j];
                    idx[j] = tmp;
                }
            if (a == 1 && b == 0 && count[b] < 2)
                count[b] = 2;
            /* keep pool order among the chosen */
            for (int x = 1; x < count[b]; x++)
                for (int y = x; y > 0 && idx[y - 1] > idx[y]; y--) {
                    size_t tmp = idx[y];

                    idx[y] = idx[y - 1];
                    idx[y - 1] = tmp;
                }
            ev->l2[a][b] = &p[b];
            ev->l2_first[a][b] = ev->nr_leaves;
            ev->l2_count[a][b] = count[b];
            for (int k = 0; k < count[b]; k++) {
                struct leaf *lf = &ev->leaves[ev->nr_leaves++];

                lf->t = &p[b].t[idx[k]];
                lf->l1 = a;
                lf->l2 = b;
                lf->l3 = k;
            }
        }
        for (int k = first; k < ev->nr_leaves; k++)
            lv[k - first] = &ev->leaves[k];
        split_weight(&r, (int64_t)ev->weights[a] * 100, lv, ev->nr_leaves - first);
        for (int b = 0; b < np; b++) {
            ev->l2_weight[a][b] = 0;
            for (int k = 0; k < ev->l2_count[a][b]; k++)
                ev->l2_weight[a][b] += ev->leaves[ev->l2_first[a][b] + k].weight;
        }
    }
    for (int k = 0; k < ev->nr_leaves; k++) {
        struct leaf *lf = &ev->leaves[k];

        switch (lf->t->kind) {
        case K_TIERS:
        case K_REACH:
        case K_MANUAL:
        case K_DEDUCT:
            gen_given(&r, lf);
            break;
        case K_EXEC:
            lf->target = 100 * JX_MICRO;
            lf->actual = ev->exec_rate * (JX_MICRO / 100);
            break;
        default:
            gen_quantity(&r, lf);
            break;
        }
    }
}

/* ---- output ---- */

static void add_qty(struct strbuf *sb, const char *cmp, int64_t micro, const char *unit)
{
    strbuf_addstr(sb, cmp);
    dec_format_trim(sb, micro, 6);
    strbuf_addstr(sb, unit);
}

static const char *cmp_of(int kind)
{
    switch (kind) {
    case K_GE:
        return "≥";
    case K_LE:
        return "≤";
    case K_EQ0:
    case K_EQ:
        return "=";
    default:
        return "";
    }
}

static const char *method_of(int kind)
{
    static const char *const names[] = {
        [K_TIERS] = "tiers",    [K_REACH] = "reach",   [K_MANUAL] = "manual", [K_DEDUCT] = "deduct",
        [K_EXEC] = "execution", [K_GE] = "ratio",      [K_LE] = "inverse",    [K_EQ0] = "equal",
        [K_EQ] = "equal",       [K_DEV] = "deviation",
    };
    return names[kind];
}

static bool is_qualitative(int kind)
{
    return kind == K_TIERS || kind == K_REACH || kind == K_MANUAL || kind == K_DEDUCT;
}

static void csv_eval(struct strbuf *sb, const struct eval *ev)
{
    for (int k = 0; k < ev->nr_leaves; k++) {
        const struct leaf *lf = &ev->leaves[k];
        int kind = lf->t->kind;

        strbuf_addf(sb, "%s,%s,%d.%d.%d,", ev->id, level1[lf->l1].name, lf->l1 + 1, lf->l2 + 1,
                    lf->l3 + 1);
        dec_format_trim(sb, lf->weight, 2);
        if (is_qualitative(kind)) {
            strbuf_addf(sb, ",%s,%s,%s,", method_of(kind), lf->qual_target,
                        lf->qual_actual ? lf->qual_actual : "");
            if (kind == K_REACH)
                strbuf_addch(sb, lf->given ? '1' : '0');
            else
                dec_format_trim(sb, lf->given, 2);
        } else {
            /* execution is not in the table: a ratio of the rate against 100% */
            strbuf_addf(sb, ",%s,", kind == K_EXEC ? "ratio" : method_of(kind));
            add_qty(sb, kind == K_EXEC ? "" : cmp_of(kind), lf->target, lf->t->unit);
            strbuf_addch(sb, ',');
            add_qty(sb, "", lf->actual, lf->t->unit);
            strbuf_addch(sb, ',');
        }
        strbuf_addch(sb, '\n');
    }
}

static void yaml_money(struct strbuf *sb, const char *key, int64_t fen)
{
    strbuf_addf(sb, "  %s: ", key);
    dec_format_trim(sb, fen, 6); /* 分 -> 万元: 10^6 分 per 万元 */
    strbuf_addstr(sb, "万元\n");
}

static void yaml_leaf(struct strbuf *sb, struct rng *r, const struct leaf *lf)
{
    static const char *const tiers[] = {"", "达成", "部分达成", "未达成"};
    int kind = lf->t->kind;
    const char *ind = "            ";

    strbuf_addf(sb, "          - name: %s\n%sweight: ", lf->t->name, ind);
    dec_format_trim(sb, lf->weight, 2);
    strbuf_addf(sb, "\n%smethod: %s\n", ind, method_of(kind));
    if (is_qualitative(kind)) {
        strbuf_addf(sb, "%starget: %s\n", ind, lf->qual_target);
        if (lf->qual_actual)
            strbuf_addf(sb, "%sactual: %s\n", ind, lf->qual_actual);
    } else {
        strbuf_addf(sb, "%starget: \"", ind);
        add_qty(sb, kind == K_EXEC ? "" : cmp_of(kind), lf->target, lf->t->unit);
        strbuf_addstr(sb, "\"\n");
        if (kind != K_EXEC) {
            strbuf_addf(sb, "%sactual: \"", ind);
            add_qty(sb, "", lf->actual, lf->t->unit);
            strbuf_addstr(sb, "\"\n");
        }
    }
    switch (kind) {
    case K_TIERS:
        strbuf_addf(sb, "%stier: %s\n%sscore: ", ind, tiers[lf->tier], ind);
        dec_format_trim(sb, lf->given, 2);
        strbuf_addch(sb, '\n');
        break;
    case K_MANUAL:
        strbuf_addf(sb, "%sscore: ", ind);
        dec_format_trim(sb, lf->given, 2);
        strbuf_addf(sb, "\n%sbasis: %s\n", ind, PICK(r, manual_basis));
        break;
    case K_REACH:
        strbuf_addf(sb, "%sreached: %s\n", ind, lf->given ? "true" : "false");
        break;
    case K_DEDUCT:
        if (!lf->nr_deductions)
            strbuf_addf(sb, "%sdeductions: []\n", ind);
        else
            strbuf_addf(sb, "%sdeductions:\n", ind);
        for (int k = 0; k < lf->nr_deductions; k++) {
            strbuf_addf(sb, "%s  - points: ", ind);
            dec_format_trim(sb, lf->deductions[k], 2);
            strbuf_addf(sb, "\n%s    reason: %s\n", ind, PICK(r, deduct_reasons));
        }
        break;
    default:
        break;
    }
    if (lf->overshoot)
        strbuf_addf(sb, "%sdeviation_reason: %s\n", ind, PICK(r, overshoot_reasons));
}

static void yaml_eval(struct strbuf *sb, const struct eval *ev, uint64_t seed, size_t i)
{
    struct rng r = {~(seed * UINT64_C(0x100000001B3) ^ (uint64_t)i)}; /* texts only */

    strbuf_addf(sb,
                "# %s: synthetic evaluation written by jixiao-gen\n"
                "jixiao: 1\nkind: %s\nunit: %s%s\nyear: %d\n"
                "project:\n  name: %s%d年%s项目\n"
                "  content: 围绕%s开展建设，按年度绩效目标组织实施。\n"
                "budget:\n  unit: 万元\n",
                ev->id, ev->kind, ev->county, ev->unit, ev->year, ev->county, ev->year, ev->topic,
                ev->topic);
    yaml_money(sb, "planned", ev->planned);
    yaml_money(sb, "received", ev->planned);
    yaml_money(sb, "spent", ev->spent);
    strbuf_addstr(sb, "indicators:\n");
    for (int a = 0; a < 4; a++) {
        strbuf_addf(sb, "  - name: %s\n    weight: %d\n    children:\n", level1[a].name,
                    ev->weights[a]);
        for (int b = 0; b < ev->nr_l2[a]; b++) {
            strbuf_addf(sb, "      - name: %s\n        weight: ", ev->l2[a][b]->name);
            dec_format_trim(sb, ev->l2_weight[a][b], 2);
            strbuf_addstr(sb, "\n        children:\n");
            for (int k = 0; k < ev->l2_count[a][b]; k++)
                yaml_leaf(sb, &r, &ev->leaves[ev->l2_first[a][b] + k]);
        }
    }
}

static int write_file(const char *path, const char *buf, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    size_t off = 0;

    if (fd < 0)
        return -1;
    while (off < len) {
        ssize_t n = write(fd, buf + off, len - off);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            close(fd);
            return -1;
        }
        off += (size_t)n;
    }
    return close(fd);
}

static int usage(void)
{
    fputs("usage: jixiao-gen --seed S --count N [--out DIR] [--csv FILE] [--yaml]\n"
          "  writes N synthetic evaluations as DIR/eval-000001.yaml ... (the default, or\n"
          "  with --yaml) and/or as the leaf table FILE (--csv); the same seed gives the\n"
          "  same evaluations\n",
          stderr);
    return 2;
}

static int parse_u64(const char *s, uint64_t *out)
{
    char *end;

    errno = 0;
    *out = strtoull(s, &end, 10);
    return errno || end == s || *end || *s == '-' ? -1 : 0;
}

int main(int argc, char **argv)
{
    uint64_t seed = 0, count = 0;
    const char *dir = NULL, *csv = NULL;
    bool yaml = false, have_seed = false, have_count = false;
    struct strbuf sb = STRBUF_INIT, path = STRBUF_INIT;
    FILE *out = NULL;
    struct eval *ev = xmalloc(sizeof(*ev));
    int ret = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];

        if (!strcmp(a, "--yaml")) {
            yaml = true;
        } else if (i + 1 < argc && !strcmp(a, "--seed")) {
            if (parse_u64(argv[++i], &seed))
                return usage();
            have_seed = true;
        } else if (i + 1 < argc && !strcmp(a, "--count")) {
            if (parse_u64(argv[++i], &count) || count > 99999999)
                return usage();
            have_count = true;
        } else if (i + 1 < argc && !strcmp(a, "--out")) {
            dir = argv[++i];
        } else if (i + 1 < argc && !strcmp(a, "--csv")) {
            csv = argv[++i];
        } else {
            return usage();
        }
    }
    if (!have_seed || !have_count)
        return usage();
    if (!csv)
        yaml = true;
    if (yaml && !dir) {
        fputs("jixiao-gen: --out DIR is needed for the YAML files\n", stderr);
        return usage();
    }
    if (yaml && mkdir(dir, 0755) < 0 && errno != EEXIST) {
        fprintf(stderr, "jixiao-gen: cannot create '%s': %s\n", dir, strerror(errno));
        return 1;
    }
    if (csv && !(out = fopen(csv, "w"))) {
        fprintf(stderr, "jixiao-gen: cannot write '%s': %s\n", csv, strerror(errno));
        return 1;
    }
    if (out)
        fputs("eval_id,l1,leaf_id,weight,method,target,actual,score\n", out);

    for (uint64_t i = 1; i <= count; i++) {
        gen_eval(ev, seed, (size_t)i);
        if (out) {
            csv_eval(&sb, ev);
            if (sb.len >= 1 << 20 || i == count) {
                if (fwrite(sb.buf, 1, sb.len, out) != sb.len)
                    goto write_error;
                strbuf_reset(&sb);
            }
        }
        if (yaml) {
            struct strbuf y = STRBUF_INIT;

            yaml_eval(&y, ev, seed, (size_t)i);
            strbuf_reset(&path);
            strbuf_addf(&path, "%s/%s.yaml", dir, ev->id);
            if (write_file(path.buf, y.buf, y.len) < 0) {
                fprintf(stderr, "jixiao-gen: cannot write '%s': %s\n", path.buf, strerror(errno));
                strbuf_release(&y);
                ret = 1;
                goto out;
            }
            strbuf_release(&y);
        }
    }
    if (out && fclose(out)) {
        out = NULL;
        goto write_error;
    }
    out = NULL;
    goto out;
write_error:
    fprintf(stderr, "jixiao-gen: cannot write '%s': %s\n", csv, strerror(errno));
    ret = 1;
out:
    if (out)
        fclose(out);
    strbuf_release(&sb);
    strbuf_release(&path);
    free(ev);
    return ret;
}
