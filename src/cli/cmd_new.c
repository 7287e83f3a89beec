/*
 * `jixiao new [--template NAME] [-o FILE]`: writes a starter evaluation from a built-in
 * template, atomically and without overwriting an existing file unless --force.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/files.h"
#include "cli/options.h"
#include "core/template.h"

const struct cli_opt new_opts[] = {
    {NEW_TEMPLATE, "template", 't', "NAME", "template to start from (default 部门评价)"},
    {NEW_OUTPUT, "output", 'o', "FILE", "write to FILE instead of standard output"},
    {NEW_FORCE, "force", 'f', NULL, "overwrite FILE if it exists"},
    {0, NULL, 0, NULL, NULL},
};

int cmd_new(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
    struct cli_args args;
    struct strbuf why = STRBUF_INIT;
    const char *name, *output;
    const struct embedded_file *f;
    int ret = cli_parse(ctx, cmd, argc, argv, &args);

    if (ret)
        goto out;
    if (args.nr_pos) {
        cli_error(ctx, "unexpected argument '%s' (use -o FILE to name the output)", args.pos[0]);
        ret = EXIT_BADINPUT;
        goto out;
    }
    name = cli_get(&args, NEW_TEMPLATE);
    if (!name)
        name = "部门评价";
    f = template_find(name);
    if (!f) {
        cli_error(ctx, "no template '%s' (see 'jixiao template list')", name);
        ret = EXIT_BADINPUT;
        goto out;
    }
    output = cli_get(&args, NEW_OUTPUT);
    if (!output || !strcmp(output, "-")) {
        ret = cli_write(ctx, ctx->out, f->data, f->len);
        goto out;
    }
    ret = files_write_atomic(output, f->data, f->len, cli_flag(&args, NEW_FORCE), &why);
    if (ret < 0) {
        cli_error(ctx, "%s", why.buf);
        ret = ret == -1 ? EXIT_BADINPUT : EXIT_INTERNAL;
        goto out;
    }
    fprintf(ctx->err, "wrote %s from template %s; fill it in, then run 'jixiao validate %s'\n",
            output, name, output);
out:
    free(args.pos);
    strbuf_release(&why);
    return ret;
}
