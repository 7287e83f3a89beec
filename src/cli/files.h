/*
 * Files for the CLI: reading an input with a size cap and clear errors, expanding
 * directories into the evaluation files they hold, and writing an output atomically
 * (temporary file in the same directory, fsync, rename) so that nothing is half-written.
 */
#ifndef JX_CLI_FILES_H
#define JX_CLI_FILES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/strbuf.h"

struct file_list {
    char **names;
    size_t nr, alloc;
};

void file_list_release(struct file_list *l);

/*
 * Adds path to l; a directory adds every *.yaml, *.yml and *.json below it, in sorted
 * order (recursively; hidden entries skipped). `extra_ext` (e.g. ".csv") is also taken
 * from directories when not NULL. Returns 0, or -1 with a message in why.
 */
int files_expand(const char *path, const char *extra_ext, struct file_list *l, struct strbuf *why);

/*
 * Reads path (a regular file, at most max bytes; "-" is standard input) into buf,
 * replacing its contents.
 * Returns 0, or -1 with a message ("cannot read 'x': Permission denied", "'x' is a
 * directory", "'x' is 9.2 MiB, over the 8 MiB limit") in why.
 */
int files_read(const char *path, size_t max, struct strbuf *buf, struct strbuf *why);

/*
 * Writes data to path via a temporary file and rename(). Returns 0; -1 when path exists
 * and overwrite is false; -2 when writing failed (disk full, permissions): why says which.
 */
int files_write_atomic(const char *path, const char *data, size_t len, bool overwrite,
                       struct strbuf *why);

bool files_has_ext(const char *path, const char *ext);

#endif
