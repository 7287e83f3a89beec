/*
 * The command-line front end: a static table of commands, each with a static table of
 * options from which both parsing and help (--help, the man page) are generated
 * (git's commands[], curl's option table). Only cli/ prints, exits or reads argv.
 */
#ifndef JX_CLI_H
#define JX_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "core/err.h"
#include "core/strbuf.h"

/* Exit statuses, documented in --help and jixiao.1. */
enum cli_exit {
    EXIT_OK_ = 0,      /* success */
    EXIT_FINDINGS = 1, /* the thing checked failed (findings, a failed check) */
    EXIT_BADINPUT = 2, /* bad input or usage */
    EXIT_INTERNAL = 3, /* internal or environment error (out of disk, store unreachable) */
};

/* Per-invocation state, passed first to every command (no globals). */
struct jx_ctx {
    FILE *out, *err;
    const char *prog;
};

struct cli_opt {
    int id;                /* index into cli_args.values; 0 ends a table */
    const char *long_name; /* "detail" for --detail */
    char short_name;       /* 'o' for -o, 0 for none */
    const char *arg;       /* argument name for help ("FILE"); NULL for a flag */
    const char *help;
};

#define CLI_MAX_OPTS 16
#define CLI_MAX_REPEAT 32

struct cli_args {
    /* values[id][i]: the i-th occurrence of option id; a flag's value is "1". */
    const char *values[CLI_MAX_OPTS][CLI_MAX_REPEAT];
    int count[CLI_MAX_OPTS];
    char **pos; /* positional arguments */
    int nr_pos;
};

struct cli_cmd {
    const char *name;
    int (*fn)(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv);
    const char *synopsis; /* "[--detail] [--json] FILE|DIR..." */
    const char *summary;  /* one line */
    const char *description;
    const struct cli_opt *opts;
};

extern const struct cli_cmd cli_commands[];

/*
 * Parses argv (argv[0] is the command name) against cmd->opts. On a usage error prints
 * it with a pointer to --help and returns EXIT_BADINPUT; on --help prints the command's
 * help and returns -1 (caller exits 0); otherwise 0.
 */
int cli_parse(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv,
              struct cli_args *args);
struct file_list;
/*
 * cli_parse, then at least one positional path required, each expanded into files
 * (directories become the evaluation files below them, see files_expand). A path that
 * expands to nothing is reported and counted in *bad_paths. Returns as cli_parse.
 */
int cli_parse_files(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv,
                    struct cli_args *args, struct file_list *files, size_t *bad_paths);
/* Last value of option id or NULL. */
const char *cli_get(const struct cli_args *args, int id);
bool cli_flag(const struct cli_args *args, int id);
void cli_command_help(const struct cli_cmd *cmd, struct strbuf *out);
/* The roff man page, generated from the tables. */
void cli_man_page(struct strbuf *out);

/* Commands. */
int cmd_validate(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv);
int cmd_score(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv);
int cmd_new(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv);
int cmd_template(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv);
int cmd_check(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv);
int cmd_survey(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv);
int cmd_help(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv);
int cmd_report(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv);
int cmd_export(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv);
int cmd_import(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv);
int cmd_db(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv);

/* Printing helpers: "jixiao: message" to ctx->err. */
void cli_error(struct jx_ctx *ctx, const char *fmt, ...) JX_PRINTF(2, 3);
void cli_print_diags(struct jx_ctx *ctx, const struct jx_diags *d);
/* Writes buf to the stream; returns EXIT_INTERNAL (with a message) on a write error. */
int cli_write(struct jx_ctx *ctx, FILE *f, const char *buf, size_t len);

#endif
