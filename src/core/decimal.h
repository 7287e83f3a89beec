/*
 * Fixed-point decimals, the only number type on a score or money path.
 *
 * Scales in use:
 *   points (分值, 得分)            int64 hundredths      25.00 -> 2500       (JX_CENTI)
 *   rates  (得分率, 执行率, 满意度) int64 hundredths of a percent: 100.00% -> 10000
 *   quantities (指标值, 实际完成值, method parameters) int64 millionths: 4.5 -> 4500000 (JX_MICRO)
 *   money  int64 分 (money.h)
 * Arithmetic that multiplies two of these goes through 128-bit integers and is rounded
 * once, half away from zero, by dec_div_round().
 */
#ifndef JX_DECIMAL_H
#define JX_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"

#define JX_CENTI INT64_C(100)
#define JX_MICRO INT64_C(1000000)

__extension__ typedef __int128 jx_i128;

/*
 * Parses a plain decimal number into value * 10^scale. Accepts an optional sign (+ - ＋ －),
 * ASCII or full-width digits, ',' or '，' thousands separators between digit groups, one
 * '.' or '．' and surrounding blanks (space, tab, U+00A0, U+3000). Returns 0; JX_ESYNTAX
 * when s is not such a number (checked first: garbage is never JX_ERANGE); JX_ERANGE when
 * it has non-zero fraction digits past scale (the value would be rounded; trailing zeros
 * are fine) or does not fit in int64. *out is written only on success.
 */
int dec_parse(const char *s, size_t len, unsigned scale, int64_t *out) JX_MUST_CHECK;

/*
 * Length in bytes of the number at the start of s, for callers that must find where a
 * number ends and a unit begins ("345.3万元", "≥4个"): an optional sign, a digit, then
 * digits, and ',' '，' '.' '．' each directly followed by a digit. 0 when s does not start
 * with a number. Only finds the extent; dec_parse() still checks grouping and range.
 */
size_t dec_span(const char *s, size_t len);
/*
 * Fraction digits of the number in s up to its last non-zero one ("1.2300" -> 2, "5" -> 0):
 * the precision it asks for. Lets a caller that got JX_ERANGE from dec_parse() say
 * "too many decimals" rather than "too large". s need not be valid.
 */
unsigned dec_places(const char *s, size_t len);

/*
 * Appends v (value * 10^scale) with exactly `places` fraction digits, rounding half away
 * from zero when places < scale: dec_format(sb, 2500, 2, 2) -> "25.00".
 */
void dec_format(struct strbuf *sb, int64_t v, unsigned scale, unsigned places);
/* As dec_format with all fraction digits, trailing zeros removed: 345300000 at 6 -> "345.3". */
void dec_format_trim(struct strbuf *sb, int64_t v, unsigned scale);

/* num / den rounded half away from zero. den must not be 0 (a bug otherwise). */
int64_t dec_div_round(jx_i128 num, jx_i128 den);
/* Rescales v from scale `from` to scale `to`, rounding half away from zero. */
int64_t dec_rescale(int64_t v, unsigned from, unsigned to);

/* part / whole as a rate in hundredths of a percent, half away from zero; whole != 0. */
int64_t dec_rate(jx_i128 part, jx_i128 whole);

#endif
