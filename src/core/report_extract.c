/*
 * Frees a report_extract (every string in it is owned by it) and says where a line of the
 * report is: section and paragraph, the way findings on reports are located.
 */
#include <stdlib.h>
#include <string.h>

#include "core/report_extract.h"
#include "core/xalloc.h"

static void form_release(struct rx_form *f)
{
    for (size_t i = 0; i < f->nr_rows; i++) {
        struct rx_form_row *r = &f->rows[i];

        free(r->level1);
        free(r->level2);
        free(r->name);
        free(r->target);
        free(r->actual);
        free(r->reason);
    }
    free(f->rows);
}

void report_extract_release(struct report_extract *rx)
{
    for (size_t i = 0; i < rx->nr_sections; i++) {
        free(rx->sections[i].number);
        free(rx->sections[i].title);
    }
    for (size_t i = 0; i < rx->nr_rows; i++)
        free(rx->rows[i].name);
    for (size_t i = 0; i < rx->nr_amounts; i++)
        free(rx->amounts[i].text);
    for (size_t i = 0; i < rx->nr_rates; i++)
        free(rx->rates[i].text);
    for (size_t i = 0; i < rx->nr_paras; i++)
        free(rx->paras[i].text);
    form_release(&rx->form);
    free(rx->sections);
    free(rx->rows);
    free(rx->amounts);
    free(rx->rates);
    free(rx->paras);
    free(rx->grade);
    memset(rx, 0, sizeof(*rx));
}

const struct rx_para *report_extract_locate(const struct report_extract *rx, unsigned line)
{
    size_t lo = 0, hi = rx->nr_paras;

    /* paragraphs are in line order: the last one starting at or before line */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (rx->paras[mid].line <= line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? &rx->paras[lo - 1] : NULL;
}

/* Titles like "项目内容：为推进……" carry their text: the label stops at the colon. */
static size_t label_len(const char *t)
{
    static const char *const stops[] = {"：", ":", "，", ",", "。", "（附", NULL};
    size_t n = strlen(t), chars = 0, i = 0;

    for (const char *const *s = stops; *s; s++) {
        const char *p = strstr(t, *s);

        if (p && p > t && (size_t)(p - t) < n)
            n = (size_t)(p - t);
    }
    while (i < n && chars < 30) {
        unsigned char c = (unsigned char)t[i];
        size_t k = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;

        i += i + k <= n ? k : 1;
        chars++;
    }
    return i;
}

void report_extract_section_label(const struct report_extract *rx, size_t section,
                                  struct strbuf *out)
{
    const struct rx_section *s;

    if (!section || section > rx->nr_sections) {
        strbuf_addstr(out, "(开头)");
        return;
    }
    s = &rx->sections[section - 1];
    strbuf_addstr(out, s->number);
    strbuf_add(out, s->title, label_len(s->title));
}

void report_extract_where(const struct report_extract *rx, const struct rx_para *para,
                          struct strbuf *out)
{
    report_extract_section_label(rx, para ? para->section : 0, out);
    strbuf_addf(out, "¶%u", para ? para->number : 0);
}
