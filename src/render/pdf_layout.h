/*
 * Page layout for the PDF renderer: a cursor running down the content box of A4 pages,
 * paragraphs laid out by pango (Chinese line breaking, justification, first-line indent)
 * and broken between lines across pages, and tables whose rows move to the next page with
 * the header rows repeated. Units are PDF points; y grows downwards from the page top.
 */
#ifndef JX_RENDER_PDF_LAYOUT_H
#define JX_RENDER_PDF_LAYOUT_H

#include <stdbool.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "core/report.h"
#include "core/strbuf.h"

/* How a run of text is set. */
struct pdf_text_style {
    const PangoFontDescription *font;
    PangoAlignment align;
    bool justify;
    double indent_em;    /* first-line indent, in multiples of the font size */
    double line_spacing; /* pango line-spacing factor; 0 keeps the font's line height */
};

/* The fonts a table is set in. */
struct pdf_table_fonts {
    const PangoFontDescription *regular, *bold;
};

struct pdf_layout {
    cairo_t *cr;
    PangoContext *pango;
    double page_w, page_h;
    double left, right, top, bottom; /* the content box, from the page's top-left corner */
    double y;                        /* next free position on the current page */
    unsigned page_no;                /* 1-based number of the current page */
    bool page_used;                  /* something was drawn on the current page */
    /* Called before a page is shown, to draw its footer. */
    void (*finish_page)(struct pdf_layout *L, void *data);
    void *finish_data;
    struct strbuf scratch; /* text cleaned for pango */
};

/* Sets up L on cr (a PDF surface of page_w x page_h) with the given margins. */
void pdf_layout_init(struct pdf_layout *L, cairo_t *cr, PangoContext *pango, double page_w,
                     double page_h, double margin_top, double margin_bottom, double margin_left,
                     double margin_right);
void pdf_layout_release(struct pdf_layout *L);

/* Ends the current page (footer, show page) and starts the next one. */
void pdf_layout_new_page(struct pdf_layout *L);
/* Starts a new page unless h points still fit on the current one or it is empty. */
void pdf_layout_keep(struct pdf_layout *L, double h);
/* Ends the last page. */
void pdf_layout_finish(struct pdf_layout *L);

/* A pango layout of text (cleaned of invalid UTF-8 and control characters) in style,
 * width points wide. The caller unrefs it. */
PangoLayout *pdf_layout_text_new(struct pdf_layout *L, const struct pdf_text_style *style,
                                 const char *text, double width);
/* Height of a laid-out text in points. */
double pdf_layout_text_height(PangoLayout *layout);
/* Draws text across the content width from the cursor, breaking between lines onto new
 * pages; moves the cursor below it. */
void pdf_layout_paragraph(struct pdf_layout *L, const struct pdf_text_style *style,
                          const char *text);
/* Draws t across the content width (see the file comment). */
void pdf_layout_table(struct pdf_layout *L, const struct report_table *t,
                      const struct pdf_table_fonts *fonts);

#endif
