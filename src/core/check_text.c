/*
 * Reading Chinese prose byte by byte for the review rules: UTF-8 steps, clauses, denial
 * ("未发现问题") and the number after a key word ("执行率为100%"). Invariant: every function
 * reads NUL-terminated UTF-8 and never looks before the start of its text.
 */
#include <string.h>

#include "core/check_impl.h"
#include "core/decimal.h"
#include "core/xalloc.h"

bool check_text_has(const char *s)
{
    return s && *s;
}

bool check_text_contains(const char *s, const char *what)
{
    return s && strstr(s, what);
}

bool check_text_contains_any(const char *s, const char *const *words)
{
    for (; *words; words++)
        if (check_text_contains(s, *words))
            return true;
    return false;
}

bool check_text_ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Start of the UTF-8 character before p (p > s). */
const char *check_text_prev_char(const char *s, const char *p)
{
    do
        p--;
    while (p > s && ((unsigned char)*p & 0xC0) == 0x80);
    return p;
}

bool check_text_cjk_at(const char *p)
{
    /* Three-byte UTF-8 leads E4..E9 cover the CJK unified ideographs. */
    return (unsigned char)p[0] >= 0xE4 && (unsigned char)p[0] <= 0xE9;
}

/* "无" or blank: a section that says nothing. */
bool check_text_says_nothing(const char *s)
{
    struct strbuf sb = STRBUF_INIT;
    bool r;

    if (!s)
        return true;
    strbuf_addstr(&sb, s);
    strbuf_trim(&sb);
    r = !sb.len || !strcmp(sb.buf, "无") || !strcmp(sb.buf, "无。") || !strcmp(sb.buf, "暂无");
    strbuf_release(&sb);
    return r;
}

static bool clause_end(const char *p)
{
    return !*p || !strncmp(p, "，", 3) || !strncmp(p, "。", 3) || !strncmp(p, "；", 3) ||
           *p == '\n';
}

/* The clause of text around p, between punctuation: "设置的绩效指标专业性有待加强". */
char *check_text_clause_at(const char *text, const char *p)
{
    const char *b = p, *e = p;

    while (b > text) {
        const char *c = check_text_prev_char(text, b);

        if (clause_end(c))
            break;
        b = c;
    }
    while (!clause_end(e))
        e++;
    return xmemdupz(b, (size_t)(e - b));
}

/* "无明显问题", "未发现问题", "没有不足": the word at p is denied within its clause. */
static bool negated(const char *text, const char *p)
{
    for (int k = 0; k < 5 && p > text; k++) {
        p = check_text_prev_char(text, p);
        if (clause_end(p))
            return false;
        if (!strncmp(p, "无", 3) || !strncmp(p, "未", 3) || !strncmp(p, "没", 3))
            return true;
    }
    return false;
}

/* The first occurrence not denied of the first of words (in their order) that has one. */
const char *check_text_find_affirmed(const char *text, const char *const *words)
{
    if (!text)
        return NULL;
    for (; *words; words++) {
        for (const char *p = strstr(text, *words); p; p = strstr(p + 1, *words)) {
            if (!negated(text, p))
                return p;
        }
    }
    return NULL;
}

/* The number after `key` and a few filler characters, as hundredths; -1 when none. */
int64_t check_text_number_after(const char *s, const char *key, const char **next)
{
    const char *p = strstr(s, key);
    size_t span;
    int64_t v;

    *next = NULL;
    if (!p)
        return -1;
    p += strlen(key);
    *next = p;
    for (int k = 0; k < 3; k++) {
        if (!strncmp(p, "为", 3) || !strncmp(p, "达", 3) || !strncmp(p, "是", 3) ||
            !strncmp(p, "：", 3))
            p += 3;
        else if (*p == ':' || *p == ' ')
            p++;
    }
    span = dec_span(p, strlen(p));
    if (!span || dec_parse(p, span, 2, &v))
        return -1;
    *next = p + span;
    return v;
}
