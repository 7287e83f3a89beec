/* Grade bands (评价等级): data, defaulting to 优 [90,100], 良 [80,90), 中 [60,80), 差 [0,60). */
#ifndef JX_GRADE_H
#define JX_GRADE_H

#include <stddef.h>
#include <stdint.h>

#include "core/eval.h"

extern const struct jx_grade_band grade_default_bands[];
extern const size_t grade_default_nr_bands;

/* The grade of total (centi-points) under bands sorted highest min first. */
const char *grade_of(const struct jx_grade_band *bands, size_t nr, int64_t total);

/* How many evaluations got each grade, in order of first appearance. Names are copied:
 * a template's own grade names live in its evaluation's arena. At most 8 distinct names
 * are kept (templates have 4 or 5); further ones are not counted. */
struct grade_tally {
    char *names[8];
    size_t counts[8];
    size_t nr;
};

void grade_tally_add(struct grade_tally *t, const char *grade);
void grade_tally_release(struct grade_tally *t);

#endif
