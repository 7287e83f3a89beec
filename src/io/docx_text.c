/*
 * word/document.xml to the plain-text report layout, with libxml2's SAX2 parser (no tree
 * is built, so a large report costs one pass; SAX2 callbacks cost half of what the
 * xmlTextReader's node-by-node calls did on the benchmark's reports). Invariant: the output has
 * exactly the shape report_text_parse() expects from a report saved as text: a paragraph is a line,
 * a table cell is a line starting with a tab and holding no other tab or line break, and
 * a blank line ends each table row.
 */
#include <stdbool.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "core/xalloc.h"
#include "io/docx_text.h"
#include "io/ooxml.h"

struct walk {
    struct strbuf *out;
    struct strbuf para, cell;
    unsigned p_depth, r_depth, tbl_depth, del_depth;
    bool in_t;
    struct strbuf *why;
    const char *name;
    bool failed;
};

/* Cell text must stay on one line with no tab, or it would read as several cells. */
static void add_flat(struct strbuf *sb, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        strbuf_addch(sb, s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
}

static void end_para(struct walk *w)
{
    if (w->tbl_depth) {
        if (w->cell.len && w->para.len)
            strbuf_addch(&w->cell, ' ');
        add_flat(&w->cell, w->para.buf, w->para.len);
    } else {
        strbuf_add(w->out, w->para.buf, w->para.len);
        strbuf_addch(w->out, '\n');
    }
    strbuf_reset(&w->para);
}

static void end_cell(struct walk *w)
{
    if (w->tbl_depth != 1)
        return;
    strbuf_addch(w->out, '\t');
    strbuf_add(w->out, w->cell.buf, w->cell.len);
    strbuf_addch(w->out, '\n');
    strbuf_reset(&w->cell);
}

/* SAX reports an empty element (<w:p/>) as a start and an end: end() closes it. */
static void start(struct walk *w, const char *n)
{
    if (!strcmp(n, "p")) {
        if (w->p_depth && w->para.len)
            strbuf_addch(&w->para, ' '); /* a text box's paragraph inside this one */
        w->p_depth++;
    } else if (!strcmp(n, "r")) {
        w->r_depth++;
    } else if (!strcmp(n, "t")) {
        w->in_t = true;
    } else if (!strcmp(n, "del")) {
        w->del_depth++;
    } else if (w->r_depth && !w->del_depth && w->p_depth && !strcmp(n, "tab")) {
        /* only a run's w:tab: the w:tabs/w:tab of paragraph properties are tab stops */
        strbuf_addch(&w->para, '\t');
    } else if (w->r_depth && !w->del_depth && w->p_depth &&
               (!strcmp(n, "br") || !strcmp(n, "cr"))) {
        strbuf_addch(&w->para, '\n');
    } else if (!strcmp(n, "tbl")) {
        w->tbl_depth++;
    } else if (!strcmp(n, "tc")) {
        if (w->tbl_depth == 1 && !w->p_depth)
            strbuf_reset(&w->cell);
    }
}

static void end(struct walk *w, const char *n)
{
    if (!strcmp(n, "p")) {
        if (w->p_depth && --w->p_depth == 0)
            end_para(w);
    } else if (!strcmp(n, "r")) {
        w->r_depth -= w->r_depth > 0;
    } else if (!strcmp(n, "t")) {
        w->in_t = false;
    } else if (!strcmp(n, "del")) {
        w->del_depth -= w->del_depth > 0;
    } else if (!strcmp(n, "tc")) {
        if (!w->p_depth)
            end_cell(w);
    } else if (!strcmp(n, "tr")) {
        if (w->tbl_depth == 1 && !w->p_depth)
            strbuf_addch(w->out, '\n');
    } else if (!strcmp(n, "tbl")) {
        w->tbl_depth -= w->tbl_depth > 0;
    }
}

/* libxml2 would print parse errors to stderr; the first one becomes the message. */
static void on_error(void *arg, xmlErrorPtr e)
{
    struct walk *w = arg;

    if (w->failed || !e || e->level < XML_ERR_ERROR)
        return;
    w->failed = true;
    strbuf_addf(w->why, "'%s': word/document.xml is malformed at line %d: ", w->name, e->line);
    if (e->message) {
        size_t n = strlen(e->message);

        while (n && (e->message[n - 1] == '\n' || e->message[n - 1] == ' '))
            n--;
        strbuf_add(w->why, e->message, n);
    }
}

/* Every element the walk cares about has a name of at most three letters (p r t del tab br
 * cr tbl tc tr); the many property elements (rFonts, spacing …) are passed over at once. */
static bool short_name(const xmlChar *n)
{
    return !n[0] || !n[1] || !n[2] || !n[3];
}

static void on_start(void *arg, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nr_ns, const xmlChar **ns, int nr_attrs, int nr_defaulted,
                     const xmlChar **attrs)
{
    (void)prefix;
    (void)uri;
    (void)nr_ns;
    (void)ns;
    (void)nr_attrs;
    (void)nr_defaulted;
    (void)attrs;
    if (short_name(local))
        start(arg, (const char *)local);
}

static void on_end(void *arg, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    (void)prefix;
    (void)uri;
    if (short_name(local))
        end(arg, (const char *)local);
}

static void on_text(void *arg, const xmlChar *text, int len)
{
    struct walk *w = arg;

    if (w->in_t && !w->del_depth && w->p_depth && len > 0)
        strbuf_add(&w->para, text, (size_t)len);
}

int docx_text_xml(const char *xml, size_t len, const char *name, struct strbuf *out,
                  struct strbuf *why)
{
    struct walk w = {out, STRBUF_INIT, STRBUF_INIT, 0, 0, 0, 0, false, why, name, false};
    xmlSAXHandler sax;
    int rc;

    if (len > (size_t)OOXML_MAX_PART) {
        strbuf_addf(why, "'%s': word/document.xml is larger than %u MiB", name,
                    OOXML_MAX_PART >> 20);
        return -1;
    }
    /* Only these callbacks: no entity is resolved or expanded, no DTD or network is loaded
     * (the document is untrusted), and errors come back here instead of stderr. */
    memset(&sax, 0, sizeof(sax));
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_text;
    sax.cdataBlock = on_text;
    sax.serror = on_error;
    rc = xmlSAXUserParseMemory(&sax, &w, xml, (int)len);
    if (rc != 0 && !w.failed) {
        w.failed = true;
        strbuf_addf(why, "'%s': word/document.xml is malformed", name);
    }
    strbuf_release(&w.para);
    strbuf_release(&w.cell);
    return w.failed ? -1 : 0;
}

int docx_text(const char *data, size_t len, const char *name, struct strbuf *out,
              struct strbuf *why)
{
    struct ooxml *z;
    struct strbuf xml = STRBUF_INIT;
    int ret = -1, rc;

    if (ooxml_open(data, len, name, &z, why) < 0)
        return -1;
    rc = ooxml_read(z, "word/document.xml", &xml, why);
    if (rc == 1) {
        if (ooxml_has(z, "xl/workbook.xml"))
            strbuf_addf(why, "'%s' is a spreadsheet (.xlsx), not a Word document", name);
        else
            strbuf_addf(why, "'%s' is not a Word document (no word/document.xml)", name);
    } else if (rc == 0) {
        ret = docx_text_xml(xml.buf, xml.len, name, out, why);
    }
    strbuf_release(&xml);
    ooxml_close(z);
    return ret;
}
