/*
 * Reading survey answers the way survey tools export them: a CSV with a header row, one
 * column per question and one row per respondent, in UTF-8 (optional BOM) or GB18030.
 */
#ifndef JX_IO_SURVEY_CSV_H
#define JX_IO_SURVEY_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/survey_stats.h"

struct survey_data {
    char **questions; /* header names of the counted columns, owned */
    size_t nr_questions;
    struct survey_tally *tallies; /* one per question, answers of valid rows only */
    int64_t valid, bad;           /* respondent rows */
};

void survey_data_release(struct survey_data *s);

/*
 * Parses the answers CSV in buf (name is used in messages). Answers are 非常满意 … 非常不满意,
 * 1–5 (5 = 非常满意) or A–E (A = 非常满意). `questions` is a comma-separated list of header
 * names to count, or NULL for every column whose header is not id-like (序号, 编号, id, 提交时间
 * …). A bad row (empty, wrong column count, an answer missing or outside the scale) is
 * counted in out->bad and reported as a warning in d with its line; it is never counted.
 * Returns 0, or JX_ESYNTAX / JX_EINVAL with the reason in err (no header, no question
 * columns, an unknown --questions name, bad encoding, unterminated quote).
 */
int survey_csv_parse(const char *name, const char *buf, size_t len, const char *questions,
                     struct survey_data *out, struct jx_diags *d, struct jx_err *err) JX_MUST_CHECK;

#endif
