/*
 * `jixiao check [--format text|json|sarif] [--severity LEVEL] FILE|DIR...`: runs the review
 * rules (core/check.h) on each evaluation file. A file that does not validate is bad input:
 * its diagnostics go to stderr and it is not checked. Exit 2 on bad input, else 1 when an
 * error finding was printed, else 0. With --extract, each FILE is an existing plain-text
 * report (*.txt) and what was read out of it is printed as JSON (render/extract_json.h).
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/files.h"
#include "cli/load.h"
#include "cli/options.h"
#include "core/check.h"
#include "core/xalloc.h"
#include "io/report_text.h"
#include "render/check_json.h"
#include "render/extract_json.h"

const struct cli_opt check_opts[] = {
    {CHECK_FORMAT, "format", 'f', "FORMAT", "text (default), json or sarif (SARIF 2.1.0)"},
    {CHECK_SEVERITY, "severity", 's', "LEVEL",
     "print only findings of LEVEL or worse: error, warning, note (default)"},
    {CHECK_EXTRACT, "extract", 'x', NULL,
     "print what is read out of existing plain-text reports (*.txt) as JSON"},
    {0, NULL, 0, NULL, NULL},
};

enum format { FMT_TEXT, FMT_JSON, FMT_SARIF };

/* Reports are bounded: a plain-text report is a few hundred KiB at most. */
#define REPORT_MAX_BYTES (16u * 1024 * 1024)

/* --extract: one JSON document per report; exit 2 when any report cannot be read. */
static int extract(struct jx_ctx *ctx, const struct file_list *files, size_t failed)
{
    struct strbuf buf = STRBUF_INIT, why = STRBUF_INIT, out = STRBUF_INIT;
    int ret = 0;

    for (size_t i = 0; i < files->nr && !ret; i++) {
        struct report_extract rx;

        strbuf_reset(&why);
        if (files_read(files->names[i], REPORT_MAX_BYTES, &buf, &why) < 0) {
            cli_error(ctx, "%s", why.buf);
            failed++;
            continue;
        }
        if (report_text_parse(buf.buf, buf.len, &rx, &why) < 0) {
            cli_error(ctx, "%s: %s", files->names[i], why.buf);
            failed++;
        } else {
            extract_json(files->names[i], &rx, &out);
            ret = cli_write(ctx, ctx->out, out.buf, out.len);
            strbuf_reset(&out);
        }
        report_extract_release(&rx);
    }
    strbuf_release(&buf);
    strbuf_release(&why);
    strbuf_release(&out);
    return ret ? ret : failed ? EXIT_BADINPUT : 0;
}

/* Rules on existing reports come later: refuse a report rather than misread it as YAML. */
static int refuse_reports(struct jx_ctx *ctx, const struct file_list *files)
{
    for (size_t i = 0; i < files->nr; i++) {
        if (files_has_ext(files->names[i], ".txt")) {
            cli_error(ctx,
                      "%s: review rules on existing reports come in a later step; use "
                      "'jixiao check --extract' to see what is read out of it",
                      files->names[i]);
            return EXIT_BADINPUT;
        }
    }
    return 0;
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
    struct strbuf buf = STRBUF_INIT, out = STRBUF_INIT;
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
    if ((ret = refuse_reports(ctx, &files)))
        goto out;
    if (fmt != FMT_TEXT)
        cj = check_json_new(fmt == FMT_SARIF);
    for (size_t i = 0; i < files.nr; i++) {
        struct jx_eval ev;
        struct jx_diags d = JX_DIAGS_INIT;
        struct check_findings f = CHECK_FINDINGS_INIT;

        if (load_eval(files.names[i], &buf, &ev, &d)) {
            cli_print_diags(ctx, &d);
            if (cj)
                check_json_add_failed(cj, ev.file ? ev.file : files.names[i], &d);
            failed++;
        } else {
            check_eval(&ev, &f);
            filter(&f, min);
            for (size_t k = 0; k < f.nr; k++)
                if (f.v[k].severity == JX_SEV_ERROR)
                    errors++;
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
    strbuf_release(&out);
    return ret;
}
