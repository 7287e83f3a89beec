/*
 * The sentences a report writes from the data when the evaluation gives no text: a
 * table of templates keyed by name, read from templates/sentences/ by
 * io/layout_read.c. A template holds named placeholders ("该项目全年预算资金{planned}，")
 * that report_build fills with values it has already formatted; a placeholder left
 * without a value stays as written ("{planned}"), which the tests look for.
 */
#ifndef JX_REPORT_SENTENCES_H
#define JX_REPORT_SENTENCES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/strbuf.h"

/* A problem category of the 问题清单: an item whose text holds one of the keywords. */
struct report_problem_category {
    const char *name;
    const char **keywords;
    size_t nr_keywords;
};

struct report_sentences {
    struct jx_arena arena;
    const char **keys, **texts;
    size_t nr, alloc;
    struct report_problem_category *categories;
    size_t nr_categories;
    const char *default_category; /* when no keyword matches */
};

void report_sentences_init(struct report_sentences *s);
void report_sentences_release(struct report_sentences *s);
/* Adds (or replaces) a template; both strings are copied. */
void report_sentences_set(struct report_sentences *s, const char *key, const char *text);
/* The template called key, or NULL. */
const char *report_sentences_get(const struct report_sentences *s, const char *key);

/* Keys report_build uses, NULL-terminated: a sentences file must define all of them. */
extern const char *const report_sentence_keys[];
/* Placeholder names report_build may fill, NULL-terminated: a template may use no other. */
extern const char *const report_placeholder_names[];
bool report_placeholder_known(const char *name, size_t len);

struct report_var {
    const char *name;
    const char *value; /* NULL: the placeholder stays as written */
};

/*
 * Appends tmpl with every {name} replaced by its value from vars; "{{" and "}}" stand for
 * literal braces. A name without a value is copied as written.
 */
void report_expand(struct strbuf *out, const char *tmpl, const struct report_var *vars,
                   size_t nr_vars);

/*
 * Calls fn on every placeholder of tmpl (name, length); stops and returns what fn returns
 * when that is not 0. Returns 1 (and calls nothing further) when a '{' is not closed.
 */
int report_placeholders(const char *tmpl, int (*fn)(const char *name, size_t len, void *data),
                        void *data);

#endif
