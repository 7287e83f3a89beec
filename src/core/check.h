/*
 * The review engine: a static table of rules (stable ids, docs/rules.md: JX1xx arithmetic, JX2xx
 * consistency, JX3xx target quality, JX4xx evidence, JX5xx completeness),
 * each a pure function over a validated and scored evaluation that appends findings.
 * No I/O: the CLI prints and renders the findings.
 */
#ifndef JX_CHECK_H
#define JX_CHECK_H

#include <stddef.h>

#include "core/err.h"
#include "core/eval.h"
#include "core/report_extract.h"

enum check_family {
    CHECK_ARITHMETIC,
    CHECK_CONSISTENCY,
    CHECK_TARGET,
    CHECK_EVIDENCE,
    CHECK_COMPLETENESS,
};

struct check_finding {
    const char *rule; /* "JX101", static */
    enum jx_severity severity;
    struct jx_pos pos;
    char *msg; /* owned */
};

struct check_findings {
    struct check_finding *v;
    size_t nr, alloc;
};

#define CHECK_FINDINGS_INIT                                                                        \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/* Where a rule runs: evaluation files, existing reports (core/report_extract.h), or both. */
enum check_scope {
    CHECK_ON_EVAL,         /* evaluation files only */
    CHECK_ON_BOTH,         /* also on reports, seen as an evaluation (struct check_doc) */
    CHECK_ON_BOTH_SCORED,  /* also on reports that give scores (评价情况总表 or 自评表) */
    CHECK_ON_BOTH_FORM,    /* also on reports with 自评表 indicator rows (targets, actuals) */
    CHECK_ON_BOTH_OUTLINE, /* also on reports written to the 参考提纲 (numbered sections) */
    CHECK_ON_REPORT,       /* reports only: report_fn */
};

struct check_doc;

struct check_rule {
    const char *id;
    enum jx_severity severity;
    enum check_family family;
    const char *name;    /* short name: "full-marks-everywhere" */
    const char *summary; /* one line, for SARIF shortDescription */
    void (*fn)(const struct jx_eval *ev, const struct check_rule *rule, struct check_findings *out);
    enum check_scope scope;
    /* On reports, when set, runs instead of fn (a reading of the report's prose or form). */
    void (*report_fn)(const struct check_doc *doc, const struct check_rule *rule,
                      struct check_findings *out);
};

/* The rule table in id order; *nr gets its length. */
const struct check_rule *check_rules(size_t *nr);
const struct check_rule *check_rule_find(const char *id);
const char *check_family_name(enum check_family f);

/*
 * Runs every rule on ev (which must be scored) and appends the findings, sorted by
 * position (equal positions keep rule order). Returns the number appended.
 */
size_t check_eval(const struct jx_eval *ev, struct check_findings *out);

/*
 * An existing report (read by report_text_parse() or docx_text()) seen as an evaluation:
 * its sections mapped to the fields of the 参考提纲 by their titles, the 评价情况总表 rows
 * or the 自评表's indicator rows as the indicator tree, the 自评表's funding as the budget.
 * Positions are lines of the report's text; report_extract_locate() turns them into
 * section and paragraph. rx must outlive the doc.
 */
struct check_doc {
    struct jx_eval ev;
    const struct report_extract *rx;
    bool scored;      /* the report gives scores: a 评价情况总表 or 自评表 rows */
    bool form;        /* it has 自评表 indicator rows */
    bool outline;     /* it is a report with numbered sections, not a bare form */
    const char *text; /* every paragraph, one per line, for the rules that read all prose */
};

void check_doc_init(struct check_doc *doc, const struct report_extract *rx, const char *file);
void check_doc_release(struct check_doc *doc);
/* Runs the rules that apply to reports; findings sorted by line. Returns the number appended. */
size_t check_doc_run(const struct check_doc *doc, struct check_findings *out);
void check_findings_release(struct check_findings *f);

#endif
