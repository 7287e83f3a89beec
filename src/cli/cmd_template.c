/* `jixiao template list|show NAME`: the built-in templates. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "core/template.h"
#include "core/utf8.h"

const struct cli_opt template_opts[] = {
    {0, NULL, 0, NULL, NULL},
};

static void list(struct strbuf *out)
{
    struct template_info all[8];
    size_t n = template_list(all, ARRAY_SIZE(all));

    for (size_t i = 0; i < n; i++) {
        size_t width = utf8_width(all[i].name);

        strbuf_addstr(out, all[i].name);
        strbuf_addchars(out, ' ', width < 10 ? 10 - width : 1);
        strbuf_addf(out, "(%s)", all[i].alias);
        strbuf_addchars(out, ' ', 12 - strlen(all[i].alias));
        template_description(all[i].file, out);
        strbuf_addch(out, '\n');
    }
}

int cmd_template(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
    struct cli_args args;
    struct strbuf out = STRBUF_INIT;
    int ret = cli_parse(ctx, cmd, argc, argv, &args);

    if (ret)
        goto out;
    if (args.nr_pos == 1 && !strcmp(args.pos[0], "list")) {
        list(&out);
    } else if (args.nr_pos == 2 && !strcmp(args.pos[0], "show")) {
        const struct embedded_file *f = template_find(args.pos[1]);

        if (!f) {
            cli_error(ctx, "no template '%s' (see 'jixiao template list')", args.pos[1]);
            ret = EXIT_BADINPUT;
            goto out;
        }
        strbuf_add(&out, f->data, f->len);
    } else {
        cli_error(ctx, "usage: jixiao template %s", cmd->synopsis);
        ret = EXIT_BADINPUT;
        goto out;
    }
    ret = cli_write(ctx, ctx->out, out.buf, out.len);
out:
    free(args.pos);
    strbuf_release(&out);
    return ret;
}
