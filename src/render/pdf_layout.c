/*
 * Paragraph and table layout on PDF pages with pango (pdf_layout.h).
 *
 * Invariant: L->y always lies inside [L->top, L->bottom]; everything drawn on a page lies in
 * the content box, except the footer drawn by finish_page. Text is broken across pages only
 * between lines, so no line is ever cut, except a single table line taller than a whole
 * page, which is clipped rather than lost.
 */
#include "render/pdf_layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

/* Cell padding and border width in points. */
#define CELL_PAD_X 4.0
#define CELL_PAD_Y 3.0
#define BORDER_PT 0.6
#define EPSILON 0.01

void pdf_layout_init(struct pdf_layout *L, cairo_t *cr, PangoContext *pango, double page_w,
                     double page_h, double margin_top, double margin_bottom, double margin_left,
                     double margin_right)
{
    memset(L, 0, sizeof(*L));
    L->cr = cr;
    L->pango = pango;
    L->page_w = page_w;
    L->page_h = page_h;
    L->left = margin_left;
    L->right = page_w - margin_right;
    L->top = margin_top;
    L->bottom = page_h - margin_bottom;
    L->y = L->top;
    L->page_no = 1;
    strbuf_init(&L->scratch, 256);
}

void pdf_layout_release(struct pdf_layout *L)
{
    strbuf_release(&L->scratch);
}

static void end_page(struct pdf_layout *L)
{
    if (L->finish_page)
        L->finish_page(L, L->finish_data);
    cairo_show_page(L->cr);
}

void pdf_layout_new_page(struct pdf_layout *L)
{
    end_page(L);
    L->page_no++;
    L->y = L->top;
    L->page_used = false;
}

void pdf_layout_keep(struct pdf_layout *L, double h)
{
    if (L->page_used && L->y + h > L->bottom + EPSILON)
        pdf_layout_new_page(L);
}

void pdf_layout_finish(struct pdf_layout *L)
{
    end_page(L);
}

/* Copies text into L->scratch as valid UTF-8 without control characters: pango refuses
 * invalid UTF-8 and would draw controls as hex boxes. Newlines stay (line breaks). */
static const char *clean_text(struct pdf_layout *L, const char *text)
{
    const char *p = text ? text : "";
    gchar *valid = NULL;

    if (!g_utf8_validate(p, -1, NULL))
        p = valid = g_utf8_make_valid(p, -1);
    strbuf_reset(&L->scratch);
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;

        if (c == '\r' && p[1] == '\n')
            continue;
        if (c == '\t' || c == '\r' || (c < 0x20 && c != '\n') || c == 0x7f)
            c = ' ';
        strbuf_addch(&L->scratch, c);
    }
    g_free(valid);
    return L->scratch.buf;
}

PangoLayout *pdf_layout_text_new(struct pdf_layout *L, const struct pdf_text_style *style,
                                 const char *text, double width)
{
    PangoLayout *layout = pango_layout_new(L->pango);
    double size = (double)pango_font_description_get_size(style->font) / PANGO_SCALE;

    pango_layout_set_font_description(layout, style->font);
    pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
    /* Chinese breaks between any two characters; WORD_CHAR also breaks a long Latin run
     * (a URL, a file number) that has no break opportunity inside the width. */
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, style->align);
    pango_layout_set_justify(layout, style->justify);
    if (style->indent_em > 0)
        pango_layout_set_indent(layout, (int)(style->indent_em * size * PANGO_SCALE));
    if (style->line_spacing > 0)
        pango_layout_set_line_spacing(layout, (float)style->line_spacing);
    pango_layout_set_text(layout, clean_text(L, text), -1);
    return layout;
}

double pdf_layout_text_height(PangoLayout *layout)
{
    PangoRectangle logical;

    pango_layout_get_extents(layout, NULL, &logical);
    return (double)logical.height / PANGO_SCALE;
}

/* One line of a layout, in points from the layout's top. */
struct text_line {
    PangoLayoutLine *line;
    double top, bottom, baseline, x;
};

static void line_at(PangoLayoutIter *it, struct text_line *tl)
{
    PangoRectangle logical;

    pango_layout_iter_get_line_extents(it, NULL, &logical);
    tl->line = pango_layout_iter_get_line_readonly(it);
    tl->top = (double)logical.y / PANGO_SCALE;
    tl->bottom = (double)(logical.y + logical.height) / PANGO_SCALE;
    tl->baseline = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
    tl->x = (double)logical.x / PANGO_SCALE;
}

static void show_line(cairo_t *cr, const struct text_line *tl, double x, double baseline_y)
{
    cairo_move_to(cr, x + tl->x, baseline_y);
    pango_cairo_show_layout_line(cr, tl->line);
}

void pdf_layout_paragraph(struct pdf_layout *L, const struct pdf_text_style *style,
                          const char *text)
{
    PangoLayout *layout = pdf_layout_text_new(L, style, text, L->right - L->left);
    PangoLayoutIter *it = pango_layout_get_iter(layout);
    double shift = L->y; /* page y of the layout's top on the current page */
    struct text_line tl;

    do {
        line_at(it, &tl);
        if (L->page_used && shift + tl.bottom > L->bottom + EPSILON) {
            pdf_layout_new_page(L);
            shift = L->top - tl.top;
        }
        show_line(L->cr, &tl, L->left, shift + tl.baseline);
        L->y = shift + tl.bottom;
        L->page_used = true;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    g_object_unref(layout);
}

/*
 * Tables. Cells are laid out once; row heights follow the tallest cell, and a merged
 * cell taller than its rows makes its last row taller. Rows joined by a vertical merge
 * form a group that moves to the next page as a whole. A group that does not fit on an
 * empty page is split at row boundaries where it can, else between text lines, and the
 * pieces continue on the following pages.
 */
struct table_cell {
    const struct report_cell *cell;
    size_t row, rows; /* first row and number of rows it covers */
    double x, w;      /* page x and width */
    double text_h;
    PangoLayout *layout; /* NULL for an empty cell */
};

struct table_plan {
    const struct report_table *t;
    struct table_cell *cells; /* drawn cells, by first row then column */
    size_t nr_cells;
    double *row_y;     /* nr_rows + 1 offsets from the table's top */
    size_t header_end; /* rows [0, header_end) repeat on every page */
    double header_h;
};

static PangoAlignment cell_alignment(const struct report_cell *c, bool in_header)
{
    switch (c->align) {
    case REPORT_ALIGN_CENTER:
        return PANGO_ALIGN_CENTER;
    case REPORT_ALIGN_RIGHT:
        return PANGO_ALIGN_RIGHT;
    case REPORT_ALIGN_LEFT:
        return PANGO_ALIGN_LEFT;
    case REPORT_ALIGN_DEFAULT:
        break;
    }
    return in_header ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT;
}

/* End (exclusive) of the row group starting at row: rows tied together by merges. */
static size_t group_end(const struct report_table *t, size_t row)
{
    size_t end = row + 1;

    for (size_t r = row; r < end && r < t->nr_rows; r++)
        for (size_t c = 0; c < t->nr_cols; c++) {
            const struct report_cell *cell = report_cell_at(t, r, c);
            size_t rs = cell->rowspan ? cell->rowspan : 1;

            if (!cell->covered && r + rs > end)
                end = r + rs;
        }
    return end < t->nr_rows ? end : t->nr_rows;
}

/* Whether text holds a CJK character (U+2E80 and up, full-width forms included), after
 * which a line may break; "≥95%" or "2023-03-20" hold none. */
static bool has_cjk(const char *text)
{
    if (!g_utf8_validate(text, -1, NULL))
        return true;
    for (const char *c = text; *c; c = g_utf8_next_char(c))
        if (g_utf8_get_char(c) >= 0x2E80)
            return true;
    return false;
}

/* Width of the widest piece of text that cannot be broken (a number such as "100.00%"),
 * measured by setting it in a layout one point wide. Only short cells are measured: they
 * are the numbers and codes that must not be split, and long text wraps anyway. */
static double unbreakable_width(struct pdf_layout *L, const PangoFontDescription *font,
                                const char *text)
{
    struct pdf_text_style st = {font, PANGO_ALIGN_LEFT, false, 0, 0};
    PangoLayout *layout;
    PangoRectangle logical;

    /* Chinese text breaks between any two characters; only runs without it (numbers,
     * codes, dates) are unbreakable, and only short cells hold nothing but those. */
    if (strlen(text) > 24 || has_cjk(text))
        return 0;
    layout = pdf_layout_text_new(L, &st, text, 1);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
    pango_layout_get_extents(layout, NULL, &logical);
    g_object_unref(layout);
    return (double)logical.width / PANGO_SCALE;
}

/*
 * The model's relative widths are wishes; a column too narrow for the numbers in it
 * would break "100.00%" in the middle. Narrow columns are widened to their widest
 * unbreakable text, taking the width from the columns that have room to spare, in
 * proportion to that room. When the table cannot hold every column's minimum, the
 * wishes stand.
 */
static void widen_to_content(struct pdf_layout *L, const struct report_table *t,
                             const struct pdf_table_fonts *fonts, double *col_w, double width)
{
    double *min_w = xcalloc(t->nr_cols, sizeof(*min_w));
    double need = 0, spare = 0, total_min = 0;
    double two_chars = 2.0 * pango_font_description_get_size(fonts->regular) / PANGO_SCALE;

    for (size_t r = 0; r < t->nr_rows; r++)
        for (size_t c = 0; c < t->nr_cols; c++) {
            const struct report_cell *cell = report_cell_at(t, r, c);
            const PangoFontDescription *font;
            double w;

            if (cell->covered || cell->colspan > 1 || !cell->text || !cell->text[0])
                continue;
            font = cell->bold ? fonts->bold : fonts->regular;
            /* Two characters at least for Chinese text, so that a narrow column is not
             * robbed down to one character a line for a neighbour's number. */
            w = fmax(unbreakable_width(L, font, cell->text), has_cjk(cell->text) ? two_chars : 0) +
                2 * CELL_PAD_X + 1;
            if (w > min_w[c])
                min_w[c] = w;
        }
    for (size_t c = 0; c < t->nr_cols; c++) {
        total_min += min_w[c];
        if (min_w[c] > col_w[c])
            need += min_w[c] - col_w[c];
        else
            spare += col_w[c] - min_w[c];
    }
    if (need > 0 && total_min <= width && spare >= need) {
        for (size_t c = 0; c < t->nr_cols; c++)
            if (min_w[c] > col_w[c])
                col_w[c] = min_w[c];
            else
                col_w[c] -= need * (col_w[c] - min_w[c]) / spare;
    }
    free(min_w);
}

static void plan_table(struct pdf_layout *L, const struct report_table *t,
                       const struct pdf_table_fonts *fonts, struct table_plan *p)
{
    double width = L->right - L->left;
    double *col_x = xcalloc(t->nr_cols + 1, sizeof(*col_x));
    double min_row_h;
    unsigned sum = 0;

    memset(p, 0, sizeof(*p));
    p->t = t;
    for (size_t c = 0; c < t->nr_cols; c++)
        sum += t->col_widths ? t->col_widths[c] : 0;
    {
        double *col_w = xcalloc(t->nr_cols, sizeof(*col_w));

        for (size_t c = 0; c < t->nr_cols; c++)
            col_w[c] = sum ? width * t->col_widths[c] / sum : width / (double)t->nr_cols;
        widen_to_content(L, t, fonts, col_w, width);
        col_x[0] = L->left;
        for (size_t c = 0; c < t->nr_cols; c++)
            col_x[c + 1] = col_x[c] + col_w[c];
        col_x[t->nr_cols] = L->right;
        free(col_w);
    }

    p->cells = xcalloc(t->nr_rows * t->nr_cols, sizeof(*p->cells));
    p->row_y = xcalloc(t->nr_rows + 1, sizeof(*p->row_y));
    p->header_end = t->header_rows ? group_end(t, 0) : 0;
    for (size_t r = 1; r < t->header_rows && r < t->nr_rows; r++)
        if (group_end(t, r) > p->header_end)
            p->header_end = group_end(t, r);

    double *need = xcalloc(t->nr_rows, sizeof(*need));
    {
        struct pdf_text_style probe = {fonts->regular, PANGO_ALIGN_LEFT, false, 0, 0};
        PangoLayout *l = pdf_layout_text_new(L, &probe, "表", width);
        min_row_h = pdf_layout_text_height(l) + 2 * CELL_PAD_Y;
        g_object_unref(l);
    }
    for (size_t r = 0; r < t->nr_rows; r++) {
        need[r] = min_row_h;
        for (size_t c = 0; c < t->nr_cols; c++) {
            const struct report_cell *cell = report_cell_at(t, r, c);
            struct table_cell *tc;
            size_t cs = cell->colspan ? cell->colspan : 1, rs = cell->rowspan ? cell->rowspan : 1;

            if (cell->covered)
                continue;
            if (c + cs > t->nr_cols)
                cs = t->nr_cols - c;
            if (r + rs > t->nr_rows)
                rs = t->nr_rows - r;
            tc = &p->cells[p->nr_cells++];
            tc->cell = cell;
            tc->row = r;
            tc->rows = rs;
            tc->x = col_x[c];
            tc->w = col_x[c + cs] - col_x[c];
            if (cell->text && cell->text[0]) {
                struct pdf_text_style st = {cell->bold ? fonts->bold : fonts->regular,
                                            cell_alignment(cell, r < t->header_rows), false, 0, 0};
                tc->layout = pdf_layout_text_new(L, &st, cell->text, tc->w - 2 * CELL_PAD_X);
                tc->text_h = pdf_layout_text_height(tc->layout);
            }
            if (rs == 1 && tc->text_h + 2 * CELL_PAD_Y > need[r])
                need[r] = tc->text_h + 2 * CELL_PAD_Y;
        }
    }
    /* Merged cells taller than the rows they span stretch their last row. */
    for (size_t i = 0; i < p->nr_cells; i++) {
        struct table_cell *tc = &p->cells[i];
        double have = 0;

        if (tc->rows < 2)
            continue;
        for (size_t r = tc->row; r < tc->row + tc->rows; r++)
            have += need[r];
        if (tc->text_h + 2 * CELL_PAD_Y > have)
            need[tc->row + tc->rows - 1] += tc->text_h + 2 * CELL_PAD_Y - have;
    }
    for (size_t r = 0; r < t->nr_rows; r++)
        p->row_y[r + 1] = p->row_y[r] + need[r];
    p->header_h = p->row_y[p->header_end];
    free(need);
    free(col_x);
}

static void release_plan(struct table_plan *p)
{
    for (size_t i = 0; i < p->nr_cells; i++)
        if (p->cells[i].layout)
            g_object_unref(p->cells[i].layout);
    free(p->cells);
    free(p->row_y);
}

/* Offset of a cell's text top from the table top: centred vertically in the cell. */
static double text_top(const struct table_plan *p, const struct table_cell *tc)
{
    double top = p->row_y[tc->row], h = p->row_y[tc->row + tc->rows] - top;

    return top + (h - tc->text_h) / 2;
}

/*
 * Draws the part [from, to) (offsets from the table top) of the cells starting in rows
 * [r0, r1) at page y. Lines whose top lies in the window are drawn; the window is chosen
 * so that they also end inside it (see choose_cut).
 */
static void draw_window(struct pdf_layout *L, const struct table_plan *p, size_t r0, size_t r1,
                        double from, double to, double y)
{
    cairo_t *cr = L->cr;

    for (size_t i = 0; i < p->nr_cells; i++) {
        const struct table_cell *tc = &p->cells[i];
        double top, bottom, cell_y0, cell_y1;

        if (tc->row < r0 || tc->row >= r1)
            continue;
        top = p->row_y[tc->row];
        bottom = p->row_y[tc->row + tc->rows];
        cell_y0 = fmax(top, from);
        cell_y1 = fmin(bottom, to);
        if (cell_y1 - cell_y0 < EPSILON)
            continue;
        cairo_save(cr);
        cairo_rectangle(cr, tc->x, y + cell_y0 - from, tc->w, cell_y1 - cell_y0);
        cairo_set_line_width(cr, BORDER_PT);
        cairo_stroke_preserve(cr);
        cairo_clip(cr);
        if (tc->layout) {
            PangoLayoutIter *it = pango_layout_get_iter(tc->layout);
            double ttop = text_top(p, tc);
            struct text_line tl;

            do {
                line_at(it, &tl);
                if (ttop + tl.top >= from - EPSILON && ttop + tl.top < to - EPSILON)
                    show_line(cr, &tl, tc->x + CELL_PAD_X, y + ttop + tl.baseline - from);
            } while (pango_layout_iter_next_line(it));
            pango_layout_iter_free(it);
        }
        cairo_restore(cr);
    }
}

/* The top of the highest text line of rows [r0, r1) that starts at or below from and
 * crosses at (a cut there would split it), or at itself when no line does. */
static double line_crossing(const struct table_plan *p, size_t r0, size_t r1, double from,
                            double at)
{
    double top = at;

    for (size_t i = 0; i < p->nr_cells; i++) {
        const struct table_cell *tc = &p->cells[i];
        PangoLayoutIter *it;
        struct text_line tl;
        double ttop;

        if (tc->row < r0 || tc->row >= r1 || !tc->layout)
            continue;
        ttop = text_top(p, tc);
        it = pango_layout_get_iter(tc->layout);
        do {
            line_at(it, &tl);
            if (ttop + tl.top >= from - EPSILON && ttop + tl.top < at - EPSILON &&
                ttop + tl.bottom > at + EPSILON && ttop + tl.top < top)
                top = ttop + tl.top;
        } while (pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
    }
    return top;
}

/*
 * Where to end the piece of rows [r0, r1) that starts at offset from and may reach limit:
 * the last row boundary that fits and cuts no text line (a merged cell's text may run
 * across row boundaries), else the lowest point above limit that cuts no line. Returns
 * from when nothing fits.
 */
static double choose_cut(const struct table_plan *p, size_t r0, size_t r1, double from,
                         double limit)
{
    double cut = limit, up;

    if (p->row_y[r1] <= limit + EPSILON)
        return p->row_y[r1];
    for (size_t r = r1 - 1; r > r0; r--) {
        double b = p->row_y[r];

        if (b <= limit + EPSILON && b > from + EPSILON && line_crossing(p, r0, r1, from, b) >= b)
            return b;
    }
    while ((up = line_crossing(p, r0, r1, from, cut)) < cut)
        cut = up;
    return cut > from ? cut : from;
}

/* Starts a new page and repeats the header rows on it. */
static void next_table_page(struct pdf_layout *L, const struct table_plan *p, bool repeat)
{
    pdf_layout_new_page(L);
    if (repeat && p->header_end) {
        draw_window(L, p, 0, p->header_end, 0, p->header_h, L->y);
        L->y += p->header_h;
        L->page_used = true;
    }
}

void pdf_layout_table(struct pdf_layout *L, const struct report_table *t,
                      const struct pdf_table_fonts *fonts)
{
    struct table_plan p;
    double page_room = L->bottom - L->top;
    bool repeat;
    size_t r;

    if (!t->nr_rows || !t->nr_cols)
        return;
    plan_table(L, t, fonts, &p);
    /* A header taller than a third of a page is not repeated: it would crowd out the
     * rows it is there to label. */
    repeat = p.header_end > 0 && p.header_h <= page_room / 3;

    /* Keep the header with the first group of rows. */
    if (p.header_end < t->nr_rows) {
        size_t first_end = group_end(t, p.header_end);
        double first = p.row_y[first_end] - p.row_y[p.header_end];
        pdf_layout_keep(L, p.header_h + fmin(first, page_room / 2));
    } else {
        pdf_layout_keep(L, fmin(p.header_h, page_room));
    }
    r = 0;
    if (repeat) {
        draw_window(L, &p, 0, p.header_end, 0, p.header_h, L->y);
        L->y += p.header_h;
        L->page_used = true;
        r = p.header_end;
    }
    while (r < t->nr_rows) {
        size_t end = r == 0 && p.header_end ? p.header_end : group_end(t, r);
        double from = p.row_y[r], h = p.row_y[end] - from;
        double room_fresh = page_room - (repeat ? p.header_h : 0);
        double body_top = L->top + (repeat ? p.header_h : 0);

        /* A small group moves to the next page whole; a large one is split here rather
         * than leave most of a page empty. */
        if (L->y + h > L->bottom + EPSILON && h <= room_fresh + EPSILON && h <= page_room / 4 &&
            L->page_used)
            next_table_page(L, &p, repeat);
        while (from < p.row_y[end] - EPSILON) {
            double cut = choose_cut(&p, r, end, from, from + (L->bottom - L->y));

            if (cut <= from + EPSILON) {
                if (L->y > body_top + EPSILON) {
                    next_table_page(L, &p, repeat);
                    continue;
                }
                cut = from + (L->bottom - L->y); /* one line taller than a page: clip */
            }
            draw_window(L, &p, r, end, from, cut, L->y);
            L->y += cut - from;
            L->page_used = true;
            from = cut;
            if (from < p.row_y[end] - EPSILON)
                next_table_page(L, &p, repeat);
        }
        r = end;
    }
    release_plan(&p);
}
