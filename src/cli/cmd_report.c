/*
 * `jixiao report FILE -o OUT...` and `jixiao report --outdir DIR FILE|DIR...`: the
 * 绩效评价报告 of each evaluation. One report model is built in core from the evaluation
 * and a layout (data files compiled in, or a layout file), then rendered to each format
 * asked for. Every output is rendered in memory first and written with
 * files_write_atomic, so a failure leaves no partial file; an evaluation that fails
 * validation gets its diagnostics and no output at all.
 *
 * Exit statuses (docs/report.md): 2 for usage, an invalid evaluation, an unknown format
 * or layout, an output that exists without --force, and an output path whose directory
 * is missing or not writable; 3 when rendering or writing fails for reasons of the
 * environment (a font missing, disk full).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/files.h"
#include "cli/load.h"
#include "core/embedded.h"
#include "core/report_build.h"
#include "io/docx_reference.h"
#include "io/layout_read.h"
#include "render/report_docx.h"
#include "render/report_html.h"
#include "render/report_json.h"
#include "render/report_pdf.h"

enum {
    REPORT_OUTPUT = 1,
    REPORT_FORMAT,
    REPORT_OUTDIR,
    REPORT_LAYOUT,
    REPORT_REFERENCE,
    REPORT_FORCE,
};

const struct cli_opt report_opts[] = {
    {REPORT_OUTPUT, "output", 'o', "FILE",
     "write the report to FILE, in the format of its extension (.docx .pdf .html .json); "
     "may be given several times"},
    {REPORT_FORMAT, "format", 0, "FMT",
     "docx, pdf, html or json: the format of every -o whatever its extension; with "
     "--outdir a comma-separated list (default docx)"},
    {REPORT_OUTDIR, "outdir", 0, "DIR",
     "write one report per evaluation into DIR, named after the input file"},
    {REPORT_LAYOUT, "layout", 'l', "NAME",
     "部门评价报告 (dept), 重点绩效评价报告 (key), 项目支出绩效自评表 (self), or a layout "
     ".yaml file "
     "(default: 项目支出绩效自评表 for 单位自评, else 部门评价报告)"},
    {REPORT_REFERENCE, "reference-docx", 0, "FILE",
     "take styles, page setup, header and footer of DOCX output from FILE"},
    {REPORT_FORCE, "force", 'f', NULL, "overwrite outputs that exist"},
    {0, NULL, 0, NULL, NULL},
};

enum fmt { FMT_DOCX, FMT_PDF, FMT_HTML, FMT_JSON, FMT_COUNT_ };

static const char *const fmt_names[FMT_COUNT_] = {"docx", "pdf", "html", "json"};

static int fmt_from_name(const char *s, size_t len, enum fmt *f)
{
    for (int i = 0; i < FMT_COUNT_; i++)
        if (strlen(fmt_names[i]) == len && !strncmp(fmt_names[i], s, len)) {
            *f = (enum fmt)i;
            return 0;
        }
    return -1;
}

static int fmt_from_path(const char *path, enum fmt *f)
{
    const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');

    if (!dot || (slash && dot < slash))
        return -1;
    if (!strcmp(dot, ".htm")) {
        *f = FMT_HTML;
        return 0;
    }
    return fmt_from_name(dot + 1, strlen(dot + 1), f);
}

/* Layouts are loaded once per name and kept for the whole run. */
#define MAX_LAYOUTS 8

struct report_run {
    struct jx_ctx *ctx;
    struct report_sentences sentences;
    struct report_layout layouts[MAX_LAYOUTS];
    char *layout_keys[MAX_LAYOUTS];
    size_t nr_layouts;
    struct strbuf layout_buf;
    const char *layout_arg;
    struct docx_reference *reference; /* NULL, or &ref filled from ref_parts */
    struct docx_reference ref;
    struct docx_reference_parts ref_parts;
    struct strbuf ref_buf;
    bool force;
};

/* A reference .docx is read whole; real ones are well under this. */
#define REFERENCE_MAX_BYTES (64u << 20)

/* Reads --reference-docx into run->ref. Returns 0 or EXIT_BADINPUT after printing why. */
static int load_reference(struct report_run *run, const char *path)
{
    struct docx_reference_parts *p = &run->ref_parts;
    struct strbuf why = STRBUF_INIT;
    int rc = 0;

    if (files_read(path, REFERENCE_MAX_BYTES, &run->ref_buf, &why) < 0 ||
        docx_reference_read(run->ref_buf.buf, run->ref_buf.len, path, p, &why) < 0) {
        cli_error(run->ctx, "--reference-docx: %s", why.buf);
        rc = EXIT_BADINPUT;
    } else {
        run->ref.styles_xml = p->has_styles ? p->styles_xml.buf : NULL;
        run->ref.document_xml = p->has_document ? p->document_xml.buf : NULL;
        run->ref.header_xml = p->has_header ? p->header_xml.buf : NULL;
        run->ref.footer_xml = p->has_footer ? p->footer_xml.buf : NULL;
        run->ref.numbering_xml = p->has_numbering ? p->numbering_xml.buf : NULL;
        run->reference = &run->ref;
    }
    strbuf_release(&why);
    return rc;
}

/* Short names for the built-in layouts, for shells and scripts. */
static const struct {
    const char *alias, *name;
} layout_aliases[] = {
    {"dept", "部门评价报告"},
    {"key", "重点绩效评价报告"},
    {"self", "项目支出绩效自评表"},
};

static const char *layout_name(const char *name)
{
    for (size_t i = 0; i < sizeof(layout_aliases) / sizeof(*layout_aliases); i++)
        if (!strcmp(layout_aliases[i].alias, name))
            return layout_aliases[i].name;
    return name;
}

static bool is_layout_file(const char *name)
{
    return strchr(name, '/') || files_has_ext(name, ".yaml") || files_has_ext(name, ".yml");
}

/* The layout called name (built in, or a file); NULL after printing why. */
static const struct report_layout *get_layout(struct report_run *run, const char *name)
{
    struct jx_diags d = JX_DIAGS_INIT;
    struct strbuf path = STRBUF_INIT, why = STRBUF_INIT;
    struct report_layout *l;
    const char *data;
    size_t len;

    name = layout_name(name);
    for (size_t i = 0; i < run->nr_layouts; i++)
        if (!strcmp(run->layout_keys[i], name))
            return &run->layouts[i];
    if (run->nr_layouts == MAX_LAYOUTS)
        JX_BUG("more than %d layouts in one run", MAX_LAYOUTS);
    if (is_layout_file(name)) {
        if (files_read(name, LAYOUT_READ_MAX_BYTES, &run->layout_buf, &why) < 0) {
            cli_error(run->ctx, "%s", why.buf);
            strbuf_release(&why);
            return NULL;
        }
        data = run->layout_buf.buf;
        len = run->layout_buf.len;
    } else {
        const struct embedded_file *f;

        strbuf_addf(&path, "layouts/%s.yaml", name);
        f = embedded_find(path.buf);
        strbuf_reset(&path);
        if (!f) {
            cli_error(run->ctx,
                      "unknown layout '%s' (use 部门评价报告, 重点绩效评价报告, "
                      "项目支出绩效自评表, or a layout .yaml file)",
                      name);
            strbuf_release(&path);
            return NULL;
        }
        data = f->data;
        len = f->len;
    }
    l = &run->layouts[run->nr_layouts];
    run->layout_keys[run->nr_layouts] = xstrdup(name);
    report_layout_init(l, run->layout_keys[run->nr_layouts]);
    if (!is_layout_file(name))
        strbuf_addf(&path, "templates/layouts/%s.yaml", name);
    else
        strbuf_addstr(&path, name);
    if (layout_read(data, len, path.buf, l, &d)) {
        cli_print_diags(run->ctx, &d);
        jx_diags_release(&d);
        report_layout_release(l);
        free(run->layout_keys[run->nr_layouts]);
        strbuf_release(&path);
        return NULL;
    }
    jx_diags_release(&d);
    strbuf_release(&path);
    return &run->layouts[run->nr_layouts++];
}

/* Renders r as fmt into out. Returns 0, or EXIT_INTERNAL after printing why. */
static int render(struct report_run *run, const struct report *r, enum fmt fmt, struct strbuf *out)
{
    struct strbuf why = STRBUF_INIT;
    int rc = 0;

    switch (fmt) {
    case FMT_JSON:
        report_json(r, out);
        break;
    case FMT_HTML:
        if (report_html(r, out) != 0)
            strbuf_addstr(&why, "the HTML renderer failed");
        break;
    case FMT_PDF:
        if (report_pdf(r, out, &why) != 0 && !why.len)
            strbuf_addstr(&why, "the PDF renderer failed");
        break;
    case FMT_DOCX:
        if (report_docx(r, run->reference, out, &why) != 0 && !why.len)
            strbuf_addstr(&why, "the DOCX renderer failed");
        break;
    case FMT_COUNT_:
        JX_BUG("format %d", (int)fmt);
    }
    if (why.len && fmt == FMT_DOCX && run->reference) {
        struct strbuf plain = STRBUF_INIT, ignored = STRBUF_INIT;

        /* Rendering without the reference tells whose fault it is: when that works, the
         * reference is bad input (exit 2 like an unreadable one), not our failure. */
        if (report_docx(r, NULL, &plain, &ignored) == 0) {
            cli_error(run->ctx, "--reference-docx: %s", why.buf);
            rc = EXIT_BADINPUT;
            strbuf_reset(&why);
        }
        strbuf_release(&plain);
        strbuf_release(&ignored);
    }
    if (why.len) {
        cli_error(run->ctx, "cannot render %s: %s", fmt_names[fmt], why.buf);
        rc = EXIT_INTERNAL;
    }
    strbuf_release(&why);
    return rc;
}

/* A path whose directory is missing or unwritable is bad input, found before writing. */
static int check_out_path(struct jx_ctx *ctx, const char *path)
{
    struct strbuf dir = STRBUF_INIT;
    const char *slash = strrchr(path, '/');
    struct stat st;
    int rc = 0;

    if (slash)
        strbuf_add(&dir, path, slash == path ? 1 : (size_t)(slash - path));
    else
        strbuf_addch(&dir, '.');
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        cli_error(ctx, "cannot write '%s': it is a directory", path);
        rc = EXIT_BADINPUT;
    } else if (stat(dir.buf, &st) != 0 || !S_ISDIR(st.st_mode)) {
        cli_error(ctx, "cannot write '%s': directory '%s' does not exist", path, dir.buf);
        rc = EXIT_BADINPUT;
    } else if (access(dir.buf, W_OK) != 0) {
        cli_error(ctx, "cannot write '%s': directory '%s' is not writable (%s)", path, dir.buf,
                  strerror(errno));
        rc = EXIT_BADINPUT;
    }
    strbuf_release(&dir);
    return rc;
}

struct output {
    const char *path;
    enum fmt fmt;
};

/* Splits path into its directory's identity and its last component. False when the
 * directory cannot be stat'ed (check_out_path then reports it). */
static bool out_dir_id(const char *path, struct stat *dir, const char **base)
{
    struct strbuf d = STRBUF_INIT;
    const char *slash = strrchr(path, '/');
    bool ok;

    if (slash)
        strbuf_add(&d, path, slash == path ? 1 : (size_t)(slash - path));
    else
        strbuf_addch(&d, '.');
    *base = slash ? slash + 1 : path;
    ok = stat(d.buf, dir) == 0;
    strbuf_release(&d);
    return ok;
}

/* True when a and b name one file: equal strings, or one name in one directory reached
 * two ways ("r.json" and "./r.json"), which would be written twice. */
static bool same_output(const char *a, const char *b)
{
    struct stat da, db;
    const char *ba, *bb;

    if (!strcmp(a, b))
        return true;
    return out_dir_id(a, &da, &ba) && out_dir_id(b, &db, &bb) && da.st_dev == db.st_dev &&
           da.st_ino == db.st_ino && !strcmp(ba, bb);
}

/*
 * Refuses what would fail half-way: two outputs naming one file, and (without --force)
 * an output that exists, found before anything is written so that no output is left
 * from a call that fails. Returns an exit status.
 */
static int check_outputs(const struct report_run *run, const struct output *outs, size_t nr_outs)
{
    for (size_t i = 0; i < nr_outs; i++)
        for (size_t k = 0; k < i; k++)
            if (same_output(outs[k].path, outs[i].path)) {
                cli_error(run->ctx, "'%s' is given twice as an output: name each output once",
                          outs[i].path);
                return EXIT_BADINPUT;
            }
    for (size_t i = 0; i < nr_outs && !run->force; i++) {
        struct stat st;

        /* A directory is check_out_path's to report ("it is a directory"). */
        if (stat(outs[i].path, &st) == 0 && !S_ISDIR(st.st_mode)) {
            cli_error(run->ctx, "'%s' already exists; use --force to overwrite it", outs[i].path);
            return EXIT_BADINPUT;
        }
    }
    return 0;
}

/*
 * Loads one evaluation and writes its outputs: all are rendered before the first is
 * written. Returns an exit status.
 */
static int report_one(struct report_run *run, const char *input, const struct output *outs,
                      size_t nr_outs)
{
    struct jx_eval ev;
    struct jx_diags d = JX_DIAGS_INIT;
    struct strbuf buf = STRBUF_INIT, why = STRBUF_INIT;
    struct strbuf rendered[FMT_COUNT_ * 4];
    const struct report_layout *l;
    struct report r;
    int rc = 0;

    rc = check_outputs(run, outs, nr_outs);
    if (rc)
        return rc;
    report_init(&r);
    for (size_t i = 0; i < nr_outs; i++)
        strbuf_init(&rendered[i], 0);
    if (load_eval(input, &buf, &ev, &d) != 0) {
        cli_print_diags(run->ctx, &d);
        cli_error(run->ctx, "%s: no report written: fix the errors above first", input);
        rc = EXIT_BADINPUT;
        goto out;
    }
    l = get_layout(run, run->layout_arg ? run->layout_arg : report_default_layout(ev.kind));
    if (!l) {
        rc = EXIT_BADINPUT;
        goto out;
    }
    report_build(&r, &ev, l, &run->sentences);
    for (size_t i = 0; i < nr_outs && !rc; i++)
        rc = render(run, &r, outs[i].fmt, &rendered[i]);
    for (size_t i = 0; i < nr_outs && !rc; i++)
        rc = check_out_path(run->ctx, outs[i].path);
    for (size_t i = 0; i < nr_outs && !rc; i++) {
        int w =
            files_write_atomic(outs[i].path, rendered[i].buf, rendered[i].len, run->force, &why);

        if (w < 0) {
            cli_error(run->ctx, "%s", why.buf);
            rc = w == -1 ? EXIT_BADINPUT : EXIT_INTERNAL;
        } else {
            fprintf(run->ctx->out, "%s\n", outs[i].path);
        }
    }
out:
    for (size_t i = 0; i < nr_outs; i++)
        strbuf_release(&rendered[i]);
    report_release(&r);
    eval_release(&ev);
    jx_diags_release(&d);
    strbuf_release(&buf);
    strbuf_release(&why);
    return rc;
}

/* "dir/name.yaml" -> "name". */
static void file_stem(const char *path, struct strbuf *out)
{
    const char *base = strrchr(path, '/'), *dot;

    base = base ? base + 1 : path;
    dot = strrchr(base, '.');
    strbuf_add(out, base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

static int parse_format_list(struct jx_ctx *ctx, const char *list, enum fmt *fmts, size_t *nr)
{
    const char *p = list;

    *nr = 0;
    while (*p) {
        size_t len = strcspn(p, ",");

        if (*nr == FMT_COUNT_ || fmt_from_name(p, len, &fmts[*nr])) {
            cli_error(ctx, "unknown format '%.*s' in --format (use docx, pdf, html or json)",
                      (int)len, p);
            return -1;
        }
        (*nr)++;
        p += len + (p[len] == ',');
    }
    if (!*nr) {
        cli_error(ctx, "--format is empty (use docx, pdf, html or json)");
        return -1;
    }
    return 0;
}

static int run_outdir(struct report_run *run, const struct cli_args *args,
                      const struct file_list *files)
{
    const char *dir = cli_get(args, REPORT_OUTDIR), *fmt = cli_get(args, REPORT_FORMAT);
    enum fmt fmts[FMT_COUNT_];
    size_t nr_fmts;
    struct strbuf path = STRBUF_INIT, stem = STRBUF_INIT;
    char **stems;
    struct stat st;
    int rc = 0;

    if (parse_format_list(run->ctx, fmt ? fmt : "docx", fmts, &nr_fmts))
        return EXIT_BADINPUT;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        cli_error(run->ctx, "cannot create directory '%s': %s", dir, strerror(errno));
        return EXIT_BADINPUT;
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        cli_error(run->ctx, "--outdir '%s' is not a directory", dir);
        return EXIT_BADINPUT;
    }
    stems = xcalloc(files->nr ? files->nr : 1, sizeof(*stems));
    for (size_t i = 0; i < files->nr; i++) {
        struct output outs[FMT_COUNT_];
        char *paths[FMT_COUNT_];
        bool dup = false;
        int one;

        strbuf_reset(&stem);
        file_stem(files->names[i], &stem);
        /* Two inputs with one stem would write the same outputs: refuse the second. */
        for (size_t k = 0; k < i && !dup; k++)
            dup = stems[k] && !strcmp(stems[k], stem.buf);
        if (dup) {
            cli_error(run->ctx, "%s: another input is also named '%s': not written",
                      files->names[i], stem.buf);
            rc = EXIT_BADINPUT;
            continue;
        }
        stems[i] = xstrdup(stem.buf);
        for (size_t k = 0; k < nr_fmts; k++) {
            strbuf_reset(&path);
            strbuf_addf(&path, "%s/%s.%s", dir, stem.buf, fmt_names[fmts[k]]);
            paths[k] = strbuf_detach(&path, NULL);
            outs[k] = (struct output){paths[k], fmts[k]};
        }
        one = report_one(run, files->names[i], outs, nr_fmts);
        for (size_t k = 0; k < nr_fmts; k++)
            free(paths[k]);
        if (one > rc)
            rc = one;
    }
    for (size_t i = 0; i < files->nr; i++)
        free(stems[i]);
    free(stems);
    strbuf_release(&path);
    strbuf_release(&stem);
    return rc;
}

static int run_outputs(struct report_run *run, const struct cli_args *args,
                       const struct file_list *files)
{
    const char *forced = cli_get(args, REPORT_FORMAT);
    struct output outs[CLI_MAX_REPEAT];
    size_t n = (size_t)args->count[REPORT_OUTPUT];

    if (files->nr != 1) {
        cli_error(run->ctx, "-o takes one evaluation, not %zu (use --outdir DIR for several)",
                  files->nr);
        return EXIT_BADINPUT;
    }
    for (size_t i = 0; i < n; i++) {
        outs[i].path = args->values[REPORT_OUTPUT][i];
        if (forced) {
            if (fmt_from_name(forced, strlen(forced), &outs[i].fmt)) {
                cli_error(run->ctx, "unknown format '%s' in --format (use docx, pdf, html or json)",
                          forced);
                return EXIT_BADINPUT;
            }
        } else if (fmt_from_path(outs[i].path, &outs[i].fmt)) {
            cli_error(run->ctx,
                      "cannot tell the format of '%s' from its extension: name it .docx, .pdf, "
                      ".html or .json, or give --format",
                      outs[i].path);
            return EXIT_BADINPUT;
        }
    }
    if (n > FMT_COUNT_ * 4) {
        cli_error(run->ctx, "at most %d -o outputs in one call", FMT_COUNT_ * 4);
        return EXIT_BADINPUT;
    }
    return report_one(run, files->names[0], outs, n);
}

static int load_sentences(struct report_run *run)
{
    const struct embedded_file *f = embedded_find("sentences/报告语句.yaml");
    struct jx_diags d = JX_DIAGS_INIT;
    int rc = 0;

    if (!f)
        JX_BUG("sentence table not embedded");
    if (sentences_read(f->data, f->len, "sentences/报告语句.yaml", &run->sentences, &d)) {
        cli_print_diags(run->ctx, &d);
        rc = EXIT_INTERNAL;
    }
    jx_diags_release(&d);
    return rc;
}

int cmd_report(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
    struct cli_args args;
    struct file_list files = {0};
    struct report_run run = {.ctx = ctx};
    size_t bad_paths = 0;
    int rc;

    report_sentences_init(&run.sentences);
    docx_reference_parts_init(&run.ref_parts);
    strbuf_init(&run.ref_buf, 0);
    args.pos = NULL;
    rc = cli_parse_files(ctx, cmd, argc, argv, &args, &files, &bad_paths);
    if (rc) {
        rc = rc < 0 ? 0 : rc;
        goto out;
    }
    rc = EXIT_BADINPUT;
    if (bad_paths)
        goto out;
    run.force = cli_flag(&args, REPORT_FORCE);
    run.layout_arg = cli_get(&args, REPORT_LAYOUT);
    if (!args.count[REPORT_OUTPUT] == !cli_get(&args, REPORT_OUTDIR)) {
        cli_error(ctx, "give -o OUT.docx|OUT.pdf|OUT.html|OUT.json or --outdir DIR (see "
                       "'jixiao report --help')");
        goto out;
    }
    if (cli_get(&args, REPORT_REFERENCE) &&
        (rc = load_reference(&run, cli_get(&args, REPORT_REFERENCE))))
        goto out;
    if ((rc = load_sentences(&run)))
        goto out;
    /* A bad --layout is reported once, before any evaluation is read. */
    rc = EXIT_BADINPUT;
    if (run.layout_arg && !get_layout(&run, run.layout_arg))
        goto out;
    rc = args.count[REPORT_OUTPUT] ? run_outputs(&run, &args, &files)
                                   : run_outdir(&run, &args, &files);
out:
    for (size_t i = 0; i < run.nr_layouts; i++) {
        report_layout_release(&run.layouts[i]);
        free(run.layout_keys[i]);
    }
    strbuf_release(&run.layout_buf);
    strbuf_release(&run.ref_buf);
    docx_reference_parts_release(&run.ref_parts);
    report_sentences_release(&run.sentences);
    file_list_release(&files);
    free(args.pos);
    return rc;
}
