/*
 * The report model as a DOCX package (WordprocessingML, ECMA-376 transitional). Markup
 * is written as literal strings into strbufs, with every piece of report text passed
 * through xml_writer (escaped, invalid characters dropped); a DOM writer would be slower
 * and would choose bytes for us. The parts are stored in an in-memory zip with a fixed
 * timestamp, so the same report always gives the same bytes.
 *
 * Styles are referred to through a table of style ids (struct styles) because a
 * --reference-docx made by Chinese Word has its own ids ("1" for heading 1, "a" for
 * Normal): the renderer uses the reference's style wherever its w:name matches and adds
 * its own definition only for the styles the reference lacks. Element order inside
 * pPr, rPr, tblPr, tcPr and sectPr follows the schema, which Word enforces.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/banned.h"
#include "render/chart.h"
#include "render/docx_template.h"
#include "render/report_docx.h"
#include "render/xml_writer.h"

/* 1980-01-01 00:00 in MS-DOS date/time form, written raw so the bytes do not depend on
 * the local time zone (libzip converts a time_t with localtime). */
#define DOCX_DOS_DATE 0x0021
#define DOCX_DOS_TIME 0x0000

/* Page geometry in twips (1/1440 inch; 1 mm = 56.69 twips): A4, GB/T 9704 margins. */
#define A4_W 11906
#define A4_H 16838
#define MARGIN_TOP 2098    /* 37 mm */
#define MARGIN_BOTTOM 1984 /* 35 mm */
#define MARGIN_LEFT 1587   /* 28 mm */
#define MARGIN_RIGHT 1474  /* 26 mm */
#define EMU_PER_TWIP 635
#define EMU_PER_PT 12700
/* 144 dpi: at the chart's 14.8 cm that is 840 pixels, sharp on screen and in print for
 * bars and labels, at half the pixels of 192 dpi (a chart's cost is its pixels). */
#define CHART_DPI 144

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define CT_WML "application/vnd.openxmlformats-officedocument.wordprocessingml."
#define REL_OD "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* One part of the package; its bytes must stay alive until zip_close. */
struct part {
    char name[40];
    struct strbuf data;
    bool stored; /* already compressed (PNG): store instead of deflating again */
};

struct docx {
    const struct report *r;
    const struct docx_reference *ref;
    struct docx_styles st;
    struct part *parts;
    size_t nr_parts, alloc_parts;
    unsigned text_width; /* twips between the margins, for table and picture widths */
    unsigned nr_charts;
    struct strbuf *why;
};

static struct strbuf *new_part(struct docx *d, const char *name, bool stored)
{
    /* The array is sized once (report_docx counts the charts first), so the strbufs
     * handed out here never move. */
    if (d->nr_parts == d->alloc_parts)
        JX_BUG("more than %zu package parts", d->alloc_parts);
    struct part *p = &d->parts[d->nr_parts++];
    snprintf(p->name, sizeof(p->name), "%s", name);
    strbuf_init(&p->data, 0);
    p->stored = stored;
    return &p->data;
}

static const struct part *find_part(const struct docx *d, const char *name)
{
    for (size_t i = 0; i < d->nr_parts; i++)
        if (!strcmp(d->parts[i].name, name))
            return &d->parts[i];
    return NULL;
}

/* ---- runs and paragraphs ---------------------------------------------------------- */

/* Text of one run: '\n' becomes a line break and '\t' a tab, so a cell or paragraph
 * keeps its lines without the reader seeing raw control characters. */
static void add_run_text(struct strbuf *sb, const char *s)
{
    bool open = false;

    while (*s) {
        size_t n = strcspn(s, "\n\t");
        if (n) {
            if (!open)
                strbuf_addstr(sb, "<w:t xml:space=\"preserve\">");
            xml_writer_text(sb, s, n);
            open = true;
            s += n;
        }
        if (!*s)
            break;
        if (open)
            strbuf_addstr(sb, "</w:t>");
        open = false;
        strbuf_addstr(sb, *s == '\n' ? "<w:br/>" : "<w:tab/>");
        s++;
    }
    if (open)
        strbuf_addstr(sb, "</w:t>");
}

static const char *jc_value(enum report_align a)
{
    switch (a) {
    case REPORT_ALIGN_LEFT:
        return "left";
    case REPORT_ALIGN_CENTER:
        return "center";
    case REPORT_ALIGN_RIGHT:
        return "right";
    case REPORT_ALIGN_DEFAULT:
        break;
    }
    return NULL;
}

/*
 * One paragraph: style, optional justification override, optional run properties (bold,
 * size) and the text. The run is left out when the text is empty, as Word does.
 */
static void add_paragraph(struct strbuf *sb, const char *style_id, const char *jc, const char *rpr,
                          const char *text)
{
    strbuf_addstr(sb, "<w:p><w:pPr><w:pStyle w:val=\"");
    xml_writer_str(sb, style_id);
    strbuf_addstr(sb, "\"/>");
    if (jc)
        strbuf_addf(sb, "<w:jc w:val=\"%s\"/>", jc);
    strbuf_addstr(sb, "</w:pPr>");
    if (text && *text) {
        strbuf_addstr(sb, "<w:r>");
        if (rpr && *rpr)
            strbuf_addf(sb, "<w:rPr>%s</w:rPr>", rpr);
        add_run_text(sb, text);
        strbuf_addstr(sb, "</w:r>");
    }
    strbuf_addstr(sb, "</w:p>");
}

/*
 * A body paragraph whose text has line breaks becomes one paragraph per line: a manual
 * break in a justified paragraph stretches the line before it across the page (Word and
 * LibreOffice both do), and separate paragraphs are what a person editing expects.
 */
static void add_body_paragraphs(struct strbuf *sb, const char *style_id, const char *jc,
                                const char *text)
{
    struct strbuf line = STRBUF_INIT;

    while (text && strchr(text, '\n')) {
        const char *nl = strchr(text, '\n');
        strbuf_reset(&line);
        strbuf_add(&line, text, (size_t)(nl - text));
        add_paragraph(sb, style_id, jc, NULL, line.buf);
        text = nl + 1;
    }
    add_paragraph(sb, style_id, jc, NULL, text);
    strbuf_release(&line);
}

static enum docx_style_kind para_style(enum report_para_style s)
{
    switch (s) {
    case REPORT_PARA_BODY:
        return DOCX_ST_NORMAL;
    case REPORT_PARA_NOTE:
        return DOCX_ST_NOTE;
    case REPORT_PARA_CAPTION:
        return DOCX_ST_CAPTION;
    case REPORT_PARA_SIGNATURE:
        return DOCX_ST_SIGNATURE;
    case REPORT_PARA_PLAIN:
        return DOCX_ST_PLAIN;
    }
    return DOCX_ST_NORMAL;
}

/* ---- tables ----------------------------------------------------------------------- */

/*
 * For each cell, the index of the cell that starts the merge covering it (itself when
 * not covered). Word needs this for vertical merges: a row inside a merge still has a
 * w:tc (with w:vMerge and the same w:gridSpan) at the merge's first column.
 */
static size_t *merge_owners(const struct report_table *t)
{
    size_t n = t->nr_rows * t->nr_cols;
    size_t *owner = xmalloc(n * sizeof(*owner));

    for (size_t i = 0; i < n; i++)
        owner[i] = i;
    for (size_t i = 0; i < t->nr_rows; i++)
        for (size_t j = 0; j < t->nr_cols; j++) {
            const struct report_cell *c = report_cell_at(t, i, j);
            if (c->covered || (c->rowspan <= 1 && c->colspan <= 1))
                continue;
            for (size_t a = i; a < i + c->rowspan && a < t->nr_rows; a++)
                for (size_t b = j; b < j + c->colspan && b < t->nr_cols; b++)
                    if (a != i || b != j)
                        owner[a * t->nr_cols + b] = i * t->nr_cols + j;
        }
    return owner;
}

static unsigned span_width(const unsigned *grid, size_t col, size_t span, size_t nr_cols)
{
    unsigned w = 0;

    for (size_t k = col; k < col + span && k < nr_cols; k++)
        w += grid[k];
    return w;
}

static void add_cell(struct docx *d, struct strbuf *sb, const struct report_table *t,
                     const struct report_cell *c, bool header, unsigned width, size_t span,
                     const char *vmerge)
{
    const char *jc = jc_value(c->align);
    char rpr[64];
    bool bold = c->bold || header;

    if (!jc && header)
        jc = "center";
    /* 小四 (12 pt) in ordinary tables, 小五 (9 pt) in the wide 评分表 / 附表. */
    snprintf(rpr, sizeof(rpr), "%s<w:sz w:val=\"%u\"/><w:szCs w:val=\"%u\"/>",
             bold ? "<w:b/><w:bCs/>" : "", t->small ? 18u : 24u, t->small ? 18u : 24u);
    strbuf_addf(sb, "<w:tc><w:tcPr><w:tcW w:w=\"%u\" w:type=\"dxa\"/>", width);
    if (span > 1)
        strbuf_addf(sb, "<w:gridSpan w:val=\"%zu\"/>", span);
    if (vmerge)
        strbuf_addstr(sb, vmerge);
    strbuf_addstr(sb, "<w:vAlign w:val=\"center\"/></w:tcPr>");
    add_paragraph(sb, d->st.id[DOCX_ST_TABLE_TEXT], jc, rpr, vmerge && !c ? NULL : c->text);
    strbuf_addstr(sb, "</w:tc>");
}

static void add_table(struct docx *d, struct strbuf *sb, const struct report_table *t)
{
    unsigned *grid = xmalloc(t->nr_cols * sizeof(*grid));
    size_t *owner = merge_owners(t);
    unsigned long long sum = 0, cum = 0;
    unsigned total = d->text_width, edge = 0;
    /* 1.5 mm inside each cell; 0.75 mm in small tables, whose narrow number columns
     * ("100.00%") would otherwise wrap. */
    unsigned margin = t->small ? 43 : 85;

    /* Column edges are rounded, not widths, so the grid adds up to the text width. */
    for (size_t j = 0; j < t->nr_cols; j++)
        sum += t->col_widths[j];
    for (size_t j = 0; j < t->nr_cols; j++) {
        cum += t->col_widths[j];
        unsigned next =
            sum ? (unsigned)(total * cum / sum) : (unsigned)(total * (j + 1) / t->nr_cols);
        grid[j] = next - edge;
        edge = next;
    }
    strbuf_addstr(sb, "<w:tbl><w:tblPr><w:tblStyle w:val=\"");
    xml_writer_str(sb, d->st.id[DOCX_ST_TABLE_GRID]);
    /* Borders and margins are repeated here (not only in the table style) so the table
     * keeps its lines in WPS and when a reference's table style has none. */
    strbuf_addf(sb,
                "\"/><w:tblW w:w=\"%u\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
                "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
                "w:color=\"000000\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
                "w:color=\"000000\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
                "w:color=\"000000\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
                "w:color=\"000000\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
                "w:color=\"000000\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
                "w:color=\"000000\"/></w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
                "<w:tblCellMar><w:left w:w=\"%u\" w:type=\"dxa\"/><w:right w:w=\"%u\" "
                "w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" "
                "w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" "
                "w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
                total, margin, margin);
    for (size_t j = 0; j < t->nr_cols; j++)
        strbuf_addf(sb, "<w:gridCol w:w=\"%u\"/>", grid[j]);
    strbuf_addstr(sb, "</w:tblGrid>");
    for (size_t i = 0; i < t->nr_rows; i++) {
        bool header = i < t->header_rows;

        strbuf_addstr(sb, "<w:tr>");
        if (header)
            strbuf_addstr(sb, "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        for (size_t j = 0; j < t->nr_cols;) {
            const struct report_cell *c = report_cell_at(t, i, j);
            size_t o = owner[i * t->nr_cols + j];

            if (!c->covered) {
                size_t span = c->colspan ? c->colspan : 1;
                add_cell(d, sb, t, c, header, span_width(grid, j, span, t->nr_cols), span,
                         c->rowspan > 1 ? "<w:vMerge w:val=\"restart\"/>" : NULL);
                j += span;
                continue;
            }
            size_t orow = o / t->nr_cols, ocol = o % t->nr_cols;
            const struct report_cell *oc = &t->cells[o];
            if (o != i * t->nr_cols + j && orow < i && ocol == j) {
                size_t span = oc->colspan ? oc->colspan : 1;
                struct report_cell blank = *oc;
                blank.text = "";
                add_cell(d, sb, t, &blank, header, span_width(grid, j, span, t->nr_cols), span,
                         "<w:vMerge/>");
                j += span;
                continue;
            }
            if (o == i * t->nr_cols + j) {
                /* Marked covered with no cell covering it: the model is inconsistent;
                 * still write a cell so the row keeps its grid. */
                struct report_cell blank = *c;
                blank.text = "";
                add_cell(d, sb, t, &blank, header, grid[j], 1, NULL);
            }
            j++;
        }
        strbuf_addstr(sb, "</w:tr>");
    }
    strbuf_addstr(sb, "</w:tbl>");
    free(owner);
    free(grid);
}

/* ---- charts ----------------------------------------------------------------------- */

static int add_chart(struct docx *d, struct strbuf *sb, const struct report_chart *c)
{
    char name[40];
    unsigned n = ++d->nr_charts;
    unsigned long long cx = (unsigned long long)(CHART_WIDTH_PT * EMU_PER_PT);
    unsigned long long cy = (unsigned long long)(CHART_HEIGHT_PT * EMU_PER_PT);
    unsigned long long max_cx = (unsigned long long)d->text_width * EMU_PER_TWIP;

    snprintf(name, sizeof(name), "word/media/chart%u.png", n);
    struct strbuf *png = new_part(d, name, true);
    if (chart_png(c, CHART_DPI, png) != 0) {
        strbuf_addf(d->why, "cannot draw chart '%s'", c->title ? c->title : "");
        return -1;
    }
    if (cx > max_cx) { /* a narrow reference page: scale down, keep the aspect */
        cy = cy * max_cx / cx;
        cx = max_cx;
    }
    strbuf_addstr(sb, "<w:p><w:pPr><w:pStyle w:val=\"");
    xml_writer_str(sb, d->st.id[DOCX_ST_FIGURE]);
    strbuf_addf(sb,
                "\"/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" "
                "distR=\"0\"><wp:extent cx=\"%llu\" cy=\"%llu\"/><wp:effectExtent l=\"0\" "
                "t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"%u\" name=\"图表 %u\" descr=\"",
                cx, cy, n, n);
    xml_writer_str(sb, c->title);
    strbuf_addf(sb,
                "\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/>"
                "</wp:cNvGraphicFramePr><a:graphic><a:graphicData "
                "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
                "<pic:nvPicPr><pic:cNvPr id=\"0\" name=\"chart%u.png\"/><pic:cNvPicPr/>"
                "</pic:nvPicPr><pic:blipFill><a:blip r:embed=\"rIdChart%u\"/><a:stretch>"
                "<a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" "
                "y=\"0\"/><a:ext cx=\"%llu\" cy=\"%llu\"/></a:xfrm><a:prstGeom prst=\"rect\">"
                "<a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"
                "</wp:inline></w:drawing></w:r></w:p>",
                n, n, cx, cy);
    return 0;
}

/* ---- document.xml ----------------------------------------------------------------- */

static void add_default_sectpr(const struct docx *d, struct strbuf *sb)
{
    bool landscape = d->r->page == REPORT_LANDSCAPE;

    strbuf_addstr(sb, "<w:sectPr>");
    if (d->ref->header_xml)
        strbuf_addstr(sb, "<w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>");
    strbuf_addstr(sb, "<w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>");
    if (landscape)
        strbuf_addf(sb, "<w:pgSz w:w=\"%d\" w:h=\"%d\" w:orient=\"landscape\"/>", A4_H, A4_W);
    else
        strbuf_addf(sb, "<w:pgSz w:w=\"%d\" w:h=\"%d\"/>", A4_W, A4_H);
    strbuf_addf(sb,
                "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" "
                "w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/><w:cols w:space=\"425\"/>"
                "<w:docGrid w:linePitch=\"579\"/></w:sectPr>",
                MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT);
}

static int write_document(struct docx *d, struct strbuf *sb, const struct strbuf *sectpr)
{
    const struct report *r = d->r;

    strbuf_addstr(sb, XML_DECL "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R
                               "\" xmlns:wp=\"http://schemas.openxmlformats.org/"
                               "drawingml/2006/wordprocessingDrawing\" "
                               "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/"
                               "main\" xmlns:pic=\"http://schemas.openxmlformats.org/"
                               "drawingml/2006/picture\"><w:body>");
    if (r->title && *r->title)
        add_paragraph(sb, d->st.id[DOCX_ST_TITLE], NULL, NULL, r->title);
    if (r->subtitle && *r->subtitle)
        add_paragraph(sb, d->st.id[DOCX_ST_SUBTITLE], NULL, NULL, r->subtitle);
    for (size_t i = 0; i < r->nr_blocks; i++) {
        const struct report_block *b = &r->blocks[i];
        unsigned level = b->level < 1 ? 1 : b->level > 3 ? 3 : b->level;

        switch (b->kind) {
        case REPORT_HEADING:
            add_paragraph(sb, d->st.id[DOCX_ST_HEADING1 + (level - 1)], NULL, NULL, b->text);
            break;
        case REPORT_PARAGRAPH:
            add_body_paragraphs(sb, d->st.id[para_style(b->style)], jc_value(b->align), b->text);
            break;
        case REPORT_TABLE:
            if (!b->table || !b->table->nr_rows || !b->table->nr_cols)
                break;
            add_table(d, sb, b->table);
            /* Two tables in a row would fuse into one, and Word wants a paragraph
             * between the last table and the section properties. */
            if (i + 1 == r->nr_blocks || r->blocks[i + 1].kind == REPORT_TABLE)
                add_paragraph(sb, d->st.id[DOCX_ST_PLAIN], NULL, NULL, NULL);
            break;
        case REPORT_CHART:
            if (b->chart && add_chart(d, sb, b->chart) < 0)
                return -1;
            break;
        case REPORT_PAGE_BREAK:
            strbuf_addstr(sb, "<w:p><w:pPr><w:pStyle w:val=\"");
            xml_writer_str(sb, d->st.id[DOCX_ST_PLAIN]);
            strbuf_addstr(sb, "\"/></w:pPr><w:r><w:br w:type=\"page\"/></w:r></w:p>");
            break;
        }
    }
    if (sectpr->len)
        strbuf_add(sb, sectpr->buf, sectpr->len);
    else
        add_default_sectpr(d, sb);
    strbuf_addstr(sb, "</w:body></w:document>");
    return 0;
}

/* ---- the other parts ---------------------------------------------------------------- */

/* "— 1 —" centred, the page number a live PAGE field (GB/T 9704 puts it under the text). */
static void write_footer(const struct docx *d, struct strbuf *sb)
{
    strbuf_addstr(sb, XML_DECL "<w:ftr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R
                               "\"><w:p><w:pPr><w:pStyle w:val=\"");
    xml_writer_str(sb, d->st.id[DOCX_ST_FOOTER]);
    strbuf_addstr(sb, "\"/><w:jc w:val=\"center\"/></w:pPr><w:r><w:t xml:space=\"preserve\">"
                      "— </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>"
                      "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r>"
                      "<w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>"
                      "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r>"
                      "<w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>");
}

static void write_settings(struct strbuf *sb)
{
    strbuf_addstr(
        sb, XML_DECL
        "<w:settings xmlns:w=\"" NS_W
        "\"><w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/>"
        "<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
        "<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name=\"compatibilityMode\" "
        "w:uri=\"http://schemas.microsoft.com/office/word\" "
        "w:val=\"15\"/></w:compat><w:themeFontLang w:val=\"en-US\" "
        "w:eastAsia=\"zh-CN\"/><w:decimalSymbol w:val=\".\"/>"
        "<w:listSeparator w:val=\",\"/></w:settings>");
}

/* The 公文 fonts with the names Word matches on Chinese Windows and their alternates;
 * 方正小标宋简体 is often missing, and its declared alternate 宋体 is what Word and WPS
 * then use. Charset 86 is GB2312. */
static void write_font_table(struct strbuf *sb)
{
    static const struct {
        const char *name, *alt, *panose, *family, *pitch;
    } fonts[] = {
        {"Times New Roman", NULL, "02020603050405020304", "roman", "variable"},
        {"宋体", "SimSun", "02010600030101010101", "auto", "variable"},
        {"方正小标宋简体", "宋体", "02000000000000000000", "auto", "variable"},
        {"黑体", "SimHei", "02010609060101010101", "modern", "fixed"},
        {"楷体", "KaiTi", "02010609060101010101", "modern", "fixed"},
        {"仿宋", "FangSong", "02010609060101010101", "modern", "fixed"},
    };

    strbuf_addstr(sb, XML_DECL "<w:fonts xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\">");
    for (size_t i = 0; i < sizeof(fonts) / sizeof(fonts[0]); i++) {
        strbuf_addf(sb, "<w:font w:name=\"%s\">", fonts[i].name);
        if (fonts[i].alt)
            strbuf_addf(sb, "<w:altName w:val=\"%s\"/>", fonts[i].alt);
        strbuf_addf(sb,
                    "<w:panose1 w:val=\"%s\"/><w:charset w:val=\"%s\"/><w:family "
                    "w:val=\"%s\"/><w:pitch w:val=\"%s\"/></w:font>",
                    fonts[i].panose, i == 0 ? "00" : "86", fonts[i].family, fonts[i].pitch);
    }
    strbuf_addstr(sb, "</w:fonts>");
}

/* A W3CDTF timestamp from the evaluation date; none when the date is not YYYY-MM-DD
 * (the renderer has no clock, and a wrong date is worse than none). */
static bool valid_date(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (size_t i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    return true;
}

static void write_core(const struct report *r, struct strbuf *sb)
{
    strbuf_addstr(sb, XML_DECL "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
                               "package/2006/metadata/core-properties\" "
                               "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                               "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                               "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
                               "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                               "<dc:title>");
    xml_writer_str(sb, r->title);
    strbuf_addstr(sb, "</dc:title><dc:subject>");
    xml_writer_str(sb, r->layout);
    strbuf_addstr(sb, "</dc:subject><dc:creator>");
    xml_writer_str(sb, r->author);
    strbuf_addstr(sb, "</dc:creator><cp:lastModifiedBy>");
    xml_writer_str(sb, r->author);
    strbuf_addstr(sb, "</cp:lastModifiedBy><dc:language>zh-CN</dc:language>");
    if (valid_date(r->date))
        strbuf_addf(sb,
                    "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%sT00:00:00Z</dcterms:created>"
                    "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">%sT00:00:00Z"
                    "</dcterms:modified>",
                    r->date, r->date);
    strbuf_addstr(sb, "</cp:coreProperties>");
}

static void write_app(const struct report *r, struct strbuf *sb)
{
    strbuf_addstr(sb, XML_DECL "<Properties xmlns=\"http://schemas.openxmlformats.org/"
                               "officeDocument/2006/extended-properties\" "
                               "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/"
                               "2006/docPropsVTypes\"><Application>jixiao</Application>"
                               "<DocSecurity>0</DocSecurity><Company>");
    xml_writer_str(sb, r->author);
    strbuf_addstr(sb, "</Company></Properties>");
}

static void add_override(struct strbuf *sb, const char *part, const char *type)
{
    strbuf_addf(sb, "<Override PartName=\"/%s\" ContentType=\"%s\"/>", part, type);
}

static void write_content_types(const struct docx *d, struct strbuf *sb)
{
    strbuf_addstr(sb, XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                               "content-types\"><Default Extension=\"rels\" "
                               "ContentType=\"application/"
                               "vnd.openxmlformats-package.relationships+xml\"/><Default "
                               "Extension=\"xml\" ContentType=\"application/xml\"/>");
    if (d->nr_charts)
        strbuf_addstr(sb, "<Default Extension=\"png\" ContentType=\"image/png\"/>");
    add_override(sb, "word/document.xml", CT_WML "document.main+xml");
    add_override(sb, "word/styles.xml", CT_WML "styles+xml");
    add_override(sb, "word/settings.xml", CT_WML "settings+xml");
    add_override(sb, "word/fontTable.xml", CT_WML "fontTable+xml");
    add_override(sb, "word/footer1.xml", CT_WML "footer+xml");
    if (find_part(d, "word/header1.xml"))
        add_override(sb, "word/header1.xml", CT_WML "header+xml");
    if (find_part(d, "word/numbering.xml"))
        add_override(sb, "word/numbering.xml", CT_WML "numbering+xml");
    add_override(sb, "docProps/core.xml",
                 "application/vnd.openxmlformats-package.core-properties+xml");
    add_override(sb, "docProps/app.xml",
                 "application/vnd.openxmlformats-officedocument.extended-properties+xml");
    strbuf_addstr(sb, "</Types>");
}

static void write_package_rels(struct strbuf *sb)
{
    strbuf_addstr(sb, XML_DECL
                  "<Relationships xmlns=\"" NS_REL "\"><Relationship Id=\"rId1\" Type=\"" REL_OD
                  "officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" "
                  "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/"
                  "metadata/core-properties\" Target=\"docProps/core.xml\"/><Relationship "
                  "Id=\"rId3\" Type=\"" REL_OD "extended-properties\" "
                  "Target=\"docProps/app.xml\"/></Relationships>");
}

static void add_rel(struct strbuf *sb, const char *id, const char *type, const char *target)
{
    strbuf_addf(sb, "<Relationship Id=\"%s\" Type=\"" REL_OD "%s\" Target=\"%s\"/>", id, type,
                target);
}

static void write_document_rels(const struct docx *d, struct strbuf *sb)
{
    strbuf_addstr(sb, XML_DECL "<Relationships xmlns=\"" NS_REL "\">");
    add_rel(sb, "rIdStyles", "styles", "styles.xml");
    add_rel(sb, "rIdSettings", "settings", "settings.xml");
    add_rel(sb, "rIdFontTable", "fontTable", "fontTable.xml");
    add_rel(sb, "rIdFooter", "footer", "footer1.xml");
    if (find_part(d, "word/header1.xml"))
        add_rel(sb, "rIdHeader", "header", "header1.xml");
    if (find_part(d, "word/numbering.xml"))
        add_rel(sb, "rIdNumbering", "numbering", "numbering.xml");
    for (unsigned i = 1; i <= d->nr_charts; i++) {
        char id[32], target[40];
        snprintf(id, sizeof(id), "rIdChart%u", i);
        snprintf(target, sizeof(target), "media/chart%u.png", i);
        add_rel(sb, id, "image", target);
    }
    strbuf_addstr(sb, "</Relationships>");
}

/* ---- the zip ---------------------------------------------------------------------- */

static int zip_parts(struct docx *d, struct strbuf *out)
{
    zip_error_t zerr;
    zip_t *za = NULL;
    int ret = -1;

    zip_error_init(&zerr);
    zip_source_t *buf = zip_source_buffer_create(NULL, 0, 0, &zerr);
    if (!buf) {
        strbuf_addf(d->why, "cannot create the zip buffer: %s", zip_error_strerror(&zerr));
        goto out;
    }
    za = zip_open_from_source(buf, ZIP_TRUNCATE, &zerr);
    if (!za) {
        strbuf_addf(d->why, "cannot create the zip archive: %s", zip_error_strerror(&zerr));
        goto out; /* the failed open did not take buf: freed below */
    }
    /* Only now: zip_close would otherwise free buf, which is read back after it. */
    zip_source_keep(buf);
    for (size_t i = 0; i < d->nr_parts; i++) {
        const struct part *p = &d->parts[i];
        zip_source_t *src = zip_source_buffer(za, p->data.buf, p->data.len, 0);
        zip_int64_t idx = src ? zip_file_add(za, p->name, src, ZIP_FL_ENC_UTF_8) : -1;

        if (idx < 0) {
            zip_source_free(src);
            strbuf_addf(d->why, "cannot add '%s' to the archive: %s", p->name, zip_strerror(za));
            goto out;
        }
        if (zip_file_set_dostime(za, (zip_uint64_t)idx, DOCX_DOS_TIME, DOCX_DOS_DATE, 0) < 0 ||
            zip_set_file_compression(za, (zip_uint64_t)idx,
                                     p->stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0) < 0) {
            strbuf_addf(d->why, "cannot add '%s' to the archive: %s", p->name, zip_strerror(za));
            goto out;
        }
    }
    if (zip_close(za) < 0) {
        strbuf_addf(d->why, "cannot write the zip archive: %s", zip_strerror(za));
        goto out;
    }
    za = NULL;
    zip_stat_t st;
    if (zip_source_stat(buf, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) || zip_source_open(buf) < 0) {
        strbuf_addf(d->why, "cannot read the zip archive back: %s",
                    zip_error_strerror(zip_source_error(buf)));
        goto out;
    }
    strbuf_grow(out, (size_t)st.size);
    zip_int64_t n = zip_source_read(buf, out->buf + out->len, st.size);
    zip_source_close(buf);
    if (n < 0 || (zip_uint64_t)n != st.size) {
        strbuf_addf(d->why, "cannot read the zip archive back: %s",
                    zip_error_strerror(zip_source_error(buf)));
        goto out;
    }
    strbuf_setlen(out, out->len + (size_t)n);
    ret = 0;
out:
    if (za)
        zip_discard(za);
    zip_source_free(buf);
    zip_error_fini(&zerr);
    return ret;
}

int report_docx(const struct report *r, const struct docx_reference *ref, struct strbuf *out,
                struct strbuf *why)
{
    static const struct docx_reference no_ref;
    struct docx d = {.r = r, .ref = ref ? ref : &no_ref, .why = why};
    struct strbuf sectpr = STRBUF_INIT;
    int ret = -1;

    d.alloc_parts = 12;
    for (size_t i = 0; i < r->nr_blocks; i++)
        d.alloc_parts += r->blocks[i].kind == REPORT_CHART;
    d.parts = xmalloc(d.alloc_parts * sizeof(*d.parts));
    /* The order of the parts is the order in the archive: [Content_Types].xml first, as
     * some consumers expect; it is written last, once the parts are known. */
    struct strbuf *ct = new_part(&d, "[Content_Types].xml", false);
    write_package_rels(new_part(&d, "_rels/.rels", false));
    write_core(r, new_part(&d, "docProps/core.xml", false));
    write_app(r, new_part(&d, "docProps/app.xml", false));
    struct strbuf *doc = new_part(&d, "word/document.xml", false);
    if (docx_template_styles(d.ref->styles_xml, &d.st, new_part(&d, "word/styles.xml", false),
                             why) < 0)
        goto out;
    write_settings(new_part(&d, "word/settings.xml", false));
    write_font_table(new_part(&d, "word/fontTable.xml", false));
    d.text_width = docx_template_section(d.ref->document_xml, r->page == REPORT_LANDSCAPE,
                                         d.ref->header_xml != NULL, &sectpr);
    if (!d.text_width)
        d.text_width = (r->page == REPORT_LANDSCAPE ? A4_H : A4_W) - MARGIN_LEFT - MARGIN_RIGHT;
    if (d.ref->footer_xml) {
        if (docx_template_header_footer(d.ref->footer_xml, "footer",
                                        new_part(&d, "word/footer1.xml", false), why) < 0)
            goto out;
    } else {
        write_footer(&d, new_part(&d, "word/footer1.xml", false));
    }
    if (d.ref->header_xml &&
        docx_template_header_footer(d.ref->header_xml, "header",
                                    new_part(&d, "word/header1.xml", false), why) < 0)
        goto out;
    if (d.ref->numbering_xml) {
        /* Re-serialised, not copied: that drops the reference's DTD and entities. */
        if (docx_template_header_footer(d.ref->numbering_xml, "word/numbering.xml",
                                        new_part(&d, "word/numbering.xml", false), why) < 0)
            goto out;
    }
    if (write_document(&d, doc, &sectpr) < 0)
        goto out;
    write_document_rels(&d, new_part(&d, "word/_rels/document.xml.rels", false));
    write_content_types(&d, ct);
    ret = zip_parts(&d, out);
out:
    for (size_t i = 0; i < d.nr_parts; i++)
        strbuf_release(&d.parts[i].data);
    free(d.parts);
    strbuf_release(&sectpr);
    docx_styles_release(&d.st);
    return ret;
}
