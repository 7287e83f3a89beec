/* Layout part names and the evaluation text fields a layout may name. */
#include <string.h>

#include "core/eval.h"
#include "core/report_layout.h"

static const char *const part_names[LAYOUT_PART_COUNT_] = {
    [LAYOUT_HEADING] = NULL,
    [LAYOUT_TEXT] = "text",
    [LAYOUT_PROJECT] = "project",
    [LAYOUT_GOALS] = "goals",
    [LAYOUT_BUDGET] = "budget",
    [LAYOUT_PROCESS] = "process",
    [LAYOUT_SCORE_SUMMARY] = "score_summary",
    [LAYOUT_GRADE_BANDS] = "grade_bands",
    [LAYOUT_CHART_RATES] = "chart_rates",
    [LAYOUT_CHART_BUDGET] = "chart_budget",
    [LAYOUT_ANALYSIS] = "analysis",
    [LAYOUT_SIGNATURE] = "signature",
    [LAYOUT_PAGE_BREAK] = "page_break",
    [LAYOUT_SCORE_TABLE] = "score_table",
    [LAYOUT_GOAL_TABLE] = "goal_table",
    [LAYOUT_L1_TABLES] = "l1_tables",
    [LAYOUT_RULE_TABLE] = "rule_table",
    [LAYOUT_PROBLEM_LIST] = "problem_list",
    [LAYOUT_SURVEYS] = "surveys",
    [LAYOUT_SELF_FORM] = "self_form",
};

const char *layout_part_name(enum layout_part part)
{
    return (unsigned)part < LAYOUT_PART_COUNT_ ? part_names[part] : NULL;
}

int layout_part_from_name(const char *name, enum layout_part *part)
{
    for (int i = 0; i < LAYOUT_PART_COUNT_; i++)
        if (part_names[i] && !strcmp(part_names[i], name)) {
            *part = (enum layout_part)i;
            return 0;
        }
    return -1;
}

void report_layout_init(struct report_layout *l, const char *file)
{
    memset(l, 0, sizeof(*l));
    l->arena = (struct jx_arena)JX_ARENA_INIT;
    l->file = file;
}

void report_layout_release(struct report_layout *l)
{
    arena_release(&l->arena);
    memset(l, 0, sizeof(*l));
}

const char *const report_field_names[] = {
    "content",    "background", "implementation", "overall_goal", "purpose", "scope",
    "principles", "methods",    "index_system",   "standards",    "summary", "conclusion",
    "experience", "problems",   "suggestions",    "other",        NULL,
};

bool report_field_known(const char *name)
{
    for (size_t i = 0; report_field_names[i]; i++)
        if (!strcmp(report_field_names[i], name))
            return true;
    return false;
}
