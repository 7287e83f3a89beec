/*
 * xlsx worksheets with libxml2's streaming reader (see xlsx_read.h). The reader walks
 * each part once, keeping only the cell being read; texts go into the sheet's arena.
 * Invariant: every index that comes from the file (shared string, style, row, column) is
 * checked against its table or cap before use, so a hostile workbook gets a message.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include "core/xalloc.h"
#include "io/ooxml.h"
#include "io/xlsx_read.h"

#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA)

/* ---- small helpers ---- */

static bool is_name(xmlTextReaderPtr r, const char *local)
{
    const xmlChar *n = xmlTextReaderConstLocalName(r);

    return n && !strcmp((const char *)n, local);
}

/* An attribute by local name (prefixes vary between producers: r:id, x:r …), or NULL. */
static char *attr(xmlTextReaderPtr r, const char *local)
{
    char *v = NULL;

    if (xmlTextReaderMoveToFirstAttribute(r) != 1)
        return NULL;
    do {
        const xmlChar *n = xmlTextReaderConstLocalName(r);

        if (n && !strcmp((const char *)n, local)) {
            const xmlChar *val = xmlTextReaderConstValue(r);

            v = xstrdup(val ? (const char *)val : "");
            break;
        }
    } while (xmlTextReaderMoveToNextAttribute(r) == 1);
    xmlTextReaderMoveToElement(r);
    return v;
}

static xmlTextReaderPtr open_xml(const struct strbuf *xml, const char *part)
{
    if (xml->len > INT32_MAX)
        return NULL;
    return xmlReaderForMemory(xml->buf, (int)xml->len, part, NULL, XML_OPTIONS);
}

static int xml_fail(struct xlsx_book *b, xmlTextReaderPtr r, const char *part, struct strbuf *why)
{
    int line = r ? xmlTextReaderGetParserLineNumber(r) : 0;

    strbuf_addf(why, "'%s': %s is not well-formed XML", b->name, part);
    if (line > 0)
        strbuf_addf(why, " (line %d)", line);
    strbuf_addstr(why, ": the workbook is damaged; open and save it again in Excel or WPS");
    return -1;
}

/* Reads part; 1 when absent. */
static int read_part(struct xlsx_book *b, const char *part, struct strbuf *out, struct strbuf *why)
{
    return ooxml_read(b->zip, part, out, why);
}

/* "xl/" for "xl/workbook.xml". */
static void dir_of(const char *part, struct strbuf *out)
{
    const char *slash = strrchr(part, '/');

    strbuf_reset(out);
    if (slash)
        strbuf_add(out, part, (size_t)(slash - part + 1));
}

/* A relationship target resolved against the directory of the part that names it. */
static const char *resolve(struct xlsx_book *b, const char *dir, const char *target)
{
    struct strbuf sb = STRBUF_INIT;
    const char *res;

    if (*target == '/') {
        strbuf_addstr(&sb, target + 1);
    } else {
        strbuf_addstr(&sb, dir);
        while (!strncmp(target, "../", 3)) {
            /* Up one directory: drop the last component of the (slash-ended) dir. */
            if (sb.len) {
                strbuf_setlen(&sb, sb.len - 1);
                while (sb.len && sb.buf[sb.len - 1] != '/')
                    strbuf_setlen(&sb, sb.len - 1);
            }
            target += 3;
        }
        strbuf_addstr(&sb, target);
    }
    res = arena_strdup(&b->arena, sb.buf);
    strbuf_release(&sb);
    return res;
}

/* ---- relationships ---- */

struct rel {
    char *id, *type, *target;
};

static void rels_release(struct rel *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].id);
        free(v[i].type);
        free(v[i].target);
    }
    free(v);
}

static int read_rels(struct xlsx_book *b, const char *part, struct rel **out, size_t *nr,
                     struct strbuf *why)
{
    struct strbuf xml = STRBUF_INIT;
    xmlTextReaderPtr r;
    size_t alloc = 0;
    int ret, rc;

    *out = NULL;
    *nr = 0;
    ret = read_part(b, part, &xml, why);
    if (ret) {
        strbuf_release(&xml);
        return ret;
    }
    r = open_xml(&xml, part);
    if (!r) {
        strbuf_release(&xml);
        return xml_fail(b, NULL, part, why);
    }
    while ((rc = xmlTextReaderRead(r)) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || !is_name(r, "Relationship"))
            continue;
        if (*nr >= OOXML_MAX_ENTRIES)
            break;
        if (*nr == alloc) {
            alloc = alloc ? alloc * 2 : 16;
            *out = xrealloc(*out, st_mult(alloc, sizeof(**out)));
        }
        (*out)[*nr].id = attr(r, "Id");
        (*out)[*nr].type = attr(r, "Type");
        (*out)[*nr].target = attr(r, "Target");
        (*nr)++;
    }
    xmlFreeTextReader(r);
    strbuf_release(&xml);
    if (rc < 0)
        return xml_fail(b, NULL, part, why);
    return 0;
}

static bool type_is(const struct rel *rel, const char *suffix)
{
    size_t l = rel->type ? strlen(rel->type) : 0, s = strlen(suffix);

    return l >= s && !strcmp(rel->type + l - s, suffix);
}

/* ---- workbook, shared strings, styles ---- */

static int read_workbook(struct xlsx_book *b, const char *part, struct strbuf *why)
{
    struct strbuf xml = STRBUF_INIT, rels_part = STRBUF_INIT, dir = STRBUF_INIT;
    struct rel *rels = NULL;
    size_t nr_rels = 0, alloc = 0;
    xmlTextReaderPtr r = NULL;
    int ret = -1, rc;
    const char *slash = strrchr(part, '/');

    dir_of(part, &dir);
    strbuf_addf(&rels_part, "%s_rels/%s.rels", dir.buf, slash ? slash + 1 : part);
    rc = read_rels(b, rels_part.buf, &rels, &nr_rels, why);
    if (rc < 0)
        goto out;
    rc = read_part(b, part, &xml, why);
    if (rc) {
        if (rc > 0)
            strbuf_addf(why, "'%s' has no %s: not an xlsx workbook", b->name, part);
        goto out;
    }
    r = open_xml(&xml, part);
    if (!r) {
        xml_fail(b, NULL, part, why);
        goto out;
    }
    while ((rc = xmlTextReaderRead(r)) == 1) {
        char *name, *id;

        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || !is_name(r, "sheet"))
            continue;
        if (b->nr_sheets >= XLSX_MAX_SHEETS) {
            strbuf_addf(why, "'%s' has more than %u sheets", b->name, XLSX_MAX_SHEETS);
            goto out;
        }
        name = attr(r, "name");
        id = attr(r, "id");
        if (b->nr_sheets == alloc) {
            alloc = alloc ? alloc * 2 : 8;
            b->sheets = xrealloc(b->sheets, st_mult(alloc, sizeof(*b->sheets)));
            b->parts = xrealloc(b->parts, st_mult(alloc, sizeof(*b->parts)));
        }
        b->sheets[b->nr_sheets] = arena_strdup(&b->arena, name ? name : "");
        b->parts[b->nr_sheets] = NULL;
        for (size_t i = 0; id && i < nr_rels; i++) {
            if (rels[i].id && rels[i].target && !strcmp(rels[i].id, id))
                b->parts[b->nr_sheets] = resolve(b, dir.buf, rels[i].target);
        }
        b->nr_sheets++;
        free(name);
        free(id);
    }
    if (rc < 0) {
        xml_fail(b, r, part, why);
        goto out;
    }
    ret = 0;
out:
    if (r)
        xmlFreeTextReader(r);
    rels_release(rels, nr_rels);
    strbuf_release(&xml);
    strbuf_release(&rels_part);
    strbuf_release(&dir);
    return ret;
}

/* Shared strings: each <si> is the concatenation of its <t> runs, phonetic runs left out. */
static int read_shared(struct xlsx_book *b, const char *part, struct strbuf *why)
{
    struct strbuf xml = STRBUF_INIT, cur = STRBUF_INIT;
    xmlTextReaderPtr r;
    size_t alloc = 0;
    int rc, in_t = 0, in_rph = 0, in_si = 0;

    rc = read_part(b, part, &xml, why);
    if (rc) {
        strbuf_release(&xml);
        return rc > 0 ? 0 : -1;
    }
    r = open_xml(&xml, part);
    if (!r) {
        strbuf_release(&xml);
        return xml_fail(b, NULL, part, why);
    }
    while ((rc = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);

        if (type == XML_READER_TYPE_ELEMENT) {
            bool empty = xmlTextReaderIsEmptyElement(r);

            if (is_name(r, "si")) {
                strbuf_reset(&cur);
                in_si = !empty;
                if (empty)
                    goto add;
            } else if (is_name(r, "rPh")) {
                in_rph = !empty;
            } else if (is_name(r, "t")) {
                in_t = !empty;
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (is_name(r, "t")) {
                in_t = 0;
            } else if (is_name(r, "rPh")) {
                in_rph = 0;
            } else if (is_name(r, "si") && in_si) {
                in_si = 0;
                goto add;
            }
        } else if ((type == XML_READER_TYPE_TEXT ||
                    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                    type == XML_READER_TYPE_WHITESPACE) &&
                   in_t && !in_rph && in_si) {
            const xmlChar *v = xmlTextReaderConstValue(r);

            if (v)
                strbuf_addstr(&cur, (const char *)v);
        }
        continue;
    add:
        if (b->nr_shared >= XLSX_MAX_CELLS) {
            strbuf_addf(why, "'%s' has more than %u shared strings", b->name, XLSX_MAX_CELLS);
            rc = -2;
            break;
        }
        if (b->nr_shared == alloc) {
            alloc = alloc ? alloc * 2 : 256;
            b->shared = xrealloc(b->shared, st_mult(alloc, sizeof(*b->shared)));
        }
        b->shared[b->nr_shared++] = arena_strndup(&b->arena, cur.buf, cur.len);
        strbuf_reset(&cur);
    }
    if (rc == -1)
        xml_fail(b, r, part, why);
    xmlFreeTextReader(r);
    strbuf_release(&xml);
    strbuf_release(&cur);
    return rc < 0 ? -1 : 0;
}

/* A number format shows a percentage when it has a '%' outside quotes, brackets and escapes. */
static bool format_is_percent(const char *code)
{
    bool quoted = false;
    int bracket = 0;

    for (const char *p = code; *p; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (*p == '\\' && p[1])
            p++;
        else if (*p == '[')
            bracket++;
        else if (*p == ']' && bracket)
            bracket--;
        else if (*p == '%' && !bracket)
            return true;
    }
    return false;
}

struct numfmt {
    long id;
    bool percent;
};

static int read_styles(struct xlsx_book *b, const char *part, struct strbuf *why)
{
    struct strbuf xml = STRBUF_INIT;
    struct numfmt *fmts = NULL;
    size_t nr_fmts = 0, alloc_fmts = 0, alloc_xf = 0;
    xmlTextReaderPtr r;
    int rc, in_xfs = 0;

    rc = read_part(b, part, &xml, why);
    if (rc) {
        strbuf_release(&xml);
        return rc > 0 ? 0 : -1;
    }
    r = open_xml(&xml, part);
    if (!r) {
        strbuf_release(&xml);
        return xml_fail(b, NULL, part, why);
    }
    while ((rc = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);

        if (type == XML_READER_TYPE_END_ELEMENT && is_name(r, "cellXfs"))
            in_xfs = 0;
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        if (is_name(r, "cellXfs")) {
            in_xfs = !xmlTextReaderIsEmptyElement(r);
        } else if (is_name(r, "numFmt") && nr_fmts < 10000) {
            char *id = attr(r, "numFmtId"), *code = attr(r, "formatCode");

            if (nr_fmts == alloc_fmts) {
                alloc_fmts = alloc_fmts ? alloc_fmts * 2 : 16;
                fmts = xrealloc(fmts, st_mult(alloc_fmts, sizeof(*fmts)));
            }
            fmts[nr_fmts].id = id ? strtol(id, NULL, 10) : -1;
            fmts[nr_fmts].percent = code && format_is_percent(code);
            nr_fmts++;
            free(id);
            free(code);
        } else if (is_name(r, "xf") && in_xfs && b->nr_xf < 100000) {
            char *id = attr(r, "numFmtId");
            long n = id ? strtol(id, NULL, 10) : 0;
            bool pct = n == 9 || n == 10; /* built-in 0% and 0.00% */

            for (size_t i = 0; i < nr_fmts; i++) {
                if (fmts[i].id == n)
                    pct = fmts[i].percent;
            }
            if (b->nr_xf == alloc_xf) {
                alloc_xf = alloc_xf ? alloc_xf * 2 : 32;
                b->percent_xf = xrealloc(b->percent_xf, st_mult(alloc_xf, sizeof(*b->percent_xf)));
            }
            b->percent_xf[b->nr_xf++] = pct;
            free(id);
        }
    }
    if (rc < 0)
        xml_fail(b, r, part, why);
    xmlFreeTextReader(r);
    strbuf_release(&xml);
    free(fmts);
    return rc < 0 ? -1 : 0;
}

int xlsx_open(struct xlsx_book *b, const char *data, size_t len, const char *name,
              struct strbuf *why)
{
    struct rel *rels = NULL;
    size_t nr_rels = 0;
    const char *wb_part = "xl/workbook.xml", *shared = NULL, *styles = NULL;
    struct strbuf dir = STRBUF_INIT, wb_rels = STRBUF_INIT;
    int ret = -1;

    memset(b, 0, sizeof(*b));
    b->name = name;
    if (ooxml_open(data, len, name, &b->zip, why) < 0)
        return -1;
    /* The package relationships name the workbook part; most files use the usual name. */
    if (read_rels(b, "_rels/.rels", &rels, &nr_rels, why) < 0)
        goto out;
    for (size_t i = 0; i < nr_rels; i++) {
        if (type_is(&rels[i], "/officeDocument") && rels[i].target)
            wb_part = resolve(b, "", rels[i].target);
    }
    rels_release(rels, nr_rels);
    if (read_workbook(b, wb_part, why) < 0)
        goto out;
    dir_of(wb_part, &dir);
    strbuf_addf(&wb_rels, "%s_rels/%s.rels", dir.buf,
                strrchr(wb_part, '/') ? strrchr(wb_part, '/') + 1 : wb_part);
    if (read_rels(b, wb_rels.buf, &rels, &nr_rels, why) < 0)
        goto out;
    for (size_t i = 0; i < nr_rels; i++) {
        if (!rels[i].target)
            continue;
        if (type_is(&rels[i], "/sharedStrings"))
            shared = resolve(b, dir.buf, rels[i].target);
        else if (type_is(&rels[i], "/styles"))
            styles = resolve(b, dir.buf, rels[i].target);
    }
    rels_release(rels, nr_rels);
    if (read_shared(b, shared ? shared : "xl/sharedStrings.xml", why) < 0 ||
        read_styles(b, styles ? styles : "xl/styles.xml", why) < 0)
        goto out;
    ret = 0;
out:
    strbuf_release(&dir);
    strbuf_release(&wb_rels);
    return ret;
}

void xlsx_close(struct xlsx_book *b)
{
    if (b->zip)
        ooxml_close(b->zip);
    free(b->sheets);
    free(b->parts);
    free(b->shared);
    free(b->percent_xf);
    arena_release(&b->arena);
    memset(b, 0, sizeof(*b));
}

/* ---- cells ---- */

void xlsx_sheet_init(struct xlsx_sheet *s)
{
    memset(s, 0, sizeof(*s));
}

void xlsx_sheet_release(struct xlsx_sheet *s)
{
    free(s->cells);
    free(s->merges);
    arena_release(&s->arena);
    xlsx_sheet_init(s);
}

void xlsx_sheet_add(struct xlsx_sheet *s, uint32_t row, uint32_t col, enum xlsx_type type,
                    const char *text, size_t len)
{
    struct xlsx_cell *c;

    if (s->nr_cells == s->alloc_cells) {
        s->alloc_cells = s->alloc_cells ? s->alloc_cells * 2 : 256;
        s->cells = xrealloc(s->cells, st_mult(s->alloc_cells, sizeof(*s->cells)));
    }
    c = &s->cells[s->nr_cells++];
    c->row = row;
    c->col = col;
    c->type = type;
    c->percent = false;
    c->text = arena_strndup(&s->arena, text, len);
    if (row + 1 > s->nr_rows)
        s->nr_rows = row + 1;
}

static int cell_cmp(const void *a, const void *b)
{
    const struct xlsx_cell *x = a, *y = b;

    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    /* Equal positions keep their order: compare addresses (qsort is not stable). */
    return x < y ? -1 : x > y;
}

void xlsx_sheet_sort(struct xlsx_sheet *s)
{
    size_t j = 0;
    bool sorted = true;

    for (size_t i = 1; i < s->nr_cells && sorted; i++)
        sorted = cell_cmp(&s->cells[i - 1], &s->cells[i]) < 0 &&
                 (s->cells[i - 1].row != s->cells[i].row || s->cells[i - 1].col != s->cells[i].col);
    if (sorted)
        return;
    qsort(s->cells, s->nr_cells, sizeof(*s->cells), cell_cmp);
    for (size_t i = 0; i < s->nr_cells; i++) {
        if (j && s->cells[j - 1].row == s->cells[i].row && s->cells[j - 1].col == s->cells[i].col)
            continue;
        s->cells[j++] = s->cells[i];
    }
    s->nr_cells = j;
}

const struct xlsx_cell *xlsx_cell_at(const struct xlsx_sheet *s, uint32_t row, uint32_t col)
{
    size_t lo = 0, hi = s->nr_cells;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct xlsx_cell *c = &s->cells[mid];

        if (c->row < row || (c->row == row && c->col < col))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < s->nr_cells && s->cells[lo].row == row && s->cells[lo].col == col)
        return &s->cells[lo];
    return NULL;
}

void xlsx_cell_name(struct strbuf *sb, uint32_t row, uint32_t col)
{
    char letters[8];
    int n = 0;
    uint32_t c = col + 1;

    while (c && n < (int)sizeof(letters)) {
        letters[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    while (n)
        strbuf_addch(sb, letters[--n]);
    strbuf_addf(sb, "%lu", (unsigned long)row + 1);
}

int xlsx_parse_ref(const char *s, uint32_t *row, uint32_t *col)
{
    uint64_t c = 0, r = 0;
    int letters = 0, digits = 0;

    if (*s == '$')
        s++;
    for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++) {
        if (++letters > 3)
            return -1;
        c = c * 26 + (uint64_t)((*s | 0x20) - 'a' + 1);
    }
    if (*s == '$')
        s++;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (++digits > 7)
            return -1;
        r = r * 10 + (uint64_t)(*s - '0');
    }
    if (*s || !letters || !digits || !r || c > XLSX_MAX_COLS || r > XLSX_MAX_ROWS)
        return -1;
    *row = (uint32_t)(r - 1);
    *col = (uint32_t)(c - 1);
    return 0;
}

static int parse_range(const char *s, struct xlsx_range *rg)
{
    const char *colon = strchr(s, ':');
    char first[32];
    size_t n;

    if (!colon) {
        if (xlsx_parse_ref(s, &rg->r1, &rg->c1) < 0)
            return -1;
        rg->r2 = rg->r1;
        rg->c2 = rg->c1;
        return 0;
    }
    n = (size_t)(colon - s);
    if (n >= sizeof(first))
        return -1;
    memcpy(first, s, n);
    first[n] = '\0';
    if (xlsx_parse_ref(first, &rg->r1, &rg->c1) < 0 ||
        xlsx_parse_ref(colon + 1, &rg->r2, &rg->c2) < 0 || rg->r2 < rg->r1 || rg->c2 < rg->c1)
        return -1;
    return 0;
}

/* The cell being read: attributes of <c> and the text of its <v> or <is>. */
struct cell_state {
    uint32_t row, col;
    char t[16];
    long style;
    struct strbuf text;
    bool has_value;
};

static int emit_cell(struct xlsx_book *b, struct xlsx_sheet *s, struct cell_state *c,
                     const char *sheet, struct strbuf *why)
{
    enum xlsx_type type = XLSX_NUMBER;
    const char *text = c->text.buf;
    size_t len = c->text.len;

    if (!c->has_value)
        return 0;
    if (!strcmp(c->t, "s")) {
        char *end;
        unsigned long i = strtoul(c->text.buf, &end, 10);

        if (end == c->text.buf || *end || i >= b->nr_shared) {
            strbuf_addf(why, "'%s': sheet '%s' cell ", b->name, sheet);
            xlsx_cell_name(why, c->row, c->col);
            strbuf_addstr(why, " refers to a shared string that does not exist: the workbook "
                               "is damaged");
            return -1;
        }
        type = XLSX_STRING;
        text = b->shared[i];
        len = strlen(text);
    } else if (!strcmp(c->t, "inlineStr") || !strcmp(c->t, "str") || !strcmp(c->t, "d")) {
        type = XLSX_STRING;
    } else if (!strcmp(c->t, "b")) {
        type = XLSX_BOOL;
    } else if (!strcmp(c->t, "e")) {
        type = XLSX_ERROR;
    }
    if (type == XLSX_NUMBER && !len)
        return 0;
    if (s->nr_cells >= XLSX_MAX_CELLS) {
        strbuf_addf(why, "'%s': sheet '%s' has more than %u cells, over the limit: split it",
                    b->name, sheet, XLSX_MAX_CELLS);
        return -1;
    }
    xlsx_sheet_add(s, c->row, c->col, type, text, len);
    s->cells[s->nr_cells - 1].percent = type == XLSX_NUMBER && c->style >= 0 &&
                                        (size_t)c->style < b->nr_xf && b->percent_xf[c->style];
    return 0;
}

static int read_cells(struct xlsx_book *b, const char *sheet, const char *part,
                      struct xlsx_sheet *s, struct strbuf *why)
{
    struct strbuf xml = STRBUF_INIT;
    struct cell_state c = {0};
    xmlTextReaderPtr r;
    int64_t row = -1, col = -1;
    int rc, in_c = 0, in_v = 0, in_t = 0, in_rph = 0, ret = -1;

    strbuf_init(&c.text, 0);
    rc = read_part(b, part, &xml, why);
    if (rc) {
        if (rc > 0)
            strbuf_addf(why, "'%s': sheet '%s' is missing its part %s: the workbook is damaged",
                        b->name, sheet, part);
        goto out;
    }
    r = open_xml(&xml, part);
    if (!r) {
        xml_fail(b, NULL, part, why);
        goto out;
    }
    while ((rc = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);

        if (type == XML_READER_TYPE_ELEMENT) {
            bool empty = xmlTextReaderIsEmptyElement(r);

            if (is_name(r, "row")) {
                char *rv = attr(r, "r");
                char *end = NULL;
                long n = rv ? strtol(rv, &end, 10) : 0;

                row = rv && end != rv && !*end && n >= 1 ? n - 1 : row + 1;
                free(rv);
                col = -1;
                if (row >= (int64_t)XLSX_MAX_ROWS) {
                    strbuf_addf(why, "'%s': sheet '%s' has more than %u rows", b->name, sheet,
                                XLSX_MAX_ROWS);
                    goto fail;
                }
            } else if (is_name(r, "c")) {
                char *ref = attr(r, "r"), *t = attr(r, "t"), *st = attr(r, "s");
                uint32_t rr, cc;

                if (ref && xlsx_parse_ref(ref, &rr, &cc) == 0) {
                    row = rr;
                    col = cc;
                } else if (ref) {
                    strbuf_addf(why,
                                "'%s': sheet '%s' has a cell '%.16s' beyond the sheet's "
                                "limits (XFD1048576)",
                                b->name, sheet, ref);
                    free(ref);
                    free(t);
                    free(st);
                    goto fail;
                } else {
                    col++;
                    if (row < 0)
                        row = 0;
                }
                free(ref);
                snprintf(c.t, sizeof(c.t), "%s", t ? t : "n");
                c.style = st ? strtol(st, NULL, 10) : 0;
                free(t);
                free(st);
                if (col >= (int64_t)XLSX_MAX_COLS || row >= (int64_t)XLSX_MAX_ROWS) {
                    strbuf_addf(why, "'%s': sheet '%s' has a cell beyond the sheet's limits",
                                b->name, sheet);
                    goto fail;
                }
                c.row = (uint32_t)row;
                c.col = (uint32_t)col;
                strbuf_reset(&c.text);
                c.has_value = false;
                in_c = !empty;
            } else if (in_c && is_name(r, "v")) {
                in_v = !empty;
                c.has_value = true;
            } else if (in_c && is_name(r, "is")) {
                c.has_value = true;
            } else if (in_c && is_name(r, "t")) {
                in_t = !empty;
            } else if (in_c && is_name(r, "rPh")) {
                in_rph = !empty;
            } else if (is_name(r, "mergeCell")) {
                char *ref = attr(r, "ref");
                struct xlsx_range rg;

                if (ref && parse_range(ref, &rg) == 0 && s->nr_merges < XLSX_MAX_CELLS) {
                    if (s->nr_merges == s->alloc_merges) {
                        s->alloc_merges = s->alloc_merges ? s->alloc_merges * 2 : 16;
                        s->merges =
                            xrealloc(s->merges, st_mult(s->alloc_merges, sizeof(*s->merges)));
                    }
                    s->merges[s->nr_merges++] = rg;
                }
                free(ref);
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (is_name(r, "c") && in_c) {
                in_c = in_v = in_t = in_rph = 0;
                if (emit_cell(b, s, &c, sheet, why) < 0)
                    goto fail;
            } else if (is_name(r, "v")) {
                in_v = 0;
            } else if (is_name(r, "t")) {
                in_t = 0;
            } else if (is_name(r, "rPh")) {
                in_rph = 0;
            }
        } else if ((type == XML_READER_TYPE_TEXT ||
                    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                    type == XML_READER_TYPE_WHITESPACE) &&
                   in_c && (in_v || (in_t && !in_rph))) {
            const xmlChar *v = xmlTextReaderConstValue(r);

            if (v)
                strbuf_addstr(&c.text, (const char *)v);
        }
    }
    if (rc < 0) {
        xml_fail(b, r, part, why);
        goto fail;
    }
    xlsx_sheet_sort(s);
    ret = 0;
fail:
    xmlFreeTextReader(r);
out:
    strbuf_release(&xml);
    strbuf_release(&c.text);
    return ret;
}

int xlsx_read_sheet(struct xlsx_book *b, const char *sheet, struct xlsx_sheet *out,
                    struct strbuf *why)
{
    xlsx_sheet_init(out);
    for (size_t i = 0; i < b->nr_sheets; i++) {
        if (strcmp(b->sheets[i], sheet))
            continue;
        out->name = b->sheets[i];
        if (!b->parts[i]) {
            strbuf_addf(why, "'%s': sheet '%s' has no part: the workbook is damaged", b->name,
                        sheet);
            return -1;
        }
        return read_cells(b, sheet, b->parts[i], out, why);
    }
    return 1;
}
