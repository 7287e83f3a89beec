/*
 * Grade bands (评价等级). A band is a grade name and an inclusive lower bound on the
 * total; the grade of a total is the band with the highest lower bound not above it.
 * Scores are exact hundredths, so 89.99 is 良 and 90.00 is 优 with no rounding question.
 */
#include <stdlib.h>
#include <string.h>

#include "core/grade.h"
#include "core/xalloc.h"

/* 财预〔2020〕10号: 90（含）-100 优, 80（含）-90 良, 60（含）-80 中, 60 以下 差. */
const struct jx_grade_band grade_default_bands[] = {
    {"优", 9000},
    {"良", 8000},
    {"中", 6000},
    {"差", 0},
};
const size_t grade_default_nr_bands = ARRAY_SIZE(grade_default_bands);

const char *grade_of(const struct jx_grade_band *bands, size_t nr, int64_t total)
{
    const struct jx_grade_band *best = NULL, *lowest = NULL;

    if (!nr) {
        bands = grade_default_bands;
        nr = grade_default_nr_bands;
    }
    /*
     * Bands should come sorted highest first, but a scan that does not rely on the order
     * costs nothing at four bands and cannot pick the wrong one from a template that
     * lists them lowest first.
     */
    for (size_t i = 0; i < nr; i++) {
        const struct jx_grade_band *b = &bands[i];

        if (!lowest || b->min < lowest->min)
            lowest = b;
        if (b->min <= total && (!best || b->min > best->min))
            best = b;
    }
    /* A total below every band (a negative total, or bands that do not start at 0). */
    return best ? best->grade : lowest->grade;
}

void grade_tally_add(struct grade_tally *t, const char *grade)
{
    if (!grade)
        return;
    for (size_t i = 0; i < t->nr; i++)
        if (!strcmp(t->names[i], grade)) {
            t->counts[i]++;
            return;
        }
    if (t->nr < ARRAY_SIZE(t->names)) {
        t->names[t->nr] = xstrdup(grade);
        t->counts[t->nr++] = 1;
    }
}

void grade_tally_release(struct grade_tally *t)
{
    for (size_t i = 0; i < t->nr; i++)
        free(t->names[i]);
    memset(t, 0, sizeof(*t));
}
