/*
 * `jixiao validate FILE|DIR...`: reports every problem of every file as
 * file:line:col: message. Errors exit 2; warnings are advice and exit 0.
 */
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/files.h"
#include "cli/load.h"
#include "cli/options.h"
#include "render/score_text.h"

const struct cli_opt validate_opts[] = {
    {VALIDATE_QUIET, "quiet", 'q', NULL, "print problems only, no line for a valid file"},
    {VALIDATE_NO_WARNINGS, "no-warnings", 'W', NULL, "do not print warnings"},
    {0, NULL, 0, NULL, NULL},
};

static void drop_warnings(struct jx_diags *d)
{
    size_t kept = 0;

    for (size_t i = 0; i < d->nr; i++) {
        if (d->v[i].severity == JX_SEV_ERROR)
            d->v[kept++] = d->v[i];
        else
            free(d->v[i].msg);
    }
    d->nr = kept;
}

int cmd_validate(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
    struct cli_args args;
    struct file_list files = {0};
    struct strbuf buf = STRBUF_INIT;
    size_t failed;
    int ret = cli_parse_files(ctx, cmd, argc, argv, &args, &files, &failed);

    if (ret)
        goto out;
    for (size_t i = 0; i < files.nr; i++) {
        struct jx_eval ev;
        struct jx_diags d = JX_DIAGS_INIT;
        int bad = load_eval(files.names[i], &buf, &ev, &d);

        if (cli_flag(&args, VALIDATE_NO_WARNINGS))
            drop_warnings(&d);
        cli_print_diags(ctx, &d);
        if (bad) {
            failed++;
        } else if (!cli_flag(&args, VALIDATE_QUIET)) {
            struct strbuf line = STRBUF_INIT;

            strbuf_addf(&line, "%s: ok, total ", ev.file);
            render_points(&line, ev.total);
            strbuf_addf(&line, ", grade %s", ev.grade ? ev.grade : "-");
            if (d.warnings)
                strbuf_addf(&line, ", %zu warning%s", d.warnings, d.warnings == 1 ? "" : "s");
            strbuf_addch(&line, '\n');
            ret = cli_write(ctx, ctx->out, line.buf, line.len);
            strbuf_release(&line);
        }
        jx_diags_release(&d);
        eval_release(&ev);
        if (ret)
            goto out;
    }
    if (failed)
        ret = EXIT_BADINPUT;
out:
    free(args.pos);
    file_list_release(&files);
    strbuf_release(&buf);
    return ret;
}
