/*
 * Consistency rules (JX2xx): what the text says against what the figures give (执行率,
 * total, grade, "完成了绩效目标") and goals against the project content.
 */
#include <stdlib.h>
#include <string.h>

#include "core/check_impl.h"
#include "core/decimal.h"
#include "core/xalloc.h"

/*
 * The next term in goal text that names an item, from *p on: an ASCII run holding a Latin
 * letter or a version ("2.0"), named with up to four ideographs before it ("赣服通2.0").
 * The name is the longest run of ideographs before it that ctx also uses ("赣服通" when
 * ctx says 赣服通), else the two before it. Sets *run and *term (caller frees); false at
 * the end of text.
 */
static bool next_goal_term(const char *text, const char **p, const char *ctx, char **run,
                           char **term, bool *letter)
{
    while (**p) {
        const char *start = *p, *end, *head;
        bool version = false;

        *letter = false;
        if (!check_text_ascii_alnum((unsigned char)**p)) {
            (*p)++;
            continue;
        }
        while (check_text_ascii_alnum((unsigned char)**p) ||
               (**p == '.' && check_text_ascii_alnum((unsigned char)(*p)[1]) && *p > start))
            (*p)++;
        end = *p;
        for (const char *q = start; q < end; q++) {
            if ((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z'))
                *letter = true;
            if (*q == '.')
                version = true;
        }
        /* An amount, a rate or a date ("345.3万元", "2.5%", "2022.12月") is not an item. */
        if (!strncmp(end, "万", 3) || !strncmp(end, "元", 3) || !strncmp(end, "亿", 3) ||
            !strncmp(end, "年", 3) || !strncmp(end, "月", 3) || !strncmp(end, "日", 3) ||
            *end == '%')
            continue;
        if (!*letter && !version)
            continue;
        {
            const char *c = start, *best = NULL, *two = start;

            for (int k = 0; k < 4 && c > text && check_text_cjk_at(check_text_prev_char(text, c));
                 k++) {
                char *prefix;

                c = check_text_prev_char(text, c);
                if (k < 2)
                    two = c;
                prefix = xmemdupz(c, (size_t)(start - c));
                if (check_text_contains(ctx, prefix))
                    best = c;
                free(prefix);
            }
            head = best ? best : two;
        }
        *run = xmemdupz(start, (size_t)(end - start));
        *term = xmemdupz(head, (size_t)(end - head));
        return true;
    }
    return false;
}

/* Reported when neither the run nor the term occurs in the project content. */
static void goal_terms(const struct jx_eval *ev, const struct check_rule *rule,
                       struct check_findings *out, const char *text, struct jx_pos pos,
                       const char *where)
{
    const char *content = ev->project.content;
    const char *p = text;
    char *run, *term;
    bool letter;

    while (next_goal_term(text, &p, content, &run, &term, &letter)) {
        if (!check_text_contains(content, run) && !check_text_contains(content, term))
            check_report(out, rule, pos,
                         "%s mentions '%s', which the project content does not: add it to "
                         "'project.content' or correct the goal",
                         where, term);
        free(run);
        free(term);
    }
}

void check_consistency_goal_not_in_content(const struct jx_eval *ev, const struct check_rule *rule,
                                           struct check_findings *out)
{
    if (!check_text_has(ev->project.content))
        return;
    if (check_text_has(ev->project.overall_goal))
        goal_terms(ev, rule, out, ev->project.overall_goal,
                   check_text_pos(ev, ev->project.overall_goal), "the overall goal");
    for (size_t i = 0; i < ev->project.nr_phases; i++) {
        const struct jx_phase *ph = &ev->project.phases[i];
        struct strbuf where = STRBUF_INIT;

        if (!check_text_has(ph->goal))
            continue;
        strbuf_addf(&where, "the goal of '%s'", ph->period ? ph->period : "");
        goal_terms(ev, rule, out, ph->goal, check_at(ph->pos, check_doc_pos(ev)), where.buf);
        strbuf_release(&where);
    }
}

/*
 * A 执行率 about the budget: preceded by 预算 or 资金, or starting a clause. "带量食谱执行率"
 * is the execution of something else.
 */
static bool budget_rate_at(const char *text, const char *p)
{
    if (p == text)
        return true;
    if (p - text >= 6 && (!strncmp(p - 6, "预算", 6) || !strncmp(p - 6, "资金", 6)))
        return true;
    return !check_text_cjk_at(check_text_prev_char(text, p));
}

static void execution_claim(const struct jx_eval *ev, const struct check_rule *rule,
                            struct check_findings *out, const char *text, const char *where)
{
    int64_t on_planned, on_received = -1;
    const char *p = text;

    if (!ev->budget.has_planned || !ev->budget.has_spent || ev->budget.planned <= 0)
        return;
    on_planned = dec_rate(ev->budget.spent, ev->budget.planned);
    if (ev->budget.has_received && ev->budget.received > 0)
        on_received = dec_rate(ev->budget.spent, ev->budget.received);
    while (p && (p = strstr(p, "执行率"))) {
        const char *next;
        int64_t v = budget_rate_at(text, p) ? check_text_number_after(p, "执行率", &next) : -1;

        if (v >= 0 && (*next == '%' || !strncmp(next, "％", 3)) && v != on_planned &&
            v != on_received) {
            struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

            dec_format_trim(&a, v, 2);
            dec_format_trim(&b, on_planned, 2);
            check_report(out, rule, check_text_pos(ev, text),
                         "%s claims 执行率 '%s%%' but the budget gives %s%% (执行数 / 预算数): "
                         "correct the text or the budget figures",
                         where, a.buf, b.buf);
            strbuf_release(&a);
            strbuf_release(&b);
        }
        p += strlen("执行率");
    }
}

void check_consistency_execution_rate_claim(const struct jx_eval *ev, const struct check_rule *rule,
                                            struct check_findings *out)
{
    execution_claim(ev, rule, out, ev->summary, "'summary'");
    execution_claim(ev, rule, out, ev->conclusion, "'conclusion'");
    for (size_t i = 0; i < ev->root.nr_children; i++)
        execution_claim(ev, rule, out, ev->root.children[i].analysis, "the analysis");
}

static const char *const done_words[] = {"完成了绩效目标", "完成了项目绩效目标", "整体完成",
                                         "全面完成",       "全部完成",           NULL};

void check_consistency_completion_claim(const struct jx_eval *ev, const struct check_rule *rule,
                                        struct check_findings *out)
{
    const struct jx_indicator *lost = check_first_short(ev);
    const char *texts[] = {ev->conclusion, ev->summary};
    const char *names[] = {"conclusion", "summary"};

    if (!lost)
        return;
    for (size_t i = 0; i < 2; i++) {
        if (!check_text_find_affirmed(texts[i], done_words))
            continue;
        check_report(out, rule, check_text_pos(ev, texts[i]),
                     "'%s' claims the goals were completed but '%s' lost points: say which goals "
                     "were not met",
                     names[i], lost->name);
        return;
    }
}

/* "绩效评价得分", "综合得分", "评定得分", "自评得分", "总得分": the total, not an indicator's
 * score. */
static bool total_score_at(const char *text, const char *p)
{
    if (p - text >= 6 && (!strncmp(p - 6, "评价", 6) || !strncmp(p - 6, "综合", 6) ||
                          !strncmp(p - 6, "自评", 6) || !strncmp(p - 6, "评定", 6)))
        return true;
    return p - text >= 3 && !strncmp(p - 3, "总", 3);
}

void check_consistency_stated_total(const struct jx_eval *ev, const struct check_rule *rule,
                                    struct check_findings *out)
{
    const char *texts[] = {ev->summary, ev->conclusion};

    for (size_t i = 0; i < 2; i++) {
        for (const char *p = texts[i] ? strstr(texts[i], "得分") : NULL; p;
             p = strstr(p + 1, "得分")) {
            const char *next;
            int64_t v =
                total_score_at(texts[i], p) ? check_text_number_after(p, "得分", &next) : -1;

            if (v >= 0 && !strncmp(next, "分", 3) && v != ev->total) {
                struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

                dec_format_trim(&a, v, 2);
                dec_format(&b, ev->total, 2, 2);
                check_report(
                    out, rule, check_text_pos(ev, texts[i]),
                    "the text states a total of '%s分' but the indicators give %s: correct "
                    "the text or the scores",
                    a.buf, b.buf);
                strbuf_release(&a);
                strbuf_release(&b);
            }
        }
    }
}

void check_consistency_stated_grade(const struct jx_eval *ev, const struct check_rule *rule,
                                    struct check_findings *out)
{
    const char *texts[] = {ev->summary, ev->conclusion};
    static const char *const opens[] = {"等级为“", "等级为\"", "等级为", NULL};

    if (!ev->grade)
        return;
    for (size_t i = 0; i < 2; i++) {
        for (const char *const *o = opens; *o; o++) {
            const char *p = texts[i] ? strstr(texts[i], *o) : NULL;
            const char *g;
            size_t n = 0;

            if (!p)
                continue;
            g = p + strlen(*o);
            /* The grade is one ideograph (优 良 中 差) or 证据不足. */
            while (g[n] && (unsigned char)g[n] >= 0xE4 && n < 12 && strncmp(g + n, "”", 3) &&
                   strncmp(g + n, "。", 3) && strncmp(g + n, "，", 3))
                n += 3;
            /* "优秀" states 优, "良好" 良. */
            if (n && (strlen(ev->grade) > n || strncmp(g, ev->grade, strlen(ev->grade)))) {
                char *said = xmemdupz(g, n);

                check_report(
                    out, rule, check_text_pos(ev, texts[i]),
                    "the text states grade '%s' but the total gives '%s': correct the text", said,
                    ev->grade);
                free(said);
            }
            break;
        }
    }
}

/* The first leaf below l1 scored short of its weight, or NULL. */
static const struct jx_indicator *short_leaf_below(const struct jx_indicator *l1)
{
    struct check_leaves l = {NULL, 0, 0};
    const struct jx_indicator *r = NULL;

    check_collect(l1, &l);
    for (size_t i = 0; i < l.nr && !r; i++)
        if (l.v[i]->scored && l.v[i]->score < l.v[i]->weight)
            r = l.v[i];
    free(l.v);
    return r;
}

void check_consistency_analysis_completion_claim(const struct jx_eval *ev,
                                                 const struct check_rule *rule,
                                                 struct check_findings *out)
{
    for (size_t i = 0; i < ev->root.nr_children; i++) {
        const struct jx_indicator *l1 = &ev->root.children[i];
        const struct jx_indicator *lost;

        if (!check_text_find_affirmed(l1->analysis, done_words))
            continue;
        lost = short_leaf_below(l1);
        if (lost)
            check_report(out, rule, check_text_pos(ev, l1->analysis),
                         "the analysis of '%s' claims its goals were completed but '%s' lost "
                         "points: say what fell short and why",
                         l1->name, lost->name);
    }
}

/* Adds 'term' to the list unless it is there already. */
static void add_term(struct strbuf *list, const char *term)
{
    struct strbuf q = STRBUF_INIT;

    strbuf_addf(&q, "'%s'", term);
    if (!strstr(list->buf, q.buf)) {
        if (list->len)
            strbuf_addstr(list, ", ");
        strbuf_addstr(list, q.buf);
    }
    strbuf_release(&q);
}

/*
 * Whether the report mentions one of the phase goal's distinctive terms (those of JX201,
 * named as the project content names them, and quoted names in “…”); every term goes to
 * list. A version-only term ("2.0") counts
 * only with its name, since a bare number can occur anywhere.
 */
static bool phase_mentioned(const char *goal, const char *content, const char *report,
                            struct strbuf *list)
{
    const char *p = goal;
    char *run, *term;
    bool letter, found = false;

    while (next_goal_term(goal, &p, content, &run, &term, &letter)) {
        if (check_text_contains(report, term) || (letter && check_text_contains(report, run)))
            found = true;
        add_term(list, term);
        free(run);
        free(term);
    }
    for (p = strstr(goal, "“"); p; p = strstr(p, "“")) {
        const char *open = p + strlen("“"), *close = strstr(open, "”");

        if (!close)
            break;
        /* A name, not a quoted sentence: one to twelve characters. */
        if (close > open && close - open <= 36) {
            char *name = xmemdupz(open, (size_t)(close - open));

            if (check_text_contains(report, name))
                found = true;
            add_term(list, name);
            free(name);
        }
        p = close + strlen("”");
    }
    return found;
}

void check_consistency_phase_not_reported(const struct jx_eval *ev, const struct check_rule *rule,
                                          struct check_findings *out)
{
    struct strbuf report = STRBUF_INIT;
    const char *texts[] = {ev->summary, ev->conclusion, ev->experience};

    for (size_t i = 0; i < ARRAY_SIZE(texts); i++)
        if (texts[i]) {
            strbuf_addstr(&report, texts[i]);
            strbuf_addch(&report, '\n');
        }
    for (size_t i = 0; i < ev->root.nr_children; i++)
        if (ev->root.children[i].analysis) {
            strbuf_addstr(&report, ev->root.children[i].analysis);
            strbuf_addch(&report, '\n');
        }
    for (size_t i = 0; i < ev->project.nr_phases; i++) {
        const struct jx_phase *ph = &ev->project.phases[i];
        struct strbuf list = STRBUF_INIT;

        if (check_text_has(ph->goal) &&
            !phase_mentioned(ph->goal, ev->project.content, report.buf, &list) && list.len)
            check_report(out, rule, check_at(ph->pos, check_doc_pos(ev)),
                         "the goal of '%s' names %s but no analysis, summary, conclusion or "
                         "experience reports on it: say how far this phase got",
                         ph->period ? ph->period : "", list.buf);
        strbuf_release(&list);
    }
    strbuf_release(&report);
}
