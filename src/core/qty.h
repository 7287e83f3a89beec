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
    bool is_number;          /* false: qualitative text only */
    enum jx_cmp cmp;
    int64_t micro;           /* the number * 10^6; 20% is 20000000 with unit "%" */
    char unit[JX_UNIT_MAX];  /* "%", "个", "万元", "" ... NUL-terminated UTF-8 */
};

/*
 * Parses s. Text with no number is a qualitative quantity (is_number false), not an
 * error. Errors (JX_ESYNTAX, JX_ERANGE, with a reason appended to why): a number with
 * more than 6 decimals, a unit longer than JX_UNIT_MAX bytes, a comparison with no number.
 */
int qty_parse(const char *s, size_t len, struct jx_qty *q, struct strbuf *why) JX_MUST_CHECK;

/* Appends the canonical form: "≥4个", "<20%", "达成" is not representable (use the text). */
void qty_format(struct strbuf *sb, const struct jx_qty *q);
const char *qty_cmp_symbol(enum jx_cmp cmp); /* "≥", "<", "" ... */

/*
 * Brings a into the unit of t when the two differ only by scale (元/万元/亿元,
 * 分钟/小时/天 are NOT converted: only money units). Returns 0, or JX_EINVAL when the
 * units differ and cannot be converted (a message goes to why).
 */
int qty_align_units(const struct jx_qty *t, struct jx_qty *a, struct strbuf *why) JX_MUST_CHECK;

#endif
