/*
 * `jixiao check [--format text|json|sarif] [--severity LEVEL] FILE|DIR...`: runs the review
 * rules (core/check.h) on each evaluation file. A file that does not validate is bad input:
 * its diagnostics go to stderr and it is not checked. Exit 2 on bad input, else 1 when an
 * error finding was printed, else 0. A FILE ending in .txt or .docx is an existing report:
 * its text is read (io/report_text.h, io/docx_text.h), seen as an evaluation
 * (core/check.h, struct check_doc) and checked by the rules that apply to reports, each
 * finding located by section and paragraph. With --extract, what was read out of each
 * report is printed as JSON instead (render/extract_json.h).
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/files.h"
#include "cli/load.h"
#include "cli/options.h"
#include "core/check.h"
#include "core/xalloc.h"
#include "io/docx_text.h"
#include "io/report_text.h"
#include "render/check_json.h"
#include "render/extract_json.h"

const struct cli_opt check_opts[] = {
    {CHECK_FORMAT, "format", 'f', "FORMAT", "text (default), json or sarif (SARIF 2.1.0)"},
    {CHECK_SEVERITY, "severity", 's', "LEVEL",
     "print only findings of LEVEL or worse: error, warning, note (default)"},
    {CHECK_EXTRACT, "extract", 'x', NULL,
     "print what is read out of existing reports (*.txt, *.docx) as JSON"},
    {0, NULL, 0, NULL, NULL},
};

enum format { FMT_TEXT, FMT_JSON, FMT_SARIF };

/* Reports are bounded: a report is a few hundred KiB at most, a .docx with pictures more. */
#define REPORT_MAX_BYTES (32u * 1024 * 1024)

static bool is_report(const char *name)
{
    return files_has_ext(name, ".txt") || files_has_ext(name, ".docx");
}

/*
 * Reads the report name into *rx (buf and text are scratch). Returns 0, or -1 with the
 * message for cli_error in why; rx must be released in both cases.
 */
static int read_report(const char *name, struct strbuf *buf, struct strbuf *text,
                       struct report_extract *rx, struct strbuf *why)
{
    memset(rx, 0, sizeof(*rx));
    strbuf_reset(why);
    if (files_read(name, REPORT_MAX_BYTES, buf, why) < 0)
        return -1;
    if (files_has_ext(name, ".docx")) {
        strbuf_reset(text);
        if (docx_text(buf->buf, buf->len, name, text, why) < 0)
            return -1;
        buf = text;
    }
    if (report_text_parse(buf->buf, buf->len, rx, why) < 0) {
        struct strbuf msg = STRBUF_INIT;

        strbuf_addf(&msg, "%s: %s", name, why->buf);
        strbuf_reset(why);
        strbuf_addstr(why, msg.buf);
        strbuf_release(&msg);
        return -1;
    }
    return 0;
}

/* --extract: one JSON document per report; exit 2 when any report cannot be read. */
static int extract(struct jx_ctx *ctx, const struct file_list *files, size_t failed)
{
    struct strbuf buf = STRBUF_INIT, text = STRBUF_INIT, why = STRBUF_INIT, out = STRBUF_INIT;
    int ret = 0;

    for (size_t i = 0; i < files->nr && !ret; i++) {
        struct report_extract rx;

        if (read_report(files->names[i], &buf, &text, &rx, &why) < 0) {
            cli_error(ctx, "%s", why.buf);
            failed++;
        } else {
            extract_json(files->names[i], &rx, &out);
            ret = cli_write(ctx, ctx->out, out.buf, out.len);
            strbuf_reset(&out);
        }
        report_extract_release(&rx);
    }
    strbuf_release(&buf);
    strbuf_release(&text);
    strbuf_release(&why);
    strbuf_release(&out);
    return ret ? ret : failed ? EXIT_BADINPUT : 0;
}

/* Keeps the findings at least as severe as min (error < warning < note in the enum). */
static void filter(struct check_findings *f, enum jx_severity min)
{
    size_t kept = 0;

    for (size_t i = 0; i < f->nr; i++) {
        if (f->v[i].severity <= min)
            f->v[kept++] = f->v[i];
        else
            free(f->v[i].msg);
    }
    f->nr = kept;
}

static void format_text(const char *file, const struct check_findings *f, struct strbuf *out)
{
    for (size_t i = 0; i < f->nr; i++)
        strbuf_addf(out, "%s:%u:%u: %s %s %s\n", file, f->v[i].pos.line, f->v[i].pos.col,
                    jx_severity_name(f->v[i].severity), f->v[i].rule, f->v[i].msg);
}

/* "report.docx:6、有关建议¶1: warning JX501 ...": section and paragraph, not line:col. */
static void format_report_text(const char *file, const struct check_findings *f,
                               const struct report_extract *rx, struct strbuf *out)
{
    for (size_t i = 0; i < f->nr; i++) {
        strbuf_addf(out, "%s:", file);
        report_extract_where(rx, report_extract_locate(rx, f->v[i].pos.line), out);
        strbuf_addf(out, ": %s %s %s\n", jx_severity_name(f->v[i].severity), f->v[i].rule,
                    f->v[i].msg);
    }
}

static size_t count_errors(const struct check_findings *f)
{
    size_t n = 0;

    for (size_t k = 0; k < f->nr; k++)
        if (f->v[k].severity == JX_SEV_ERROR)
            n++;
    return n;
}

/* One report: read, seen as an evaluation, checked. Returns -1 when it cannot be read. */
static int check_one_report(struct jx_ctx *ctx, const char *name, struct strbuf *buf,
                            struct strbuf *text, enum jx_severity min, struct check_json *cj,
                            struct strbuf *out, size_t *errors)
{
    struct report_extract rx;
    struct strbuf why = STRBUF_INIT;
    int ret = 0;

    if (read_report(name, buf, text, &rx, &why) < 0) {
        cli_error(ctx, "%s", why.buf);
        if (cj) {
            struct jx_diags d = JX_DIAGS_INIT;

            jx_diags_add(&d, JX_SEV_ERROR, name, (struct jx_pos){0, 0}, "%s", why.buf);
            check_json_add_failed(cj, name, &d);
            jx_diags_release(&d);
        }
        ret = -1;
    } else {
        struct check_doc doc;
        struct check_findings f = CHECK_FINDINGS_INIT;

        check_doc_init(&doc, &rx, name);
        check_doc_run(&doc, &f);
        filter(&f, min);
        *errors += count_errors(&f);
        if (cj)
            check_json_add_report(cj, name, &f, &rx);
        else
            format_report_text(name, &f, &rx, out);
        check_findings_release(&f);
        check_doc_release(&doc);
    }
    report_extract_release(&rx);
    strbuf_release(&why);
    return ret;
}

static int parse_options(struct jx_ctx *ctx, const struct cli_args *args, enum format *fmt,
                         enum jx_severity *min)
{
    const char *f = cli_get(args, CHECK_FORMAT), *s = cli_get(args, CHECK_SEVERITY);

    *fmt = FMT_TEXT;
    *min = JX_SEV_NOTE;
    if (f && !strcmp(f, "json")) {
        *fmt = FMT_JSON;
    } else if (f && !strcmp(f, "sarif")) {
        *fmt = FMT_SARIF;
    } else if (f && strcmp(f, "text")) {
        cli_error(ctx, "unknown format '%s': use text, json or sarif", f);
        return EXIT_BADINPUT;
    }
    if (s && !strcmp(s, "error")) {
        *min = JX_SEV_ERROR;
    } else if (s && !strcmp(s, "warning")) {
        *min = JX_SEV_WARNING;
    } else if (s && strcmp(s, "note")) {
        cli_error(ctx, "unknown severity '%s': use error, warning or note", s);
        return EXIT_BADINPUT;
    }
    return 0;
}

int cmd_check(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
    struct cli_args args;
    struct file_list files = {0};
    struct strbuf buf = STRBUF_INIT, text = STRBUF_INIT, out = STRBUF_INIT;
    struct check_json *cj = NULL;
    enum format fmt;
    enum jx_severity min;
    size_t failed, errors = 0;
    int ret = cli_parse_files(ctx, cmd, argc, argv, &args, &files, &failed);

    if (ret || (ret = parse_options(ctx, &args, &fmt, &min)))
        goto out;
    if (cli_flag(&args, CHECK_EXTRACT)) {
        ret = extract(ctx, &files, failed);
        goto out;
    }
    if (fmt != FMT_TEXT)
        cj = check_json_new(fmt == FMT_SARIF);
    for (size_t i = 0; i < files.nr; i++) {
        struct jx_eval ev;
        struct jx_diags d = JX_DIAGS_INIT;
        struct check_findings f = CHECK_FINDINGS_INIT;

        eval_init(&ev, files.names[i]);
        if (is_report(files.names[i])) {
            if (check_one_report(ctx, files.names[i], &buf, &text, min, cj, &out, &errors) < 0)
                failed++;
        } else if (load_eval(files.names[i], &buf, &ev, &d)) {
            cli_print_diags(ctx, &d);
            if (cj)
                check_json_add_failed(cj, ev.file ? ev.file : files.names[i], &d);
            failed++;
        } else {
            check_eval(&ev, &f);
            filter(&f, min);
            errors += count_errors(&f);
            if (cj)
                check_json_add(cj, ev.file, &f);
            else
                format_text(ev.file, &f, &out);
        }
        check_findings_release(&f);
        jx_diags_release(&d);
        eval_release(&ev);
        if (out.len > 65536 || i + 1 == files.nr) {
            ret = cli_write(ctx, ctx->out, out.buf, out.len);
            strbuf_reset(&out);
            if (ret)
                goto out;
        }
    }
    if (cj) {
        check_json_finish(cj, &out);
        cj = NULL;
        ret = cli_write(ctx, ctx->out, out.buf, out.len);
        if (ret)
            goto out;
    }
    ret = failed ? EXIT_BADINPUT : errors ? EXIT_FINDINGS : 0;
out:
    if (cj) {
        struct strbuf sink = STRBUF_INIT;

        check_json_finish(cj, &sink);
        strbuf_release(&sink);
    }
    free(args.pos);
    file_list_release(&files);
    strbuf_release(&buf);
    strbuf_release(&text);
    strbuf_release(&out);
    return ret;
}
