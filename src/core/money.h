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
    MONEY_YUAN, /* 元 */
    MONEY_WAN,  /* 万元 */
    MONEY_YI,   /* 亿元 */
};

/*
 * Parses s into *fen. A number without a unit takes default_unit; with a leading ¥ or ￥
 * and no unit it is in 元. Accepted: surrounding blanks, a sign (+ - ＋ －; refunds are
 * negative), ¥/￥, ASCII or full-width digits, ',' '，' thousands separators, '.' '．',
 * blanks before the unit, and the units 元, 万元, 亿元 (万 and 亿 alone mean 万元, 亿元).
 * On error returns JX_ESYNTAX (not an amount, unknown unit) or JX_ERANGE (finer than one
 * 分, e.g. "1.234元", or beyond INT64_MAX 分) and, when why is not NULL, appends a message
 * that says what is wrong and shows an accepted form ("expected an amount such as
 * '345.3万元' or '3,453,000.00元'"). Allocates nothing unless it appends to why.
 */
int money_parse(const char *s, size_t len, enum money_unit default_unit, int64_t *fen,
                struct strbuf *why) JX_MUST_CHECK;

/*
 * Appends the amount in unit with `places` decimals, rounded half away from zero, no unit
 * name and no thousands separators: (345300000, MONEY_WAN, 2) -> "345.30".
 */
void money_format(struct strbuf *sb, int64_t fen, enum money_unit unit, unsigned places);
/* As money_format followed by the unit name ("万元"); trailing zeros trimmed when places is 0. */
void money_format_unit(struct strbuf *sb, int64_t fen, enum money_unit unit, unsigned places);
const char *money_unit_name(enum money_unit unit);

#endif
