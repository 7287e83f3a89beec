/*
 * Money: int64 分 (fen). Parsing accepts what people type in Chinese budget documents
 * ("345.3万元", "3,453,000.00元", "1.2亿元", "３４５.３万元") and refuses anything finer
 * than one 分 rather than rounding it away.
 */
#ifndef JX_MONEY_H
#define JX_MONEY_H

#include <stdint.h>

#include "core/strbuf.h"

enum money_unit {
    MONEY_YUAN,     /* 元 */
    MONEY_WAN,      /* 万元 */
    MONEY_YI,       /* 亿元 */
};

/*
 * Parses s into *fen. A number without a unit takes default_unit. On error returns
 * JX_ESYNTAX or JX_ERANGE and, when why is not NULL, appends a message that says what is
 * wrong and shows an accepted form ("expected an amount such as '345.3万元'").
 */
int money_parse(const char *s, size_t len, enum money_unit default_unit, int64_t *fen,
                struct strbuf *why) JX_MUST_CHECK;

/* Appends the amount in unit with `places` decimals, no unit name: (34530000, WAN, 2) -> "345.30". */
void money_format(struct strbuf *sb, int64_t fen, enum money_unit unit, unsigned places);
/* As money_format followed by the unit name ("万元"); trailing zeros trimmed when places is 0. */
void money_format_unit(struct strbuf *sb, int64_t fen, enum money_unit unit, unsigned places);
const char *money_unit_name(enum money_unit unit);

#endif
