/*
 * The report model as one self-contained HTML5 file (report_html.h): inline CSS for the
 * screen, a phone and print (A4 with GB/T 9704 公文 margins), charts as inline SVG from
 * the chart module.
 *
 * Invariants:
 * - Every piece of model text goes through xml_writer (escaped for element text and
 *   attributes alike); markup is only ever written from literals here.
 * - The output is also well-formed XML (void elements are self-closed, only XML's five
 *   entities are used, the CSS holds no '<' or '&'), so a strict XML parser can check
 *   that no text broke out of its element; the tests do.
 * - Deterministic: the same model gives the same bytes (no clock, no version, chart ids
 *   derived from their position in the output).
 */
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "render/chart.h"
#include "render/report_html.h"
#include "render/xml_writer.h"

/*
 * Fonts follow 公文 practice: title 小标宋, level-1 headings 黑体, level-2 楷体, body 仿宋;
 * each list ends in Noto CJK (what Linux has) and a generic family. Tables scroll
 * sideways inside their wrapper on a narrow screen instead of squeezing Chinese text to
 * one character a line. Print: A4, margins 37/26/35/28 mm as GB/T 9704, header rows
 * repeated on every page, rows never split.
 */
static const char css[] =
    ":root{--body:\"仿宋\",FangSong,\"仿宋_GB2312\",FangSong_GB2312,STFangsong,"
    "\"Noto Serif CJK SC\",\"Source Han Serif SC\",serif;"
    "--hei:\"黑体\",SimHei,\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Heiti SC\","
    "sans-serif;"
    "--kai:\"楷体\",KaiTi,\"楷体_GB2312\",KaiTi_GB2312,STKaiti,\"Noto Serif CJK SC\",serif;"
    "--song:\"方正小标宋简体\",\"方正小标宋_GBK\",\"华文中宋\",STZhongsong,"
    "\"Noto Serif CJK SC\",serif}\n"
    "html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
    "body{margin:0 auto;max-width:46em;padding:1em;font-family:var(--body);"
    "font-size:18px;line-height:1.75;color:#000;background:#fff}\n"
    "header.doc{text-align:center;margin:1em 0 1.5em}\n"
    "h1{font-family:var(--song);font-size:1.6em;font-weight:bold;line-height:1.4;margin:0}\n"
    "header.doc p{margin:.25em 0 0;text-align:center;font-family:var(--kai)}\n"
    "h2,h3,h4{font-size:1em;line-height:1.75;margin:.6em 0 .3em;text-indent:2em;"
    "break-after:avoid;page-break-after:avoid}\n"
    "h2{font-family:var(--hei);font-weight:normal}\n"
    "h3{font-family:var(--kai);font-weight:bold}\n"
    "h4{font-family:var(--body);font-weight:bold}\n"
    "p{margin:0;text-align:justify;overflow-wrap:anywhere}\n"
    "p.body{text-indent:2em}\n"
    "p.caption{text-align:center;font-weight:bold;margin:.8em 0 .3em;"
    "break-after:avoid;page-break-after:avoid}\n"
    "p.note{font-size:.85em;line-height:1.6;margin:.2em 0 .6em}\n"
    "p.signature{text-align:right;margin-top:1em}\n"
    "p.left{text-align:left}p.center{text-align:center}p.right{text-align:right}\n"
    ".table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.3em 0 .8em}\n"
    "table{border-collapse:collapse;width:100%;min-width:30em;font-size:.85em;"
    "line-height:1.5}\n"
    "table.small{font-size:.75em;min-width:52em}\n"
    "th,td{border:1px solid #000;padding:.25em .4em;vertical-align:middle;text-align:left}\n"
    "th{font-family:var(--hei);font-weight:normal;text-align:center}\n"
    ".l{text-align:left}.c{text-align:center}.r{text-align:right}.b{font-weight:bold}\n"
    "th.b{font-family:var(--hei)}\n"
    "figure.chart{margin:.8em 0;break-inside:avoid;page-break-inside:avoid}\n"
    "figure.chart svg{display:block;width:100%;max-width:560px;height:auto;margin:0 auto}\n"
    "hr.page-break{border:0;border-top:1px dashed #999;margin:2em 0}\n"
    "@media (max-width:600px){body{font-size:16px;padding:.6em}}\n"
    "@media print{body{max-width:none;padding:0;font-size:16pt;line-height:28pt}\n"
    "table{min-width:0;font-size:12pt;line-height:1.4}table.small{font-size:10.5pt}\n"
    ".table-wrap{overflow:visible}\n"
    "thead{display:table-header-group}\n"
    "tr,th,td{break-inside:avoid;page-break-inside:avoid}\n"
    "p.note{font-size:12pt;line-height:1.5}\n"
    "figure.chart svg{max-width:420pt}\n"
    "hr.page-break{border:0;margin:0;break-before:page;page-break-before:always}}\n";

static const char page_portrait[] = "@page{size:A4;margin:37mm 26mm 35mm 28mm}\n";
/* Landscape turns the portrait margins with the page: binding edge (28 mm) at the top. */
static const char page_landscape[] = "@page{size:A4 landscape;margin:28mm 37mm 26mm 35mm}\n";

/* Text with each '\n' as a line break. */
static void add_text(struct strbuf *out, const char *s)
{
    const char *nl;

    if (!s)
        return;
    while ((nl = strchr(s, '\n'))) {
        xml_writer_text(out, s, (size_t)(nl - s));
        strbuf_addstr(out, "<br/>");
        s = nl + 1;
    }
    xml_writer_str(out, s);
}

static const char *para_class(enum report_para_style style)
{
    switch (style) {
    case REPORT_PARA_BODY:
        return "body";
    case REPORT_PARA_NOTE:
        return "note";
    case REPORT_PARA_CAPTION:
        return "caption";
    case REPORT_PARA_SIGNATURE:
        return "signature";
    case REPORT_PARA_PLAIN:
        return "plain";
    }
    JX_BUG("paragraph style %d", (int)style);
}

static const char *para_align_class(enum report_align align)
{
    switch (align) {
    case REPORT_ALIGN_DEFAULT:
        return NULL;
    case REPORT_ALIGN_LEFT:
        return "left";
    case REPORT_ALIGN_CENTER:
        return "center";
    case REPORT_ALIGN_RIGHT:
        return "right";
    }
    JX_BUG("alignment %d", (int)align);
}

static const char *cell_align_class(enum report_align align)
{
    switch (align) {
    case REPORT_ALIGN_DEFAULT:
        return NULL;
    case REPORT_ALIGN_LEFT:
        return "l";
    case REPORT_ALIGN_CENTER:
        return "c";
    case REPORT_ALIGN_RIGHT:
        return "r";
    }
    JX_BUG("alignment %d", (int)align);
}

static void add_paragraph(struct strbuf *out, const struct report_block *b)
{
    const char *align = para_align_class(b->align);

    strbuf_addf(out, "<p class=\"%s%s%s\">", para_class(b->style), align ? " " : "",
                align ? align : "");
    add_text(out, b->text);
    strbuf_addstr(out, "</p>\n");
}

/*
 * The row that owns each cell: its own row, or for a covered cell the row of the merge
 * that covers it (SIZE_MAX when no merge does, which a well-built model never has).
 */
static size_t *owner_rows(const struct report_table *t)
{
    size_t n = t->nr_rows * t->nr_cols;
    size_t *owner = xmalloc(n * sizeof(*owner));

    for (size_t i = 0; i < n; i++)
        owner[i] = t->cells[i].covered ? SIZE_MAX : i / t->nr_cols;
    for (size_t r = 0; r < t->nr_rows; r++)
        for (size_t c = 0; c < t->nr_cols; c++) {
            const struct report_cell *cell = report_cell_at(t, r, c);
            if (cell->covered)
                continue;
            for (size_t i = r; i < r + cell->rowspan && i < t->nr_rows; i++)
                for (size_t j = c; j < c + cell->colspan && j < t->nr_cols; j++)
                    if (report_cell_at(t, i, j)->covered)
                        owner[i * t->nr_cols + j] = r;
        }
    return owner;
}

/*
 * One row of cells. HTML cannot carry a merge from <thead> into <tbody>: a rowspan that
 * crosses the boundary is cut at it, and the cells it covered on the other side are
 * written empty, so every row still has its full width.
 */
static void add_row(struct strbuf *out, const struct report_table *t, const size_t *owner, size_t r,
                    size_t group_end)
{
    const bool head = r < t->header_rows;
    const char *tag = head ? "th" : "td";
    const size_t group_start = head ? 0 : t->header_rows;

    strbuf_addstr(out, "<tr>");
    for (size_t c = 0; c < t->nr_cols; c++) {
        const struct report_cell *cell = report_cell_at(t, r, c);
        const char *align = cell_align_class(cell->align);
        size_t rowspan = cell->rowspan, colspan = cell->colspan;

        if (cell->covered) {
            size_t o = owner[r * t->nr_cols + c];
            if (o != SIZE_MAX && o >= group_start)
                continue;
            strbuf_addf(out, "<%s></%s>", tag, tag);
            continue;
        }
        if (rowspan > group_end - r)
            rowspan = group_end - r;
        if (colspan > t->nr_cols - c)
            colspan = t->nr_cols - c;
        strbuf_addf(out, "<%s", tag);
        if (colspan > 1)
            strbuf_addf(out, " colspan=\"%zu\"", colspan);
        if (rowspan > 1)
            strbuf_addf(out, " rowspan=\"%zu\"", rowspan);
        if (align || cell->bold)
            strbuf_addf(out, " class=\"%s%s%s\"", align ? align : "",
                        align && cell->bold ? " " : "", cell->bold ? "b" : "");
        strbuf_addch(out, '>');
        add_text(out, cell->text);
        strbuf_addf(out, "</%s>", tag);
    }
    strbuf_addstr(out, "</tr>\n");
}

static void add_table(struct strbuf *out, const struct report_table *t)
{
    size_t *owner = owner_rows(t);

    strbuf_addf(out, "<div class=\"table-wrap\"><table%s>\n<colgroup>",
                t->small ? " class=\"small\"" : "");
    for (size_t c = 0; c < t->nr_cols; c++) {
        unsigned w = t->col_widths ? t->col_widths[c] : 0;
        if (w)
            strbuf_addf(out, "<col style=\"width:%u.%u%%\"/>", w / 10, w % 10);
        else
            strbuf_addstr(out, "<col/>");
    }
    strbuf_addstr(out, "</colgroup>\n");
    if (t->header_rows) {
        strbuf_addstr(out, "<thead>\n");
        for (size_t r = 0; r < t->header_rows; r++)
            add_row(out, t, owner, r, t->header_rows);
        strbuf_addstr(out, "</thead>\n");
    }
    if (t->nr_rows > t->header_rows) {
        strbuf_addstr(out, "<tbody>\n");
        for (size_t r = t->header_rows; r < t->nr_rows; r++)
            add_row(out, t, owner, r, t->nr_rows);
        strbuf_addstr(out, "</tbody>\n");
    }
    strbuf_addstr(out, "</table></div>\n");
    free(owner);
}

static int add_block(struct strbuf *out, const struct report_block *b)
{
    int ret;

    switch (b->kind) {
    case REPORT_HEADING: {
        unsigned h = b->level < 1 ? 2 : b->level > 3 ? 4 : b->level + 1;
        strbuf_addf(out, "<h%u>", h);
        add_text(out, b->text);
        strbuf_addf(out, "</h%u>\n", h);
        return 0;
    }
    case REPORT_PARAGRAPH:
        add_paragraph(out, b);
        return 0;
    case REPORT_TABLE:
        add_table(out, b->table);
        return 0;
    case REPORT_CHART:
        strbuf_addstr(out, "<figure class=\"chart\">");
        ret = chart_svg(b->chart, out);
        strbuf_addstr(out, "</figure>\n");
        return ret;
    case REPORT_PAGE_BREAK:
        strbuf_addstr(out, "<hr class=\"page-break\"/>\n");
        return 0;
    }
    JX_BUG("block kind %d", (int)b->kind);
}

static bool has_text(const char *s)
{
    return s && *s;
}

int report_html(const struct report *r, struct strbuf *out)
{
    strbuf_addstr(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
                       "<meta charset=\"utf-8\"/>\n"
                       "<meta name=\"viewport\" content=\"width=device-width, "
                       "initial-scale=1\"/>\n");
    if (has_text(r->author)) {
        strbuf_addstr(out, "<meta name=\"author\" content=\"");
        xml_writer_str(out, r->author);
        strbuf_addstr(out, "\"/>\n");
    }
    if (has_text(r->date)) {
        strbuf_addstr(out, "<meta name=\"dcterms.date\" content=\"");
        xml_writer_str(out, r->date);
        strbuf_addstr(out, "\"/>\n");
    }
    strbuf_addstr(out, "<meta name=\"generator\" content=\"jixiao\"/>\n<title>");
    xml_writer_str(out, r->title);
    xml_writer_str(out, r->subtitle);
    strbuf_addstr(out, "</title>\n<style>\n");
    strbuf_addstr(out, r->page == REPORT_LANDSCAPE ? page_landscape : page_portrait);
    strbuf_addstr(out, css);
    strbuf_addstr(out, "</style>\n</head>\n<body>\n<main>\n");
    if (has_text(r->title) || has_text(r->subtitle)) {
        strbuf_addstr(out, "<header class=\"doc\">");
        if (has_text(r->title)) {
            strbuf_addstr(out, "<h1>");
            add_text(out, r->title);
            strbuf_addstr(out, "</h1>");
        }
        if (has_text(r->subtitle)) {
            strbuf_addstr(out, "<p>");
            add_text(out, r->subtitle);
            strbuf_addstr(out, "</p>");
        }
        strbuf_addstr(out, "</header>\n");
    }
    for (size_t i = 0; i < r->nr_blocks; i++) {
        int ret = add_block(out, &r->blocks[i]);
        if (ret)
            return ret;
    }
    strbuf_addstr(out, "</main>\n</body>\n</html>\n");
    return 0;
}
