/*
 * Rules that read what only a report has (check.h, struct check_doc): its prose, where a
 * target or a satisfaction rate is written as a sentence, and the 项目支出绩效自评表, whose
 * rows are checked against their own target, actual, 分值 and the funding arithmetic.
 * Invariant: every comparison is exact on hundredths or 分; where a form writes a rounded
 * figure, the tolerance is half a unit of the last decimal written, no more.
 */
#include <stdlib.h>
#include <string.h>

#include "core/check_impl.h"
#include "core/decimal.h"
#include "core/money.h"
#include "core/qty.h"

static struct jx_pos at(unsigned line)
{
    return (struct jx_pos){line ? line : 1, 1};
}

static void points(struct strbuf *sb, int64_t v)
{
    dec_format_trim(sb, v, 2);
}

/* Half a unit of the last of `places` decimals, in hundredths: 50, 5, then exact. */
static int64_t tolerance(unsigned places)
{
    return places == 0 ? 50 : places == 1 ? 5 : 0;
}

static int64_t absdiff(int64_t a, int64_t b)
{
    return a > b ? a - b : b - a;
}

static const char *const failure_words[] = {"故障率", "差错率", "投诉率", "事故率", "失误率", NULL};
static const char *const survey_words[] = {"问卷", "样本", "受访", "调查",
                                           "回收", "发放", "有效", NULL};
static const char *const count_units[] = {"份", "人", "户", "名", NULL};

/*
 * Whether text gives a sample size: a count of questionnaires or respondents ("有效问卷320
 * 份", "回收问卷1,200份", "受访群众86人"), not only the word: a methods section that says
 * "通过公众问卷及抽样调查" describes a survey, it does not report one.
 */
static bool has_sample_size(const char *text)
{
    for (const char *p = text; p && *p; p++) {
        const char *q = p;
        bool unit = false;

        if (*p < '0' || *p > '9' || (p > text && p[-1] >= '0' && p[-1] <= '9'))
            continue;
        while ((*q >= '0' && *q <= '9') || *q == ',')
            q++;
        for (const char *const *u = count_units; *u && !unit; u++)
            unit = !strncmp(q, *u, strlen(*u));
        if (unit) {
            size_t back = (size_t)(p - text) < 40 ? (size_t)(p - text) : 40;
            char *window = xmemdupz(p - back, back);
            bool near = check_text_contains_any(window, survey_words);

            free(window);
            if (near)
                return true;
        }
    }
    return false;
}

/* A ceiling written in prose after a failure word: "故障率低于20%", "故障率控制在5%以内". */
static void prose_ceilings(const struct check_doc *doc, const struct check_rule *rule,
                           struct check_findings *out)
{
    for (size_t i = 0; i < doc->rx->nr_paras; i++) {
        const struct rx_para *para = &doc->rx->paras[i];

        for (const char *const *w = failure_words; *w; w++) {
            for (const char *p = strstr(para->text, *w); p; p = strstr(p + 1, *w)) {
                const char *q = p + strlen(*w), *pct;
                struct jx_qty qty;

                if (!strncmp(q, "控制在", strlen("控制在")))
                    q += strlen("控制在");
                else if (!strncmp(q, "为", 3) || !strncmp(q, "应", 3))
                    q += 3;
                pct = strchr(q, '%');
                if (!pct || pct - q > 30)
                    continue;
                /* "5%以内" keeps its suffix: the comparison may come after the number */
                {
                    size_t len = (size_t)(pct - q) + 1;

                    if (!strncmp(pct + 1, "以内", strlen("以内")) ||
                        !strncmp(pct + 1, "以下", strlen("以下")))
                        len += strlen("以内");
                    if (qty_parse(q, len, &qty, NULL) || !qty.is_number ||
                        (qty.cmp != JX_CMP_LE && qty.cmp != JX_CMP_LT) ||
                        qty.micro < 10 * (int64_t)1000000)
                        continue;
                    {
                        char *said = xmemdupz(q, len);

                        check_report(out, rule, at(para->line),
                                     "the text sets '%s' as the ceiling of '%s': a failure rate "
                                     "of up to 10%% or more is not a performance target; set it "
                                     "from the historical rate or the industry standard (e.g. "
                                     "≤1%%)",
                                     said, *w);
                        free(said);
                    }
                }
            }
        }
    }
}

CHECK_DOC_RULE_FN(check_report_lax_failure_ceiling)
{
    prose_ceilings(doc, rule, out);
    if (doc->form)
        check_target_lax_failure_ceiling(&doc->ev, rule, out);
}

/* A satisfaction rate stated in a sentence: "满意度达到98%", "赢得了100%的满意度". */
static bool states_satisfaction(const char *text, const char *p)
{
    const char *next;
    const char *b = p;

    if (check_text_number_after(p, "满意度", &next) >= 0 && next && *next == '%')
        return true;
    if (b - text >= 3 && !strncmp(b - 3, "的", 3))
        b -= 3;
    return b > text && b[-1] == '%';
}

CHECK_DOC_RULE_FN(check_report_satisfaction_without_sample)
{
    if (has_sample_size(doc->text))
        return;
    for (size_t i = 0; i < doc->rx->nr_paras; i++) {
        const struct rx_para *para = &doc->rx->paras[i];

        for (const char *p = strstr(para->text, "满意度"); p; p = strstr(p + 1, "满意度"))
            if (states_satisfaction(para->text, p)) {
                char *clause = check_text_clause_at(para->text, p);

                check_report(out, rule, at(para->line),
                             "satisfaction is reported ('%s') without a sample size: say how "
                             "many people were asked, how they were chosen and how many "
                             "answered",
                             clause);
                free(clause);
                break;
            }
    }
    for (size_t i = 0; i < doc->rx->form.nr_rows; i++) {
        const struct rx_form_row *r = &doc->rx->form.rows[i];

        if (strstr(r->name, "满意") && *r->actual && !has_sample_size(r->actual))
            check_report(out, rule, at(r->line),
                         "satisfaction '%s' is reported as '%s' without a sample size or "
                         "method: give the number of valid questionnaires",
                         r->name, r->actual);
    }
}

CHECK_DOC_RULE_FN(check_report_public_judgement_without_survey)
{
    const struct jx_eval *ev = &doc->ev;
    const char *name = check_text_contains(ev->work.methods, "公众评判法")     ? "公众评判法"
                       : check_text_contains(ev->work.methods, "公众评批判法") ? "公众评批判法"
                                                                               : NULL;

    if (name && !has_sample_size(doc->text))
        check_report(out, rule, check_text_pos(ev, ev->work.methods),
                     "the methods name '%s' but the report gives no survey data (no count of "
                     "questionnaires or respondents): report the survey or drop the method",
                     name);
}

CHECK_DOC_RULE_FN(check_report_lost_points_unexplained)
{
    for (size_t i = 0; i < doc->rx->form.nr_rows; i++) {
        const struct rx_form_row *r = &doc->rx->form.rows[i];
        struct strbuf s = STRBUF_INIT, w = STRBUF_INIT;

        if (!r->has_score || !r->has_weight || r->score >= r->weight || *r->reason)
            continue;
        points(&s, r->score);
        points(&w, r->weight);
        check_report(out, rule, at(r->line),
                     "'%s' scores %s of %s but its 偏差原因分析及改进措施 is blank: say why the "
                     "target was missed and what will change",
                     r->name, s.buf, w.buf);
        strbuf_release(&s);
        strbuf_release(&w);
    }
}

static bool funding_known(const struct rx_form *f)
{
    return f->has_planned && f->has_spent && f->planned > 0 && f->spent >= 0;
}

static void amounts(struct strbuf *sb, const struct rx_form *f)
{
    strbuf_addstr(sb, "全年执行数 ");
    money_format_unit(sb, f->spent, MONEY_WAN, 0);
    strbuf_addstr(sb, " / 全年预算数 ");
    money_format_unit(sb, f->planned, MONEY_WAN, 0);
}

CHECK_DOC_RULE_FN(check_report_form_execution_rate)
{
    const struct rx_form *f = &doc->rx->form;
    int64_t rate;

    if (!f->has_rate || !funding_known(f))
        return;
    rate = dec_rate(f->spent, f->planned);
    if (absdiff(rate, f->rate) > tolerance(f->rate_places)) {
        struct strbuf said = STRBUF_INIT, is = STRBUF_INIT, a = STRBUF_INIT;

        points(&said, f->rate);
        dec_format(&is, rate, 2, 2);
        amounts(&a, f);
        check_report(out, rule, at(f->line),
                     "the 自评表 gives 执行率 '%s%%' but %s is %s%%: correct the rate or the "
                     "amounts",
                     said.buf, a.buf, is.buf);
        strbuf_release(&said);
        strbuf_release(&is);
        strbuf_release(&a);
    }
}

CHECK_DOC_RULE_FN(check_report_form_execution_score)
{
    const struct rx_form *f = &doc->rx->form;
    int64_t want, from_rate = -1, tol;

    if (!f->has_weight || !f->has_score || !funding_known(f))
        return;
    /* 执行率 above 100% scores the full 分值, never more */
    want = dec_div_round((jx_i128)f->weight * (f->spent < f->planned ? f->spent : f->planned),
                         f->planned);
    if (f->has_rate)
        from_rate = dec_div_round((jx_i128)f->weight * (f->rate < 10000 ? f->rate : 10000), 10000);
    tol = tolerance(f->score_places);
    if (absdiff(want, f->score) > tol && (from_rate < 0 || absdiff(from_rate, f->score) > tol)) {
        struct strbuf said = STRBUF_INIT, w = STRBUF_INIT, is = STRBUF_INIT, a = STRBUF_INIT;

        points(&said, f->score);
        points(&w, f->weight);
        dec_format(&is, want, 2, 2);
        amounts(&a, f);
        check_report(out, rule, at(f->line),
                     "the 自评表 scores 预算执行率 '%s' but %s of 分值 %s gives %s: score it as "
                     "执行率 × 分值 (%s)",
                     said.buf, a.buf, w.buf, is.buf, "capped at 100%");
        strbuf_release(&said);
        strbuf_release(&w);
        strbuf_release(&is);
        strbuf_release(&a);
    }
}

static void above(const struct check_rule *rule, struct check_findings *out, unsigned line,
                  const char *name, int64_t score, int64_t weight)
{
    struct strbuf s = STRBUF_INIT, w = STRBUF_INIT;

    points(&s, score);
    points(&w, weight);
    check_report(out, rule, at(line),
                 "'%s' scores %s, above its 分值 %s: no indicator can score more than its weight",
                 name, s.buf, w.buf);
    strbuf_release(&s);
    strbuf_release(&w);
}

CHECK_DOC_RULE_FN(check_report_score_above_weight)
{
    const struct rx_form *f = &doc->rx->form;

    if (f->has_weight && f->has_score && f->score > f->weight)
        above(rule, out, f->line, "预算执行率", f->score, f->weight);
    for (size_t i = 0; i < f->nr_rows; i++)
        if (f->rows[i].has_weight && f->rows[i].has_score && f->rows[i].score > f->rows[i].weight)
            above(rule, out, f->rows[i].line, f->rows[i].name, f->rows[i].score, f->rows[i].weight);
    for (size_t i = 0; i < doc->rx->nr_rows; i++) {
        const struct rx_row *r = &doc->rx->rows[i];

        if (r->score > r->weight)
            above(rule, out, r->line, r->name, r->score, r->weight);
    }
}

static void total_mismatch(const struct check_rule *rule, struct check_findings *out, unsigned line,
                           const char *what, int64_t said, int64_t sum)
{
    struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

    points(&a, said);
    points(&b, sum);
    check_report(out, rule, at(line),
                 "the 自评表's 总分 gives %s %s but its rows add up to %s: correct the total or "
                 "the rows",
                 what, a.buf, b.buf);
    strbuf_release(&a);
    strbuf_release(&b);
}

CHECK_DOC_RULE_FN(check_report_form_total)
{
    const struct rx_form *f = &doc->rx->form;
    int64_t weight = f->has_weight ? f->weight : 0, score = f->has_score ? f->score : 0;

    if (!f->total_line || !f->nr_rows)
        return;
    for (size_t i = 0; i < f->nr_rows; i++) {
        weight += f->rows[i].has_weight ? f->rows[i].weight : 0;
        score += f->rows[i].has_score ? f->rows[i].score : 0;
    }
    if (f->has_total_weight && f->total_weight != weight)
        total_mismatch(rule, out, f->total_line, "分值", f->total_weight, weight);
    if (f->has_total_score && f->total_score != score)
        total_mismatch(rule, out, f->total_line, "得分", f->total_score, score);
}

CHECK_DOC_RULE_FN(check_report_summary_rate)
{
    for (size_t i = 0; i < doc->rx->nr_rows; i++) {
        const struct rx_row *r = &doc->rx->rows[i];
        int64_t rate;

        if (r->weight <= 0)
            continue;
        rate = dec_rate(r->score, r->weight);
        if (absdiff(rate, r->rate) > tolerance(r->rate_places)) {
            struct strbuf said = STRBUF_INIT, is = STRBUF_INIT, s = STRBUF_INIT, w = STRBUF_INIT;

            points(&said, r->rate);
            dec_format(&is, rate, 2, 2);
            points(&s, r->score);
            points(&w, r->weight);
            check_report(out, rule, at(r->line),
                         "the 得分率 of '%s' is written '%s%%' but 得分 %s / 分值 %s is %s%%: "
                         "correct the rate or the score",
                         r->name, said.buf, s.buf, w.buf, is.buf);
            strbuf_release(&said);
            strbuf_release(&is);
            strbuf_release(&s);
            strbuf_release(&w);
        }
    }
}

/* Words that make a 实际完成值 a miss whatever its number. */
static const char *const missed_words[] = {"未完成", "未达到", "未达成",   "未实现",
                                           "未按期", "滞后",   "部分完成", NULL};
static const char *const ceiling_names[] = {"故障率", "差错率", "投诉率", "事故率",
                                            "成本",   "费用",   "失误率", NULL};

/* Whether the actual misses the target; *how says by how much when both are numbers. */
static bool misses(const struct rx_form_row *r, struct strbuf *how)
{
    struct jx_qty t, a;
    struct strbuf why = STRBUF_INIT;
    enum jx_cmp cmp;
    bool miss;

    if (check_text_contains_any(r->actual, missed_words)) {
        strbuf_addf(how, "'%s' says the target was not reached", r->actual);
        return true;
    }
    if (qty_parse(r->target, strlen(r->target), &t, NULL) ||
        qty_parse(r->actual, strlen(r->actual), &a, NULL) || !t.is_number || !a.is_number ||
        qty_align_units(&t, &a, &why)) {
        strbuf_release(&why);
        return false;
    }
    strbuf_release(&why);
    cmp = t.cmp;
    if (cmp == JX_CMP_NONE)
        cmp = check_text_contains_any(r->name, ceiling_names) ? JX_CMP_LE : JX_CMP_GE;
    switch (cmp) {
    case JX_CMP_GT:
        miss = a.micro <= t.micro;
        break;
    case JX_CMP_LE:
        miss = a.micro > t.micro;
        break;
    case JX_CMP_LT:
        miss = a.micro >= t.micro;
        break;
    case JX_CMP_EQ:
        miss = a.micro != t.micro;
        break;
    default:
        miss = a.micro < t.micro;
        break;
    }
    if (miss)
        strbuf_addf(how, "'%s' misses '%s'", r->actual, r->target);
    return miss;
}

CHECK_DOC_RULE_FN(check_report_full_score_missed_target)
{
    for (size_t i = 0; i < doc->rx->form.nr_rows; i++) {
        const struct rx_form_row *r = &doc->rx->form.rows[i];
        struct strbuf how = STRBUF_INIT, w = STRBUF_INIT;

        if (r->has_score && r->has_weight && r->score >= r->weight && r->weight > 0 &&
            misses(r, &how)) {
            points(&w, r->weight);
            check_report(out, rule, at(r->line),
                         "'%s' scores the full %s although its 实际完成值 %s: take points off "
                         "in proportion to the shortfall and give the 偏差原因",
                         r->name, w.buf, how.buf);
        }
        strbuf_release(&how);
        strbuf_release(&w);
    }
}

CHECK_DOC_RULE_FN(check_report_score_without_actual)
{
    for (size_t i = 0; i < doc->rx->form.nr_rows; i++) {
        const struct rx_form_row *r = &doc->rx->form.rows[i];

        if (r->has_score && r->score > 0 && !*r->actual)
            check_report(out, rule, at(r->line),
                         "'%s' is scored but its 实际完成值 is blank: write what was achieved, "
                         "or the score has nothing to rest on",
                         r->name);
    }
}
