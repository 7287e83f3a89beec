/*
 * "Did you mean": the closest of a list of known names to a misspelt one, so that an
 * unknown key or value can be answered with the name the user most likely meant.
 */
#ifndef JX_IO_SUGGEST_H
#define JX_IO_SUGGEST_H

#include <stddef.h>

/*
 * Returns the candidate closest to word[0..len), or NULL when none is close enough.
 * Close means an edit distance of at most 2 (insertions, deletions, substitutions and
 * swaps of adjacent bytes) that is less than half the longer name, or, for words of 3
 * bytes or more, one name containing the other. Ties go to the earlier candidate.
 * cands is an array of nr NUL-terminated names; NULL entries are skipped.
 */
const char *suggest_closest(const char *word, size_t len, const char *const *cands, size_t nr);

/* The edit distance above, capped: returns max + 1 as soon as the distance exceeds max. */
size_t suggest_distance(const char *a, size_t alen, const char *b, size_t blen, size_t max);

#endif
