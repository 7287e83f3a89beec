/*
 * The one chart module (chart.h): a bar chart (one series, 得分率 by 一级指标) or a grouped bar
 * chart (预算 / 到位 / 执行 per category) drawn with cairo, Chinese text laid out with pango.
 *
 * Invariants:
 * - One drawing routine (chart_draw) serves PDF, PNG and SVG, so the three show the same
 *   picture; chart_png and chart_svg only choose the surface.
 * - Black-and-white print: every series has its own grey level AND its own hatch pattern,
 *   bars have thin black outlines, and every value is printed above its bar.
 * - Deterministic: the same chart gives the same bytes. Text is laid out with hinting off
 *   and unrounded glyph positions (so the layout does not depend on the surface), hatch
 *   lines are anchored to their bar, and the SVG's ids (which cairo numbers from
 *   process-wide counters) are renumbered.
 * Values are exact int64 with a scale; drawing converts them to double, which is fine
 * because a chart is never on a money or score path: the printed labels come from the
 * model, already formatted.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "core/err.h"
#include "render/chart.h"
#include "render/png_encode.h"
#include "render/xml_writer.h"

/* Noto CJK is what the PDF embeds too; the fallbacks keep text readable without it. */
#define CHART_FONT_FAMILY "Noto Sans CJK SC,Noto Serif CJK SC,sans-serif"

/* Sizes in points (user units). */
#define TITLE_SIZE 10.5 /* 五号 */
#define LABEL_SIZE 8.0
#define VALUE_SIZE 7.5
#define SMALL_VALUE_SIZE 6.5
#define PAD 6.0
#define OUTLINE_WIDTH 0.6
#define HATCH_WIDTH 0.5
#define HATCH_SPACING 3.5
#define MAX_BAR_WIDTH 36.0 /* one or two categories would otherwise give slabs */

enum hatch { HATCH_NONE, HATCH_DIAGONAL, HATCH_CROSS, HATCH_HORIZONTAL, HATCH_BACK_DIAGONAL };

/* Neighbouring series differ in grey level by at least 0.3 and in pattern. */
static const struct bar_style {
    double grey; /* 0 black .. 1 white */
    enum hatch hatch;
} bar_styles[] = {
    {0.55, HATCH_NONE},       {0.88, HATCH_DIAGONAL},      {1.00, HATCH_CROSS},
    {0.70, HATCH_HORIZONTAL}, {0.95, HATCH_BACK_DIAGONAL},
};
#define NR_BAR_STYLES (sizeof(bar_styles) / sizeof(bar_styles[0]))

struct text {
    cairo_t *cr;
    PangoLayout *layout;
    PangoFontDescription *font;
};

static void text_init(struct text *t, cairo_t *cr)
{
    cairo_font_options_t *opts = cairo_font_options_create();
    PangoContext *ctx;

    t->cr = cr;
    t->layout = pango_cairo_create_layout(cr);
    ctx = pango_layout_get_context(t->layout);
    /* Unhinted, unrounded metrics: the same layout on a PDF page, a PNG at any dpi and an
     * SVG, and the same bytes every run. */
    cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(ctx, opts);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    pango_layout_context_changed(t->layout);
    cairo_font_options_destroy(opts);
    t->font = pango_font_description_new();
    pango_font_description_set_family(t->font, CHART_FONT_FAMILY);
}

static void text_release(struct text *t)
{
    pango_font_description_free(t->font);
    g_object_unref(t->layout);
}

/* Sets the layout to s at size points; width > 0 wraps (at most max_lines lines, the
 * last one ellipsized) and centres inside width. Returns the extent in points. */
static void text_set(struct text *t, const char *s, double size, bool bold, double width,
                     int max_lines, double *w, double *h)
{
    PangoRectangle ink, logical;

    pango_font_description_set_absolute_size(t->font, size * PANGO_SCALE);
    pango_font_description_set_weight(t->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(t->layout, t->font);
    pango_layout_set_text(t->layout, s ? s : "", -1);
    if (width > 0) {
        pango_layout_set_width(t->layout, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(t->layout, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(t->layout, PANGO_ALIGN_CENTER);
        pango_layout_set_height(t->layout, -max_lines);
        pango_layout_set_ellipsize(t->layout, PANGO_ELLIPSIZE_END);
    } else {
        pango_layout_set_width(t->layout, -1);
        pango_layout_set_height(t->layout, -1);
        pango_layout_set_ellipsize(t->layout, PANGO_ELLIPSIZE_NONE);
        pango_layout_set_alignment(t->layout, PANGO_ALIGN_LEFT);
    }
    pango_layout_get_extents(t->layout, &ink, &logical);
    *w = (double)logical.width / PANGO_SCALE;
    *h = (double)logical.height / PANGO_SCALE;
}

/* Shows the layout set last with its top-left corner at (x, y), rotated by angle radians
 * around that corner. */
static void text_show(struct text *t, double x, double y, double angle)
{
    cairo_save(t->cr);
    cairo_translate(t->cr, x, y);
    if (angle != 0)
        cairo_rotate(t->cr, angle);
    cairo_set_source_rgb(t->cr, 0, 0, 0);
    pango_cairo_update_layout(t->cr, t->layout);
    pango_cairo_show_layout(t->cr, t->layout);
    cairo_restore(t->cr);
}

/* Extent of s in one line, without drawing. */
static double text_width(struct text *t, const char *s, double size, bool bold, double *h)
{
    double w, hh;

    text_set(t, s, size, bold, 0, 0, &w, &hh);
    if (h)
        *h = hh;
    return w;
}

static int64_t pow10_i64(unsigned n)
{
    int64_t p = 1;

    while (n--)
        p *= 10;
    return p;
}

/*
 * The tick step in the values' scale: 1, 2, 2.5 or 5 times a power of ten, about five
 * ticks up to top. Integer arithmetic, so the tick labels are exact.
 */
static int64_t tick_step(int64_t top)
{
    int64_t mag = 1;

    for (;;) {
        /* 2.5 x 1 is not an integer step: 0 skips it. */
        const int64_t steps[] = {mag, 2 * mag, mag >= 10 ? mag / 2 * 5 : 0, 5 * mag};

        for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
            if (steps[i] && top / steps[i] <= 5)
                return steps[i];
        if (mag > INT64_MAX / 50) /* the next 5 * mag would overflow */
            return top;
        mag *= 10;
    }
}

/* Formats v / 10^decimals with exactly digits decimals (digits <= decimals). Done by
 * hand because printf's %f follows LC_NUMERIC. */
static void format_tick(int64_t v, unsigned decimals, unsigned digits, char *buf, size_t size)
{
    int64_t scale = pow10_i64(decimals);
    int64_t whole = v / scale, frac = v % scale;
    int n;

    if (frac < 0)
        frac = -frac;
    n = snprintf(buf, size, "%s%lld", v < 0 && whole == 0 ? "-" : "", (long long)whole);
    if (n < 0 || (size_t)n >= size || !digits)
        return;
    frac /= pow10_i64(decimals - digits);
    snprintf(buf + n, size - (size_t)n, ".%0*lld", (int)digits, (long long)frac);
}

/* Decimals a tick label needs so every multiple of step prints exactly. */
static unsigned tick_digits(int64_t step, unsigned decimals)
{
    unsigned zeros = 0;

    while (zeros < decimals && step % 10 == 0) {
        step /= 10;
        zeros++;
    }
    return decimals - zeros;
}

/* A hatched, outlined bar. Hatch lines start at the bar's corner, so a bar looks the
 * same wherever it stands. */
static void draw_bar(cairo_t *cr, const struct bar_style *s, double x, double y, double w, double h)
{
    cairo_save(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_set_source_rgb(cr, s->grey, s->grey, s->grey);
    cairo_fill_preserve(cr);
    cairo_clip(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, HATCH_WIDTH);
    if (s->hatch == HATCH_DIAGONAL || s->hatch == HATCH_CROSS)
        for (double off = -h; off < w; off += HATCH_SPACING) {
            cairo_move_to(cr, x + off, y + h);
            cairo_line_to(cr, x + off + h, y);
        }
    if (s->hatch == HATCH_BACK_DIAGONAL || s->hatch == HATCH_CROSS)
        for (double off = 0; off < w + h; off += HATCH_SPACING) {
            cairo_move_to(cr, x + off, y + h);
            cairo_line_to(cr, x + off - h, y);
        }
    if (s->hatch == HATCH_HORIZONTAL)
        for (double off = HATCH_SPACING / 2; off < h; off += HATCH_SPACING) {
            cairo_move_to(cr, x, y + h - off);
            cairo_line_to(cr, x + w, y + h - off);
        }
    cairo_stroke(cr);
    cairo_restore(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, OUTLINE_WIDTH);
    cairo_stroke(cr);
}

static const char *value_label(const struct report_chart *c, size_t i)
{
    return c->value_labels && c->value_labels[i] ? c->value_labels[i] : "";
}

static bool has_legend(const struct report_chart *c)
{
    return c->series_names && (c->kind == REPORT_CHART_GROUPED_BAR || c->nr_series > 1);
}

/* The legend on one centred line under the title; returns its height. */
static double draw_legend(const struct report_chart *c, struct text *t, double width, double y)
{
    const double swatch_w = 16, swatch_h = 9, gap = 4, spacing = 14;
    double total = 0, h = 0, x;

    for (size_t s = 0; s < c->nr_series; s++) {
        double th;
        total += swatch_w + gap + text_width(t, c->series_names[s], LABEL_SIZE, false, &th);
        if (s)
            total += spacing;
        if (th > h)
            h = th;
    }
    x = (width - total) / 2;
    if (x < 0)
        x = 0;
    for (size_t s = 0; s < c->nr_series; s++) {
        double tw, th;
        draw_bar(t->cr, &bar_styles[s % NR_BAR_STYLES], x, y + (h - swatch_h) / 2, swatch_w,
                 swatch_h);
        x += swatch_w + gap;
        text_set(t, c->series_names[s], LABEL_SIZE, false, 0, 0, &tw, &th);
        text_show(t, x, y, 0);
        x += tw + spacing;
    }
    return h;
}

void chart_draw(const struct report_chart *c, cairo_t *cr, double width, double height)
{
    const size_t nr_cat = c->nr_categories, nr_ser = c->nr_series ? c->nr_series : 1;
    const bool grouped = nr_ser > 1;
    const double value_size = grouped ? SMALL_VALUE_SIZE : VALUE_SIZE;
    /* 10^18 is the largest power of ten in int64. */
    const unsigned decimals = c->decimals > 18 ? 18 : c->decimals;
    const int64_t scale = pow10_i64(decimals);
    int64_t top = c->y_max, step;
    unsigned digits;
    struct text t;
    char tick[48];
    double y = PAD, left = 0, w, h, unit_h = 0, bottom_h = 0, headroom = 0;
    double plot_x, plot_y, plot_w, plot_h, slot, bar_w, group_w;
    bool rotate_values = false;

    cairo_save(cr);
    text_init(&t, cr);
    /* An explicit white ground: the SVG may sit on a dark page, the PNG has no alpha. */
    cairo_rectangle(cr, 0, 0, width, height);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill(cr);

    /* Axis top: y_max, or the largest value when the model gives none. */
    if (top <= 0)
        for (size_t i = 0; c->values && i < nr_ser * nr_cat; i++)
            if (c->values[i] > top)
                top = c->values[i];
    if (top <= 0)
        top = scale;
    step = tick_step(top);
    digits = tick_digits(step, decimals);

    if (c->title && *c->title) {
        text_set(&t, c->title, TITLE_SIZE, true, width - 2 * PAD, 2, &w, &h);
        text_show(&t, PAD, y, 0);
        y += h + PAD / 2;
    }
    if (has_legend(c))
        y += draw_legend(c, &t, width, y) + PAD / 2;

    /* Left margin: the widest tick label, and the unit above the axis. */
    /* Ticks are k * step for k <= top / step: never past top, never overflowing. */
    for (int64_t k = 0; k <= top / step; k++) {
        const int64_t v = k * step;
        format_tick(v, decimals, digits, tick, sizeof(tick));
        w = text_width(&t, tick, LABEL_SIZE, false, &h);
        if (w > left)
            left = w;
    }
    if (c->y_unit && *c->y_unit) {
        char unit[96];
        snprintf(unit, sizeof(unit), "（%s）", c->y_unit);
        text_set(&t, unit, LABEL_SIZE, false, 0, 0, &w, &unit_h);
        text_show(&t, PAD, y, 0);
        y += unit_h;
    }
    plot_x = PAD + left + 4;
    plot_w = width - plot_x - PAD;
    slot = nr_cat ? plot_w / (double)nr_cat : plot_w;
    group_w = slot * (grouped ? 0.8 : 0.5);
    bar_w = group_w / (double)nr_ser;
    if (bar_w > MAX_BAR_WIDTH) {
        bar_w = MAX_BAR_WIDTH;
        group_w = bar_w * (double)nr_ser;
    }

    /* Value labels go above the bars; too wide for their bar, they stand upright. */
    for (size_t i = 0; i < nr_ser * nr_cat; i++) {
        w = text_width(&t, value_label(c, i), value_size, false, &h);
        if (grouped && w > bar_w + (slot - group_w) / 2)
            rotate_values = true;
    }
    for (size_t i = 0; i < nr_ser * nr_cat; i++) {
        w = text_width(&t, value_label(c, i), value_size, false, &h);
        w = rotate_values ? w : h;
        if (w + 2 > headroom)
            headroom = w + 2;
    }
    if (headroom > height / 3)
        headroom = height / 3;

    /* Category labels: up to two lines under each slot. */
    for (size_t k = 0; k < nr_cat; k++) {
        text_set(&t, c->categories[k], LABEL_SIZE, false, slot - 2, 2, &w, &h);
        if (h > bottom_h)
            bottom_h = h;
    }
    plot_y = y + headroom;
    plot_h = height - plot_y - bottom_h - PAD - 3;
    if (plot_h < 10)
        plot_h = 10;

    /* Grid and ticks: dashed light lines, which print as faint grey. */
    for (int64_t k = 0; k <= top / step; k++) {
        const int64_t v = k * step;
        double ty = plot_y + plot_h - (double)v / (double)top * plot_h;
        format_tick(v, decimals, digits, tick, sizeof(tick));
        w = text_width(&t, tick, LABEL_SIZE, false, &h);
        text_show(&t, plot_x - 4 - w, ty - h / 2, 0);
        if (v) {
            static const double dash[] = {2, 2};
            cairo_set_dash(cr, dash, 2, 0);
            cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
            cairo_set_line_width(cr, 0.4);
            cairo_move_to(cr, plot_x, ty);
            cairo_line_to(cr, plot_x + plot_w, ty);
            cairo_stroke(cr);
            cairo_set_dash(cr, NULL, 0, 0);
        }
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, OUTLINE_WIDTH);
        cairo_move_to(cr, plot_x - 3, ty);
        cairo_line_to(cr, plot_x, ty);
        cairo_stroke(cr);
    }

    for (size_t k = 0; k < nr_cat; k++) {
        double gx = plot_x + slot * (double)k + (slot - group_w) / 2;
        for (size_t s = 0; s < nr_ser; s++) {
            size_t i = s * nr_cat + k;
            int64_t v = c->values ? c->values[i] : 0;
            double bx = gx + bar_w * (double)s, bh;

            /* Out-of-range values are clipped to the axis; the label still says the truth. */
            if (v < 0)
                v = 0;
            if (v > top)
                v = top;
            bh = (double)v / (double)top * plot_h;
            draw_bar(cr, &bar_styles[(grouped ? s : 0) % NR_BAR_STYLES], bx, plot_y + plot_h - bh,
                     bar_w, bh);
            w = text_width(&t, value_label(c, i), value_size, false, &h);
            if (rotate_values)
                text_show(&t, bx + bar_w / 2 - h / 2, plot_y + plot_h - bh - 2, -G_PI / 2);
            else
                text_show(&t, bx + bar_w / 2 - w / 2, plot_y + plot_h - bh - 1 - h, 0);
        }
        text_set(&t, c->categories[k], LABEL_SIZE, false, slot - 2, 2, &w, &h);
        text_show(&t, plot_x + slot * (double)k + 1, plot_y + plot_h + 3, 0);
    }

    /* Axes last, over the bars' bottom edges. */
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, OUTLINE_WIDTH);
    cairo_move_to(cr, plot_x, plot_y - headroom);
    cairo_line_to(cr, plot_x, plot_y + plot_h);
    cairo_line_to(cr, plot_x + plot_w, plot_y + plot_h);
    cairo_stroke(cr);

    text_release(&t);
    cairo_restore(cr);
}

static cairo_status_t write_strbuf(void *closure, const unsigned char *data, unsigned int len)
{
    strbuf_add(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

int chart_png(const struct report_chart *c, unsigned dpi, struct strbuf *out)
{
    cairo_surface_t *surface;
    cairo_t *cr;
    int px_w, px_h, ret = 0;

    if (dpi < 36 || dpi > 1200)
        return JX_EINVAL;
    px_w = (int)lround(CHART_WIDTH_PT * dpi / 72.0);
    px_h = (int)lround(CHART_HEIGHT_PT * dpi / 72.0);
    /* RGB24: a PNG without alpha, which Word and WPS show the same on any background. */
    surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, px_w, px_h);
    cr = cairo_create(surface);
    cairo_scale(cr, dpi / 72.0, dpi / 72.0);
    chart_draw(c, cr, CHART_WIDTH_PT, CHART_HEIGHT_PT);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        ret = JX_EINTERNAL;
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    /* png_encode rather than cairo's PNG writer, which costs twenty times the drawing. */
    if (!ret && png_encode_rgb24(surface, out) != 0)
        ret = JX_EINTERNAL;
    cairo_surface_destroy(surface);
    return ret;
}

/* ---- SVG ---- */

struct id_map {
    struct strbuf names; /* cairo's ids, each NUL-terminated, in order of first use */
    size_t nr;
};

/* Number of the id name[0..len), assigning the next one on first use. */
static size_t id_number(struct id_map *m, const char *name, size_t len)
{
    const char *p = m->names.buf;

    for (size_t i = 0; i < m->nr; i++) {
        size_t n = strlen(p);
        if (n == len && !memcmp(p, name, len))
            return i + 1;
        p += n + 1;
    }
    strbuf_add(&m->names, name, len);
    strbuf_addch(&m->names, '\0');
    return ++m->nr;
}

static size_t id_end(const char *s, size_t i)
{
    while (s[i] && s[i] != '"' && s[i] != ')' && s[i] != '\'')
        i++;
    return i;
}

/*
 * Copies cairo's SVG to out with every id (id="glyph0-1", id="surface5", id="clip2") and
 * every reference to one (href="#…", url(#…)) renamed to "<prefix>-<n>", n counted in
 * order of first use. cairo numbers surfaces with a process-wide counter, so without this
 * the same chart gives different bytes on each call; the prefix keeps two charts in one
 * HTML page from sharing ids. cairo's output holds no user text (text is drawn as glyph
 * outlines), so these markers can only be cairo's own.
 */
static void rename_ids(const char *svg, const char *prefix, struct strbuf *out)
{
    static const char *const markers[] = {" id=\"", "href=\"#", "url(#"};
    struct id_map m = {STRBUF_INIT, 0};
    size_t i = 0, run = 0;

    while (svg[i]) {
        size_t k, mlen = 0;
        for (k = 0; k < sizeof(markers) / sizeof(markers[0]); k++) {
            mlen = strlen(markers[k]);
            if (!strncmp(svg + i, markers[k], mlen))
                break;
        }
        if (k == sizeof(markers) / sizeof(markers[0])) {
            i++;
            continue;
        }
        i += mlen;
        size_t end = id_end(svg, i);
        strbuf_add(out, svg + run, i - run);
        strbuf_addf(out, "%s-%zu", prefix, id_number(&m, svg + i, end - i));
        i = run = end;
    }
    strbuf_add(out, svg + run, i - run);
    strbuf_release(&m.names);
}

/*
 * cairo's SVG surface turns text into glyph outlines (<symbol>s used by <use>): the chart
 * stays vector and self-contained, and needs no font on the reader's side. The text itself
 * is kept for screen readers and search in the <title> and aria-label.
 *
 * The ids get the prefix "jxc<N>" where N is out->len on entry: unique among charts
 * appended to one buffer (as report_html does), and the same for the same document.
 */
int chart_svg(const struct report_chart *c, struct strbuf *out)
{
    struct strbuf raw = STRBUF_INIT;
    cairo_surface_t *surface;
    cairo_t *cr;
    const char *svg, *open_end;
    char prefix[32];
    size_t start = out->len;
    int ret = 0;

    surface =
        cairo_svg_surface_create_for_stream(write_strbuf, &raw, CHART_WIDTH_PT, CHART_HEIGHT_PT);
    cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1);
    cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT);
    cr = cairo_create(surface);
    chart_draw(c, cr, CHART_WIDTH_PT, CHART_HEIGHT_PT);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        ret = JX_EINTERNAL;
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
        ret = JX_EINTERNAL;
    cairo_surface_destroy(surface);
    if (ret)
        goto out;

    /* Drop the XML declaration: inline SVG in HTML must start at <svg. */
    svg = strstr(raw.buf, "<svg");
    open_end = svg ? strchr(svg, '>') : NULL;
    if (!open_end) {
        ret = JX_EINTERNAL;
        goto out;
    }
    snprintf(prefix, sizeof(prefix), "jxc%zu", start);
    /* <svg ...> with role and label, then <title>, then cairo's content. */
    strbuf_add(out, svg, (size_t)(open_end - svg));
    strbuf_addstr(out, " role=\"img\" aria-label=\"");
    xml_writer_str(out, c->title);
    strbuf_addstr(out, "\"><title>");
    xml_writer_str(out, c->title);
    strbuf_addstr(out, "</title>");
    rename_ids(open_end + 1, prefix, out);
    /* No trailing newline: the caller decides the layout around the element. */
    while (out->len > start && out->buf[out->len - 1] == '\n')
        strbuf_setlen(out, out->len - 1);
out:
    strbuf_release(&raw);
    return ret;
}
