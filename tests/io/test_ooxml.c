/*
 * The OOXML package reader on archives built here with libzip: a normal package, a missing
 * part, a zip bomb part over the cap (also with its declared sizes forged small, so only
 * the count while inflating can catch it), an encrypted part, garbage bytes, an old OLE
 * file and an empty file.
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

#include "core/xalloc.h"
#include "io/ooxml.h"

struct part {
    const char *name;
    const char *data;
    size_t len;
    bool encrypt;
};

/* Builds a zip archive in memory from parts; the caller frees the returned bytes. */
static char *make_zip(const struct part *parts, size_t n, size_t *len)
{
    zip_error_t err;
    zip_source_t *src;
    zip_t *za;
    zip_stat_t st;
    char *buf;

    zip_error_init(&err);
    src = zip_source_buffer_create(NULL, 0, 0, &err);
    assert_non_null(src);
    zip_source_keep(src);
    za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
    assert_non_null(za);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *ps = zip_source_buffer(za, parts[i].data, parts[i].len, 0);
        zip_int64_t idx;

        assert_non_null(ps);
        idx = zip_file_add(za, parts[i].name, ps, ZIP_FL_ENC_UTF_8);
        assert_true(idx >= 0);
        if (parts[i].encrypt)
            assert_int_equal(
                zip_file_set_encryption(za, (zip_uint64_t)idx, ZIP_EM_AES_256, "secret"), 0);
    }
    assert_int_equal(zip_close(za), 0);
    assert_int_equal(zip_source_stat(src, &st), 0);
    *len = (size_t)st.size;
    buf = xmalloc(*len ? *len : 1);
    assert_int_equal(zip_source_open(src), 0);
    assert_int_equal(zip_source_read(src, buf, *len), (zip_int64_t)*len);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&err);
    return buf;
}

static const char content_types[] = "<?xml version=\"1.0\"?><Types/>";
static const char document[] = "<w:document><w:body><w:p><w:r><w:t>一、基本情况</w:t></w:r></w:p>"
                               "</w:body></w:document>";

static void test_normal(void **state)
{
    struct part parts[] = {{"[Content_Types].xml", content_types, sizeof content_types - 1, 0},
                           {"word/document.xml", document, sizeof document - 1, 0}};
    struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
    struct ooxml *z;
    size_t len;
    char *zip = make_zip(parts, 2, &len);

    (void)state;
    assert_int_equal(ooxml_open(zip, len, "a.docx", &z, &why), 0);
    assert_int_equal(ooxml_count(z), 2);
    assert_string_equal(ooxml_name(z, 0), "[Content_Types].xml");
    assert_string_equal(ooxml_name(z, 1), "word/document.xml");
    assert_true(ooxml_has(z, "word/document.xml"));
    assert_int_equal(ooxml_read(z, "word/document.xml", &out, &why), 0);
    assert_int_equal(out.len, sizeof document - 1);
    assert_string_equal(out.buf, document);
    /* reading again replaces, not appends */
    assert_int_equal(ooxml_read(z, "[Content_Types].xml", &out, &why), 0);
    assert_string_equal(out.buf, content_types);
    assert_int_equal(why.len, 0);
    ooxml_close(z);
    free(zip);
    strbuf_release(&out);
    strbuf_release(&why);
}

static void test_missing_part(void **state)
{
    struct part parts[] = {{"[Content_Types].xml", content_types, sizeof content_types - 1, 0}};
    struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
    struct ooxml *z;
    size_t len;
    char *zip = make_zip(parts, 1, &len);

    (void)state;
    assert_int_equal(ooxml_open(zip, len, "a.docx", &z, &why), 0);
    assert_false(ooxml_has(z, "word/document.xml"));
    /* names are exact: no case folding */
    assert_false(ooxml_has(z, "[content_types].xml"));
    assert_int_equal(ooxml_read(z, "word/document.xml", &out, &why), 1);
    assert_int_equal(out.len, 0);
    assert_int_equal(why.len, 0);
    ooxml_close(z);
    free(zip);
    strbuf_release(&out);
    strbuf_release(&why);
}

/* Patches every declared uncompressed size (local headers and central directory) to 100. */
static void forge_sizes(char *zip, size_t len)
{
    for (size_t i = 0; i + 46 <= len; i++) {
        unsigned char *p = (unsigned char *)zip + i;
        size_t at;

        if (p[0] != 'P' || p[1] != 'K')
            continue;
        if (p[2] == 3 && p[3] == 4)
            at = 22;
        else if (p[2] == 1 && p[3] == 2)
            at = 24;
        else
            continue;
        p[at] = 100;
        p[at + 1] = 0;
        p[at + 2] = 0;
        p[at + 3] = 0;
    }
}

static void bomb(bool forged)
{
    size_t big = (size_t)OOXML_MAX_PART + 4096;
    char *zeros = xcalloc(big, 1);
    struct part parts[] = {{"word/document.xml", zeros, big, 0}};
    struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
    struct ooxml *z;
    size_t len;
    char *zip = make_zip(parts, 1, &len);

    free(zeros);
    /* deflate turns 64 MiB of zeros into a few dozen KiB: that is the bomb */
    assert_true(len < big / 100);
    if (forged)
        forge_sizes(zip, len);
    if (ooxml_open(zip, len, "bomb.docx", &z, &why) == 0) {
        assert_int_equal(ooxml_read(z, "word/document.xml", &out, &why), -1);
        assert_int_equal(out.len, 0);
        ooxml_close(z);
    }
    assert_non_null(strstr(why.buf, "bomb.docx"));
    /* forged or not, the count of inflated bytes is what stops it */
    assert_non_null(strstr(why.buf, "inflates to more than 64 MiB"));
    free(zip);
    strbuf_release(&out);
    strbuf_release(&why);
}

static void test_bomb(void **state)
{
    (void)state;
    bomb(false);
}

static void test_bomb_forged_sizes(void **state)
{
    (void)state;
    bomb(true);
}

static void test_encrypted(void **state)
{
    struct part parts[] = {{"word/document.xml", document, sizeof document - 1, true}};
    struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
    struct ooxml *z;
    size_t len;
    char *zip = make_zip(parts, 1, &len);

    (void)state;
    assert_int_equal(ooxml_open(zip, len, "locked.docx", &z, &why), 0);
    assert_int_equal(ooxml_read(z, "word/document.xml", &out, &why), -1);
    assert_string_equal(why.buf, "'locked.docx' is encrypted; save it without a password");
    ooxml_close(z);
    free(zip);
    strbuf_release(&out);
    strbuf_release(&why);
}

static void expect_refused(const char *data, size_t len, const char *want)
{
    struct strbuf why = STRBUF_INIT;
    struct ooxml *z = (struct ooxml *)1;

    assert_int_equal(ooxml_open(data, len, "x.docx", &z, &why), -1);
    assert_null(z);
    assert_string_equal(why.buf, want);
    strbuf_release(&why);
}

static void test_garbage(void **state)
{
    static const char text[] = "一、基本情况\n这不是压缩包。\n";

    (void)state;
    expect_refused(text, sizeof text - 1,
                   "'x.docx' is not a zip archive (is it an old .doc/.xls? save it as "
                   ".docx/.xlsx)");
}

static void test_old_doc(void **state)
{
    static const char ole[16] = {'\xd0', '\xcf', '\x11', '\xe0', '\xa1', '\xb1', '\x1a', '\xe1'};

    (void)state;
    expect_refused(ole, sizeof ole,
                   "'x.docx' is an OLE compound file: an old .doc/.xls or a password-protected "
                   "document; save it without a password as .docx/.xlsx");
}

static void test_empty(void **state)
{
    (void)state;
    expect_refused("", 0, "'x.docx' is empty (0 bytes); save it again as .docx/.xlsx");
}

static void test_truncated(void **state)
{
    struct part parts[] = {{"word/document.xml", document, sizeof document - 1, 0}};
    struct strbuf why = STRBUF_INIT;
    struct ooxml *z;
    size_t len;
    char *zip = make_zip(parts, 1, &len);

    (void)state;
    /* cut off the central directory: what is left starts like a zip but is not one */
    assert_int_equal(ooxml_open(zip, len / 2, "cut.docx", &z, &why), -1);
    assert_null(z);
    assert_non_null(strstr(why.buf, "'cut.docx'"));
    free(zip);
    strbuf_release(&why);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normal),    cmocka_unit_test(test_missing_part),
        cmocka_unit_test(test_bomb),      cmocka_unit_test(test_bomb_forged_sizes),
        cmocka_unit_test(test_encrypted), cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_old_doc),   cmocka_unit_test(test_empty),
        cmocka_unit_test(test_truncated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
