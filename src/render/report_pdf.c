/*
 * The report model as PDF (report_pdf.h): cairo's PDF surface writes into the caller's
 * strbuf, pango sets the text in Noto CJK, pdf_layout places it on A4 pages with the
 * GB/T 9704 margins. The output depends only on the report: the creation date comes from
 * r->date (1970-01-01 when it has none), never from the clock, so the same input gives the
 * same bytes.
 *
 * Fonts come from pango's default font map, which pango keeps for the life of the thread,
 * so a process rendering many reports loads and parses each font file once.
 */
#include "render/report_pdf.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "render/chart.h"
#include "render/pdf_layout.h"

#define MM (72.0 / 25.4)
#define A4_SHORT_PT 595.28
#define A4_LONG_PT 841.89

/* GB/T 9704-2012 page margins. */
#define MARGIN_TOP (37 * MM)
#define MARGIN_BOTTOM (35 * MM)
#define MARGIN_LEFT (28 * MM)
#define MARGIN_RIGHT (26 * MM)
/* The page number sits 7 mm below the text block (GB/T 9704 7.5). */
#define FOOTER_GAP (7 * MM)

/* Point sizes of the Chinese 号 sizes used by 公文. */
#define SIZE_2HAO 22.0
#define SIZE_3HAO 16.0
#define SIZE_4HAO 14.0
#define SIZE_XIAO4 12.0
#define SIZE_5HAO 10.5

/* Noto CJK is the nearest to the 公文 faces that Debian ships: serif for 仿宋 (body),
 * sans for 黑体 (headings) and, in bold, for the title (小标宋), captions and table heads.
 * Three faces and no more, the chart's two sans faces among them: every face is subset,
 * compressed and embedded again in every document, and that, not layout, is most of the
 * time a report takes (docs/performance.md). */
#define FONT_SERIF "Noto Serif CJK SC"
#define FONT_SANS "Noto Sans CJK SC"

/* A character every Chinese report contains: a font that lacks it is the wrong font. */
#define PROBE_CHAR 0x8BC4 /* 评 */

struct pdf_fonts {
    PangoFontDescription *body, *body_bold, *sans, *title, *heading[4], *note, *footer;
    PangoFontDescription *table, *table_bold, *table_small, *table_small_bold;
};

struct pdf_doc {
    const struct report *r;
    cairo_surface_t *surface;
    struct pdf_layout L;
    struct pdf_fonts f;
    int outline_parent[4]; /* last outline item at each level, 0 = the root */
    struct strbuf tmp;
};

static cairo_status_t write_to_strbuf(void *closure, const unsigned char *data, unsigned int length)
{
    strbuf_add(closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

static PangoFontDescription *font(const char *family, PangoWeight weight, double size)
{
    PangoFontDescription *d = pango_font_description_new();

    pango_font_description_set_family(d, family);
    pango_font_description_set_weight(d, weight);
    pango_font_description_set_size(d, (int)(size * PANGO_SCALE));
    return d;
}

static void fonts_init(struct pdf_fonts *f)
{
    f->body = font(FONT_SERIF, PANGO_WEIGHT_NORMAL, SIZE_3HAO);
    f->body_bold = font(FONT_SANS, PANGO_WEIGHT_BOLD, SIZE_3HAO);
    f->sans = font(FONT_SANS, PANGO_WEIGHT_NORMAL, SIZE_3HAO);
    f->title = font(FONT_SANS, PANGO_WEIGHT_BOLD, SIZE_2HAO);
    f->heading[1] = font(FONT_SANS, PANGO_WEIGHT_BOLD, SIZE_3HAO);
    f->heading[2] = font(FONT_SANS, PANGO_WEIGHT_NORMAL, SIZE_3HAO);
    f->heading[3] = font(FONT_SERIF, PANGO_WEIGHT_NORMAL, SIZE_3HAO);
    f->heading[0] = f->heading[1];
    f->note = font(FONT_SERIF, PANGO_WEIGHT_NORMAL, SIZE_XIAO4);
    f->footer = font(FONT_SERIF, PANGO_WEIGHT_NORMAL, SIZE_4HAO);
    f->table = font(FONT_SERIF, PANGO_WEIGHT_NORMAL, SIZE_XIAO4);
    f->table_bold = font(FONT_SANS, PANGO_WEIGHT_BOLD, SIZE_XIAO4);
    f->table_small = font(FONT_SERIF, PANGO_WEIGHT_NORMAL, SIZE_5HAO);
    f->table_small_bold = font(FONT_SANS, PANGO_WEIGHT_BOLD, SIZE_5HAO);
}

static void fonts_release(struct pdf_fonts *f)
{
    PangoFontDescription *all[] = {f->body,
                                   f->body_bold,
                                   f->sans,
                                   f->title,
                                   f->heading[1],
                                   f->heading[2],
                                   f->heading[3],
                                   f->note,
                                   f->footer,
                                   f->table,
                                   f->table_bold,
                                   f->table_small,
                                   f->table_small_bold};

    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
        if (all[i])
            pango_font_description_free(all[i]);
    memset(f, 0, sizeof(*f));
}

/* Whether the font fontconfig picks for desc can set Chinese: without Noto CJK (or
 * another CJK font) it falls back to a Latin font and every character becomes a box. */
static int check_font(PangoContext *ctx, const PangoFontDescription *desc, struct strbuf *why)
{
    PangoFont *f = pango_context_load_font(ctx, desc);
    PangoCoverage *cov = f ? pango_font_get_coverage(f, pango_language_from_string("zh-cn")) : NULL;
    int ok = cov && pango_coverage_get(cov, PROBE_CHAR) == PANGO_COVERAGE_EXACT;

    if (!ok) {
        char *name = pango_font_description_get_family(desc)
                         ? g_strdup(pango_font_description_get_family(desc))
                         : g_strdup("?");
        strbuf_addf(why,
                    "no Chinese font found for '%s' (needed to set the report): install "
                    "fonts-noto-cjk",
                    name);
        g_free(name);
    }
    if (cov)
        g_object_unref(cov);
    if (f)
        g_object_unref(f);
    return ok ? 0 : -1;
}

static PangoContext *new_pango_context(cairo_t *cr)
{
    PangoContext *ctx = pango_font_map_create_context(pango_cairo_font_map_get_default());
    cairo_font_options_t *fo = cairo_font_options_create();

    /* Unhinted metrics: the layout is the same at any zoom and on any machine. */
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(ctx, 72.0);
    pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
    pango_cairo_update_context(cr, ctx);
    return ctx;
}

/* "— 3 —" centred under the text block. */
static void draw_footer(struct pdf_layout *L, void *data)
{
    struct pdf_doc *d = data;
    struct pdf_text_style st = {d->f.footer, PANGO_ALIGN_CENTER, false, 0, 0};
    PangoLayout *layout;

    strbuf_reset(&d->tmp);
    strbuf_addf(&d->tmp, "— %u —", L->page_no);
    layout = pdf_layout_text_new(L, &st, d->tmp.buf, L->right - L->left);
    cairo_move_to(L->cr, L->left, L->bottom + FOOTER_GAP);
    pango_cairo_show_layout(L->cr, layout);
    g_object_unref(layout);
}

/* The heading text on one line, for the outline. */
static const char *one_line(struct strbuf *sb, const char *text)
{
    strbuf_reset(sb);
    for (const char *p = text ? text : ""; *p; p++)
        strbuf_addch(sb, (unsigned char)*p < 0x20 ? ' ' : *p);
    return sb->buf;
}

static void add_outline(struct pdf_doc *d, unsigned level, const char *text, double y)
{
    char dest[96];
    int id;

    if (level < 1 || level > 3)
        level = 1;
    snprintf(dest, sizeof(dest), "page=%u pos=[%.2f %.2f]", d->L.page_no, d->L.left, y);
    if (!g_utf8_validate(text, -1, NULL))
        return; /* cairo would write invalid UTF-16; the heading is still on the page */
    id = cairo_pdf_surface_add_outline(d->surface, d->outline_parent[level - 1],
                                       one_line(&d->tmp, text), dest,
                                       level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
    for (unsigned l = level; l < 4; l++)
        d->outline_parent[l] = id;
}

static void draw_heading(struct pdf_doc *d, const struct report_block *b)
{
    unsigned level = b->level >= 1 && b->level <= 3 ? b->level : 1;
    struct pdf_text_style st = {d->f.heading[level], PANGO_ALIGN_LEFT, false, 0, 1.25};
    struct pdf_text_style body = {d->f.body, PANGO_ALIGN_LEFT, false, 0, 1.25};
    PangoLayout *h = pdf_layout_text_new(&d->L, &st, b->text, d->L.right - d->L.left);
    PangoLayout *next = pdf_layout_text_new(&d->L, &body, "评", d->L.right - d->L.left);
    double space = level == 1 ? SIZE_3HAO / 2 : 0;

    /* A heading never ends a page: keep it with the first line that follows. */
    pdf_layout_keep(&d->L, space + pdf_layout_text_height(h) + pdf_layout_text_height(next));
    g_object_unref(h);
    g_object_unref(next);
    if (d->L.page_used)
        d->L.y += space;
    add_outline(d, level, b->text, d->L.y);
    pdf_layout_paragraph(&d->L, &st, b->text);
}

static void draw_paragraph(struct pdf_doc *d, const struct report_block *b)
{
    struct pdf_text_style st = {d->f.body, PANGO_ALIGN_LEFT, true, 2, 1.25};

    switch (b->style) {
    case REPORT_PARA_BODY:
        break;
    case REPORT_PARA_NOTE:
        st.font = d->f.note;
        st.indent_em = 0;
        st.line_spacing = 1.1;
        break;
    case REPORT_PARA_CAPTION:
        st.font = d->f.body_bold;
        st.align = PANGO_ALIGN_CENTER;
        st.justify = false;
        st.indent_em = 0;
        break;
    case REPORT_PARA_SIGNATURE:
        st.align = PANGO_ALIGN_RIGHT;
        st.justify = false;
        st.indent_em = 0;
        break;
    case REPORT_PARA_PLAIN:
        st.indent_em = 0;
        break;
    }
    switch (b->align) {
    case REPORT_ALIGN_DEFAULT:
        break;
    case REPORT_ALIGN_LEFT:
        st.align = PANGO_ALIGN_LEFT, st.justify = false;
        break;
    case REPORT_ALIGN_CENTER:
        st.align = PANGO_ALIGN_CENTER, st.justify = false, st.indent_em = 0;
        break;
    case REPORT_ALIGN_RIGHT:
        st.align = PANGO_ALIGN_RIGHT, st.justify = false, st.indent_em = 0;
        break;
    }
    if (b->style == REPORT_PARA_CAPTION)
        pdf_layout_keep(&d->L, 4 * SIZE_3HAO); /* with the first rows of its table */
    pdf_layout_paragraph(&d->L, &st, b->text);
}

static void draw_table(struct pdf_doc *d, const struct report_table *t)
{
    struct pdf_table_fonts tf = {t->small ? d->f.table_small : d->f.table,
                                 t->small ? d->f.table_small_bold : d->f.table_bold};

    d->L.y += SIZE_XIAO4 / 3;
    pdf_layout_table(&d->L, t, &tf);
    d->L.y += SIZE_XIAO4 / 2;
    if (d->L.y > d->L.bottom)
        d->L.y = d->L.bottom;
}

/* A chart is drawn as vectors, centred, and never split. When it does not fit at its
 * natural size but would at three quarters of it, it shrinks rather than leave the rest of
 * the page empty. */
static void draw_chart(struct pdf_doc *d, const struct report_chart *c)
{
    double width = fmin(CHART_WIDTH_PT, d->L.right - d->L.left);
    double height = CHART_HEIGHT_PT * width / CHART_WIDTH_PT;
    double room = d->L.bottom - d->L.y - SIZE_XIAO4;
    double x;

    if (d->L.page_used && room < height && room >= 0.75 * height) {
        width *= room / height;
        height = room;
    }
    pdf_layout_keep(&d->L, height + SIZE_XIAO4);
    x = d->L.left + (d->L.right - d->L.left - width) / 2;
    d->L.y += SIZE_XIAO4 / 2;
    cairo_save(d->L.cr);
    cairo_translate(d->L.cr, x, d->L.y);
    chart_draw(c, d->L.cr, width, height);
    cairo_restore(d->L.cr);
    d->L.y = fmin(d->L.y + height + SIZE_XIAO4 / 2, d->L.bottom);
    d->L.page_used = true;
}

static void draw_title(struct pdf_doc *d)
{
    struct pdf_text_style st = {d->f.title, PANGO_ALIGN_CENTER, false, 0, 1.2};
    struct pdf_text_style sub = {d->f.body, PANGO_ALIGN_CENTER, false, 0, 1.25};

    if (d->r->title && d->r->title[0]) {
        pdf_layout_paragraph(&d->L, &st, d->r->title);
        if (d->L.y + SIZE_2HAO < d->L.bottom)
            d->L.y += SIZE_3HAO / 2;
    }
    if (d->r->subtitle && d->r->subtitle[0])
        pdf_layout_paragraph(&d->L, &sub, d->r->subtitle);
    if (d->L.page_used && d->L.y + SIZE_3HAO < d->L.bottom)
        d->L.y += SIZE_3HAO;
}

/* "2023-03-20" -> "2023-03-20T00:00:00", the form cairo's metadata expects; NULL if the
 * date is not in that form. */
static const char *iso_date(const char *date, char *buf, size_t size)
{
    static const char shape[] = "dddd-dd-dd";

    if (!date || strlen(date) != sizeof(shape) - 1)
        return NULL;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? !isdigit((unsigned char)date[i]) : date[i] != shape[i])
            return NULL;
    snprintf(buf, size, "%sT00:00:00", date);
    return buf;
}

static void set_metadata(struct pdf_doc *d)
{
    const struct report *r = d->r;
    char date[32];

    if (r->title && g_utf8_validate(r->title, -1, NULL))
        cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE,
                                       one_line(&d->tmp, r->title));
    if (r->author && g_utf8_validate(r->author, -1, NULL))
        cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_AUTHOR,
                                       one_line(&d->tmp, r->author));
    if (r->layout && g_utf8_validate(r->layout, -1, NULL))
        cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_SUBJECT, r->layout);
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, "jixiao");
    /* cairo stamps the current time unless told otherwise; the evaluation's date keeps
     * the output reproducible, and without one a fixed epoch does. */
    if (!iso_date(r->date, date, sizeof(date)))
        snprintf(date, sizeof(date), "1970-01-01T00:00:00");
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_MOD_DATE, date);
}

static void draw_blocks(struct pdf_doc *d)
{
    for (size_t i = 0; i < d->r->nr_blocks; i++) {
        const struct report_block *b = &d->r->blocks[i];

        switch (b->kind) {
        case REPORT_HEADING:
            draw_heading(d, b);
            break;
        case REPORT_PARAGRAPH:
            draw_paragraph(d, b);
            break;
        case REPORT_TABLE:
            if (b->table)
                draw_table(d, b->table);
            break;
        case REPORT_CHART:
            if (b->chart)
                draw_chart(d, b->chart);
            break;
        case REPORT_PAGE_BREAK:
            if (d->L.page_used)
                pdf_layout_new_page(&d->L);
            break;
        }
    }
}

int report_pdf(const struct report *r, struct strbuf *out, struct strbuf *why)
{
    bool landscape = r->page == REPORT_LANDSCAPE;
    double w = landscape ? A4_LONG_PT : A4_SHORT_PT, h = landscape ? A4_SHORT_PT : A4_LONG_PT;
    struct pdf_doc d = {.r = r};
    cairo_status_t st;
    PangoContext *pango;
    cairo_t *cr;
    size_t start = out->len;
    int ret = -1;

    strbuf_init(&d.tmp, 64);
    fonts_init(&d.f);
    d.surface = cairo_pdf_surface_create_for_stream(write_to_strbuf, out, w, h);
    cr = cairo_create(d.surface);
    pango = new_pango_context(cr);
    if (check_font(pango, d.f.body, why) || check_font(pango, d.f.sans, why) ||
        check_font(pango, d.f.body_bold, why))
        goto out;
    set_metadata(&d);
    pdf_layout_init(&d.L, cr, pango, w, h, MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT);
    d.L.finish_page = draw_footer;
    d.L.finish_data = &d;
    cairo_set_source_rgb(cr, 0, 0, 0);
    draw_title(&d);
    draw_blocks(&d);
    pdf_layout_finish(&d.L);
    pdf_layout_release(&d.L);
    ret = 0;
out:
    g_object_unref(pango);
    cairo_destroy(cr);
    cairo_surface_finish(d.surface);
    st = cairo_surface_status(d.surface);
    cairo_surface_destroy(d.surface);
    fonts_release(&d.f);
    strbuf_release(&d.tmp);
    if (!ret && st != CAIRO_STATUS_SUCCESS) {
        strbuf_addf(why, "cairo could not write the PDF: %s", cairo_status_to_string(st));
        ret = -1;
    }
    if (ret)
        strbuf_setlen(out, start);
    return ret;
}
