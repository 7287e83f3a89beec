/*
 * `jixiao score` for people: the 评价情况总表 as in the seed report (一级指标, 分值, 评价得分,
 * 得分率), the total and the grade, and with --detail the whole tree with the reason for
 * every leaf's score. Only formats what score_eval() computed; computes nothing itself
 * beyond rates of already rounded numbers.
 */
#include "core/decimal.h"
#include "core/method.h"
#include "core/money.h"
#include "core/score.h"
#include "render/score_text.h"
#include "render/table.h"

void render_points(struct strbuf *out, int64_t centi)
{
    dec_format(out, centi, 2, 2);
}

void render_rate(struct strbuf *out, int64_t rate)
{
    dec_format(out, rate, 2, 2);
    strbuf_addch(out, '%');
}

static void heading(const struct jx_eval *ev, struct strbuf *out)
{
    strbuf_addf(out, "%s", ev->file ? ev->file : "-");
    strbuf_addstr(out, ": ");
    if (ev->unit)
        strbuf_addf(out, "%s ", ev->unit);
    strbuf_addf(out, "%s（%d年度，%s）\n", ev->project.name ? ev->project.name : "(未命名项目)",
                ev->year, eval_kind_name(ev->kind));
}

static void add_score_row(struct text_table *t, const char *name, int64_t weight, int64_t score)
{
    struct strbuf w = STRBUF_INIT, s = STRBUF_INIT, r = STRBUF_INIT;
    const char *cells[4];

    render_points(&w, weight);
    render_points(&s, score);
    if (weight)
        render_rate(&r, dec_rate(score, weight));
    else
        strbuf_addstr(&r, "-");
    cells[0] = name;
    cells[1] = w.buf;
    cells[2] = s.buf;
    cells[3] = r.buf;
    table_add_row(t, cells);
    strbuf_release(&w);
    strbuf_release(&s);
    strbuf_release(&r);
}

static void rules_notes(const struct jx_eval *ev, struct strbuf *out)
{
    if (ev->raw_total != ev->total) {
        strbuf_addstr(out, "注：一级指标合计 ");
        render_points(out, ev->raw_total);
        strbuf_addstr(out, "，按评分规则调整为 ");
        render_points(out, ev->total);
        if (ev->rules.execution_cap && ev->budget.has_planned && ev->budget.planned) {
            strbuf_addstr(out, "（执行率封顶，预算执行率 ");
            render_rate(out, score_execution_rate(ev, JX_EXEC_PLANNED));
            strbuf_addstr(out, "）");
        }
        strbuf_addch(out, '\n');
    }
    if (ev->rules.veto)
        strbuf_addf(out, "注：一票否决（%s），等级定为差\n",
                    ev->rules.veto_reason ? ev->rules.veto_reason : "未说明原因");
}

void render_score_summary(const struct jx_eval *ev, struct strbuf *out)
{
    struct text_table t;
    const char *head[] = {"一级指标", "分值", "评价得分", "得分率"};

    heading(ev, out);
    table_init(&t, "lrrr");
    table_add_row(&t, head);
    table_add_rule(&t);
    for (size_t i = 0; i < ev->root.nr_children; i++) {
        const struct jx_indicator *l1 = &ev->root.children[i];

        add_score_row(&t, l1->name, l1->weight, l1->score);
    }
    table_add_rule(&t);
    add_score_row(&t, "评价总得分", ev->root.weight, ev->total);
    table_render(&t, out);
    table_release(&t);
    rules_notes(ev, out);
    strbuf_addf(out, "评价结果等级：%s\n", ev->grade ? ev->grade : "-");
}

static void detail_rows(const struct jx_eval *ev, const struct jx_indicator *ind,
                        struct text_table *t, unsigned depth)
{
    for (size_t i = 0; i < ind->nr_children; i++) {
        const struct jx_indicator *c = &ind->children[i];
        struct strbuf name = STRBUF_INIT, w = STRBUF_INIT, s = STRBUF_INIT, r = STRBUF_INIT;
        const char *cells[5];

        strbuf_addchars(&name, ' ', 2 * (depth - 1));
        strbuf_addstr(&name, c->name);
        render_points(&w, c->weight);
        render_points(&s, c->score);
        if (c->weight)
            render_rate(&r, score_rate(c));
        cells[0] = name.buf;
        cells[1] = indicator_is_leaf(c) ? method_name(c->method) : "";
        cells[2] = w.buf;
        cells[3] = s.buf;
        cells[4] = r.buf;
        table_add_row(t, cells);
        if (indicator_is_leaf(c)) {
            struct strbuf why = STRBUF_INIT;

            strbuf_addchars(&why, ' ', 2 * depth + 2);
            strbuf_addstr(&why, "↳ ");
            score_explain(ev, c, &why);
            table_add_note(t, why.buf);
            strbuf_release(&why);
        } else {
            detail_rows(ev, c, t, depth + 1);
        }
        strbuf_release(&name);
        strbuf_release(&w);
        strbuf_release(&s);
        strbuf_release(&r);
    }
}

void render_score_detail(const struct jx_eval *ev, struct strbuf *out)
{
    struct text_table t;
    const char *head[] = {"指标", "方法", "分值", "得分", "得分率"};

    heading(ev, out);
    if (ev->budget.has_planned) {
        strbuf_addstr(out, "预算数 ");
        money_format_unit(out, ev->budget.planned, MONEY_WAN, 0);
        if (ev->budget.has_received) {
            strbuf_addstr(out, "，到位数 ");
            money_format_unit(out, ev->budget.received, MONEY_WAN, 0);
        }
        if (ev->budget.has_spent) {
            strbuf_addstr(out, "，执行数 ");
            money_format_unit(out, ev->budget.spent, MONEY_WAN, 0);
            if (ev->budget.planned) {
                strbuf_addstr(out, "，执行率 ");
                render_rate(out, score_execution_rate(ev, JX_EXEC_PLANNED));
            }
        }
        strbuf_addch(out, '\n');
    }
    table_init(&t, "llrrr");
    table_add_row(&t, head);
    table_add_rule(&t);
    detail_rows(ev, &ev->root, &t, 1);
    table_add_rule(&t);
    {
        struct strbuf w = STRBUF_INIT, s = STRBUF_INIT, r = STRBUF_INIT;
        const char *cells[5];

        render_points(&w, ev->root.weight);
        render_points(&s, ev->total);
        render_rate(&r, ev->root.weight ? dec_rate(ev->total, ev->root.weight) : 0);
        cells[0] = "评价总得分";
        cells[1] = "";
        cells[2] = w.buf;
        cells[3] = s.buf;
        cells[4] = r.buf;
        table_add_row(&t, cells);
        strbuf_release(&w);
        strbuf_release(&s);
        strbuf_release(&r);
    }
    table_render(&t, out);
    table_release(&t);
    rules_notes(ev, out);
    strbuf_addf(out, "评价结果等级：%s\n", ev->grade ? ev->grade : "-");
}
