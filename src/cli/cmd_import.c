/*
 * `jixiao import FILE.xlsx|FILE.csv -o OUT.yaml`: a 评分表 (from jixiao export or made by
 * hand in Excel or WPS) back into an evaluation file. The result is validated and scored
 * before anything is written, so a bad sheet never becomes a file; the output is written
 * atomically and an existing file is kept unless --force.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/files.h"
#include "cli/options.h"
#include "core/decimal.h"
#include "io/eval_write.h"
#include "io/scoresheet_read.h"

enum {
    IMPORT_OUTPUT = 1,
    IMPORT_FORCE,
    IMPORT_SHEET,
    IMPORT_KIND,
    IMPORT_UNIT,
    IMPORT_PROJECT,
    IMPORT_YEAR
};

const struct cli_opt import_opts[] = {
    {IMPORT_OUTPUT, "output", 'o', "OUT.yaml",
     "write the evaluation to OUT.yaml (- or none: standard output)"},
    {IMPORT_FORCE, "force", 'f', NULL, "overwrite OUT.yaml if it exists"},
    {IMPORT_SHEET, "sheet", 0, "NAME", "the sheet holding the 评分表 (default 评分表)"},
    {IMPORT_KIND, "kind", 0, "KIND",
     "单位自评, 部门评价 or 财政评价 when no 基本情况 sheet says (default 部门评价)"},
    {IMPORT_UNIT, "unit", 0, "TEXT", "实施单位 when no 基本情况 sheet says"},
    {IMPORT_PROJECT, "project", 0, "TEXT", "项目名称 when no 基本情况 sheet says"},
    {IMPORT_YEAR, "year", 0, "YEAR", "评价年度 when no 基本情况 sheet says"},
    {0, NULL, 0, NULL, NULL},
};

int cmd_import(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
    struct cli_args args;
    struct strbuf buf = STRBUF_INIT, why = STRBUF_INIT, yaml = STRBUF_INIT;
    struct jx_diags d = JX_DIAGS_INIT;
    struct jx_eval ev;
    struct scoresheet_meta meta = {0};
    const char *in, *out;
    bool xlsx;
    int ret = cli_parse(ctx, cmd, argc, argv, &args), rc;

    eval_init(&ev, "");
    if (ret)
        goto done;
    ret = EXIT_BADINPUT;
    if (args.nr_pos != 1) {
        cli_error(ctx, "import takes one spreadsheet (see 'jixiao import --help')");
        goto done;
    }
    in = args.pos[0];
    out = cli_get(&args, IMPORT_OUTPUT);
    meta.sheet = cli_get(&args, IMPORT_SHEET);
    meta.kind = cli_get(&args, IMPORT_KIND);
    meta.unit = cli_get(&args, IMPORT_UNIT);
    meta.project = cli_get(&args, IMPORT_PROJECT);
    meta.year = cli_get(&args, IMPORT_YEAR);
    if (out && strcmp(out, "-") && !files_has_ext(out, ".yaml") && !files_has_ext(out, ".yml")) {
        cli_error(ctx, "the output '%s' is an evaluation file: name it *.yaml", out);
        goto done;
    }
    if (files_read(in, SCORESHEET_MAX_BYTES, &buf, &why) < 0) {
        cli_error(ctx, "%s", why.buf);
        goto done;
    }
    /* The extension decides; without one, a zip (PK) is a workbook. */
    xlsx = files_has_ext(in, ".xlsx") ||
           (!files_has_ext(in, ".csv") && buf.len >= 2 && !memcmp(buf.buf, "PK", 2));
    eval_release(&ev);
    rc = xlsx ? scoresheet_read_xlsx(buf.buf, buf.len, in, &meta, &ev, &d)
              : scoresheet_read_csv(buf.buf, buf.len, in, &meta, &ev, &d);
    cli_print_diags(ctx, &d);
    if (rc || d.errors) {
        cli_error(ctx, "%s: not imported: fix the errors above", in);
        goto done;
    }
    eval_write_yaml(&ev, &yaml);
    if (!out || !strcmp(out, "-")) {
        ret = cli_write(ctx, ctx->out, yaml.buf, yaml.len);
        goto done;
    }
    rc = files_write_atomic(out, yaml.buf, yaml.len, cli_flag(&args, IMPORT_FORCE), &why);
    if (rc < 0) {
        cli_error(ctx, "%s", why.buf);
        ret = rc == -1 ? EXIT_BADINPUT : EXIT_INTERNAL;
        goto done;
    }
    strbuf_reset(&why);
    dec_format(&why, ev.total, 2, 2);
    fprintf(ctx->err, "wrote %s: total %s, grade %s\n", out, why.buf, ev.grade ? ev.grade : "");
    ret = 0;
done:
    eval_release(&ev);
    jx_diags_release(&d);
    strbuf_release(&buf);
    strbuf_release(&why);
    strbuf_release(&yaml);
    free(args.pos);
    return ret;
}
