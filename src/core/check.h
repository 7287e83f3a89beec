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

struct check_rule {
    const char *id;
    enum jx_severity severity;
    enum check_family family;
    const char *name;    /* short name: "full-marks-everywhere" */
    const char *summary; /* one line, for SARIF shortDescription */
    void (*fn)(const struct jx_eval *ev, const struct check_rule *rule, struct check_findings *out);
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
void check_findings_release(struct check_findings *f);

#endif
