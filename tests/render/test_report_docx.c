/*
 * The DOCX renderer, checked the way a consumer reads the file: the bytes reopen as a
 * zip, every XML part is well-formed, the content types cover every part, every
 * relationship target exists, every style the document uses is defined, and the
 * structure Word and WPS need is there (repeating header rows, merges that add up to
 * the grid, eastAsia fonts, A4 with GB/T 9704 margins, a PAGE field in the footer).
 * Hostile text comes back as text. A reference .docx's styles, page and header win.
 *
 * JX_DOCX_DUMP=FILE writes the test report there to open it in Word or LibreOffice.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>

#include "render/report_docx.h"

#define HOSTILE "<&>\"'"

static const char *const categories[] = {"项目决策", "项目过程", "项目产出", "项目效益"};
static const int64_t rates[] = {10000, 8750, 9630, 10000};
static const char *const rate_labels[] = {"100.00%", "87.50%", "96.30%", "100.00%"};

/* Every block kind, every paragraph style, merges across and down, a small table,
 * a chart, a page break and text that tries to break the XML. */
static void build(struct report *r, enum report_page page)
{
    report_init(r);
    r->layout = "部门评价报告";
    r->title = "信息化建设项目绩效评价报告" HOSTILE;
    r->subtitle = "（2022年度）";
    r->author = "信丰县行政审批局" HOSTILE;
    r->date = "2023-03-15";
    r->page = page;
    report_add_heading(r, 1, "一、基本情况");
    report_add_heading(r, 2, "（一）项目概况");
    report_add_heading(r, 3, "1.项目名称");
    report_add_paragraph(r, REPORT_PARA_BODY,
                         "项目预算345.30万元，到位率100.00%。" HOSTILE "\x01\x7f end");
    report_add_paragraph(r, REPORT_PARA_BODY, "第一行\n第二行\t制表\xff\xfe坏字节");
    report_add_paragraph(r, REPORT_PARA_PLAIN, "1.无缩进");
    report_add_paragraph(r, REPORT_PARA_CAPTION, "表1 评价情况总表");

    struct report_table *t = report_add_table(r, 5, 4, 2);
    report_cell_set(r, t, 0, 0, "一级指标");
    report_cell_merge(t, 0, 0, 2, 1);
    report_cell_set(r, t, 0, 1, "得分情况");
    report_cell_merge(t, 0, 1, 1, 3);
    report_cell_set(r, t, 1, 1, "分值");
    report_cell_set(r, t, 1, 2, "评价得分");
    report_cell_set(r, t, 1, 3, "得分率（%）");
    report_cell_set(r, t, 2, 0, "项目决策" HOSTILE);
    report_cell_set(r, t, 2, 1, "25.00");
    report_cell_at(t, 2, 1)->align = REPORT_ALIGN_RIGHT;
    report_cell_set(r, t, 2, 2, "25.00\n（满分）");
    report_cell_set(r, t, 2, 3, "100.00%");
    /* A 2x2 block: the second row needs a vMerge continuation spanning two columns. */
    report_cell_set(r, t, 3, 0, "合并");
    report_cell_merge(t, 3, 0, 2, 2);
    report_cell_at(t, 3, 0)->bold = true;
    report_cell_set(r, t, 3, 2, "x");
    report_cell_set(r, t, 4, 3, "y");
    t->col_widths[0] = 400;
    t->col_widths[1] = 200;
    t->col_widths[2] = 200;
    t->col_widths[3] = 200;

    report_add_paragraph(r, REPORT_PARA_NOTE, "注：得分率=评价得分/分值。");
    struct report_chart *c = report_add_chart(r);
    c->kind = REPORT_CHART_BAR;
    c->title = "各一级指标得分率" HOSTILE;
    c->y_unit = "%";
    c->nr_categories = 4;
    c->categories = (const char **)categories;
    c->nr_series = 1;
    c->values = rates;
    c->value_labels = (const char **)rate_labels;
    c->decimals = 2;
    c->y_max = 10000;
    report_add_paragraph(r, REPORT_PARA_SIGNATURE, "信丰县行政审批局\n2023年3月15日");
    struct report_block *b = report_add_paragraph(r, REPORT_PARA_BODY, "居中覆盖");
    b->align = REPORT_ALIGN_CENTER;
    report_add_page_break(r);
    report_add_heading(r, 1, "附表");
    struct report_table *small = report_add_table(r, 2, 2, 1);
    small->small = true;
    report_cell_set(r, small, 0, 0, "指标");
    report_cell_set(r, small, 0, 1, "评分依据");
    report_cell_set(r, small, 1, 0, "预算执行率");
    report_cell_set(r, small, 1, 1, "执行率100%得满分");
}

/* ---- reading the package back ----------------------------------------------------- */

struct pkg {
    size_t n;
    char *names[64];
    char *data[64];
    size_t len[64];
};

static void pkg_open(struct pkg *p, const struct strbuf *bytes)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(bytes->buf, bytes->len, 0, &err);
    assert_non_null(src);
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    assert_non_null(za);
    memset(p, 0, sizeof(*p));
    p->n = (size_t)zip_get_num_entries(za, 0);
    assert_true(p->n > 0 && p->n <= 64);
    for (size_t i = 0; i < p->n; i++) {
        zip_stat_t st;
        assert_int_equal(zip_stat_index(za, i, 0, &st), 0);
        p->names[i] = strdup(st.name);
        p->data[i] = calloc(1, st.size + 1);
        zip_file_t *f = zip_fopen_index(za, i, 0);
        assert_non_null(f);
        assert_int_equal(zip_fread(f, p->data[i], st.size), (zip_int64_t)st.size);
        zip_fclose(f);
        p->len[i] = st.size;
    }
    zip_close(za);
    zip_error_fini(&err);
}

static void pkg_free(struct pkg *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->names[i]);
        free(p->data[i]);
    }
}

static const char *pkg_part(const struct pkg *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++)
        if (!strcmp(p->names[i], name))
            return p->data[i];
    return NULL;
}

static xmlDoc *parse(const struct pkg *p, const char *name)
{
    const char *xml = pkg_part(p, name);
    if (!xml)
        fail_msg("part '%s' missing", name);
    xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), name, NULL, XML_PARSE_NONET);
    if (!doc)
        fail_msg("part '%s' is not well-formed", name);
    return doc;
}

static xmlXPathObject *query(xmlDoc *doc, const char *xpath)
{
    xmlXPathContext *ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, BAD_CAST "w",
                       BAD_CAST "http://schemas.openxmlformats.org/wordprocessingml/2006/main");
    xmlXPathRegisterNs(ctx, BAD_CAST "r",
                       BAD_CAST
                       "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
    xmlXPathRegisterNs(ctx, BAD_CAST "ct",
                       BAD_CAST "http://schemas.openxmlformats.org/package/2006/content-types");
    xmlXPathRegisterNs(ctx, BAD_CAST "rel",
                       BAD_CAST "http://schemas.openxmlformats.org/package/2006/relationships");
    xmlXPathRegisterNs(ctx, BAD_CAST "dc", BAD_CAST "http://purl.org/dc/elements/1.1/");
    xmlXPathRegisterNs(ctx, BAD_CAST "a",
                       BAD_CAST "http://schemas.openxmlformats.org/drawingml/2006/main");
    xmlXPathObject *o = xmlXPathEvalExpression(BAD_CAST xpath, ctx);
    xmlXPathFreeContext(ctx);
    if (!o)
        fail_msg("bad xpath %s", xpath);
    return o;
}

static double number(xmlDoc *doc, const char *xpath)
{
    xmlXPathObject *o = query(doc, xpath);
    double v = xmlXPathCastToNumber(o);
    xmlXPathFreeObject(o);
    return v;
}

/* The string value of the first match (caller frees), "" when none. */
static char *string(xmlDoc *doc, const char *xpath)
{
    xmlXPathObject *o = query(doc, xpath);
    char *s = (char *)xmlXPathCastToString(o);
    xmlXPathFreeObject(o);
    return s;
}

static void assert_string_xpath(xmlDoc *doc, const char *xpath, const char *want)
{
    char *got = string(doc, xpath);
    if (strcmp(got, want))
        fail_msg("%s: got '%s', want '%s'", xpath, got, want);
    xmlFree(got);
}

static void render(const struct report *r, const struct docx_reference *ref, struct strbuf *out)
{
    struct strbuf why = STRBUF_INIT;
    if (report_docx(r, ref, out, &why) < 0)
        fail_msg("report_docx: %s", why.buf);
    strbuf_release(&why);
}

/* ---- the checks --------------------------------------------------------------------- */

static void test_package_is_consistent(void **state)
{
    (void)state;
    struct report r;
    struct strbuf out = STRBUF_INIT;
    struct pkg p;

    build(&r, REPORT_PORTRAIT);
    render(&r, NULL, &out);
    const char *dump = getenv("JX_DOCX_DUMP");
    if (dump) {
        FILE *f = fopen(dump, "wb");
        assert_non_null(f);
        fwrite(out.buf, 1, out.len, f);
        fclose(f);
    }
    pkg_open(&p, &out);
    assert_string_equal(p.names[0], "[Content_Types].xml");
    static const char *const required[] = {
        "_rels/.rels",          "word/document.xml",  "word/styles.xml",
        "word/settings.xml",    "word/fontTable.xml", "word/footer1.xml",
        "docProps/core.xml",    "docProps/app.xml",   "word/_rels/document.xml.rels",
        "word/media/chart1.png"};
    for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++)
        if (!pkg_part(&p, required[i]))
            fail_msg("part '%s' missing", required[i]);

    /* Every XML part parses; every part has a content type. */
    xmlDoc *ct = parse(&p, "[Content_Types].xml");
    for (size_t i = 0; i < p.n; i++) {
        char xp[256];
        const char *dot = strrchr(p.names[i], '.');
        if (!strcmp(dot, ".xml") || !strcmp(dot, ".rels"))
            xmlFreeDoc(parse(&p, p.names[i]));
        if (!strcmp(p.names[i], "[Content_Types].xml"))
            continue;
        snprintf(xp, sizeof(xp),
                 "count(/ct:Types/ct:Override[@PartName='/%s'])+"
                 "count(/ct:Types/ct:Default[@Extension='%s'])",
                 p.names[i], dot + 1);
        if (number(ct, xp) < 1)
            fail_msg("no content type for '%s'", p.names[i]);
    }
    /* Overrides name only parts that exist. */
    xmlXPathObject *ov = query(ct, "/ct:Types/ct:Override/@PartName");
    for (int i = 0; i < ov->nodesetval->nodeNr; i++) {
        char *name = (char *)xmlNodeGetContent(ov->nodesetval->nodeTab[i]);
        if (!pkg_part(&p, name + 1))
            fail_msg("content type for missing part '%s'", name);
        xmlFree(name);
    }
    xmlXPathFreeObject(ov);
    assert_string_xpath(ct,
                        "string(/ct:Types/ct:Override[@PartName='/word/document.xml']/"
                        "@ContentType)",
                        "application/"
                        "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
    xmlFreeDoc(ct);

    /* Every relationship target exists. */
    static const char *const rels[][2] = {{"_rels/.rels", ""},
                                          {"word/_rels/document.xml.rels", "word/"}};
    for (size_t k = 0; k < 2; k++) {
        xmlDoc *doc = parse(&p, rels[k][0]);
        xmlXPathObject *o = query(doc, "/rel:Relationships/rel:Relationship/@Target");
        assert_true(o->nodesetval && o->nodesetval->nodeNr >= 3);
        for (int i = 0; i < o->nodesetval->nodeNr; i++) {
            char *target = (char *)xmlNodeGetContent(o->nodesetval->nodeTab[i]);
            char full[256];
            snprintf(full, sizeof(full), "%s%s", rels[k][1], target);
            if (!pkg_part(&p, full))
                fail_msg("relationship target '%s' missing", full);
            xmlFree(target);
        }
        xmlXPathFreeObject(o);
        xmlFreeDoc(doc);
    }

    /* The document's r:ids all resolve in its relationships. */
    xmlDoc *doc = parse(&p, "word/document.xml");
    xmlDoc *drels = parse(&p, "word/_rels/document.xml.rels");
    xmlXPathObject *ids = query(doc, "//@r:id | //@r:embed");
    assert_int_equal(ids->nodesetval->nodeNr, 2); /* footer reference and the chart */
    for (int i = 0; i < ids->nodesetval->nodeNr; i++) {
        char *id = (char *)xmlNodeGetContent(ids->nodesetval->nodeTab[i]);
        char xp[128];
        snprintf(xp, sizeof(xp), "count(//rel:Relationship[@Id='%s'])", id);
        if (number(drels, xp) != 1)
            fail_msg("r:id '%s' has no relationship", id);
        xmlFree(id);
    }
    xmlXPathFreeObject(ids);
    xmlFreeDoc(drels);

    /* Every style used is defined, with the type it is used as. */
    xmlDoc *styles = parse(&p, "word/styles.xml");
    xmlDoc *footer = parse(&p, "word/footer1.xml");
    xmlDoc *used_in[] = {doc, footer};
    for (size_t k = 0; k < 2; k++) {
        xmlXPathObject *o = query(used_in[k], "//w:pStyle/@w:val | //w:tblStyle/@w:val");
        assert_true(o->nodesetval->nodeNr > 0);
        for (int i = 0; i < o->nodesetval->nodeNr; i++) {
            xmlNode *attr = o->nodesetval->nodeTab[i];
            char *id = (char *)xmlNodeGetContent(attr);
            const char *type =
                !strcmp((const char *)attr->parent->name, "pStyle") ? "paragraph" : "table";
            char xp[160];
            snprintf(xp, sizeof(xp), "count(/w:styles/w:style[@w:styleId='%s'][@w:type='%s'])", id,
                     type);
            if (number(styles, xp) != 1)
                fail_msg("style '%s' (%s) used but not defined once", id, type);
            xmlFree(id);
        }
        xmlXPathFreeObject(o);
    }
    /* Names Word knows, outline levels for the navigation pane, 公文 fonts in eastAsia. */
    assert_string_xpath(styles, "string(//w:style[w:name/@w:val='heading 1']/@w:styleId)",
                        "Heading1");
    assert_int_equal(number(styles, "number(//w:style[w:name/@w:val='heading 2']/w:pPr/"
                                    "w:outlineLvl/@w:val)"),
                     1);
    assert_string_xpath(styles, "string(//w:style[@w:styleId='Normal']/@w:default)", "1");
    assert_string_xpath(styles, "string(//w:style[@w:styleId='Normal']/w:rPr/w:rFonts/@w:eastAsia)",
                        "仿宋");
    assert_string_xpath(styles, "string(//w:style[@w:styleId='Normal']/w:rPr/w:sz/@w:val)", "32");
    assert_string_xpath(
        styles, "string(//w:style[@w:styleId='Normal']/w:pPr/w:ind/@w:firstLineChars)", "200");
    assert_string_xpath(
        styles, "string(//w:style[@w:styleId='Normal']/w:pPr/w:spacing/@w:lineRule)", "exact");
    assert_string_xpath(styles, "string(//w:style[@w:styleId='Title']/w:rPr/w:rFonts/@w:eastAsia)",
                        "方正小标宋简体");
    assert_string_xpath(
        styles, "string(//w:style[@w:styleId='Heading1']/w:rPr/w:rFonts/@w:eastAsia)", "黑体");
    assert_string_xpath(
        styles, "string(//w:style[@w:styleId='Heading2']/w:rPr/w:rFonts/@w:eastAsia)", "楷体");
    assert_string_xpath(styles, "string(//w:style[@w:styleId='Caption']/w:pPr/w:jc/@w:val)",
                        "center");
    assert_string_xpath(styles, "string(//w:style[@w:styleId='Signature']/w:pPr/w:jc/@w:val)",
                        "right");
    xmlDoc *fonts = parse(&p, "word/fontTable.xml");
    assert_string_xpath(fonts, "string(//w:font[@w:name='方正小标宋简体']/w:altName/@w:val)",
                        "宋体");
    xmlFreeDoc(fonts);

    /* Headings use the heading styles, in order. */
    assert_string_xpath(doc, "string((//w:p[w:pPr/w:pStyle/@w:val='Heading1'])[1])",
                        "一、基本情况");
    assert_string_xpath(doc, "string(//w:p[w:pPr/w:pStyle/@w:val='Heading3'])", "1.项目名称");
    assert_string_xpath(doc, "string(//w:p[w:pPr/w:pStyle/@w:val='Title'])",
                        "信息化建设项目绩效评价报告" HOSTILE);
    /* Hostile text is text; forbidden characters and bad bytes are gone. */
    assert_string_xpath(doc, "string(//w:body/w:p[6])",
                        "项目预算345.30万元，到位率100.00%。" HOSTILE " end");
    /* A line break in body text starts a new paragraph; a tab stays a tab. */
    assert_string_xpath(doc, "string(//w:body/w:p[7])", "第一行");
    assert_int_equal(number(doc, "count(//w:body/w:p[8]//w:tab)"), 1);
    assert_string_xpath(doc, "string(//w:body/w:p[8])", "第二行制表坏字节");
    assert_string_xpath(doc, "string(//w:body/w:p[8]/w:pPr/w:pStyle/@w:val)", "Normal");
    assert_int_equal(number(doc, "count(//w:body/w:p[w:pPr/w:pStyle/@w:val='Signature'])"), 2);
    assert_string_xpath(doc, "string(//w:p[w:pPr/w:jc/@w:val='center'][.='居中覆盖'])", "居中覆盖");
    assert_int_equal(number(doc, "count(//w:br[@w:type='page'])"), 1);

    /* Tables: repeating header rows, merges that fill the grid, widths from the model. */
    assert_int_equal(number(doc, "count(//w:tbl)"), 2);
    assert_int_equal(number(doc, "count((//w:tbl)[1]/w:tr[w:trPr/w:tblHeader])"), 2);
    assert_int_equal(number(doc, "count((//w:tbl)[1]//w:tblBorders/*[@w:val='single'])"), 6);
    xmlXPathObject *rows = query(doc, "(//w:tbl)[1]/w:tr");
    assert_int_equal(rows->nodesetval->nodeNr, 5);
    for (int i = 0; i < rows->nodesetval->nodeNr; i++) {
        xmlXPathContext *ctx = xmlXPathNewContext(doc);
        xmlXPathRegisterNs(ctx, BAD_CAST "w",
                           BAD_CAST "http://schemas.openxmlformats.org/wordprocessingml/2006/"
                                    "main");
        ctx->node = rows->nodesetval->nodeTab[i];
        xmlXPathObject *o =
            xmlXPathEvalExpression(BAD_CAST "count(w:tc) + sum(w:tc/w:tcPr/w:gridSpan/@w:val) - "
                                            "count(w:tc/w:tcPr/w:gridSpan)",
                                   ctx);
        if (xmlXPathCastToNumber(o) != 4)
            fail_msg("row %d covers %g grid columns, not 4", i, xmlXPathCastToNumber(o));
        xmlXPathFreeObject(o);
        xmlXPathFreeContext(ctx);
    }
    xmlXPathFreeObject(rows);
    assert_int_equal(number(doc, "count((//w:tbl)[1]//w:vMerge[@w:val='restart'])"), 2);
    assert_int_equal(number(doc, "count((//w:tbl)[1]//w:vMerge[not(@w:val)])"), 2);
    assert_int_equal(number(doc, "number((//w:tbl)[1]/w:tr[5]/w:tc[1]/w:tcPr/w:gridSpan/@w:val)"),
                     2);
    assert_int_equal(number(doc, "sum((//w:tbl)[1]/w:tblGrid/w:gridCol/@w:w)"), 8845);
    assert_int_equal(number(doc, "number((//w:tbl)[1]/w:tblGrid/w:gridCol[1]/@w:w)"), 3538);
    assert_string_xpath(doc, "string((//w:tbl)[1]/w:tr[3]/w:tc[1])", "项目决策" HOSTILE);
    assert_string_xpath(doc, "string((//w:tbl)[1]/w:tr[3]/w:tc[2]//w:jc/@w:val)", "right");
    assert_int_equal(number(doc, "count((//w:tbl)[1]/w:tr[3]/w:tc[3]//w:br)"), 1);
    assert_int_equal(number(doc, "count((//w:tbl)[1]/w:tr[4]/w:tc[1]//w:b)"), 1);
    assert_string_xpath(doc, "string((//w:tbl)[2]//w:r/w:rPr/w:sz/@w:val)", "18");
    assert_string_xpath(doc, "string((//w:tbl)[2]/w:tblPr/w:tblCellMar/w:left/@w:w)", "43");
    assert_string_xpath(doc, "string((//w:tbl)[1]/w:tr[3]//w:r/w:rPr/w:sz/@w:val)", "24");
    /* The last table is followed by a paragraph before the section properties. */
    assert_int_equal(number(doc, "count(//w:body/w:tbl[last()]/following-sibling::w:p)"), 1);

    /* The chart is an inline picture with its title as alternative text. */
    assert_int_equal(number(doc, "count(//w:drawing/*[local-name()='inline'])"), 1);
    assert_string_xpath(doc, "string(//*[local-name()='docPr']/@descr)",
                        "各一级指标得分率" HOSTILE);
    const char *png = pkg_part(&p, "word/media/chart1.png");
    /* A PNG at the chart module's size (420 x 240 pt) and 144 dpi: 840 x 480, grey. */
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x03\x48\0\0\x01\xe0\x08\0", 26);
    assert_int_equal(number(doc, "number(//*[local-name()='extent']/@cx)"), 5334000);

    /* A4 portrait, GB/T 9704 margins, footer with a PAGE field. */
    assert_int_equal(number(doc, "number(//w:body/w:sectPr/w:pgSz/@w:w)"), 11906);
    assert_int_equal(number(doc, "number(//w:body/w:sectPr/w:pgSz/@w:h)"), 16838);
    assert_int_equal(number(doc, "count(//w:body/w:sectPr/w:pgSz/@w:orient)"), 0);
    assert_int_equal(number(doc, "number(//w:sectPr/w:pgMar/@w:top)"), 2098);
    assert_int_equal(number(doc, "number(//w:sectPr/w:pgMar/@w:bottom)"), 1984);
    assert_int_equal(number(doc, "number(//w:sectPr/w:pgMar/@w:left)"), 1587);
    assert_int_equal(number(doc, "number(//w:sectPr/w:pgMar/@w:right)"), 1474);
    assert_string_xpath(footer, "normalize-space(//w:instrText)", "PAGE");
    assert_string_xpath(footer, "string(//w:jc/@w:val)", "center");
    assert_string_xpath(footer, "string(/w:ftr/w:p)", "—  PAGE 1 —");

    xmlDoc *core = parse(&p, "docProps/core.xml");
    assert_string_xpath(core, "string(//dc:creator)", "信丰县行政审批局" HOSTILE);
    assert_string_xpath(core, "string(//dc:title)", "信息化建设项目绩效评价报告" HOSTILE);
    assert_string_xpath(core, "string(//*[local-name()='created'])", "2023-03-15T00:00:00Z");
    xmlFreeDoc(core);

    xmlFreeDoc(footer);
    xmlFreeDoc(styles);
    xmlFreeDoc(doc);
    pkg_free(&p);
    strbuf_release(&out);
    report_release(&r);
}

static void test_same_input_same_bytes(void **state)
{
    (void)state;
    struct report r;
    struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

    build(&r, REPORT_PORTRAIT);
    render(&r, NULL, &a);
    render(&r, NULL, &b);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.buf, b.buf, a.len);
    strbuf_release(&a);
    strbuf_release(&b);
    report_release(&r);
}

static void test_landscape(void **state)
{
    (void)state;
    struct report r;
    struct strbuf out = STRBUF_INIT;
    struct pkg p;

    build(&r, REPORT_LANDSCAPE);
    r.date = "not a date";
    render(&r, NULL, &out);
    pkg_open(&p, &out);
    xmlDoc *doc = parse(&p, "word/document.xml");
    assert_int_equal(number(doc, "number(//w:sectPr/w:pgSz/@w:w)"), 16838);
    assert_int_equal(number(doc, "number(//w:sectPr/w:pgSz/@w:h)"), 11906);
    assert_string_xpath(doc, "string(//w:sectPr/w:pgSz/@w:orient)", "landscape");
    assert_int_equal(number(doc, "sum((//w:tbl)[1]/w:tblGrid/w:gridCol/@w:w)"), 13777);
    xmlDoc *core = parse(&p, "docProps/core.xml");
    assert_int_equal(number(core, "count(//*[local-name()='created'])"), 0);
    xmlFreeDoc(core);
    xmlFreeDoc(doc);
    pkg_free(&p);
    strbuf_release(&out);
    report_release(&r);
}

/* ---- --reference-docx ------------------------------------------------------------- */

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define R_NS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

/* What Chinese Word saves: localised style ids, its own fonts, no caption style, and an
 * id "Caption" taken by a character style, so the renderer must not reuse it. */
static const char ref_styles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles " W_NS ">"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"a\"><w:name w:val=\"Normal\"/>"
    "<w:rPr><w:rFonts w:eastAsia=\"仿宋_GB2312\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/>"
    "<w:basedOn w:val=\"a\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"2\"><w:name w:val=\"Heading 2\"/></w:style>"
    "<w:style w:type=\"character\" w:styleId=\"Caption\"><w:name w:val=\"my caption\"/>"
    "</w:style></w:styles>";
static const char ref_document[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W_NS " " R_NS "><w:body>"
    "<w:p><w:pPr><w:sectPr><w:pgSz w:w=\"1\" w:h=\"1\"/></w:sectPr></w:pPr></w:p>"
    "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId8\"/>"
    "<w:footerReference w:type=\"default\" r:id=\"rId9\"/>"
    "<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1800\" "
    "w:bottom=\"1440\" w:left=\"1800\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>"
    "</w:sectPr></w:body></w:document>";
static const char ref_header[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:hdr " W_NS " " R_NS "><w:p><w:r>"
    "<w:t>某某单位</w:t></w:r><w:r><w:drawing><pic r:embed=\"rId1\"/></w:drawing></w:r>"
    "<w:hyperlink r:id=\"rId2\"><w:r><w:t>link</w:t></w:r></w:hyperlink></w:p></w:hdr>";
static const char ref_footer[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:ftr " W_NS "><w:p><w:r><w:t>第页</w:t>"
    "</w:r></w:p></w:ftr>";
static const char ref_numbering[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering " W_NS "/>";

static void test_reference(void **state)
{
    (void)state;
    struct report r;
    struct strbuf out = STRBUF_INIT;
    struct pkg p;
    struct docx_reference ref = {ref_styles, ref_document, ref_header, ref_footer, ref_numbering};

    build(&r, REPORT_PORTRAIT);
    render(&r, &ref, &out);
    pkg_open(&p, &out);
    xmlDoc *doc = parse(&p, "word/document.xml");
    xmlDoc *styles = parse(&p, "word/styles.xml");
    /* The reference's own styles are used under their ids and kept as they are. */
    assert_string_xpath(doc, "string((//w:body/w:p[w:pPr/w:pStyle/@w:val='1'])[1])",
                        "一、基本情况");
    assert_int_equal(number(doc, "count(//w:pStyle[@w:val='2'])"), 1);
    assert_int_equal(number(doc, "count(//w:pStyle[@w:val='Heading1'])"), 0);
    assert_string_xpath(doc, "string(//w:body/w:p[6]/w:pPr/w:pStyle/@w:val)", "a");
    assert_string_xpath(styles, "string(//w:style[@w:styleId='a']/w:rPr/w:rFonts/@w:eastAsia)",
                        "仿宋_GB2312");
    assert_int_equal(number(styles, "count(//w:style[@w:styleId='1']/w:rPr)"), 0);
    /* Missing ones are added, based on the reference's Normal, without id clashes. */
    assert_string_xpath(styles, "string(//w:style[w:name/@w:val='Title']/w:basedOn/@w:val)", "a");
    assert_string_xpath(styles, "string(//w:style[w:name/@w:val='caption']/@w:styleId)",
                        "JxCaption");
    assert_int_equal(number(styles, "count(//w:style[@w:styleId='Caption'])"), 1);
    xmlXPathObject *o = query(doc, "//w:pStyle/@w:val | //w:tblStyle/@w:val");
    for (int i = 0; i < o->nodesetval->nodeNr; i++) {
        char *id = (char *)xmlNodeGetContent(o->nodesetval->nodeTab[i]);
        char xp[128];
        snprintf(xp, sizeof(xp), "count(//w:style[@w:styleId='%s'])", id);
        if (number(styles, xp) != 1)
            fail_msg("style '%s' used but not defined once", id);
        xmlFree(id);
    }
    xmlXPathFreeObject(o);
    /* The reference's page setup, our header and footer relationships. */
    assert_int_equal(number(doc, "number(//w:body/w:sectPr/w:pgMar/@w:left)"), 1800);
    assert_int_equal(number(doc, "count(//w:body/w:sectPr/w:headerReference)"), 1);
    assert_string_xpath(doc, "string(//w:body/w:sectPr/w:headerReference/@r:id)", "rIdHeader");
    assert_string_xpath(doc, "string(//w:body/w:sectPr/w:footerReference/@r:id)", "rIdFooter");
    assert_string_xpath(doc, "local-name(//w:body/w:sectPr/*[1])", "headerReference");
    assert_int_equal(number(doc, "sum((//w:tbl)[1]/w:tblGrid/w:gridCol/@w:w)"), 8306);
    xmlDoc *hdr = parse(&p, "word/header1.xml");
    assert_string_xpath(hdr, "string(/w:hdr)", "某某单位");
    assert_int_equal(number(hdr, "count(//@r:*)"), 0);
    xmlFreeDoc(hdr);
    xmlDoc *ftr = parse(&p, "word/footer1.xml");
    assert_string_xpath(ftr, "string(/w:ftr)", "第页");
    xmlFreeDoc(ftr);
    assert_non_null(pkg_part(&p, "word/numbering.xml"));
    xmlDoc *rels = parse(&p, "word/_rels/document.xml.rels");
    assert_int_equal(number(rels, "count(//rel:Relationship[@Target='header1.xml'])"), 1);
    assert_int_equal(number(rels, "count(//rel:Relationship[@Target='numbering.xml'])"), 1);
    xmlFreeDoc(rels);
    xmlDoc *ct = parse(&p, "[Content_Types].xml");
    assert_int_equal(number(ct, "count(//ct:Override[@PartName='/word/header1.xml'])"), 1);
    assert_int_equal(number(ct, "count(//ct:Override[@PartName='/word/numbering.xml'])"), 1);
    xmlFreeDoc(ct);

    xmlFreeDoc(styles);
    xmlFreeDoc(doc);
    pkg_free(&p);
    strbuf_release(&out);
    report_release(&r);
}

static void test_reference_landscape_and_partial(void **state)
{
    (void)state;
    struct report r;
    struct strbuf out = STRBUF_INIT;
    struct pkg p;
    struct docx_reference ref = {NULL, ref_document, ref_header, NULL, NULL};

    build(&r, REPORT_LANDSCAPE);
    render(&r, &ref, &out);
    pkg_open(&p, &out);
    xmlDoc *doc = parse(&p, "word/document.xml");
    assert_int_equal(number(doc, "number(//w:body/w:sectPr/w:pgSz/@w:w)"), 16838);
    assert_string_xpath(doc, "string(//w:body/w:sectPr/w:pgSz/@w:orient)", "landscape");
    assert_int_equal(number(doc, "sum((//w:tbl)[1]/w:tblGrid/w:gridCol/@w:w)"), 13238);
    /* Built-in styles and footer, the reference's header. */
    assert_int_equal(number(doc, "count(//w:pStyle[@w:val='Heading1'])"), 2);
    xmlDoc *ftr = parse(&p, "word/footer1.xml");
    assert_string_xpath(ftr, "normalize-space(//w:instrText)", "PAGE");
    xmlFreeDoc(ftr);
    assert_non_null(pkg_part(&p, "word/header1.xml"));
    assert_null(pkg_part(&p, "word/numbering.xml"));
    xmlFreeDoc(doc);
    pkg_free(&p);
    strbuf_release(&out);
    report_release(&r);
}

/* Style ids are the reference's text: quotes and ampersands must come back escaped, and
 * the fallback id for an added style must itself be free. */
static void test_reference_hostile_ids(void **state)
{
    (void)state;
    static const char styles_xml[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles " W_NS ">"
        "<w:style w:type=\"paragraph\" w:styleId=\"N&amp;x&quot;\"><w:name w:val=\"Normal\"/>"
        "</w:style><w:style w:type=\"character\" w:styleId=\"Caption\"><w:name w:val=\"c1\"/>"
        "</w:style><w:style w:type=\"character\" w:styleId=\"JxCaption\"><w:name "
        "w:val=\"c2\"/></w:style></w:styles>";
    struct report r;
    struct strbuf out = STRBUF_INIT;
    struct pkg p;
    struct docx_reference ref = {styles_xml, NULL, NULL, NULL, NULL};

    build(&r, REPORT_PORTRAIT);
    render(&r, &ref, &out);
    pkg_open(&p, &out);
    xmlDoc *styles = parse(&p, "word/styles.xml");
    xmlDoc *doc = parse(&p, "word/document.xml");
    assert_string_xpath(styles, "string(//w:style[w:name/@w:val='Title']/w:basedOn/@w:val)",
                        "N&x\"");
    assert_string_xpath(styles, "string(//w:style[w:name/@w:val='caption']/@w:styleId)",
                        "JxCaption2");
    assert_int_equal(number(styles, "count(//w:style[@w:styleId='JxCaption'])"), 1);
    assert_int_equal(number(doc, "count(//w:pStyle[@w:val='N&x\"'])") > 0, 1);
    xmlFreeDoc(doc);
    xmlFreeDoc(styles);
    pkg_free(&p);
    strbuf_release(&out);
    report_release(&r);
}

/* A DTD in a reference part must not reach the output (Word refuses parts with one) and
 * its entities must not be expanded into a bomb. */
#define LAUGHS                                                                                     \
    "<!DOCTYPE w:hdr [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"           \
    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">" \
    "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">" \
    "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\"><!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">" \
    "<!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\"><!ENTITY j "                                    \
    "\"&i;&i;&i;&i;&i;&i;&i;&i;&i;&i;\">]>"

static void test_reference_dtd(void **state)
{
    (void)state;
    static const char header_xml[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        "<!DOCTYPE w:hdr [<!ENTITY x \"y\">]><w:hdr " W_NS ">"
        "<w:p><w:r><w:t xml:space=\"&x;\">&x;单位</w:t></w:r></w:p></w:hdr>";
    static const char bomb_xml[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" LAUGHS
                                   "<w:hdr " W_NS "><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:hdr>";
    static const char numbering_xml[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                        "<!DOCTYPE w:numbering [<!ENTITY x \"y\">]>"
                                        "<w:numbering " W_NS "/>";
    static const char styles_xml[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                     "<!DOCTYPE w:styles [<!ENTITY x \"y\">]><w:styles " W_NS ">"
                                     "<w:style w:type=\"paragraph\" w:styleId=\"a\"><w:name "
                                     "w:val=\"Normal\"/></w:style></w:styles>";
    struct report r;
    struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
    struct pkg p;
    struct docx_reference ref = {styles_xml, ref_document, header_xml, NULL, numbering_xml};
    struct docx_reference bomb = {NULL, NULL, bomb_xml, NULL, NULL};

    build(&r, REPORT_PORTRAIT);
    render(&r, &ref, &out);
    pkg_open(&p, &out);
    static const char *const parts[] = {"word/header1.xml", "word/numbering.xml", "word/styles.xml",
                                        "word/document.xml"};
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        const char *part = pkg_part(&p, parts[i]);
        assert_non_null(part);
        if (strstr(part, "<!DOCTYPE") || strstr(part, "<!ENTITY") || strstr(part, "&x;"))
            fail_msg("%s keeps the reference's DTD", parts[i]);
    }
    xmlDoc *hdr = parse(&p, "word/header1.xml");
    assert_string_xpath(hdr, "string(/w:hdr)", "单位");
    xmlFreeDoc(hdr);
    pkg_free(&p);

    /* A billion laughs is refused with a message, quickly, and nothing is written. */
    struct timespec t0, t1;
    strbuf_reset(&out);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(report_docx(&r, &bomb, &out, &why), -1);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_non_null(strstr(why.buf, "header"));
    assert_int_equal(out.len, 0);
    assert_true(t1.tv_sec - t0.tv_sec < 2);
    strbuf_release(&why);
    strbuf_release(&out);
    report_release(&r);
}

static void test_bad_reference(void **state)
{
    (void)state;
    struct report r;
    struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
    struct docx_reference bad_styles = {"<w:styles", NULL, NULL, NULL, NULL};
    struct docx_reference bad_header = {NULL, NULL, "<html/>", NULL, NULL};
    struct docx_reference bad_numbering = {NULL, NULL, NULL, NULL, "<a><b></a>"};

    build(&r, REPORT_PORTRAIT);
    assert_int_equal(report_docx(&r, &bad_styles, &out, &why), -1);
    assert_non_null(strstr(why.buf, "styles.xml"));
    strbuf_reset(&why);
    assert_int_equal(report_docx(&r, &bad_header, &out, &why), -1);
    assert_non_null(strstr(why.buf, "header"));
    strbuf_reset(&why);
    assert_int_equal(report_docx(&r, &bad_numbering, &out, &why), -1);
    assert_non_null(strstr(why.buf, "numbering.xml"));
    assert_int_equal(out.len, 0);
    strbuf_release(&why);
    strbuf_release(&out);
    report_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_package_is_consistent),
        cmocka_unit_test(test_same_input_same_bytes),
        cmocka_unit_test(test_landscape),
        cmocka_unit_test(test_reference),
        cmocka_unit_test(test_reference_landscape_and_partial),
        cmocka_unit_test(test_reference_hostile_ids),
        cmocka_unit_test(test_reference_dtd),
        cmocka_unit_test(test_bad_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
