/*
 * Arithmetic rules (JX1xx): amounts the text states against the budget block. An amount
 * is checked only when it follows a budget word directly ("资金345.3万元到位") and carries
 * a unit, so a count ("4个") or a rate ("执行率100%") is never taken for money, and only
 * outside a clause about a part of the budget.
 */
#include <stdlib.h>
#include <string.h>

#include "core/check_impl.h"
#include "core/money.h"
#include "core/xalloc.h"

static const char *const budget_words[] = {"预算", "到位", "执行", "支出", "资金", "投入", NULL};

/* Words between a budget word and its amount: "资金为", "支出共计", "预算数为", "投入：". */
static const char *const fillers[] = {"为",   "共", "计", "达", "数", "总额",
                                      "金额", "：", ":",  " ",  NULL};

/* A clause about a part of the budget ("县级配套资金到位300万元", "其中支出50万元") states
 * a part, which need not be one of the totals. */
static const char *const part_words[] = {"其中", "配套", "中央", "省级", "市级", "县级",
                                         "部分", "结余", "剩余", "缺口", NULL};

static bool part_clause(const char *text, const char *p)
{
    char *clause = check_text_clause_at(text, p);
    bool part = check_text_contains_any(clause, part_words);

    free(clause);
    return part;
}

static const char *skip_fillers(const char *p)
{
    for (int n = 0; n < 3; n++) {
        const char *const *f = fillers;

        while (*f && strncmp(p, *f, strlen(*f)))
            f++;
        if (!*f)
            break;
        p += strlen(*f);
    }
    return p;
}

/* The end of an amount with a unit at p ("3,453,000元", "345.3 万元"), or NULL. */
static const char *amount_end(const char *p)
{
    const char *q = p;

    if (!(*q >= '0' && *q <= '9'))
        return NULL;
    while ((*q >= '0' && *q <= '9') ||
           ((*q == ',' || *q == '.') && q[1] >= '0' && q[1] <= '9' && q > p))
        q++;
    while (*q == ' ')
        q++;
    if (!strncmp(q, "万元", 6) || !strncmp(q, "亿元", 6))
        return q + 6;
    if (!strncmp(q, "元", 3))
        return q + 3;
    return NULL;
}

static void budget_figures(struct strbuf *sb, const struct jx_eval *ev)
{
    const struct {
        bool has;
        int64_t v;
        const char *name;
    } f[] = {
        {ev->budget.has_initial, ev->budget.initial, "年初预算数"},
        {ev->budget.has_planned, ev->budget.planned, "预算数"},
        {ev->budget.has_received, ev->budget.received, "到位数"},
        {ev->budget.has_spent, ev->budget.spent, "执行数"},
    };

    for (size_t i = 0; i < ARRAY_SIZE(f); i++) {
        if (!f[i].has)
            continue;
        if (sb->len)
            strbuf_addstr(sb, ", ");
        strbuf_addf(sb, "%s ", f[i].name);
        money_format_unit(sb, f[i].v, MONEY_WAN, 0);
    }
}

static bool is_budget_figure(const struct jx_eval *ev, int64_t fen)
{
    return (ev->budget.has_initial && fen == ev->budget.initial) ||
           (ev->budget.has_planned && fen == ev->budget.planned) ||
           (ev->budget.has_received && fen == ev->budget.received) ||
           (ev->budget.has_spent && fen == ev->budget.spent);
}

static void stated_amounts(const struct jx_eval *ev, const struct check_rule *rule,
                           struct check_findings *out, const char *text, const char *where)
{
    if (!check_text_has(text))
        return;
    for (const char *p = text; *p; p++) {
        const char *const *w = budget_words;
        const char *start, *end;
        int64_t fen;

        while (*w && strncmp(p, *w, strlen(*w)))
            w++;
        if (!*w)
            continue;
        start = skip_fillers(p + strlen(*w));
        end = amount_end(start);
        if (!end || money_parse(start, (size_t)(end - start), MONEY_YUAN, &fen, NULL) ||
            is_budget_figure(ev, fen) || part_clause(text, p))
            continue;
        {
            struct strbuf figs = STRBUF_INIT;
            char *amount = xmemdupz(start, (size_t)(end - start));

            budget_figures(&figs, ev);
            check_report(out, rule, check_text_pos(ev, text),
                         "%s states '%s' after '%s' but the budget gives %s: correct the text or "
                         "the budget figures",
                         where, amount, *w, figs.buf);
            free(amount);
            strbuf_release(&figs);
        }
        p = end - 1;
    }
}

void check_arithmetic_stated_amount(const struct jx_eval *ev, const struct check_rule *rule,
                                    struct check_findings *out)
{
    if (!ev->budget.has_initial && !ev->budget.has_planned && !ev->budget.has_received &&
        !ev->budget.has_spent)
        return;
    stated_amounts(ev, rule, out, ev->summary, "'summary'");
    stated_amounts(ev, rule, out, ev->conclusion, "'conclusion'");
    for (size_t i = 0; i < ev->root.nr_children; i++) {
        const struct jx_indicator *l1 = &ev->root.children[i];
        struct strbuf where = STRBUF_INIT;

        strbuf_addf(&where, "the analysis of '%s'", l1->name);
        stated_amounts(ev, rule, out, l1->analysis, where.buf);
        strbuf_release(&where);
    }
}
