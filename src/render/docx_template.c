/*
 * The built-in 公文 template (GB/T 9704: 方正小标宋 title, 黑体/楷体/仿宋 headings, 仿宋
 * 三号 body at a fixed line pitch) and the merging of a reference .docx into it. Style
 * names are the English built-in names Word keys on ("heading 1", "Normal", "caption"):
 * Chinese Word shows them as 标题 1, 正文, 题注, and the navigation pane and TOC find them
 * through their outline level. The reference is handled with libxml2 because its markup
 * is someone else's (any prefixes, any order); our own markup is written as text.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "core/banned.h"
#include "render/docx_template.h"
#include "render/xml_writer.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define PARSE_OPTS (XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR)

#define FONTS(f)                                                                                   \
    "<w:rFonts w:ascii=\"" f "\" w:eastAsia=\"" f "\" w:hAnsi=\"" f "\" w:cs=\"" f "\" "           \
    "w:hint=\"eastAsia\"/>"
/* 三号 = 16 pt; 22 lines on the 225 mm type area of GB/T 9704 give a pitch of 28.9 pt. */
#define BODY_SPACING "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"578\" w:lineRule=\"exact\"/>"
#define SINGLE_SPACING                                                                             \
    "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
#define NO_INDENT "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>"
#define BORDER(side) "<w:" side " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"

struct style_def {
    const char *id, *name, *type;
    int based_on, next; /* enum docx_style_kind, or -1 */
    unsigned priority;
    bool qformat;
    const char *ppr, *rpr, *tblpr; /* inner markup, NULL when none */
};

static const struct style_def defs[DOCX_ST_NR] = {
    [DOCX_ST_NORMAL] = {"Normal", "Normal", "paragraph", -1, -1, 0, true,
                        BODY_SPACING "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>"
                                     "<w:jc w:val=\"both\"/>",
                        FONTS("仿宋") "<w:kern w:val=\"2\"/><w:sz w:val=\"32\"/>"
                                      "<w:szCs w:val=\"32\"/>",
                        NULL},
    [DOCX_ST_TITLE] = {"Title", "Title", "paragraph", DOCX_ST_NORMAL, DOCX_ST_NORMAL, 10, true,
                       "<w:spacing w:before=\"0\" w:after=\"578\" w:line=\"700\" "
                       "w:lineRule=\"exact\"/>" NO_INDENT "<w:jc w:val=\"center\"/>",
                       FONTS("方正小标宋简体") "<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>", NULL},
    [DOCX_ST_SUBTITLE] = {"Subtitle", "Subtitle", "paragraph", DOCX_ST_NORMAL, DOCX_ST_NORMAL, 11,
                          true, NO_INDENT "<w:jc w:val=\"center\"/>", FONTS("楷体"), NULL},
    [DOCX_ST_HEADING1] = {"Heading1", "heading 1", "paragraph", DOCX_ST_NORMAL, DOCX_ST_NORMAL, 9,
                          true, "<w:keepNext/><w:keepLines/><w:outlineLvl w:val=\"0\"/>",
                          FONTS("黑体"), NULL},
    [DOCX_ST_HEADING2] = {"Heading2", "heading 2", "paragraph", DOCX_ST_NORMAL, DOCX_ST_NORMAL, 9,
                          true, "<w:keepNext/><w:keepLines/><w:outlineLvl w:val=\"1\"/>",
                          FONTS("楷体"), NULL},
    [DOCX_ST_HEADING3] = {"Heading3", "heading 3", "paragraph", DOCX_ST_NORMAL, DOCX_ST_NORMAL, 9,
                          true, "<w:keepNext/><w:keepLines/><w:outlineLvl w:val=\"2\"/>",
                          FONTS("仿宋") "<w:b/><w:bCs/>", NULL},
    [DOCX_ST_CAPTION] = {"Caption", "caption", "paragraph", DOCX_ST_NORMAL, DOCX_ST_NORMAL, 35,
                         true, "<w:keepNext/>" NO_INDENT "<w:jc w:val=\"center\"/>",
                         FONTS("仿宋") "<w:b/><w:bCs/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>",
                         NULL},
    [DOCX_ST_NOTE] = {"JxNote", "表注", "paragraph", DOCX_ST_NORMAL, DOCX_ST_NORMAL, 0, true,
                      "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"400\" "
                      "w:lineRule=\"exact\"/>" NO_INDENT,
                      "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>", NULL},
    [DOCX_ST_SIGNATURE] = {"Signature", "Signature", "paragraph", DOCX_ST_NORMAL, DOCX_ST_NORMAL, 0,
                           true, NO_INDENT "<w:jc w:val=\"right\"/>", NULL, NULL},
    [DOCX_ST_PLAIN] = {"JxPlain", "正文无缩进", "paragraph", DOCX_ST_NORMAL, DOCX_ST_NORMAL, 0,
                       true, NO_INDENT, NULL, NULL},
    [DOCX_ST_TABLE_TEXT] = {"JxTableText", "表格文字", "paragraph", DOCX_ST_NORMAL, -1, 0, true,
                            SINGLE_SPACING NO_INDENT "<w:jc w:val=\"left\"/>",
                            "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>", NULL},
    /* Single spacing: an exact line height would crop an inline picture to one line. */
    [DOCX_ST_FIGURE] = {"JxFigure", "图表", "paragraph", DOCX_ST_NORMAL, DOCX_ST_NORMAL, 0, true,
                        "<w:keepNext/>" SINGLE_SPACING NO_INDENT "<w:jc w:val=\"center\"/>", NULL,
                        NULL},
    [DOCX_ST_HEADER] = {"Header", "header", "paragraph", DOCX_ST_NORMAL, -1, 99, false,
                        SINGLE_SPACING NO_INDENT "<w:jc w:val=\"center\"/>",
                        "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>", NULL},
    /* GB/T 9704: page numbers in 4号 半角 宋体. */
    [DOCX_ST_FOOTER] = {"Footer", "footer", "paragraph", DOCX_ST_NORMAL, -1, 99, false,
                        SINGLE_SPACING NO_INDENT,
                        FONTS("宋体") "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>", NULL},
    [DOCX_ST_TABLE_GRID] =
        {"TableGrid", "Table Grid", "table", -1, -1, 59, false, NULL, NULL,
         "<w:tblBorders>" BORDER("top") BORDER("left") BORDER("bottom") BORDER("right") BORDER(
             "insideH") BORDER("insideV") "</w:tblBorders><w:tblCellMar><w:left w:w=\"85\" "
                                          "w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/>"
                                          "</w:tblCellMar>"},
};

/* Styles Word expects in every sheet, written only in the built-in one. */
static const char builtin_head[] =
    XML_DECL "<w:styles xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\"><w:docDefaults><w:rPrDefault>"
             "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"宋体\" "
             "w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\"/><w:sz w:val=\"21\"/>"
             "<w:szCs w:val=\"21\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" "
             "w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>"
             "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
             "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/>"
             "<w:semiHidden/><w:unhideWhenUsed/></w:style>"
             "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
             "<w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/>"
             "<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>"
             "<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
             "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
             "</w:tblCellMar></w:tblPr></w:style>";

void docx_styles_release(struct docx_styles *st)
{
    for (size_t i = 0; i < DOCX_ST_NR; i++) {
        free(st->id[i]);
        st->id[i] = NULL;
    }
}

/* An element with one w:val attribute; the id may come from a reference, so escaped. */
static void write_val(struct strbuf *sb, const char *elem, const char *val)
{
    strbuf_addf(sb, "<w:%s w:val=\"", elem);
    xml_writer_str(sb, val);
    strbuf_addstr(sb, "\"/>");
}

/* One w:style element, children in schema order; ids of basedOn/next from st. The ids
 * in st may be a reference's (any characters), so every one goes through xml_writer. */
static void write_style(struct strbuf *sb, enum docx_style_kind k, const struct docx_styles *st)
{
    const struct style_def *s = &defs[k];

    strbuf_addf(sb, "<w:style w:type=\"%s\"%s w:customStyle=\"%d\" w:styleId=\"", s->type,
                k == DOCX_ST_NORMAL ? " w:default=\"1\"" : "", s->id[0] == 'J');
    xml_writer_str(sb, st->id[k]);
    strbuf_addstr(sb, "\">");
    strbuf_addf(sb, "<w:name w:val=\"%s\"/>", s->name);
    if (s->based_on >= 0)
        write_val(sb, "basedOn", st->id[s->based_on]);
    if (s->next >= 0)
        write_val(sb, "next", st->id[s->next]);
    if (s->priority)
        strbuf_addf(sb, "<w:uiPriority w:val=\"%u\"/>", s->priority);
    if (s->priority == 99)
        strbuf_addstr(sb, "<w:unhideWhenUsed/>");
    if (s->qformat)
        strbuf_addstr(sb, "<w:qFormat/>");
    if (s->ppr)
        strbuf_addf(sb, "<w:pPr>%s</w:pPr>", s->ppr);
    if (s->rpr)
        strbuf_addf(sb, "<w:rPr>%s</w:rPr>", s->rpr);
    if (s->tblpr)
        strbuf_addf(sb, "<w:tblPr>%s</w:tblPr>", s->tblpr);
    strbuf_addstr(sb, "</w:style>");
}

static bool is_w(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           !strcmp((const char *)n->ns->href, NS_W) && !strcmp((const char *)n->name, name);
}

static char *w_attr(const xmlNode *n, const char *name)
{
    return (char *)xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)NS_W);
}

static const xmlNode *w_child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is_w(c, name))
            return c;
    return NULL;
}

/* Entity references left unexpanded (we never substitute: a reference's DTD could define
 * a billion laughs) would dangle once the DTD is gone, so they go too. */
static void drop_entity_refs(xmlNode *n)
{
    for (xmlNode *c = n ? n->children : NULL, *next; c; c = next) {
        next = c->next;
        if (c->type == XML_ENTITY_REF_NODE) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        } else if (c->type == XML_ELEMENT_NODE) {
            for (xmlAttr *a = c->properties; a; a = a->next)
                drop_entity_refs((xmlNode *)a);
            drop_entity_refs(c);
        }
    }
}

/* Parses a reference part without network, entity substitution or the HUGE limits, and
 * removes its DTD: Word refuses parts that carry one and the output must not inherit it. */
static xmlDoc *read_part(const char *xml, const char *what)
{
    xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), what, NULL, PARSE_OPTS);

    if (!doc)
        return NULL;
    for (xmlNode *c = doc->children, *next; c; c = next) {
        next = c->next;
        if (c->type == XML_DTD_NODE || c->type == XML_ENTITY_REF_NODE) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
    }
    doc->intSubset = NULL;
    if (doc->extSubset) {
        xmlFreeDtd(doc->extSubset);
        doc->extSubset = NULL;
    }
    drop_entity_refs(xmlDocGetRootElement(doc));
    return doc;
}

/* The reference style of this type whose w:name is name (case-insensitive: LibreOffice
 * writes "Heading 1" where Word writes "heading 1"); NULL when it has none. */
static const xmlNode *find_by_name(const xmlNode *root, const char *type, const char *name)
{
    for (const xmlNode *c = root->children; c; c = c->next) {
        if (!is_w(c, "style"))
            continue;
        char *t = w_attr(c, "type");
        char *n = w_child(c, "name") ? w_attr(w_child(c, "name"), "val") : NULL;
        bool match = t && n && !strcmp(t, type) && !strcasecmp(n, name);
        xmlFree(t);
        xmlFree(n);
        if (match)
            return c;
    }
    return NULL;
}

static bool id_taken(const xmlNode *root, const char *id)
{
    for (const xmlNode *c = root->children; c; c = c->next) {
        if (!is_w(c, "style"))
            continue;
        char *i = w_attr(c, "styleId");
        bool taken = i && !strcmp(i, id);
        xmlFree(i);
        if (taken)
            return true;
    }
    return false;
}

static int merge_reference(const char *ref_styles, struct docx_styles *st, struct strbuf *out,
                           struct strbuf *why)
{
    xmlDoc *doc = read_part(ref_styles, "styles.xml");
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    bool missing[DOCX_ST_NR] = {false};
    struct strbuf frag = STRBUF_INIT;
    int ret = -1;

    if (!root || !is_w(root, "styles")) {
        strbuf_addstr(why, "the reference's word/styles.xml is not a WordprocessingML style "
                           "sheet (save the reference again with Word or LibreOffice)");
        goto out;
    }
    for (size_t k = 0; k < DOCX_ST_NR; k++) {
        const xmlNode *s = find_by_name(root, defs[k].type, defs[k].name);
        char *id = s ? w_attr(s, "styleId") : NULL;

        if (id) {
            st->id[k] = xstrdup(id);
            xmlFree(id);
            continue;
        }
        missing[k] = true;
        /* Our id, else "Jx" + it, else that with a counter: the first the reference does
         * not use, so an added style never shadows one of its own. */
        struct strbuf alt = STRBUF_INIT;
        strbuf_addstr(&alt, defs[k].id);
        for (unsigned n = 1; id_taken(root, alt.buf); n++) {
            strbuf_reset(&alt);
            strbuf_addf(&alt, "Jx%s", defs[k].id);
            if (n > 1)
                strbuf_addf(&alt, "%u", n);
        }
        st->id[k] = strbuf_detach(&alt, NULL);
    }
    /* Added styles are parsed in the context of the root so that the reference's own
     * binding of the w: prefix applies (our fragment is written with w:). */
    strbuf_addf(&frag, "<w:wrap xmlns:w=\"%s\">", NS_W);
    size_t empty = frag.len;
    for (size_t k = 0; k < DOCX_ST_NR; k++)
        if (missing[k])
            write_style(&frag, (enum docx_style_kind)k, st);
    if (frag.len > empty) {
        strbuf_addstr(&frag, "</w:wrap>");
        xmlDoc *fdoc = xmlReadMemory(frag.buf, (int)frag.len, "styles", "UTF-8", PARSE_OPTS);
        xmlNode *wrap = fdoc ? xmlDocGetRootElement(fdoc) : NULL;
        if (!wrap) {
            /* Only a reference's style id can get here (ours are constants): refuse it. */
            xmlFreeDoc(fdoc);
            strbuf_addstr(why, "the reference's word/styles.xml has style ids that cannot be "
                               "reused (give its styles plain ids, e.g. save it again with Word)");
            goto out;
        }
        for (xmlNode *c = wrap->children; c; c = c->next) {
            xmlNode *copy = xmlDocCopyNode(c, doc, 1);
            xmlAddChild(root, copy);
        }
        xmlReconciliateNs(doc, root);
        xmlFreeDoc(fdoc);
    }
    xmlChar *mem = NULL;
    int size = 0;
    xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
    if (!mem)
        JX_BUG("cannot serialise the merged style sheet");
    strbuf_add(out, mem, (size_t)size);
    xmlFree(mem);
    ret = 0;
out:
    strbuf_release(&frag);
    xmlFreeDoc(doc);
    return ret;
}

int docx_template_styles(const char *ref_styles, struct docx_styles *st, struct strbuf *out,
                         struct strbuf *why)
{
    if (ref_styles)
        return merge_reference(ref_styles, st, out, why);
    for (size_t k = 0; k < DOCX_ST_NR; k++)
        st->id[k] = xstrdup(defs[k].id);
    strbuf_addstr(out, builtin_head);
    for (size_t k = 0; k < DOCX_ST_NR; k++)
        write_style(out, (enum docx_style_kind)k, st);
    strbuf_addstr(out, "</w:styles>");
    return 0;
}

/* ---- section properties ------------------------------------------------------------ */

static long w_long(const xmlNode *n, const char *name)
{
    char *v = n ? w_attr(n, name) : NULL;
    char *end = NULL;
    long x = v ? strtol(v, &end, 10) : 0;

    if (!v || end == v || x < 0 || x > 1000000)
        x = 0;
    xmlFree(v);
    return x;
}

/* True when every element and attribute below n is in the w: or r: namespace with those
 * prefixes: the sectPr is pasted into our document, which binds only w, r, wp, a, pic. */
static bool plain_prefixes(const xmlNode *n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!n->ns || !n->ns->prefix || strcmp((const char *)n->ns->prefix, "w"))
            return false;
        for (const xmlAttr *a = n->properties; a; a = a->next)
            if (a->ns && (!a->ns->prefix || (strcmp((const char *)a->ns->prefix, "w") &&
                                             strcmp((const char *)a->ns->prefix, "r"))))
                return false;
        if (!plain_prefixes(n->children))
            return false;
    }
    return true;
}

static void swap_attr(xmlNode *n, const char *a, const char *b)
{
    char *va = w_attr(n, a), *vb = w_attr(n, b);
    xmlNs *ns = n->ns;

    if (va && vb) {
        xmlSetNsProp(n, ns, (const xmlChar *)a, (const xmlChar *)vb);
        xmlSetNsProp(n, ns, (const xmlChar *)b, (const xmlChar *)va);
    }
    xmlFree(va);
    xmlFree(vb);
}

unsigned docx_template_section(const char *ref_document, bool landscape, bool has_header,
                               struct strbuf *out)
{
    if (!ref_document)
        return 0;
    xmlDoc *doc = read_part(ref_document, "document.xml");
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    xmlNode *body = root ? (xmlNode *)w_child(root, "body") : NULL;
    xmlNode *sect = NULL;
    unsigned width = 0;

    for (xmlNode *c = body ? body->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            sect = is_w(c, "sectPr") ? c : NULL;
    if (!sect || !plain_prefixes(sect))
        goto out;
    for (xmlNode *c = sect->children, *next; c; c = next) {
        next = c->next;
        if (is_w(c, "headerReference") || is_w(c, "footerReference")) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
    }
    xmlNode *pgsz = (xmlNode *)w_child(sect, "pgSz");
    const xmlNode *pgmar = w_child(sect, "pgMar");
    if (pgsz && landscape && w_long(pgsz, "w") < w_long(pgsz, "h")) {
        swap_attr(pgsz, "w", "h");
        xmlSetNsProp(pgsz, sect->ns, (const xmlChar *)"orient", (const xmlChar *)"landscape");
    }
    long w = w_long(pgsz, "w") - w_long(pgmar, "left") - w_long(pgmar, "right") -
             w_long(pgmar, "gutter");
    if (!pgsz || !pgmar || w < 1440)
        goto out; /* no usable page setup: the built-in A4 one is better than a guess */
    width = (unsigned)w;

    xmlNs *rns = xmlSearchNsByHref(doc, sect, (const xmlChar *)NS_R);
    if (!rns || !rns->prefix || strcmp((const char *)rns->prefix, "r"))
        rns = xmlNewNs(sect, (const xmlChar *)NS_R, (const xmlChar *)"r");
    /* Header and footer references come first in a sectPr, header before footer. */
    xmlNode *first = sect->children;
    static const char *const kinds[] = {"headerReference", "footerReference"};
    static const char *const ids[] = {"rIdHeader", "rIdFooter"};
    for (size_t i = has_header ? 0 : 1; i < 2; i++) {
        xmlNode *ref = xmlNewDocNode(doc, sect->ns, (const xmlChar *)kinds[i], NULL);
        xmlSetNsProp(ref, sect->ns, (const xmlChar *)"type", (const xmlChar *)"default");
        xmlSetNsProp(ref, rns, (const xmlChar *)"id", (const xmlChar *)ids[i]);
        if (first)
            xmlAddPrevSibling(first, ref);
        else
            xmlAddChild(sect, ref);
    }
    xmlBuffer *buf = xmlBufferCreate();
    xmlNodeDump(buf, doc, sect, 0, 0);
    /* xmlNodeDump repeats a namespace declared on the node itself; only r can be. */
    strbuf_add(out, xmlBufferContent(buf), (size_t)xmlBufferLength(buf));
    xmlBufferFree(buf);
out:
    xmlFreeDoc(doc);
    return width;
}

/* ---- header and footer ------------------------------------------------------------- */

static bool has_rel_attr(const xmlNode *n)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (a->ns && a->ns->href && !strcmp((const char *)a->ns->href, NS_R))
            return true;
    return false;
}

static bool refers_rel(const xmlNode *n)
{
    if (has_rel_attr(n))
        return true;
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && refers_rel(c))
            return true;
    return false;
}

/* Removes what refers to the reference package's relationships: the whole picture,
 * object or link (a picture without its image would itself be invalid). */
static void drop_rel_refs(xmlNode *n)
{
    for (xmlNode *c = n->children, *next; c; c = next) {
        next = c->next;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        bool container =
            is_w(c, "drawing") || is_w(c, "pict") || is_w(c, "object") || is_w(c, "hyperlink");
        if (container ? refers_rel(c) : has_rel_attr(c)) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
            continue;
        }
        drop_rel_refs(c);
    }
}

int docx_template_header_footer(const char *xml, const char *what, struct strbuf *out,
                                struct strbuf *why)
{
    xmlDoc *doc = read_part(xml, what);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    /* numbering.xml goes through here too, so that it is re-serialised without its DTD. */
    bool numbering = strstr(what, "numbering") != NULL;

    if (!root) {
        strbuf_addf(why,
                    "the reference's %s is not well-formed XML or has a DTD that expands "
                    "too far (save the reference again with Word or LibreOffice)",
                    what);
        xmlFreeDoc(doc);
        return -1;
    }
    if (numbering ? !is_w(root, "numbering") : !(is_w(root, "hdr") || is_w(root, "ftr"))) {
        strbuf_addf(why, "the reference's %s is not a WordprocessingML %s", what,
                    numbering ? "numbering part" : "header or footer");
        xmlFreeDoc(doc);
        return -1;
    }
    drop_rel_refs(root);
    xmlChar *mem = NULL;
    int size = 0;
    xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
    if (!mem)
        JX_BUG("cannot serialise the reference %s", what);
    strbuf_add(out, mem, (size_t)size);
    xmlFree(mem);
    xmlFreeDoc(doc);
    return 0;
}
