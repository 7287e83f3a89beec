/* Lookup in the generated table of embedded data files. */
#include <string.h>

#include "core/embedded.h"
#include "core/xalloc.h"

const struct embedded_file *embedded_find(const char *name)
{
    for (const struct embedded_file *f = embedded_files; f->name; f++)
        if (!strcmp(f->name, name))
            return f;
    return NULL;
}
