/*
 * Survey answers CSV (RFC 4180) into per-question tallies. The bytes are converted to
 * UTF-8 first when they are not valid UTF-8 (GB18030, as exported by Chinese survey
 * tools, via iconv). Invariant: a row counts only when every chosen answer is on the
 * scale; every other row is reported by line and counted as bad, never dropped silently.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "io/gb18030.h"
#include "io/survey_csv.h"

/* Headers of columns that are not questions (exact match, ASCII case-insensitive). */
static const char *const id_headers[] = {
    "序号",     "编号",   "id",       "提交时间", "时间",     "ip",
    "ip地址",   "来源",   "来源详情", "答题时间", "所用时间", "开始时间",
    "结束时间", "用户id", "昵称",     "姓名",     "来自IP",   NULL,
};

struct record {
    char **cells;
    size_t nr, alloc;
    unsigned line; /* line the record starts on */
};

static void record_clear(struct record *r)
{
    for (size_t i = 0; i < r->nr; i++)
        free(r->cells[i]);
    r->nr = 0;
}

/*
 * Reads one record starting at *pos. Returns 1 with a record, 0 at the end, -1 on an
 * unterminated quote. *line counts newlines consumed.
 */
static int read_record(const char *s, size_t len, size_t *pos, unsigned *line, struct record *r)
{
    struct strbuf cell = STRBUF_INIT;
    size_t i = *pos;

    record_clear(r);
    if (i >= len)
        return 0;
    r->line = *line;
    for (;;) {
        strbuf_reset(&cell);
        if (i < len && s[i] == '"') {
            i++;
            for (;;) {
                if (i >= len) {
                    strbuf_release(&cell);
                    return -1;
                }
                if (s[i] == '"') {
                    if (i + 1 < len && s[i + 1] == '"') {
                        strbuf_addch(&cell, '"');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                if (s[i] == '\n')
                    (*line)++;
                strbuf_addch(&cell, s[i++]);
            }
        }
        while (i < len && s[i] != ',' && s[i] != '\n' && s[i] != '\r')
            strbuf_addch(&cell, s[i++]);
        ALLOC_GROW(r->cells, r->nr + 1, r->alloc);
        r->cells[r->nr++] = strbuf_detach(&cell, NULL);
        if (i < len && s[i] == ',') {
            i++;
            continue;
        }
        if (i < len && s[i] == '\r')
            i++;
        if (i < len && s[i] == '\n')
            i++;
        (*line)++;
        break;
    }
    *pos = i;
    strbuf_release(&cell);
    return 1;
}

static void trim(char *s)
{
    size_t n = strlen(s), start = 0;

    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    while (start < n && (s[start] == ' ' || s[start] == '\t'))
        start++;
    memmove(s, s + start, n - start);
    s[n - start] = '\0';
}

static bool is_id_header(const char *h)
{
    for (const char *const *p = id_headers; *p; p++)
        if (!strcasecmp(h, *p))
            return true;
    return false;
}

/* The level 0..4 of an answer, or -1. `form` gets 'w', 'd' or 'l' for the scale used. */
static int answer_level(const char *a, char *form)
{
    for (int i = 0; i < SURVEY_LEVELS; i++) {
        if (!strcmp(a, survey_level_names[i])) {
            *form = 'w';
            return i;
        }
    }
    if (a[0] >= '1' && a[0] <= '5' && !a[1]) {
        *form = 'd';
        return '5' - a[0];
    }
    if (((a[0] >= 'A' && a[0] <= 'E') || (a[0] >= 'a' && a[0] <= 'e')) && !a[1]) {
        *form = 'l';
        return (a[0] | 0x20) - 'a';
    }
    return -1;
}

static const char *scale_text(char form, const char *a)
{
    if (!form && a[0] >= '0' && a[0] <= '9')
        form = 'd';
    else if (!form && ((a[0] | 0x20) >= 'a' && (a[0] | 0x20) <= 'z') && !a[1])
        form = 'l';
    if (form == 'd')
        return "1–5";
    if (form == 'l')
        return "A–E";
    return "非常满意…非常不满意, 1–5 or A–E";
}

void survey_data_release(struct survey_data *s)
{
    for (size_t i = 0; i < s->nr_questions; i++)
        free(s->questions[i]);
    free(s->questions);
    free(s->tallies);
    memset(s, 0, sizeof(*s));
}

/* Chooses the columns from the --questions list; returns -1 with err set on an unknown name. */
static int choose_listed(const char *name, const struct record *hdr, const char *list, size_t *col,
                         size_t *nr, struct jx_err *err)
{
    const char *p = list;

    while (*p) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        size_t i;

        for (i = 0; i < hdr->nr; i++)
            if (strlen(hdr->cells[i]) == n && !strncmp(hdr->cells[i], p, n))
                break;
        if (i == hdr->nr)
            return jx_err_set(err, JX_EINVAL, name, (struct jx_pos){1, 0},
                              "question '%.*s' is not a column of the header", (int)n, p);
        col[(*nr)++] = i;
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}

int survey_csv_parse(const char *name, const char *buf, size_t len, const char *questions,
                     struct survey_data *out, struct jx_diags *d, struct jx_err *err)
{
    struct strbuf conv = STRBUF_INIT;
    struct record hdr = {0}, row = {0};
    size_t *col = NULL, nr = 0, pos = 0, bad_at;
    unsigned line = 1;
    char form = 0;
    int ret = 0, got;

    memset(out, 0, sizeof(*out));
    if (!utf8_valid(buf, len, &bad_at)) {
        if (gb18030_to_utf8(buf, len, &conv) < 0) {
            ret = jx_err_set(err, JX_ESYNTAX, name, (struct jx_pos){0, 0},
                             "neither UTF-8 nor GB18030 (bad byte at offset %zu)", bad_at);
            goto out;
        }
        buf = conv.buf;
        len = conv.len;
    }
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
        pos = 3;
    got = read_record(buf, len, &pos, &line, &hdr);
    if (got <= 0 || (hdr.nr == 1 && !hdr.cells[0][0])) {
        ret = jx_err_set(err, JX_ESYNTAX, name, (struct jx_pos){1, 0},
                         got < 0 ? "unterminated quote in the header" : "no header row");
        goto out;
    }
    for (size_t i = 0; i < hdr.nr; i++)
        trim(hdr.cells[i]);
    col = xcalloc(hdr.nr + 1, sizeof(*col));
    if (questions) {
        if (choose_listed(name, &hdr, questions, col, &nr, err) < 0) {
            ret = err->code;
            goto out;
        }
    } else {
        for (size_t i = 0; i < hdr.nr; i++)
            if (hdr.cells[i][0] && !is_id_header(hdr.cells[i]))
                col[nr++] = i;
    }
    if (!nr) {
        ret = jx_err_set(err, JX_EINVAL, name, (struct jx_pos){1, 0},
                         "no question columns in the header (use --questions)");
        goto out;
    }
    out->nr_questions = nr;
    out->questions = xcalloc(nr, sizeof(*out->questions));
    out->tallies = xcalloc(nr, sizeof(*out->tallies));
    for (size_t q = 0; q < nr; q++)
        out->questions[q] = xstrdup(hdr.cells[col[q]]);
    while ((got = read_record(buf, len, &pos, &line, &row)) != 0) {
        int level[64];
        int *lv = nr <= 64 ? level : xcalloc(nr, sizeof(*lv));
        bool ok = true;

        if (got < 0) {
            ret = jx_err_set(err, JX_ESYNTAX, name, (struct jx_pos){row.line, 0},
                             "unterminated quote");
            if (lv != level)
                free(lv);
            goto out;
        }
        for (size_t i = 0; i < row.nr; i++)
            trim(row.cells[i]);
        if (row.nr == 1 && !row.cells[0][0]) {
            jx_diags_add(d, JX_SEV_WARNING, name, (struct jx_pos){row.line, 0}, "empty row");
            ok = false;
        } else if (row.nr != hdr.nr) {
            jx_diags_add(d, JX_SEV_WARNING, name, (struct jx_pos){row.line, 0},
                         "row has %zu columns, the header %zu", row.nr, hdr.nr);
            ok = false;
        }
        for (size_t q = 0; ok && q < nr; q++) {
            const char *a = row.cells[col[q]];
            char f = 0;

            lv[q] = answer_level(a, &f);
            if (!a[0]) {
                jx_diags_add(d, JX_SEV_WARNING, name, (struct jx_pos){row.line, 0},
                             "no answer to '%s'", out->questions[q]);
                ok = false;
            } else if (lv[q] < 0) {
                jx_diags_add(d, JX_SEV_WARNING, name, (struct jx_pos){row.line, 0},
                             "answer '%s' to '%s' is outside the scale %s", a, out->questions[q],
                             scale_text(form, a));
                ok = false;
            } else if (!form) {
                form = f;
            }
        }
        if (ok) {
            for (size_t q = 0; q < nr; q++)
                out->tallies[q].counts[lv[q]]++;
            out->valid++;
        } else {
            out->bad++;
        }
        if (lv != level)
            free(lv);
    }
out:
    if (ret)
        survey_data_release(out);
    record_clear(&hdr);
    record_clear(&row);
    free(hdr.cells);
    free(row.cells);
    free(col);
    strbuf_release(&conv);
    return ret;
}
