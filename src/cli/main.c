/*
 * jixiao's entry point: the command table, option parsing and help generated from the
 * tables, and the mapping of outcomes to exit statuses (cli.h). Commands live one per
 * file in cmd_*.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/files.h"
#include "core/xalloc.h"

#include "cli/options.h"

const struct cli_opt help_opts[] = {
    {HELP_MAN, "man", 0, NULL, "print the manual page (roff)"},
    {0, NULL, 0, NULL, NULL},
};

const struct cli_cmd cli_commands[] = {
    {"new", cmd_new, "[--template NAME] [-o FILE] [--force]",
     "write a starter evaluation file from a template",
     "Writes the template NAME (default 部门评价) as a commented YAML evaluation file to FILE, "
     "or to standard output. The comments say what to fill in. See 'jixiao template list'.",
     new_opts},
    {"validate", cmd_validate, "FILE|DIR...", "check evaluation files and report every problem",
     "Parses and validates each evaluation file (YAML or JSON; a directory means every "
     "*.yaml, *.yml and *.json below it) and reports all problems as file:line:col: message. "
     "Warnings (domain advice) do not change the exit status; errors exit 2.",
     validate_opts},
    {"score", cmd_score, "[--detail] [--json] FILE|DIR|TABLE.csv...",
     "print the 评价情况总表, the total and the grade",
     "Scores each evaluation and prints the 评价情况总表 (一级指标, 分值, 评价得分, 得分率), the "
     "total and the grade. --detail prints the whole indicator tree with, for every leaf, the "
     "formula applied and the numbers that went in. A .csv argument is a leaf table "
     "(docs/format.md): one summary row per evaluation.",
     score_opts},
    {"check", cmd_check,
     "[--format text|json|sarif] [--severity LEVEL] FILE|DIR... | --extract "
     "REPORT.txt|REPORT.docx...",
     "review evaluation files and existing reports (.txt, .docx) for the faults a reviewer looks "
     "for",
     "Runs the review rules of docs/rules.md on each evaluation file and prints every finding "
     "as file:line:col: severity JX123 message (--format json or sarif for tools; SARIF "
     "2.1.0). A file that does not validate is bad input (exit 2); otherwise the exit status "
     "is 1 when a finding of severity error is printed, else 0. A .txt or .docx file is an "
     "existing report: the rules that apply run on what is read out of it and each finding "
     "names its section and paragraph (file:SECTION¶N: …).",
     check_opts},
    {"report", cmd_report,
     "[--layout NAME] -o OUT.docx|OUT.pdf|OUT.html|OUT.json... FILE | --outdir DIR "
     "[--format LIST] FILE|DIR...",
     "write the 绩效评价报告 as DOCX, PDF, HTML or JSON",
     "Builds the report of each evaluation in a layout (部门评价报告, 重点绩效评价报告 or "
     "项目支出绩效自评表; default from the evaluation's kind) and writes it in the format of "
     "each -o file's extension. With --outdir, one report per evaluation named after its "
     "file. Text the evaluation does not give is written from its data. An evaluation "
     "with errors gets its diagnostics and no output (exit 2); outputs are written whole "
     "or not at all (docs/report.md).",
     report_opts},
    {"export", cmd_export,
     "[--encoding utf-8|utf-8-bom|gb18030] [--force] -o OUT.xlsx|OUT.csv FILE",
     "write the 评分表 as an xlsx workbook or CSV",
     "Validates and scores FILE, then writes, by the extension of OUT, an xlsx workbook "
     "(sheets 评分表 with merged 一级/二级 cells and formulas for every sum, 基本情况 with the "
     "budget and 执行率, 评价情况总表) or the 评分表 as CSV (UTF-8, UTF-8 with BOM for Excel, or "
     "GB18030). An existing OUT is kept unless --force. See docs/spreadsheets.md.",
     export_opts},
    {"import", cmd_import,
     "[--sheet NAME] [--kind K --unit U --project P --year Y] [--force] [-o OUT.yaml] "
     "FILE.xlsx|FILE.csv",
     "read a 评分表 workbook or CSV back into an evaluation file",
     "Reads the 评分表 of a workbook made by jixiao export or by hand in Excel or WPS (the "
     "header row found by its names, merged cells, spacer rows, full-width digits, % cells), "
     "or of a CSV (UTF-8 or GB18030), validates and scores it and writes the evaluation file "
     "(standard output without -o; an existing file is kept unless --force). Problems name "
     "the cell (x.xlsx:评分表!G12: ...) and exit 2. See docs/spreadsheets.md.",
     import_opts},
    {"db", cmd_db,
     "init|migrate | load [--strict] [-j N] FILE|DIR... | list [--year Y] | show ID | "
     "export ID -o FILE | export --format xlsx|csv -o FILE [--year Y] [--encoding ENC] | "
     "summary [--year Y] [--by unit|kind|grade] [--format table|csv|json] | "
     "backup DEST | verify-audit | submit|return|approve|publish ID --version N [--db URL]",
     "keep evaluations in a store (SQLite or PostgreSQL)",
     "The store of evaluations (docs/store.md), named by --db URL or $JIXIAO_DB: sqlite:PATH "
     "or PATH.db (default sqlite:jixiao.db) or postgresql://user@host/dbname. 'init' creates "
     "the schema and 'migrate' upgrades it. 'load' stores each file whole or not at all; the "
     "same evaluation (unit, project, year, kind) loaded again with other text becomes a new "
     "revision; bad files are reported and skipped (exit 2), --strict stops at the first. "
     "'list', 'show' and 'export ID' read it back; 'export --format xlsx|csv' (no ID) writes "
     "every evaluation as one row of 评价汇总 (budget in 元, 执行率, the score of each 一级指标) "
     "and, in the workbook, a sheet of statistics per 一级指标; 'summary' gives counts, mean "
     "and median score, grades, ranking and budget totals exact to the 分. The review steps "
     "name the version read and are refused when it is stale (exit 1). Every change is "
     "written to a hash-chained audit log with --user (or $JIXIAO_USER, else the login name) "
     "and the time; "
     "'verify-audit' names the first altered or missing row (exit 1). 'backup' writes a "
     "consistent copy of an SQLite store. Store unreachable, disk full or read-only: exit 3.",
     db_opts},
    {"template", cmd_template, "list | show NAME", "list or show the built-in templates",
     "'template list' prints the built-in templates with a description; 'template show NAME' "
     "prints one (the same text 'jixiao new --template NAME' writes).",
     template_opts},
    {"survey", cmd_survey, "[--population N] [--questions LIST] [--json] FILE.csv",
     "satisfaction statistics from questionnaire answers",
     "Reads a survey export (CSV with a header row, one column per question, one row per "
     "respondent; UTF-8 or GB18030; answers 非常满意…非常不满意, 1–5 or A–E) and prints per "
     "question and overall the counts per level, the share satisfied (非常满意 + 满意) with its "
     "95% Wilson interval and the weighted score (100/80/60/40/0), then whether the valid "
     "responses reach Cochran's sample size (95% confidence, ±5% margin). Bad rows are "
     "warnings; no valid row at all is bad input (exit 2). See docs/survey.md.",
     survey_opts},
    {"help", cmd_help, "[COMMAND | --man]", "show help for a command, or the man page",
     "Without an argument lists the commands. With a command name prints its help. --man "
     "prints the manual page in roff (docs/jixiao.1 is generated this way).",
     help_opts},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

static const char exit_status_text[] =
    "  0  success\n"
    "  1  the thing checked failed (review findings)\n"
    "  2  bad input or usage: the message says file:line:col and what to do\n"
    "  3  internal or environment error (cannot write, out of disk)\n";

void cli_error(struct jx_ctx *ctx, const char *fmt, ...)
{
    va_list ap;

    fprintf(ctx->err, "%s: ", ctx->prog);
    va_start(ap, fmt);
    vfprintf(ctx->err, fmt, ap);
    va_end(ap);
    fputc('\n', ctx->err);
}

void cli_print_diags(struct jx_ctx *ctx, const struct jx_diags *d)
{
    struct strbuf sb = STRBUF_INIT;

    jx_diags_format(d, &sb);
    fwrite(sb.buf, 1, sb.len, ctx->err);
    strbuf_release(&sb);
}

int cli_write(struct jx_ctx *ctx, FILE *f, const char *buf, size_t len)
{
    if (len && fwrite(buf, 1, len, f) != len) {
        cli_error(ctx, "cannot write output: %s", strerror(errno));
        return EXIT_INTERNAL;
    }
    return 0;
}

static const struct cli_cmd *find_command(const char *name)
{
    for (const struct cli_cmd *c = cli_commands; c->name; c++)
        if (!strcmp(c->name, name))
            return c;
    return NULL;
}

static void option_usage(const struct cli_opt *o, struct strbuf *out)
{
    size_t start = out->len;

    strbuf_addstr(out, "  ");
    if (o->short_name)
        strbuf_addf(out, "-%c, ", o->short_name);
    else
        strbuf_addstr(out, "    ");
    strbuf_addf(out, "--%s", o->long_name);
    if (o->arg)
        strbuf_addf(out, " %s", o->arg);
    if (out->len - start < 26)
        strbuf_addchars(out, ' ', 26 - (out->len - start));
    else
        strbuf_addstr(out, "\n                          ");
    strbuf_addf(out, "%s\n", o->help);
}

void cli_command_help(const struct cli_cmd *cmd, struct strbuf *out)
{
    strbuf_addf(out, "usage: jixiao %s %s\n\n%s.\n\n%s\n", cmd->name, cmd->synopsis, cmd->summary,
                cmd->description);
    strbuf_addstr(out, "\noptions:\n");
    for (const struct cli_opt *o = cmd->opts; o && o->id; o++)
        option_usage(o, out);
    strbuf_addstr(out, "  -h, --help                show this help\n");
}

static void main_help(struct strbuf *out)
{
    strbuf_addstr(out,
                  "usage: jixiao [--version] [--help] COMMAND [ARGS]\n\n"
                  "jixiao (绩效) scores budget performance evaluations (预算绩效评价): it reads an "
                  "evaluation\nfile, checks it, computes every indicator's score exactly and "
                  "gives the total and the grade.\n\ncommands:\n");
    for (const struct cli_cmd *c = cli_commands; c->name; c++)
        strbuf_addf(out, "  %-10s %s\n", c->name, c->summary);
    strbuf_addf(out,
                "\n'jixiao help COMMAND' or 'jixiao COMMAND --help' shows a command's options.\n"
                "\nexit status:\n%s",
                exit_status_text);
}

static const struct cli_opt *find_long(const struct cli_cmd *cmd, const char *name, size_t len)
{
    for (const struct cli_opt *o = cmd->opts; o && o->id; o++)
        if (strlen(o->long_name) == len && !strncmp(o->long_name, name, len))
            return o;
    return NULL;
}

static const struct cli_opt *find_short(const struct cli_cmd *cmd, char c)
{
    for (const struct cli_opt *o = cmd->opts; o && o->id; o++)
        if (o->short_name == c)
            return o;
    return NULL;
}

static int usage_error(struct jx_ctx *ctx, const struct cli_cmd *cmd, const char *what,
                       const char *arg)
{
    fprintf(ctx->err, "%s %s: %s '%s'\nusage: jixiao %s %s\n(see 'jixiao %s --help')\n", ctx->prog,
            cmd->name, what, arg, cmd->name, cmd->synopsis, cmd->name);
    return EXIT_BADINPUT;
}

static int store_opt(struct jx_ctx *ctx, const struct cli_cmd *cmd, struct cli_args *args,
                     const struct cli_opt *o, const char *value)
{
    if (o->id <= 0 || o->id >= CLI_MAX_OPTS)
        JX_BUG("option id %d of '%s' out of range", o->id, o->long_name);
    if (args->count[o->id] >= CLI_MAX_REPEAT)
        return usage_error(ctx, cmd, "too many occurrences of option", o->long_name);
    args->values[o->id][args->count[o->id]++] = value;
    return 0;
}

int cli_parse(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv,
              struct cli_args *args)
{
    bool only_pos = false;

    memset(args, 0, sizeof(*args));
    args->pos = xcalloc((size_t)argc + 1, sizeof(*args->pos));
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const struct cli_opt *o;
        const char *value = NULL;

        if (only_pos || a[0] != '-' || !a[1]) {
            args->pos[args->nr_pos++] = argv[i];
            continue;
        }
        if (!strcmp(a, "--")) {
            only_pos = true;
            continue;
        }
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            struct strbuf sb = STRBUF_INIT;

            cli_command_help(cmd, &sb);
            fwrite(sb.buf, 1, sb.len, ctx->out);
            strbuf_release(&sb);
            return -1;
        }
        if (a[1] == '-') {
            const char *eq = strchr(a + 2, '=');
            size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);

            o = find_long(cmd, a + 2, len);
            if (!o)
                return usage_error(ctx, cmd, "unknown option", a);
            if (o->arg) {
                if (eq)
                    value = eq + 1;
                else if (i + 1 < argc)
                    value = argv[++i];
                else
                    return usage_error(ctx, cmd, "missing argument for option", a);
            } else if (eq) {
                return usage_error(ctx, cmd, "option takes no argument", a);
            } else {
                value = "1";
            }
        } else {
            o = find_short(cmd, a[1]);
            if (!o)
                return usage_error(ctx, cmd, "unknown option", a);
            if (o->arg) {
                if (a[2])
                    value = a + 2;
                else if (i + 1 < argc)
                    value = argv[++i];
                else
                    return usage_error(ctx, cmd, "missing argument for option", a);
            } else if (a[2]) {
                return usage_error(ctx, cmd, "unknown option", a);
            } else {
                value = "1";
            }
        }
        if (store_opt(ctx, cmd, args, o, value))
            return EXIT_BADINPUT;
    }
    return 0;
}

int cli_parse_files(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv,
                    struct cli_args *args, struct file_list *files, size_t *bad_paths)
{
    struct strbuf why = STRBUF_INIT;
    int ret = cli_parse(ctx, cmd, argc, argv, args);

    *bad_paths = 0;
    if (ret)
        return ret;
    if (!args->nr_pos) {
        cli_error(ctx, "no file given; usage: jixiao %s %s", cmd->name, cmd->synopsis);
        return EXIT_BADINPUT;
    }
    for (int i = 0; i < args->nr_pos; i++) {
        if (files_expand(args->pos[i], NULL, files, &why) < 0) {
            cli_error(ctx, "%s", why.buf);
            strbuf_reset(&why);
            (*bad_paths)++;
        }
    }
    strbuf_release(&why);
    return 0;
}

const char *cli_get(const struct cli_args *args, int id)
{
    return args->count[id] ? args->values[id][args->count[id] - 1] : NULL;
}

bool cli_flag(const struct cli_args *args, int id)
{
    return args->count[id] > 0;
}

static void roff_escape(struct strbuf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '\\')
            strbuf_addstr(out, "\\e");
        else if (*s == '-')
            strbuf_addstr(out, "\\-");
        else if ((*s == '.' || *s == '\'') && (out->len == 0 || out->buf[out->len - 1] == '\n'))
            strbuf_addf(out, "\\&%c", *s);
        else
            strbuf_addch(out, *s);
    }
}

void cli_man_page(struct strbuf *out)
{
    strbuf_addstr(out, ".\\\" Generated by 'jixiao help --man'; do not edit.\n"
                       ".TH JIXIAO 1 \"\" \"jixiao " JX_VERSION "\" \"User Commands\"\n"
                       ".SH NAME\njixiao \\- score and check budget performance evaluations "
                       "(预算绩效评价)\n"
                       ".SH SYNOPSIS\n.B jixiao\n.I COMMAND\n[\n.I ARGS\n]\n"
                       ".SH DESCRIPTION\n");
    roff_escape(out, "jixiao reads an evaluation file (YAML or JSON, see docs/format.md), checks "
                     "it, computes every indicator's score exactly (fixed-point, rounded half up "
                     "to 0.01 once per leaf; see docs/scoring.md) and gives the total and the "
                     "grade (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差).\n");
    strbuf_addstr(out, ".SH COMMANDS\n");
    for (const struct cli_cmd *c = cli_commands; c->name; c++) {
        strbuf_addf(out, ".SS \"jixiao %s ", c->name);
        roff_escape(out, c->synopsis);
        strbuf_addstr(out, "\"\n");
        roff_escape(out, c->description);
        strbuf_addch(out, '\n');
        for (const struct cli_opt *o = c->opts; o && o->id; o++) {
            strbuf_addstr(out, ".TP\n.B ");
            if (o->short_name)
                strbuf_addf(out, "\\-%c, ", o->short_name);
            strbuf_addstr(out, "\\-\\-");
            roff_escape(out, o->long_name);
            if (o->arg) {
                strbuf_addstr(out, " \\fI");
                roff_escape(out, o->arg);
                strbuf_addstr(out, "\\fR");
            }
            strbuf_addch(out, '\n');
            roff_escape(out, o->help);
            strbuf_addch(out, '\n');
        }
    }
    strbuf_addstr(out, ".SH \"EXIT STATUS\"\n.nf\n");
    roff_escape(out, exit_status_text);
    strbuf_addstr(out, ".fi\n.SH FILES\n");
    roff_escape(out, "Evaluation files: docs/format.md. Scoring methods: docs/scoring.md. "
                     "Examples: examples/.\n");
}

int cmd_help(struct jx_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
    struct cli_args args;
    struct strbuf sb = STRBUF_INIT;
    int ret = cli_parse(ctx, cmd, argc, argv, &args);

    if (ret)
        goto out;
    if (cli_flag(&args, HELP_MAN)) {
        cli_man_page(&sb);
    } else if (args.nr_pos == 0) {
        main_help(&sb);
    } else {
        const struct cli_cmd *c = find_command(args.pos[0]);

        if (!c) {
            cli_error(ctx, "unknown command '%s' (see 'jixiao help')", args.pos[0]);
            ret = EXIT_BADINPUT;
            goto out;
        }
        cli_command_help(c, &sb);
    }
    ret = cli_write(ctx, ctx->out, sb.buf, sb.len);
out:
    free(args.pos);
    strbuf_release(&sb);
    return ret < 0 ? 0 : ret;
}

int main(int argc, char **argv)
{
    struct jx_ctx ctx = {stdout, stderr, "jixiao"};
    const struct cli_cmd *cmd;
    int ret;

    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        struct strbuf sb = STRBUF_INIT;

        main_help(&sb);
        fwrite(sb.buf, 1, sb.len, argc < 2 ? stderr : stdout);
        strbuf_release(&sb);
        return argc < 2 ? EXIT_BADINPUT : 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("jixiao %s\n", JX_VERSION);
        return 0;
    }
    cmd = find_command(argv[1]);
    if (!cmd) {
        cli_error(&ctx, "'%s' is not a command (see 'jixiao --help')", argv[1]);
        return EXIT_BADINPUT;
    }
    ret = cmd->fn(&ctx, cmd, argc - 1, argv + 1);
    if (fflush(stdout) != 0 && ret == 0) {
        cli_error(&ctx, "cannot write output: %s", strerror(errno));
        ret = EXIT_INTERNAL;
    }
    return ret < 0 ? 0 : ret;
}
