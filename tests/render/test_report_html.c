/*
 * The HTML report: a golden file of a hand-built model with every block kind, paragraph
 * style, merge and alignment; structure checked through libxml2's HTML parser (tables
 * have their rows, cells and spans), well-formedness through its XML parser (no text
 * broke out of its element), hostile text escaped everywhere, bytes deterministic.
 *
 * JX_UPDATE_GOLDEN=1 rewrites tests/data/render/report.html.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <pango/pangocairo.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "render/report_html.h"

#define HOSTILE "<script>alert(1)</script>\"&'"

static const char *const categories[] = {"项目决策", "项目过程", "项目产出", "项目效益"};
static const int64_t rates[] = {10000, 8750, 9630, 10000};
static const char *const rate_labels[] = {"100.00%", "87.50%", "96.30%", "100.00%"};
static const char *const money_categories[] = {"信息化运维", HOSTILE};
static const char *const series[] = {"预算", "到位", "执行"};
static const int64_t money[] = {34530, 12000, 34530, 12000, 31000, 11500};
static const char *const money_labels[] = {"345.30", "120.00", "345.30",
                                           "120.00", "310.00", "115.00"};

static void set_row(struct report *r, struct report_table *t, size_t row, const char *const *texts)
{
    for (size_t c = 0; c < t->nr_cols; c++)
        if (texts[c])
            report_cell_set(r, t, row, c, texts[c]);
}

/* A model with every block kind, paragraph style, alignment and kind of merge. */
static void build(struct report *r)
{
    struct report_table *t;
    struct report_chart *c;
    struct report_block *b;

    report_init(r);
    r->title = "信丰县2022年度信息化建设项目绩效评价报告";
    r->subtitle = "（2022年度）";
    r->author = "信丰县财政局 \"评价组\" & 'A'";
    r->date = "2023-05-20";
    r->page = REPORT_PORTRAIT;

    report_add_heading(r, 1, "一、基本情况");
    report_add_heading(r, 2, "（一）项目概况");
    report_add_paragraph(r, REPORT_PARA_BODY,
                         "项目预算345.30万元，实际到位345.30万元，执行率100.00%。\n"
                         "a < b & c > d");
    report_add_heading(r, 3, "1.项目决策");
    report_add_paragraph(r, REPORT_PARA_CAPTION, "表1 评价情况总表");

    /* Two header rows with row and column merges, a body row merge, a merged total. */
    t = report_add_table(r, 6, 5, 2);
    set_row(r, t, 0, (const char *const[]){"一级指标", "分值", "评价得分", NULL, "得分率"});
    set_row(r, t, 1, (const char *const[]){NULL, NULL, "得分", "扣分", NULL});
    set_row(r, t, 2, (const char *const[]){"项目决策", "25.00", "25.00", "0.00", "100.00%"});
    set_row(r, t, 3,
            (const char *const[]){"项目过程\n（含资金）", "20.00", "17.50", "2.50", "87.50%"});
    set_row(r, t, 4, (const char *const[]){HOSTILE, "55.00", "53.00", "2.00", "96.36%"});
    set_row(r, t, 5, (const char *const[]){"合计", NULL, "95.50", "4.50", "95.50%"});
    report_cell_merge(t, 0, 0, 2, 1);
    report_cell_merge(t, 0, 1, 2, 1);
    report_cell_merge(t, 0, 2, 1, 2);
    report_cell_merge(t, 0, 4, 2, 1);
    report_cell_merge(t, 3, 4, 2, 1); /* body rowspan */
    report_cell_merge(t, 5, 0, 1, 2); /* 合计 over two columns */
    for (size_t row = 2; row < 6; row++) {
        report_cell_at(t, row, 0)->align = REPORT_ALIGN_LEFT;
        for (size_t col = 1; col < 5; col++)
            report_cell_at(t, row, col)->align = REPORT_ALIGN_RIGHT;
    }
    report_cell_at(t, 3, 4)->align = REPORT_ALIGN_CENTER;
    report_cell_at(t, 5, 0)->align = REPORT_ALIGN_CENTER;
    for (size_t col = 0; col < 5; col++)
        report_cell_at(t, 5, col)->bold = true;
    report_cell_at(t, 2, 0)->bold = true; /* bold with default alignment */
    report_cell_at(t, 2, 0)->align = REPORT_ALIGN_DEFAULT;
    t->col_widths[0] = 300;
    t->col_widths[1] = 175;
    t->col_widths[2] = 175;
    t->col_widths[3] = 175;
    t->col_widths[4] = 175;

    report_add_paragraph(r, REPORT_PARA_NOTE, "注：得分率 = 评价得分 / 分值 × 100%。");
    c = report_add_chart(r);
    c->kind = REPORT_CHART_BAR;
    c->title = "各一级指标得分率";
    c->y_unit = "%";
    c->nr_categories = 4;
    c->categories = (const char **)categories;
    c->nr_series = 1;
    c->values = rates;
    c->value_labels = (const char **)rate_labels;
    c->decimals = 2;
    c->y_max = 10000;
    report_add_paragraph(r, REPORT_PARA_CAPTION, "图1 各一级指标得分率");
    report_add_paragraph(r, REPORT_PARA_PLAIN, "（一）问题一；\n（二）问题二。");
    b = report_add_paragraph(r, REPORT_PARA_BODY, "居中的正文。");
    b->align = REPORT_ALIGN_CENTER;
    b = report_add_paragraph(r, REPORT_PARA_PLAIN, "靠左。");
    b->align = REPORT_ALIGN_LEFT;
    b = report_add_paragraph(r, REPORT_PARA_NOTE, "靠右的注。");
    b->align = REPORT_ALIGN_RIGHT;
    report_add_paragraph(r, REPORT_PARA_SIGNATURE, "信丰县财政局\n2023年5月20日");
    report_add_page_break(r);
    report_add_heading(r, 1, "附表");

    c = report_add_chart(r);
    c->kind = REPORT_CHART_GROUPED_BAR;
    c->title = HOSTILE;
    c->y_unit = "万元";
    c->nr_categories = 2;
    c->categories = (const char **)money_categories;
    c->nr_series = 3;
    c->series_names = (const char **)series;
    c->values = money;
    c->value_labels = (const char **)money_labels;
    c->decimals = 2;
    c->y_max = 40000;

    /* A small wide table whose header merge runs into the body: cut at the thead. */
    t = report_add_table(r, 3, 3, 1);
    t->small = true;
    set_row(r, t, 0, (const char *const[]){"指标", "分值", "评分依据"});
    set_row(r, t, 1, (const char *const[]){"立项依据充分性", "3.00", ""});
    set_row(r, t, 2, (const char *const[]){"", "2.00", "依据充分"});
    report_cell_merge(t, 0, 0, 2, 1);
    report_cell_set(r, t, 0, 0, "指标");
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* The output with each SVG's drawing (glyph outlines, which follow the installed font
 * version) left out: the chart module has its own tests; the golden file keeps the
 * <svg> element, its label and title. */
static void strip_svg_bodies(const char *html, struct strbuf *out)
{
    const char *p = html, *svg;

    while ((svg = strstr(p, "<svg"))) {
        const char *title_end = strstr(svg, "</title>");
        const char *end = strstr(svg, "</svg>");
        assert_non_null(title_end);
        assert_non_null(end);
        title_end += strlen("</title>");
        strbuf_add(out, p, (size_t)(title_end - p));
        strbuf_addstr(out, "<!-- drawing -->");
        p = end;
    }
    strbuf_addstr(out, p);
}

static void test_golden(void **state)
{
    struct report r;
    struct strbuf html = STRBUF_INIT, stripped = STRBUF_INIT;
    const char *path = JX_TEST_DATA "/render/report.html";
    char *want;
    size_t want_len;

    (void)state;
    build(&r);
    assert_int_equal(report_html(&r, &html), 0);
    strip_svg_bodies(html.buf, &stripped);
    if (getenv("JX_UPDATE_GOLDEN")) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fwrite(stripped.buf, 1, stripped.len, f);
        fclose(f);
    }
    want = read_file(path, &want_len);
    assert_non_null(want);
    if (strcmp(stripped.buf, want)) {
        size_t i = 0;
        while (stripped.buf[i] == want[i])
            i++;
        print_error("differs from %s at byte %zu: got '%.80s', want '%.80s'\n"
                    "(JX_UPDATE_GOLDEN=1 rewrites it)\n",
                    path, i, stripped.buf + i, want + i);
        fail();
    }
    free(want);
    strbuf_release(&stripped);
    strbuf_release(&html);
    report_release(&r);
}

static void test_deterministic(void **state)
{
    struct report r;
    struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

    (void)state;
    build(&r);
    assert_int_equal(report_html(&r, &a), 0);
    assert_int_equal(report_html(&r, &b), 0);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.buf, b.buf, a.len);
    report_release(&r);
    strbuf_release(&a);
    strbuf_release(&b);
}

static xmlNode *child(xmlNode *n, const char *name, int nth)
{
    for (n = n ? n->children : NULL; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name) && nth-- == 0)
            return n;
    return NULL;
}

static size_t count_children(xmlNode *n, const char *name)
{
    size_t k = 0;

    while (child(n, name, (int)k))
        k++;
    return k;
}

/* All elements called name, in document order. */
static size_t find_all(xmlNode *n, const char *name, xmlNode **found, size_t nr, size_t max)
{
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name) && nr < max)
            found[nr++] = n;
        nr = find_all(n->children, name, found, nr, max);
    }
    return nr;
}

static unsigned span(xmlNode *cell, const char *attr)
{
    xmlChar *v = xmlGetProp(cell, (const xmlChar *)attr);
    unsigned n = v ? (unsigned)strtoul((const char *)v, NULL, 10) : 1;

    xmlFree(v);
    return n;
}

static void assert_attr(xmlNode *n, const char *attr, const char *want)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);

    if (!want) {
        assert_null(v);
        return;
    }
    assert_non_null(v);
    assert_string_equal((const char *)v, want);
    xmlFree(v);
}

static void assert_text(xmlNode *n, const char *want)
{
    xmlChar *v = xmlNodeGetContent(n);

    assert_string_equal((const char *)v, want);
    xmlFree(v);
}

/*
 * Lays the rows of one row group (thead or tbody) out on a grid as a browser does and
 * checks that every row is exactly nr_cols wide, with no cell overlapping another.
 */
static void check_grid(xmlNode *group, size_t nr_cols)
{
    size_t nr_rows = count_children(group, "tr");
    unsigned char *used = calloc(nr_rows * nr_cols, 1);

    for (size_t r = 0; r < nr_rows; r++) {
        xmlNode *tr = child(group, "tr", (int)r);
        size_t col = 0;
        for (xmlNode *cell = tr->children; cell; cell = cell->next) {
            if (cell->type != XML_ELEMENT_NODE)
                continue;
            while (col < nr_cols && used[r * nr_cols + col])
                col++;
            unsigned rs = span(cell, "rowspan"), cs = span(cell, "colspan");
            assert_true(r + rs <= nr_rows);
            assert_true(col + cs <= nr_cols);
            for (size_t i = r; i < r + rs; i++)
                for (size_t j = col; j < col + cs; j++) {
                    assert_false(used[i * nr_cols + j]);
                    used[i * nr_cols + j] = 1;
                }
            col += cs;
        }
        for (size_t j = 0; j < nr_cols; j++)
            assert_true(used[r * nr_cols + j]);
    }
    free(used);
}

static void test_structure(void **state)
{
    struct report r;
    struct strbuf html = STRBUF_INIT;
    htmlDocPtr doc;
    xmlNode *root, *head, *body, *main_el, *tables[4], *tr, *found[64];

    (void)state;
    build(&r);
    assert_int_equal(report_html(&r, &html), 0);
    doc = htmlReadMemory(html.buf, (int)html.len, "report.html", "utf-8",
                         HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    assert_non_null(doc);
    root = xmlDocGetRootElement(doc);
    assert_string_equal((const char *)root->name, "html");
    assert_attr(root, "lang", "zh-CN");
    head = child(root, "head", 0);
    body = child(root, "body", 0);
    assert_non_null(head);
    assert_non_null(body);
    assert_attr(child(head, "meta", 0), "charset", "utf-8");
    assert_attr(child(head, "meta", 1), "name", "viewport");
    assert_attr(child(head, "meta", 2), "content", r.author);
    assert_text(child(head, "title", 0), "信丰县2022年度信息化建设项目绩效评价报告（2022年度）");
    assert_non_null(child(head, "style", 0));

    /* One h1 (the document title), report headings one level down. */
    assert_int_equal(find_all(body, "h1", found, 0, 64), 1);
    assert_text(found[0], r.title);
    assert_int_equal(find_all(body, "h2", found, 0, 64), 2);
    assert_text(found[1], "附表");
    assert_int_equal(find_all(body, "h3", found, 0, 64), 1);
    assert_int_equal(find_all(body, "h4", found, 0, 64), 1);
    assert_int_equal(find_all(body, "script", found, 0, 64), 0);
    assert_int_equal(find_all(body, "svg", found, 0, 64), 2);
    assert_int_equal(find_all(body, "hr", found, 0, 64), 1);
    assert_attr(found[0], "class", "page-break");

    /* Paragraph styles and alignment overrides as classes; '\n' as <br>. */
    main_el = child(body, "main", 0);
    assert_non_null(main_el);
    size_t nr_p = find_all(main_el, "p", found, 0, 64);
    const char *const classes[] = {"",      "body",        "caption",    "note",       "caption",
                                   "plain", "body center", "plain left", "note right", "signature"};
    assert_int_equal(nr_p, sizeof(classes) / sizeof(classes[0]));
    for (size_t i = 1; i < nr_p; i++)
        assert_attr(found[i], "class", classes[i]);
    assert_int_equal(count_children(found[1], "br"), 1);
    assert_text(found[1], "项目预算345.30万元，实际到位345.30万元，执行率100.00%。a < b & c > d");
    assert_int_equal(count_children(found[9], "br"), 1);

    /* Table 1: two header rows in <thead>, merges as spans, covered cells left out. */
    assert_int_equal(find_all(body, "table", tables, 0, 4), 2);
    xmlNode *thead = child(tables[0], "thead", 0), *tbody = child(tables[0], "tbody", 0);
    assert_int_equal(count_children(thead, "tr"), 2);
    assert_int_equal(count_children(tbody, "tr"), 4);
    assert_int_equal(count_children(child(tables[0], "colgroup", 0), "col"), 5);
    assert_attr(child(child(tables[0], "colgroup", 0), "col", 0), "style", "width:30.0%");
    tr = child(thead, "tr", 0);
    assert_int_equal(count_children(tr, "th"), 4);
    assert_attr(child(tr, "th", 0), "rowspan", "2");
    assert_attr(child(tr, "th", 2), "colspan", "2");
    assert_attr(child(tr, "th", 2), "rowspan", NULL);
    tr = child(thead, "tr", 1);
    assert_int_equal(count_children(tr, "th"), 2);
    assert_text(child(tr, "th", 0), "得分");
    tr = child(tbody, "tr", 0);
    assert_int_equal(count_children(tr, "td"), 5);
    assert_attr(child(tr, "td", 0), "class", "b");
    assert_attr(child(tr, "td", 1), "class", "r");
    tr = child(tbody, "tr", 1);
    assert_int_equal(count_children(child(tr, "td", 0), "br"), 1);
    assert_attr(child(tr, "td", 4), "rowspan", "2");
    assert_attr(child(tr, "td", 4), "class", "c");
    tr = child(tbody, "tr", 2);
    assert_int_equal(count_children(tr, "td"), 4);
    assert_text(child(tr, "td", 0), HOSTILE);
    tr = child(tbody, "tr", 3);
    assert_int_equal(count_children(tr, "td"), 4);
    assert_attr(child(tr, "td", 0), "colspan", "2");
    assert_attr(child(tr, "td", 0), "class", "c b");
    check_grid(thead, 5);
    check_grid(tbody, 5);

    /* Table 2: the header merge is cut at the thead; its body part is an empty cell. */
    assert_attr(tables[1], "class", "small");
    thead = child(tables[1], "thead", 0);
    tbody = child(tables[1], "tbody", 0);
    assert_attr(child(child(thead, "tr", 0), "th", 0), "rowspan", NULL);
    assert_int_equal(count_children(child(tbody, "tr", 0), "td"), 3);
    assert_text(child(child(tbody, "tr", 0), "td", 0), "");
    check_grid(thead, 3);
    check_grid(tbody, 3);

    xmlFreeDoc(doc);
    strbuf_release(&html);
    report_release(&r);
}

/* The whole page is also well-formed XML: a strict parser sees every hostile string as
 * text or an attribute value, never as markup. */
static void test_well_formed_and_escaped(void **state)
{
    struct report r;
    struct strbuf html = STRBUF_INIT;
    xmlDoc *doc;
    xmlNode *found[64];

    (void)state;
    build(&r);
    r.title = HOSTILE;
    r.subtitle = "</title><script>alert(2)</script>";
    r.date = "\"><script>";
    assert_int_equal(report_html(&r, &html), 0);
    assert_null(strstr(html.buf, "<script"));
    doc = xmlReadMemory(html.buf, (int)html.len, "report.html", "utf-8", XML_PARSE_NONET);
    assert_non_null(doc);
    xmlNode *root = xmlDocGetRootElement(doc);
    assert_int_equal(find_all(root, "script", found, 0, 64), 0);
    assert_int_equal(find_all(root, "h1", found, 0, 64), 1);
    assert_text(found[0], HOSTILE);
    assert_int_equal(find_all(root, "title", found, 0, 64), 3); /* page and two charts */
    assert_text(found[0], HOSTILE "</title><script>alert(2)</script>");
    assert_text(found[2], HOSTILE);
    assert_int_equal(find_all(root, "svg", found, 0, 64), 2);
    assert_attr(found[1], "aria-label", HOSTILE);
    xmlFreeDoc(doc);
    strbuf_release(&html);
    report_release(&r);
}

/* A landscape report sets its @page; an empty report is still a complete page. */
static void test_landscape_and_empty(void **state)
{
    struct report r;
    struct strbuf html = STRBUF_INIT;
    xmlDoc *doc;

    (void)state;
    report_init(&r);
    r.page = REPORT_LANDSCAPE;
    assert_int_equal(report_html(&r, &html), 0);
    assert_non_null(strstr(html.buf, "@page{size:A4 landscape"));
    assert_null(strstr(html.buf, "<header"));
    assert_null(strstr(html.buf, "name=\"author\""));
    doc = xmlReadMemory(html.buf, (int)html.len, "empty.html", "utf-8", XML_PARSE_NONET);
    assert_non_null(doc);
    xmlFreeDoc(doc);
    strbuf_release(&html);
    report_release(&r);
}

/*
 * Known leaks outside jixiao, for test runs under ASan: cairo 1.16 loses two small
 * buffers while finishing a PDF surface that holds CJK text, and fontconfig's
 * configuration (loaded once per process by pango) is never freed. The suppressions
 * name those functions only, so a surface, context or layout the renderer forgot to
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
        cmocka_unit_test(test_golden),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_structure),
        cmocka_unit_test(test_well_formed_and_escaped),
        cmocka_unit_test(test_landscape_and_empty),
    };

    int failed = cmocka_run_group_tests(tests, NULL, NULL);

    /* Let go of the font caches pango and cairo keep for the process, so
     * that LeakSanitizer reports only real leaks. */
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
    return failed;
}
