/* Option ids and tables of each command; each table is defined in its cmd_*.c. */
#ifndef JX_CLI_OPTIONS_H
#define JX_CLI_OPTIONS_H

#include "cli/cli.h"

enum { NEW_TEMPLATE = 1, NEW_OUTPUT, NEW_FORCE };
enum { VALIDATE_QUIET = 1, VALIDATE_NO_WARNINGS };
enum { SCORE_DETAIL = 1, SCORE_JSON, SCORE_LEAVES, SCORE_JOBS };
enum { TEMPLATE_NONE_ = 1 };
enum { CHECK_FORMAT = 1, CHECK_SEVERITY, CHECK_EXTRACT };
enum { HELP_MAN = 1 };
enum { SURVEY_POPULATION = 1, SURVEY_QUESTIONS, SURVEY_JSON };

extern const struct cli_opt new_opts[];
extern const struct cli_opt validate_opts[];
extern const struct cli_opt score_opts[];
extern const struct cli_opt template_opts[];
extern const struct cli_opt check_opts[];
extern const struct cli_opt help_opts[];
extern const struct cli_opt survey_opts[];
/* Defined with their option ids in their own cmd_*.c. */
extern const struct cli_opt report_opts[];
extern const struct cli_opt export_opts[];
extern const struct cli_opt import_opts[];
extern const struct cli_opt db_opts[];

#endif
