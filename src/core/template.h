/*
 * Built-in evaluation templates: the YAML files under templates/, compiled in. A
 * template's first line is "# jixiao template: NAME — description".
 */
#ifndef JX_TEMPLATE_H
#define JX_TEMPLATE_H

#include "core/embedded.h"
#include "core/strbuf.h"

struct template_info {
    const char *name;  /* 部门评价 */
    const char *alias; /* department */
    const struct embedded_file *file;
};

/* Fills out with the built-in templates in display order; returns how many. */
size_t template_list(struct template_info *out, size_t max);
/* Finds a template by name or alias ("部门评价", "部门评价.yaml", "department"); NULL if none. */
const struct embedded_file *template_find(const char *name);
/* Appends the description from the template's first line. */
void template_description(const struct embedded_file *f, struct strbuf *out);

#endif
