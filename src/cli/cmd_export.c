/*
 * `jixiao export FILE -o OUT.xlsx|OUT.csv`: the 评分表 workbook (评分表, 基本情况,
 * 评价情况总表) or the 评分表 as CSV. The evaluation must validate and score first: a
 * spreadsheet of a broken evaluation would spread wrong numbers.
 *
 * Writing is atomic either way: the CSV through files_write_atomic; the xlsx, which
 * libxlsxwriter can only write to a named file, into a temporary file next to the target
 * that is renamed into place once complete.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/files.h"
#include "cli/load.h"
#include "cli/options.h"
#include "render/csv_export.h"
#include "render/xlsx_export.h"

enum { EXPORT_OUTPUT = 1, EXPORT_ENCODING, EXPORT_FORCE };

const struct cli_opt export_opts[] = {
    {EXPORT_OUTPUT, "output", 'o', "OUT",
     "write to OUT; its extension picks the format: .xlsx (workbook) or .csv (评分表 only)"},
    {EXPORT_ENCODING, "encoding", 0, "ENC",
     "CSV encoding: utf-8 (default), utf-8-bom (for Excel) or gb18030 (Chinese Excel, WPS)"},
    {EXPORT_FORCE, "force", 'f', NULL, "overwrite OUT if it exists"},
    {0, NULL, 0, NULL, NULL},
};

/* Renders into a temporary file beside out, then renames it over out. */
static int write_xlsx(struct jx_ctx *ctx, const struct jx_eval *ev, const char *out, bool force)
{
    struct strbuf tmp = STRBUF_INIT, why = STRBUF_INIT;
    const char *slash = strrchr(out, '/');
    int fd, ret = EXIT_INTERNAL;

    if (!force && access(out, F_OK) == 0) {
        cli_error(ctx, "'%s' already exists; use --force to overwrite it", out);
        return EXIT_BADINPUT;
    }
    if (slash)
        strbuf_add(&tmp, out, (size_t)(slash - out + 1));
    strbuf_addf(&tmp, ".%s.tmp-XXXXXX", slash ? slash + 1 : out);
    fd = mkstemp(tmp.buf);
    if (fd < 0) {
        cli_error(ctx, "cannot write '%s': %s", out, strerror(errno));
        goto out;
    }
    close(fd);
    if (render_xlsx(ev, tmp.buf, &why) < 0) {
        cli_error(ctx, "%s", why.buf);
        unlink(tmp.buf);
        goto out;
    }
    /* mkstemp made it 0600; an export is an ordinary document. */
    if (chmod(tmp.buf, 0644) < 0 || rename(tmp.buf, out) < 0) {
        cli_error(ctx, "cannot write '%s': %s", out, strerror(errno));
        unlink(tmp.buf);
        goto out;
    }
    ret = 0;
out:
    strbuf_release(&tmp);
    strbuf_release(&why);
    return ret;
}

static int write_csv(struct jx_ctx *ctx, const struct jx_eval *ev, const char *out,
                     enum csv_encoding enc, bool force)
{
    struct strbuf csv = STRBUF_INIT, why = STRBUF_INIT;
    int ret = 0, w;

    if (render_scoresheet_csv(ev, enc, &csv, &why) < 0) {
        cli_error(ctx, "%s", why.buf);
        ret = EXIT_INTERNAL;
    } else if (!strcmp(out, "-")) {
        ret = cli_write(ctx, ctx->out, csv.buf, csv.len);
    } else if ((w = files_write_atomic(out, csv.buf, csv.len, force, &why)) < 0) {
        cli_error(ctx, "%s", why.buf);
        ret = w == -1 ? EXIT_BADINPUT : EXIT_INTERNAL;
    }
    strbuf_release(&csv);
    strbuf_release(&why);
    return ret;
}

int cmd_export(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
    struct cli_args args;
    struct strbuf buf = STRBUF_INIT;
    struct jx_diags d = JX_DIAGS_INIT;
    struct jx_eval ev;
    const char *out, *encname;
    enum csv_encoding enc = CSV_UTF8;
    bool xlsx;
    int ret = cli_parse(ctx, cmd, argc, argv, &args);

    eval_init(&ev, "");
    if (ret)
        goto out;
    out = cli_get(&args, EXPORT_OUTPUT);
    encname = cli_get(&args, EXPORT_ENCODING);
    ret = EXIT_BADINPUT;
    if (args.nr_pos != 1) {
        cli_error(ctx, "export takes one evaluation file (see 'jixiao export --help')");
        goto out;
    }
    if (!out) {
        cli_error(ctx, "no output: give -o OUT.xlsx or -o OUT.csv");
        goto out;
    }
    xlsx = files_has_ext(out, ".xlsx");
    if (!xlsx && !files_has_ext(out, ".csv") && strcmp(out, "-")) {
        cli_error(ctx, "cannot tell the format of '%s': name it *.xlsx or *.csv", out);
        goto out;
    }
    if (!strcmp(out, "-") && xlsx) {
        cli_error(ctx, "an xlsx workbook cannot go to standard output: give -o OUT.xlsx");
        goto out;
    }
    if (encname && csv_encoding_from_name(encname, &enc) < 0) {
        cli_error(ctx, "unknown encoding '%s': use utf-8, utf-8-bom or gb18030", encname);
        goto out;
    }
    if (encname && xlsx) {
        cli_error(ctx, "--encoding applies to CSV output only; an xlsx workbook is always UTF-8");
        goto out;
    }
    eval_release(&ev);
    if (load_eval(args.pos[0], &buf, &ev, &d) < 0) {
        cli_print_diags(ctx, &d);
        cli_error(ctx, "%s: not exported: fix the errors above first", args.pos[0]);
        goto out;
    }
    ret = xlsx ? write_xlsx(ctx, &ev, out, cli_flag(&args, EXPORT_FORCE))
               : write_csv(ctx, &ev, out, enc, cli_flag(&args, EXPORT_FORCE));
out:
    eval_release(&ev);
    jx_diags_release(&d);
    strbuf_release(&buf);
    free(args.pos);
    return ret;
}
