/*
 * Quantities as written in 指标值 and 实际完成值 columns: an optional comparison, a
 * number and a unit ("≥4个", "<20%", "不低于90%", "≤500万元", "=0次", "100%"), or a
 * qualitative statement ("达成预期目标", "有效提升").
 */
#ifndef JX_QTY_H
#define JX_QTY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/strbuf.h"

enum jx_cmp {
    JX_CMP_NONE, /* a bare number: "4个" */
    JX_CMP_GE,   /* ≥ >= 不低于 不少于 至少 以上 */
    JX_CMP_GT,   /* > 高于 大于 超过 */
    JX_CMP_LE,   /* ≤ <= 不高于 不超过 不多于 以内 以下 */
    JX_CMP_LT,   /* < 低于 小于 少于 */
    JX_CMP_EQ,   /* = 等于 */
};

#define JX_UNIT_MAX 32

struct jx_qty {
    bool is_number; /* false: qualitative text only */
    enum jx_cmp cmp;
    int64_t micro;          /* the number * 10^6; 20% is 20000000 with unit "%" */
    char unit[JX_UNIT_MAX]; /* "%", "个", "万元", "" ... NUL-terminated UTF-8 */
};

/*
 * Parses s: [comparison] number [unit] [suffix], blanks allowed between the parts.
 *   comparison  ≥ >= ＞＝ ≧ > ＞ ≤ <= ＜＝ ≦ < ＜ = ＝, or a word: 不低于 不少于 不小于 至少
 *               大于等于 (GE), 高于 大于 超过 多于 (GT), 不高于 不超过 不多于 不大于 至多
 *               小于等于 (LE), 低于 小于 少于 (LT), 等于 (EQ)
 *   number      dec_parse() at scale 6: sign, full-width digits, thousands separators;
 *               an optional ¥/￥ before it
 *   unit        the rest, trimmed, ％ written as %; at most JX_UNIT_MAX - 1 bytes
 *   suffix      以上 及以上 或以上 (≥), 以下 及以下 或以下 以内 (≤), and （含）/(含), which
 *               makes > into ≥ and < into ≤. A suffix after a comparison of the same
 *               direction ("不低于95%以上") keeps the comparison.
 * Not errors, but qualitative (is_number false, cmp NONE, micro 0, unit ""): empty text,
 * text that does not start with a number ("达成预期目标", "完成4个"), a comparison word
 * followed by text ("高于上年水平"), and a number followed by text holding another number
 * ("2022年12月底前完成": a date, not a quantity; a digit right after an ASCII letter, as in
 * "m2", stays part of the unit).
 * Errors (JX_ESYNTAX, JX_ERANGE, with a reason appended to why; *q is then qualitative):
 * a number with more than 6 decimals or beyond INT64_MAX millionths (JX_ERANGE); a
 * malformed number ("1,23"), a unit longer than JX_UNIT_MAX - 1 bytes, a comparison word
 * with nothing after it ("不低于") or a comparison symbol not followed by a number ("≥",
 * "≥上年"), a range ("90%-95%", "3~5天", "3至5天": give one bound), opposite comparisons
 * ("≥90%以下") (all JX_ESYNTAX). Allocates nothing unless it appends to why.
 */
int qty_parse(const char *s, size_t len, struct jx_qty *q, struct strbuf *why) JX_MUST_CHECK;

/*
 * Appends the canonical form: symbol, number without trailing zeros, unit ("≥4个", "<20%",
 * "≤10天" for "10天以内"); it parses back to the same quantity. A qualitative quantity
 * appends nothing ("达成" is not representable: use the text).
 */
void qty_format(struct strbuf *sb, const struct jx_qty *q);
const char *qty_cmp_symbol(enum jx_cmp cmp); /* "≥", "<", "" ... */

/*
 * Brings a into the unit of t when the two differ only by scale (元/万元/亿元,
 * 分钟/小时/天 are NOT converted: only money units). Returns 0, or JX_EINVAL when the
 * units differ and cannot be converted (a message goes to why).
 * - Same unit (% and ％ are one): nothing to do. Either side qualitative: nothing to do.
 * - 元/万元/亿元: a->micro is converted exactly and a takes t's unit; JX_EINVAL when the
 *   result would need more than 6 decimals ("1元" into 亿元), JX_ERANGE when it overflows.
 * - One side without a unit: a bare count beside a count unit is read in that unit (target
 *   "≥4个", actual "5" -> 5个; a takes t's unit when a had none). Beside a money unit or
 *   % or ‰ it is refused (JX_EINVAL): "345.3" could be 万元 or 元, "0.96" could mean 96%.
 * - Any other difference: JX_EINVAL, "unit '个' of the actual does not match unit '%' of
 *   the target".
 * On error a is unchanged.
 */
int qty_align_units(const struct jx_qty *t, struct jx_qty *a, struct strbuf *why) JX_MUST_CHECK;

#endif
