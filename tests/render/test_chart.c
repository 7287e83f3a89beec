/*
 * The chart module: PNG decodes at the size the dpi asks for and is not blank, the SVG
 * parses as XML with its ids unique and renamed, the text is escaped, the same chart
 * gives the same bytes, and chart_draw draws on a caller's (PDF) surface.
 *
 * JX_CHART_DUMP=DIR writes the test charts there (PNG, SVG, PDF) to look at them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

/* Included to reach the tick helpers (static); the library's copy is then not linked. */
#include "../../src/render/chart.c"

static const char *const categories[] = {"项目决策", "项目过程", "项目产出", "项目效益"};
static const int64_t rates[] = {10000, 8750, 9630, 10000};
static const char *const rate_labels[] = {"100.00%", "87.50%", "96.30%", "100.00%"};

static const char *const budget_categories[] = {"信息化运维", "网络安全等级保护测评", "政务云租用"};
static const char *const series[] = {"预算", "到位", "执行"};
static const int64_t money[] = {3453000, 1200000, 800000,  3453000, 1200000,
                                600000,  3100000, 1150000, 580000};
static const char *const money_labels[] = {"345.30", "120.00", "80.00",  "345.30", "120.00",
                                           "60.00",  "310.00", "115.00", "58.00"};

static struct report_chart bar_chart(void)
{
    struct report_chart c = {0};

    c.kind = REPORT_CHART_BAR;
    c.title = "各一级指标得分率";
    c.y_unit = "%";
    c.nr_categories = 4;
    c.categories = (const char **)categories;
    c.nr_series = 1;
    c.values = rates;
    c.value_labels = (const char **)rate_labels;
    c.decimals = 2;
    c.y_max = 10000;
    return c;
}

static struct report_chart grouped_chart(void)
{
    struct report_chart c = {0};

    c.kind = REPORT_CHART_GROUPED_BAR;
    c.title = "项目资金预算、到位及执行情况";
    c.y_unit = "万元";
    c.nr_categories = 3;
    c.categories = (const char **)budget_categories;
    c.nr_series = 3;
    c.series_names = (const char **)series;
    c.values = money;
    c.value_labels = (const char **)money_labels;
    c.decimals = 4; /* 万元 with 4 decimals: exact 分 would be 6, any scale works */
    c.y_max = 0;    /* the largest value */
    return c;
}

static void dump(const char *name, const struct strbuf *sb)
{
    const char *dir = getenv("JX_CHART_DUMP");
    char path[4096];
    FILE *f;

    if (!dir)
        return;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(sb->buf, 1, sb->len, f), sb->len);
    assert_int_equal(fclose(f), 0);
}

struct reader {
    const struct strbuf *sb;
    size_t off;
};

static cairo_status_t read_strbuf(void *closure, unsigned char *data, unsigned int len)
{
    struct reader *r = closure;

    if (r->sb->len - r->off < len)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(data, r->sb->buf + r->off, len);
    r->off += len;
    return CAIRO_STATUS_SUCCESS;
}

/* Decodes the PNG; checks its size and counts dark and mid-grey pixels. */
static void check_png(const struct strbuf *png, int want_w, int want_h)
{
    struct reader r = {png, 0};
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_strbuf, &r);
    size_t dark = 0, grey = 0;
    int stride;
    const unsigned char *data;

    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(s), want_w);
    assert_int_equal(cairo_image_surface_get_height(s), want_h);
    cairo_surface_flush(s);
    data = cairo_image_surface_get_data(s);
    stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < want_h; y++)
        for (int x = 0; x < want_w; x++) {
            uint32_t px;
            memcpy(&px, data + (size_t)y * (size_t)stride + (size_t)x * 4, 4);
            unsigned g = (px >> 8) & 0xff;
            if (g < 64)
                dark++;
            else if (g < 200)
                grey++;
        }
    /* Text, axes and outlines are black; bars are grey. A blank or all-black image fails. */
    assert_true(dark > (size_t)want_w);
    assert_true(grey > (size_t)want_w * 4);
    assert_true(dark + grey < (size_t)want_w * (size_t)want_h / 2);
    cairo_surface_destroy(s);
}

static void test_png_size_and_ink(void **state)
{
    struct report_chart c = bar_chart(), g = grouped_chart();
    struct strbuf png = STRBUF_INIT;

    (void)state;
    assert_int_equal(chart_png(&c, 192, &png), 0);
    assert_memory_equal(png.buf, "\x89PNG\r\n\x1a\n", 8);
    /* 420 x 240 pt at 192 dpi = 1120 x 640 pixels. */
    check_png(&png, 1120, 640);
    dump("bar.png", &png);
    strbuf_reset(&png);
    assert_int_equal(chart_png(&g, 96, &png), 0);
    check_png(&png, 560, 320);
    dump("grouped.png", &png);
    strbuf_release(&png);
}

static void test_png_bad_dpi(void **state)
{
    struct report_chart c = bar_chart();
    struct strbuf png = STRBUF_INIT;

    (void)state;
    assert_int_not_equal(chart_png(&c, 0, &png), 0);
    assert_int_not_equal(chart_png(&c, 100000, &png), 0);
    assert_int_equal(png.len, 0);
    strbuf_release(&png);
}

static void test_deterministic(void **state)
{
    struct report_chart c = grouped_chart();
    struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

    (void)state;
    assert_int_equal(chart_png(&c, 150, &a), 0);
    assert_int_equal(chart_png(&c, 150, &b), 0);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.buf, b.buf, a.len);
    strbuf_reset(&a);
    strbuf_reset(&b);
    /* cairo numbers SVG surfaces with a process-wide counter: renamed ids hide it. */
    assert_int_equal(chart_svg(&c, &a), 0);
    assert_int_equal(chart_svg(&c, &b), 0);
    assert_string_equal(a.buf, b.buf);
    strbuf_release(&a);
    strbuf_release(&b);
}

/* Collects every id attribute in the tree; fails on a duplicate or one without prefix. */
static size_t check_ids(xmlNode *n, const char *prefix, char ***ids, size_t nr)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
        if (id) {
            assert_int_equal(strncmp((const char *)id, prefix, strlen(prefix)), 0);
            for (size_t i = 0; i < nr; i++)
                assert_string_not_equal((*ids)[i], (const char *)id);
            *ids = realloc(*ids, (nr + 1) * sizeof(**ids));
            (*ids)[nr++] = strdup((const char *)id);
            xmlFree(id);
        }
        nr = check_ids(n->children, prefix, ids, nr);
    }
    return nr;
}

/* Every href="#…" and url(#…) in svg[0..len) names one of ids[from..to): references
 * stay inside their own chart. Returns how many references there were. */
static size_t check_refs(const char *svg, size_t len, char **ids, size_t from, size_t to)
{
    static const char *const markers[] = {"href=\"#", "url(#"};
    size_t nr_refs = 0;

    for (size_t i = 0; i < len; i++)
        for (size_t k = 0; k < 2; k++) {
            size_t mlen = strlen(markers[k]), end, j;
            if (strncmp(svg + i, markers[k], mlen))
                continue;
            end = i + mlen;
            while (end < len && svg[end] != '"' && svg[end] != ')')
                end++;
            for (j = from; j < to; j++)
                if (strlen(ids[j]) == end - i - mlen &&
                    !strncmp(ids[j], svg + i + mlen, end - i - mlen))
                    break;
            assert_true(j < to);
            nr_refs++;
        }
    return nr_refs;
}

static void test_svg_parses_with_unique_ids(void **state)
{
    struct report_chart c = bar_chart(), g = grouped_chart();
    struct strbuf svg = STRBUF_INIT;
    xmlDoc *doc;
    xmlNode *root;
    char **ids = NULL;
    size_t nr, nr_first, first_len;

    (void)state;
    assert_int_equal(chart_svg(&c, &svg), 0);
    dump("bar.svg", &svg);
    assert_int_equal(strncmp(svg.buf, "<svg", 4), 0); /* no XML declaration */
    assert_null(strstr(svg.buf, "<?xml"));
    doc = xmlReadMemory(svg.buf, (int)svg.len, "bar.svg", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    root = xmlDocGetRootElement(doc);
    assert_string_equal((const char *)root->name, "svg");
    xmlChar *label = xmlGetProp(root, (const xmlChar *)"aria-label");
    assert_string_equal((const char *)label, "各一级指标得分率");
    xmlFree(label);
    nr = nr_first = check_ids(root, "jxc0-", &ids, 0);
    assert_true(nr > 10); /* glyphs and surfaces */
    xmlFreeDoc(doc);

    /* A second chart appended to the same buffer gets other ids. */
    first_len = svg.len;
    assert_int_equal(chart_svg(&g, &svg), 0);
    dump("grouped.svg", &svg);
    char prefix[32];
    snprintf(prefix, sizeof(prefix), "jxc%zu-", first_len);
    doc = xmlReadMemory(svg.buf + first_len, (int)(svg.len - first_len), "grouped.svg", NULL,
                        XML_PARSE_NONET);
    assert_non_null(doc);
    nr = check_ids(xmlDocGetRootElement(doc), prefix, &ids, nr);
    xmlFreeDoc(doc);
    /* Every reference points at an id that exists in its own SVG. */
    assert_true(check_refs(svg.buf, first_len, ids, 0, nr_first) > 10);
    assert_true(check_refs(svg.buf + first_len, svg.len - first_len, ids, nr_first, nr) > 10);
    for (size_t i = 0; i < nr; i++)
        free(ids[i]);
    free(ids);
    strbuf_release(&svg);
}

static void test_svg_title_escaped(void **state)
{
    struct report_chart c = bar_chart();
    struct strbuf svg = STRBUF_INIT;
    xmlDoc *doc;
    xmlNode *root, *n;
    const char *const hostile_categories[] = {"<script>alert(1)</script>", "\"&'", "项目产出",
                                              "项目效益"};

    (void)state;
    c.title = "<script>alert(1)</script>\"&'";
    c.categories = (const char **)hostile_categories;
    assert_int_equal(chart_svg(&c, &svg), 0);
    assert_null(strstr(svg.buf, "<script"));
    doc = xmlReadMemory(svg.buf, (int)svg.len, "hostile.svg", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    root = xmlDocGetRootElement(doc);
    xmlChar *label = xmlGetProp(root, (const xmlChar *)"aria-label");
    assert_string_equal((const char *)label, c.title);
    xmlFree(label);
    for (n = root->children; n && n->type != XML_ELEMENT_NODE; n = n->next)
        ;
    assert_non_null(n);
    assert_string_equal((const char *)n->name, "title");
    xmlChar *title = xmlNodeGetContent(n);
    assert_string_equal((const char *)title, c.title);
    xmlFree(title);
    xmlFreeDoc(doc);
    strbuf_release(&svg);
}

static cairo_status_t count_bytes(void *closure, const unsigned char *data, unsigned int len)
{
    (void)data;
    *(size_t *)closure += len;
    return CAIRO_STATUS_SUCCESS;
}

/* The PDF renderer's path: chart_draw inside a page, at an offset, leaving cr as it was. */
static void test_draw_on_pdf(void **state)
{
    struct report_chart c = grouped_chart();
    size_t bytes = 0;
    cairo_surface_t *s;
    cairo_t *cr;
    cairo_matrix_t before, after;

    (void)state;
    s = cairo_pdf_surface_create_for_stream(count_bytes, &bytes, 595, 842);
    cr = cairo_create(s);
    cairo_translate(cr, 90, 100);
    cairo_get_matrix(cr, &before);
    chart_draw(&c, cr, CHART_WIDTH_PT, CHART_HEIGHT_PT);
    cairo_get_matrix(cr, &after);
    assert_memory_equal(&before, &after, sizeof(before));
    assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    assert_true(bytes > 1000);
}

/* Degenerate models still draw: no categories, no labels, values above the axis. */
static void test_degenerate(void **state)
{
    struct report_chart c = {0};
    struct strbuf out = STRBUF_INIT;
    const int64_t big[] = {-5, 99999};
    const char *const cats[] = {"甲", "乙"};

    (void)state;
    c.kind = REPORT_CHART_BAR;
    assert_int_equal(chart_png(&c, 72, &out), 0);
    strbuf_reset(&out);
    assert_int_equal(chart_svg(&c, &out), 0);
    strbuf_reset(&out);
    c.nr_categories = 2;
    c.categories = (const char **)cats;
    c.nr_series = 1;
    c.values = big;
    c.y_max = 10000;
    c.decimals = 2;
    assert_int_equal(chart_png(&c, 144, &out), 0);
    check_png(&out, 840, 480);
    /* Extreme scales: no overflow in the tick arithmetic (UBSan would stop here). */
    c.y_max = INT64_MAX;
    c.decimals = 40;
    strbuf_reset(&out);
    assert_int_equal(chart_svg(&c, &out), 0);
    assert_int_equal(tick_step(INT64_MAX), 2000000000000000000);
    strbuf_release(&out);
}

/* Six categories of three series: the value labels no longer fit across their bars and
 * stand upright; long category names wrap to two lines. */
static void test_crowded(void **state)
{
    struct report_chart c = grouped_chart();
    struct strbuf out = STRBUF_INIT;
    const char *const cats[] = {"信息化运维", "网络安全等级保护测评服务采购",
                                "政务云租用", "视频会议系统",
                                "办公自动化", "数据中心机房改造"};
    int64_t values[18];
    const char *labels[18];
    static const char *const texts[] = {"12,345.67", "9,876.54", "8,000.00"};

    (void)state;
    for (size_t i = 0; i < 18; i++) {
        values[i] = 123456700 - (int64_t)i * 3000000;
        labels[i] = texts[i % 3];
    }
    c.nr_categories = 6;
    c.categories = (const char **)cats;
    c.values = values;
    c.value_labels = labels;
    c.y_max = 0;
    assert_int_equal(chart_png(&c, 192, &out), 0);
    check_png(&out, 1120, 640);
    dump("crowded.png", &out);
    strbuf_release(&out);
}

static void test_ticks(void **state)
{
    char buf[48];

    (void)state;
    /* 100% in hundredths: steps of 20%, labels without decimals. */
    assert_int_equal(tick_step(10000), 2000);
    assert_int_equal(tick_digits(2000, 2), 0);
    format_tick(8000, 2, 0, buf, sizeof(buf));
    assert_string_equal(buf, "80");
    /* 345.30 万元 in 1/10000: steps of 100 (1000000), 5 ticks would be 4 here. */
    assert_int_equal(tick_step(3453000), 1000000);
    /* Small axes need decimals: top 0.012 -> step 0.005, three digits. */
    assert_int_equal(tick_step(12), 5);
    assert_int_equal(tick_digits(5, 3), 3);
    assert_int_equal(tick_step(250), 50);
    format_tick(75, 3, 3, buf, sizeof(buf));
    assert_string_equal(buf, "0.075");
    format_tick(250, 2, 1, buf, sizeof(buf));
    assert_string_equal(buf, "2.5");
    assert_int_equal(tick_step(1), 1);
    assert_int_equal(tick_step(7), 2);
}

/*
 * Known leaks outside jixiao, for test runs under ASan: cairo 1.16 loses two small
 * buffers while finishing a PDF surface that holds CJK text, and fontconfig's
 * configuration (loaded once per process by pango) is never freed. The suppressions
 * name those functions only, so a surface, context or layout the chart module forgot to
 * destroy is still reported. They need full stacks: the system libraries have no frame
 * pointers, so the fast unwinder would stop inside them.
 */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "fast_unwind_on_malloc=0";
}

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:cairo_surface_finish\nleak:FcInitLoadConfigAndFonts\n";
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_png_size_and_ink),
        cmocka_unit_test(test_png_bad_dpi),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_svg_parses_with_unique_ids),
        cmocka_unit_test(test_svg_title_escaped),
        cmocka_unit_test(test_draw_on_pdf),
        cmocka_unit_test(test_degenerate),
        cmocka_unit_test(test_crowded),
        cmocka_unit_test(test_ticks),
    };

    int failed = cmocka_run_group_tests(tests, NULL, NULL);

    /* Let go of the font caches pango and cairo keep for the process, so
     * that LeakSanitizer reports only real leaks. */
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
    return failed;
}
