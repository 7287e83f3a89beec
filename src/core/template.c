/*
 * Built-in templates. The display order and the ASCII aliases are fixed here (people type
 * `jixiao new --template self` on a terminal without an input method); the contents are
 * the data files under templates/.
 */
#include <string.h>

#include "core/template.h"
#include "core/xalloc.h"

static const struct {
    const char *name, *alias;
} known[] = {
    {"部门评价", "department"},
    {"单位自评", "self"},
    {"财政评价", "finance"},
};

size_t template_list(struct template_info *out, size_t max)
{
    size_t n = 0;

    for (size_t i = 0; i < ARRAY_SIZE(known) && n < max; i++) {
        struct strbuf file = STRBUF_INIT;
        const struct embedded_file *f;

        strbuf_addf(&file, "%s.yaml", known[i].name);
        f = embedded_find(file.buf);
        strbuf_release(&file);
        if (!f)
            continue;
        out[n].name = known[i].name;
        out[n].alias = known[i].alias;
        out[n].file = f;
        n++;
    }
    return n;
}

const struct embedded_file *template_find(const char *name)
{
    struct template_info all[ARRAY_SIZE(known)];
    size_t n = template_list(all, ARRAY_SIZE(all));
    size_t len = strlen(name);

    if (len > 5 && !strcmp(name + len - 5, ".yaml"))
        len -= 5;
    for (size_t i = 0; i < n; i++)
        if ((strlen(all[i].name) == len && !strncmp(all[i].name, name, len)) ||
            (strlen(all[i].alias) == len && !strncmp(all[i].alias, name, len)))
            return all[i].file;
    return NULL;
}

void template_description(const struct embedded_file *f, struct strbuf *out)
{
    static const char marker[] = "# jixiao template:";
    const char *line = f->data, *end = strchr(line, '\n');
    const char *dash;

    if (!end)
        end = line + f->len;
    if ((size_t)(end - line) < sizeof(marker) - 1 || strncmp(line, marker, sizeof(marker) - 1))
        return;
    /* After "NAME — " comes the description; without a dash the whole rest is used. */
    dash = strstr(line, "—");
    line = dash && dash < end ? dash + strlen("—") : line + sizeof(marker) - 1;
    while (line < end && *line == ' ')
        line++;
    strbuf_add(out, line, (size_t)(end - line));
}
