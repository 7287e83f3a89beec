/*
 * Data files compiled into the binary (templates, sentence tables). The table is
 * generated at build time by cmake/embed.cmake from the files under templates/.
 */
#ifndef JX_EMBEDDED_H
#define JX_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
    const char *name; /* path below templates/: "部门评价.yaml", "layouts/x.yaml" */
    const char *data; /* NUL-terminated */
    size_t len;
};

/* Terminated by an entry whose name is NULL. */
extern const struct embedded_file embedded_files[];

/* The file called name, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
