/*
 * `jixiao check --format json|sarif`: the findings of many files as one document. JSON is
 * jixiao's own ("jixiao-check/1"); SARIF is 2.1.0 with the whole rule table in
 * tool.driver.rules so that editors and CI tools can show rule help (docs/rules.md).
 */
#ifndef JX_RENDER_CHECK_JSON_H
#define JX_RENDER_CHECK_JSON_H

#include <stdbool.h>

#include "core/check.h"
#include "core/strbuf.h"

struct check_json;

struct check_json *check_json_new(bool sarif);
/* Adds the findings of one file (those the caller kept after filtering). */
void check_json_add(struct check_json *cj, const char *file, const struct check_findings *f);
/*
 * Adds the findings of an existing report: each is located by section and paragraph
 * (report_extract_locate) instead of line and column; in SARIF as a logical location.
 */
void check_json_add_report(struct check_json *cj, const char *file, const struct check_findings *f,
                           const struct report_extract *rx);
/* Adds a file that could not be checked, with its diagnostics (JSON only; SARIF skips it). */
void check_json_add_failed(struct check_json *cj, const char *file, const struct jx_diags *d);
/* Appends the document (with a final newline) and frees cj. */
void check_json_finish(struct check_json *cj, struct strbuf *out);

#endif
