/*
 * The evaluation: one project's 绩效评价 as read from one file. Every string and array
 * lives in the evaluation's arena and is freed by eval_release(). Positions point into
 * the source file so that validation and scoring can say file:line:col.
 *
 * Units: weights and scores are centi-points (25.00 -> 2500), money is 分, quantities
 * are micro-units (qty.h), percentages in parameters are micro-percent (130% -> 130000000).
 */
#ifndef JX_EVAL_H
#define JX_EVAL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/qty.h"

#define JX_FORMAT_VERSION 1
#define JX_MAX_DEPTH 4

enum jx_kind {
    JX_KIND_UNIT_SELF, /* 单位自评 */
    JX_KIND_DEPT,      /* 部门评价 */
    JX_KIND_FINANCE,   /* 财政评价 */
};

const char *eval_kind_name(enum jx_kind kind);
int eval_kind_from_name(const char *name, enum jx_kind *kind) JX_MUST_CHECK;

enum jx_method {
    JX_METHOD_NONE,      /* not given: inferred from the target's comparison */
    JX_METHOD_RATIO,     /* 正向定量: w if A >= T else w*A/T */
    JX_METHOD_INVERSE,   /* 反向定量: w if A <= T else linear or ratio */
    JX_METHOD_EQUAL,     /* 定值 */
    JX_METHOD_REACH,     /* 达成/未达成 */
    JX_METHOD_TIERS,     /* 定性分档, assessor's score checked against its tier */
    JX_METHOD_DEDUCT,    /* 扣分法 */
    JX_METHOD_EXECUTION, /* 预算执行率 from the budget block */
    JX_METHOD_DEVIATION, /* 偏差度 */
    JX_METHOD_SURVEY,    /* 满意度 from a survey */
    JX_METHOD_MANUAL,    /* expert score with a reason */
    JX_METHOD_COUNT_
};

enum jx_inverse_mode {
    JX_INVERSE_LINEAR, /* w*(1-(A-T)/T), 0 once A >= 2T (provincial systems) */
    JX_INVERSE_RATIO,  /* w*T/A */
};

enum jx_exec_base {
    JX_EXEC_PLANNED,  /* 执行数 / 预算数 (单位自评) */
    JX_EXEC_RECEIVED, /* 执行数 / 到位数 (财预〔2020〕10号 预算执行率) */
};

enum jx_tier {
    JX_TIER_NONE,
    JX_TIER_MET,    /* 达成: [80%, 100%] of w */
    JX_TIER_PARTLY, /* 部分达成: [60%, 80%) of w */
    JX_TIER_MISSED, /* 未达成: [0, 60%) of w */
};

struct jx_deduction {
    int64_t points; /* centi-points taken off */
    const char *reason;
    struct jx_pos pos;
};

struct jx_indicator {
    const char *name;
    unsigned depth; /* 1 = 一级指标; the root is 0 */
    struct jx_pos pos, weight_pos, method_pos, target_pos, actual_pos, score_pos;

    int64_t weight; /* 分值, centi-points */
    bool has_weight;

    struct jx_indicator *children;
    size_t nr_children;

    /* Leaf inputs. */
    enum jx_method method;
    bool method_inferred;    /* method was JX_METHOD_NONE in the file */
    const char *target_text; /* 指标值 as written */
    const char *actual_text; /* 实际完成值 as written */
    struct jx_qty target, actual;
    bool has_target, has_actual;
    enum jx_inverse_mode inverse_mode;
    int64_t tolerance, zero_at; /* deviation: micro-percent, defaults 10% and 50% */
    enum jx_exec_base exec_base;
    enum jx_tier tier;
    int64_t given_score; /* tiers, manual: the assessor's score */
    bool has_given_score;
    bool reached, has_reached; /* reach */
    struct jx_deduction *deductions;
    size_t nr_deductions;
    const char *survey; /* survey id, method survey */

    /* Text. */
    const char *explanation;      /* 指标解释 */
    const char *standard;         /* 评分标准 */
    const char *basis;            /* 评分依据 / evidence */
    const char *deviation_reason; /* 偏差原因分析及改进措施 */
    const char *analysis;         /* 一级指标 analysis paragraph for the report */

    /* Results of score_eval(). */
    int64_t score; /* 得分, centi-points; parents are the exact sum of their children */
    bool scored;
    bool overshoot; /* actual >= rules.overshoot of the target */
};

struct jx_phase {
    const char *period; /* 上半年, 2022年第三季度 ... */
    const char *goal;
    struct jx_pos pos;
};

struct jx_stage {
    const char *name; /* 前期准备 */
    const char *text;
};

struct jx_survey_option {
    const char *label; /* 很满意 */
    int64_t value;     /* centi-points on a 0..100 scale: 很满意 100, 满意 80 ... */
    int64_t count;
};

struct jx_survey {
    const char *id;
    const char *title;
    const char *respondents;         /* 服务对象 */
    const char *sampling;            /* 抽样方法 */
    int64_t issued, returned, valid; /* 发放 / 回收 / 有效, -1 when not given */
    struct jx_survey_option *options;
    size_t nr_options;
    int64_t reported; /* a satisfaction rate given without answers, hundredths of % */
    bool has_reported;
    /* A questionnaire answers CSV (relative to the evaluation file) and the columns to
     * count, NULL / 0 for every question column; the CLI fills options and counts from
     * it before validation. */
    const char *answers;
    struct jx_pos answers_pos;
    const char **questions;
    size_t nr_questions;
    struct jx_pos pos;
    /* Computed by score_eval(): satisfaction in hundredths of a percent, -1 if unknown. */
    int64_t satisfaction;
};

struct jx_grade_band {
    const char *grade; /* 优 */
    int64_t min;       /* inclusive lower bound, centi-points */
};

struct jx_rules {
    int64_t overshoot; /* micro-percent of the target that counts as 超计划较大; 130% */
    int64_t overshoot_penalty; /* 偏差扣分: centi-points off such a leaf; 0 = off */
    bool execution_cap;        /* 执行率封顶 on the total */
    bool veto;                 /* 一票否决: grade forced to 差 */
    const char *veto_reason;
    bool evidence_required; /* 证据不足 when a key indicator lacks its actual value */
};

struct jx_eval {
    struct jx_arena arena;
    const char *file; /* source name used in messages */
    unsigned format_version;

    enum jx_kind kind;
    const char *title;      /* 部门评价报告 */
    const char *unit;       /* 实施单位 */
    const char *department; /* 主管部门 */
    int year;
    const char *date; /* evaluation date, YYYY-MM-DD */

    struct {
        const char *name;
        const char *content;
        const char *background;
        const char *implementation;
        const char **basis; /* 立项依据 */
        size_t nr_basis;
        const char *overall_goal;
        struct jx_phase *phases;
        size_t nr_phases;
    } project;

    struct {
        int64_t initial, planned, received, spent; /* 年初预算数, 预算数, 到位数, 执行数 (分) */
        bool has_initial, has_planned, has_received, has_spent;
        struct jx_pos pos;
    } budget;

    struct {
        const char *purpose;
        const char *scope;
        const char *principles;
        const char *index_system;
        const char *methods;
        const char *standards;
        struct jx_stage *process;
        size_t nr_process;
    } work;

    struct jx_indicator root; /* depth 0, weight = total points (100.00 by default) */

    struct jx_survey *surveys;
    size_t nr_surveys;

    const char *summary;     /* 综合评价情况 */
    const char *conclusion;  /* 评价总体结论 */
    const char *experience;  /* 主要经验及做法 */
    const char *problems;    /* 存在的问题及原因分析 */
    const char *suggestions; /* 有关建议 */
    const char *other;       /* 其他需要说明的问题 */
    struct {
        const char *unit;
        const char *date;
    } signature;

    /* Where the sections of text are in the file, so that findings about them (check)
     * can point there; line 0 when the section is absent. */
    struct {
        struct jx_pos project, overall_goal, work, purpose, methods, summary, conclusion,
            experience, problems, suggestions, other, signature;
    } text_pos;

    struct jx_grade_band *grades; /* sorted by min, highest first */
    size_t nr_grades;
    struct jx_rules rules;

    /* Results of score_eval(). */
    int64_t total;     /* centi-points, after template rules */
    int64_t raw_total; /* exact sum of the 一级指标 */
    const char *grade; /* 优 良 中 差, or 证据不足 */
    bool scored;
};

/* Empty evaluation with the defaults (100 points, the seed's grade bands, rules off). */
void eval_init(struct jx_eval *ev, const char *file);
void eval_release(struct jx_eval *ev);

/*
 * Clears ind and sets the per-indicator defaults of docs/format.md: deviation tolerance
 * 10% and zero_at 50%, inverse linear, execution base planned. Decoders call it on every
 * indicator they allocate, before filling in what the file says. (An indicator left with
 * tolerance and zero_at both 0 is read as having the defaults too.)
 */
void eval_indicator_init(struct jx_indicator *ind);

/* Calls fn on every leaf below root in file order (depth first); root itself is not passed. */
void eval_for_each_leaf(struct jx_indicator *root,
                        void (*fn)(struct jx_indicator *leaf, void *data), void *data);
static inline bool indicator_is_leaf(const struct jx_indicator *ind)
{
    return ind->nr_children == 0;
}
const struct jx_survey *eval_find_survey(const struct jx_eval *ev, const char *id);
/*
 * A survey's satisfaction in hundredths of a percent: Σ count·value / Σ count over its
 * options (rounded half-up to 0.01%), else its reported rate, else -1 (unknown).
 */
int64_t eval_survey_satisfaction(const struct jx_survey *s);

#endif
