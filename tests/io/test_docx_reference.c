/*
 * Reading a reference .docx for --reference-docx: the fixture made by LibreOffice from
 * tests/data/render/reference.fodt gives its styles, body section, default header and
 * footer and numbering; packages built here cover what a unit's file may lack (no
 * header, a header relationship to a missing part, an absolute target) and what is not
 * a Word document at all.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "io/docx_reference.h"

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define R_NS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL_NS "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\""
#define REL_HEADER "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"

static void slurp(const char *path, struct strbuf *out)
{
    FILE *f = fopen(path, "rb");
    char buf[8192];
    size_t n;

    if (!f)
        fail_msg("cannot open %s", path);
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        strbuf_add(out, buf, n);
    fclose(f);
}

/* A package of the given parts (name, content pairs, NULL-terminated) in memory. */
static void make_zip(struct strbuf *out, const char *const *parts)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *buf = zip_source_buffer_create(NULL, 0, 0, &err);
    assert_non_null(buf);
    zip_source_keep(buf);
    zip_t *za = zip_open_from_source(buf, ZIP_TRUNCATE, &err);
    assert_non_null(za);
    for (size_t i = 0; parts[i]; i += 2) {
        zip_source_t *s = zip_source_buffer(za, parts[i + 1], strlen(parts[i + 1]), 0);
        assert_true(zip_file_add(za, parts[i], s, 0) >= 0);
    }
    assert_int_equal(zip_close(za), 0);
    zip_stat_t st;
    assert_int_equal(zip_source_stat(buf, &st), 0);
    assert_int_equal(zip_source_open(buf), 0);
    strbuf_grow(out, st.size);
    assert_int_equal(zip_source_read(buf, out->buf, st.size), (zip_int64_t)st.size);
    strbuf_setlen(out, st.size);
    zip_source_close(buf);
    zip_source_free(buf);
    zip_error_fini(&err);
}

static void test_fixture(void **state)
{
    (void)state;
    struct strbuf data = STRBUF_INIT, why = STRBUF_INIT;
    struct docx_reference_parts p;

    slurp(JX_TEST_DATA "/render/reference.docx", &data);
    docx_reference_parts_init(&p);
    if (docx_reference_read(data.buf, data.len, "reference.docx", &p, &why) < 0)
        fail_msg("%s", why.buf);
    assert_true(p.has_document && p.has_styles && p.has_header && p.has_footer && p.has_numbering);
    assert_non_null(strstr(p.document_xml.buf, "<w:pgMar w:left=\"1134\""));
    assert_non_null(strstr(p.styles_xml.buf, "w:val=\"Heading 1\""));
    assert_non_null(strstr(p.header_xml.buf, "某某县财政局绩效评价报告"));
    assert_non_null(strstr(p.header_xml.buf, "<w:hdr"));
    assert_non_null(strstr(p.footer_xml.buf, " PAGE "));
    assert_non_null(strstr(p.footer_xml.buf, "<w:ftr"));
    assert_non_null(strstr(p.numbering_xml.buf, "<w:numbering"));
    docx_reference_parts_release(&p);
    assert_false(p.has_document);
    assert_int_equal(p.styles_xml.len, 0);
    strbuf_release(&why);
    strbuf_release(&data);
}

static const char doc_with_header[] =
    "<w:document " W_NS " " R_NS "><w:body><w:p/><w:sectPr>"
    "<w:headerReference w:type=\"first\" r:id=\"rIdFirst\"/>"
    "<w:headerReference r:id=\"rIdH\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
    "</w:sectPr></w:body></w:document>";

static void test_minimal_packages(void **state)
{
    (void)state;
    struct strbuf data = STRBUF_INIT, why = STRBUF_INIT;
    struct docx_reference_parts p;

    /* Only a document: nothing else is required. */
    static const char *const bare[] = {
        "word/document.xml", "<w:document " W_NS "><w:body><w:p/></w:body></w:document>", NULL};
    make_zip(&data, bare);
    docx_reference_parts_init(&p);
    assert_int_equal(docx_reference_read(data.buf, data.len, "bare.docx", &p, &why), 0);
    assert_true(p.has_document);
    assert_false(p.has_styles || p.has_header || p.has_footer || p.has_numbering);
    docx_reference_parts_release(&p);

    /* The default header (no w:type means default), found through an absolute target;
     * the first-page header is not taken. */
    static const char *const absolute[] = {
        "word/document.xml",
        doc_with_header,
        "word/_rels/document.xml.rels",
        "<Relationships " REL_NS "><Relationship Id=\"rIdFirst\" Type=\"" REL_HEADER
        "\" Target=\"first.xml\"/><Relationship Id=\"rIdH\" Type=\"" REL_HEADER
        "\" Target=\"/word/hdr/h.xml\"/></Relationships>",
        "word/first.xml",
        "<w:hdr " W_NS "><w:p><w:r><w:t>首页</w:t></w:r></w:p></w:hdr>",
        "word/hdr/h.xml",
        "<w:hdr " W_NS "><w:p><w:r><w:t>页眉</w:t></w:r></w:p></w:hdr>",
        NULL};
    strbuf_reset(&data);
    make_zip(&data, absolute);
    docx_reference_parts_init(&p);
    assert_int_equal(docx_reference_read(data.buf, data.len, "abs.docx", &p, &why), 0);
    assert_true(p.has_header);
    assert_false(p.has_footer);
    assert_non_null(strstr(p.header_xml.buf, "页眉"));
    docx_reference_parts_release(&p);

    /* A relationship to a part that is not there: no header, not an error. */
    static const char *const dangling[] = {
        "word/document.xml", doc_with_header, "word/_rels/document.xml.rels",
        "<Relationships " REL_NS "><Relationship Id=\"rIdH\" Type=\"" REL_HEADER
        "\" Target=\"gone.xml\"/></Relationships>",
        NULL};
    strbuf_reset(&data);
    make_zip(&data, dangling);
    docx_reference_parts_init(&p);
    assert_int_equal(docx_reference_read(data.buf, data.len, "gone.docx", &p, &why), 0);
    assert_false(p.has_header);
    docx_reference_parts_release(&p);
    assert_int_equal(why.len, 0);
    strbuf_release(&why);
    strbuf_release(&data);
}

static void expect_refused(const char *data, size_t len, const char *name, const char *want)
{
    struct strbuf why = STRBUF_INIT;
    struct docx_reference_parts p;

    docx_reference_parts_init(&p);
    assert_int_equal(docx_reference_read(data, len, name, &p, &why), -1);
    if (!strstr(why.buf, want) || !strstr(why.buf, name))
        fail_msg("message '%s' lacks '%s' or '%s'", why.buf, want, name);
    docx_reference_parts_release(&p);
    strbuf_release(&why);
}

static void test_not_a_word_document(void **state)
{
    (void)state;
    struct strbuf data = STRBUF_INIT;

    expect_refused("{\\rtf1 not a zip}", 16, "old.doc", "zip");

    static const char *const sheet[] = {"xl/workbook.xml", "<workbook/>", NULL};
    make_zip(&data, sheet);
    expect_refused(data.buf, data.len, "book.xlsx", "no word/document.xml");

    static const char *const broken[] = {"word/document.xml", "<w:document " W_NS "><w:body>",
                                         NULL};
    strbuf_reset(&data);
    make_zip(&data, broken);
    expect_refused(data.buf, data.len, "broken.docx", "not a Word document body");

    static const char *const foreign[] = {"word/document.xml", "<html><body/></html>", NULL};
    strbuf_reset(&data);
    make_zip(&data, foreign);
    expect_refused(data.buf, data.len, "foreign.docx", "not a Word document body");
    strbuf_release(&data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture),
        cmocka_unit_test(test_minimal_packages),
        cmocka_unit_test(test_not_a_word_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
