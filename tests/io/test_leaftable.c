/*
 * Tests for io/leaftable: every method scored from a row, exact 一级指标 sums and totals,
 * grades, RFC 4180 quoting, BOM and CRLF, the header's columns, every error with its
 * line and column, and the invariant of the chunked scorer: one thread or several, one
 * buffer or any way of reading it, chunks of any size, the callbacks and the errors are
 * the same. The .c is included to reach the chunk size (h2o's way).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/leaftable.c"

#define HEADER "eval_id,l1,leaf_id,weight,method,target,actual,score\n"

/* ---- a transcript of the callbacks ---- */

struct transcript {
    struct strbuf out;
    size_t evals;
    size_t stop_after; /* 0: never stop */
};

static void add_centi(struct strbuf *sb, int64_t v)
{
    dec_format(sb, v, 2, 2);
}

static int on_eval(const struct leaftable_eval *ev, void *data)
{
    struct transcript *t = data;

    strbuf_addf(&t->out, "eval %s line %u leaves %zu weight ", ev->id, ev->line, ev->nr_leaves);
    add_centi(&t->out, ev->weight);
    strbuf_addstr(&t->out, " total ");
    add_centi(&t->out, ev->total);
    strbuf_addf(&t->out, " %s", ev->grade);
    for (size_t k = 0; k < ev->nr_l1; k++) {
        strbuf_addf(&t->out, " | %s ", ev->l1[k].name);
        add_centi(&t->out, ev->l1[k].weight);
        strbuf_addch(&t->out, ' ');
        add_centi(&t->out, ev->l1[k].score);
    }
    strbuf_addch(&t->out, '\n');
    t->evals++;
    return t->stop_after && t->evals == t->stop_after ? 42 : 0;
}

static void on_leaf(const char *eval_id, const char *leaf_id, int64_t score, void *data)
{
    struct transcript *t = data;

    strbuf_addf(&t->out, "leaf %s %s ", eval_id, leaf_id);
    add_centi(&t->out, score);
    strbuf_addch(&t->out, '\n');
}

/* A source that hands out the bytes in pieces of pseudo-random sizes up to max. */
struct pieces {
    const char *data;
    size_t len, pos, max;
    uint64_t state;
    bool fail_at_end;
};

static ssize_t read_pieces(void *src, char *buf, size_t len)
{
    struct pieces *p = src;
    size_t n;

    if (p->pos == p->len)
        return p->fail_at_end ? -1 : 0;
    p->state = p->state * UINT64_C(6364136223846793005) + 1442695040888963407u;
    n = 1 + (size_t)((p->state >> 33) % p->max);
    if (n > len)
        n = len;
    if (n > p->len - p->pos)
        n = p->len - p->pos;
    memcpy(buf, p->data + p->pos, n);
    p->pos += n;
    return (ssize_t)n;
}

/* How a table is scored: one buffer or pieces, threads, chunk size. */
struct mode {
    bool stream;
    unsigned threads;
    size_t chunk;
    size_t piece;
};

static int run(const char *csv, size_t len, const struct mode *m, struct transcript *t,
               struct jx_err *err, const struct jx_grade_band *bands, size_t nr_bands)
{
    if (m->stream) {
        struct pieces p = {csv, len, 0, m->piece, 7, false};

        return score_stream(read_pieces, &p, "t.csv", bands, nr_bands, m->threads, m->chunk,
                            on_eval, on_leaf, t, err);
    }
    return score_buffer(csv, len, "t.csv", bands, nr_bands, m->threads, m->chunk, on_eval, on_leaf,
                        t, err);
}

static const struct mode simple = {false, 1, CHUNK_SIZE, 0};

/* Scores csv in one thread; returns the transcript (caller frees) and the formatted error. */
static char *score_text(const char *csv, int *rc, struct strbuf *msg)
{
    struct transcript t = {STRBUF_INIT, 0, 0};
    struct jx_err err = JX_ERR_INIT;

    *rc = run(csv, strlen(csv), &simple, &t, &err, NULL, 0);
    if (*rc && msg)
        jx_err_format(&err, msg);
    jx_err_release(&err);
    return strbuf_detach(&t.out, NULL);
}

static void assert_error(const char *csv, int want_rc, const char *want_msg)
{
    struct strbuf msg = STRBUF_INIT;
    int rc;
    char *out = score_text(csv, &rc, &msg);

    if (rc != want_rc || strcmp(msg.buf, want_msg))
        fail_msg("rc %d message '%s'\nwant %d '%s'", rc, msg.buf, want_rc, want_msg);
    free(out);
    strbuf_release(&msg);
}

static char *slurp(const char *name, size_t *len)
{
    struct strbuf path = STRBUF_INIT, sb = STRBUF_INIT;
    char buf[4096];
    size_t n;
    FILE *f;

    strbuf_addf(&path, "%s/leaftable/%s", JX_TEST_DATA, name);
    f = fopen(path.buf, "rb");
    if (!f)
        fail_msg("cannot open %s", path.buf);
    while ((n = fread(buf, 1, sizeof(buf), f)))
        strbuf_add(&sb, buf, n);
    fclose(f);
    strbuf_release(&path);
    if (len)
        *len = sb.len;
    return strbuf_detach(&sb, NULL);
}

static void assert_golden(const char *csv_name, const char *expected_name)
{
    size_t len;
    char *csv = slurp(csv_name, &len), *want = slurp(expected_name, NULL);
    struct transcript t = {STRBUF_INIT, 0, 0};
    struct jx_err err = JX_ERR_INIT;
    int rc = run(csv, len, &simple, &t, &err, NULL, 0);

    if (rc)
        fail_msg("%s: rc %d: %s", csv_name, rc, err.msg.buf);
    if (strcmp(t.out.buf, want))
        fail_msg("%s: got\n%s\nwant\n%s", csv_name, t.out.buf, want);
    strbuf_release(&t.out);
    jx_err_release(&err);
    free(csv);
    free(want);
}

static void make_table(struct strbuf *sb, int n, bool with_error);
static void assert_same_everywhere(const char *csv, size_t len);

/* ---- methods, sums, grades ---- */

static void test_methods(void **state)
{
    (void)state;
    assert_golden("methods.csv", "methods.expected");
}

static void test_quoting_bom_crlf_order(void **state)
{
    (void)state;
    assert_golden("quoting.csv", "quoting.expected");
}

static void test_grades(void **state)
{
    static const struct jx_grade_band bands[] = {{"A", 8500}, {"B", 7000}, {"C", 0}};
    const char *csv = HEADER "a,决策,1,100,manual,,,90\n"
                             "b,决策,1,100,manual,,,89.99\n"
                             "c,决策,1,100,manual,,,60\n"
                             "d,决策,1,100,manual,,,59.99\n"
                             "e,决策,1,100,manual,,,0\n";
    struct transcript t = {STRBUF_INIT, 0, 0};
    struct jx_err err = JX_ERR_INIT;
    char *out;
    int rc;

    (void)state;
    out = score_text(csv, &rc, NULL);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(out, "eval a line 2 leaves 1 weight 100.00 total 90.00 优 |"));
    assert_non_null(strstr(out, "eval b line 3 leaves 1 weight 100.00 total 89.99 良 |"));
    assert_non_null(strstr(out, "eval c line 4 leaves 1 weight 100.00 total 60.00 中 |"));
    assert_non_null(strstr(out, "eval d line 5 leaves 1 weight 100.00 total 59.99 差 |"));
    assert_non_null(strstr(out, "total 0.00 差 |"));
    free(out);

    rc = run(csv, strlen(csv), &simple, &t, &err, bands, ARRAY_SIZE(bands));
    assert_int_equal(rc, 0);
    assert_non_null(strstr(t.out.buf, "total 90.00 A |"));
    assert_non_null(strstr(t.out.buf, "total 60.00 C |"));
    assert_non_null(strstr(t.out.buf, "total 89.99 A |"));
    strbuf_release(&t.out);
    jx_err_release(&err);
}

/* 一级指标 sums are exact sums of rounded leaves, in order of first appearance. */
static void test_l1_sums(void **state)
{
    const char *csv = HEADER "x,产出,1,2.5,ratio,100%,87%,\n"  /* 2.175 -> 2.18 */
                             "x,决策,2,2.5,ratio,100%,87%,\n"  /* 2.18 */
                             "x,产出,3,2.5,ratio,100%,85%,\n"  /* 2.125 -> 2.13 */
                             "x,产出,4,1.5,ratio,100%,33%,\n"; /* 0.495 -> 0.50 */
    char *out;
    int rc;

    (void)state;
    out = score_text(csv, &rc, NULL);
    assert_int_equal(rc, 0);
    assert_string_equal(out, "leaf x 1 2.18\nleaf x 2 2.18\nleaf x 3 2.13\nleaf x 4 0.50\n"
                             "eval x line 2 leaves 4 weight 9.00 total 6.99 差 | 产出 6.50 4.81 | "
                             "决策 2.50 2.18\n");
    free(out);
}

static void test_tier_column_and_inference(void **state)
{
    char *out;
    int rc;

    (void)state;
    /* Without a tier column the score names its tier, so it must still lie in [0, w]. */
    assert_error(HEADER "x,决策,1,5,tiers,好,好,5.5\n", JX_EINVAL,
                 "t.csv:2:20: leaf '1': score 5.50 is outside tier 达成 [4.00, 5.00]");
    assert_error("eval_id,l1,leaf_id,weight,method,target,actual,score,tier\n"
                 "x,决策,1,5,tiers,好,好,4.5,部分达成\n",
                 JX_EINVAL,
                 "t.csv:2:20: leaf '1': score 4.50 is outside tier 部分达成 [3.00, 4.00)");
    assert_error("eval_id,l1,leaf_id,weight,method,target,actual,score,tier\n"
                 "x,决策,1,5,tiers,好,好,4.5,很好\n",
                 JX_EINVAL, "t.csv:2:24: unknown tier '很好' (expected 达成, 部分达成 or 未达成)");
    out = score_text("eval_id,l1,leaf_id,weight,method,target,actual,score,tier\n"
                     "x,决策,1,5,tiers,好,好,2.99,未达成\n"
                     "x,决策,2,5,tiers,好,好,3,\n",
                     &rc, NULL);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(out, "leaf x 1 2.99\nleaf x 2 3.00\n"));
    free(out);
}

/* ---- errors, with line and column ---- */

static void test_errors(void **state)
{
    (void)state;
    assert_error("", JX_ESYNTAX,
                 "t.csv:1:1: empty file: expected a header row such as "
                 "'eval_id,l1,leaf_id,weight,method,target,actual,score'");
    assert_error("\xEF\xBB\xBF", JX_ESYNTAX,
                 "t.csv:1:1: empty file: expected a header row such as "
                 "'eval_id,l1,leaf_id,weight,method,target,actual,score'");
    assert_error("\n" HEADER, JX_ESYNTAX,
                 "t.csv:1:1: empty first line: expected a header row such as "
                 "'eval_id,l1,leaf_id,weight,method,target,actual,score'");
    assert_error("eval_id,l1,leaf_id,weight,method,target,score\n", JX_ESYNTAX,
                 "t.csv:1:1: missing column 'actual' in the header (required: eval_id, l1, "
                 "leaf_id, weight, method, target, actual, score)");
    assert_error("eval_id,l1,leaf_id,weight,method,target,actual,score,Weight\n", JX_ESYNTAX,
                 "t.csv:1:54: duplicate column 'weight' (also column 4)");
    /* the BOM is not a column */
    assert_error("\xEF\xBB\xBF"
                 "eval_id,eval_id\n",
                 JX_ESYNTAX, "t.csv:1:9: duplicate column 'eval_id' (also column 1)");
    assert_error(HEADER "x,决策,1,5,ratio,≥4个,4个,\nx,决策,2,2.x,ratio,≥4个,4个,\n", JX_EINVAL,
                 "t.csv:3:8: bad weight '2.x': expected points such as '2.5'");
    assert_error(HEADER "x,决策,1,2.555,ratio,≥4个,4个,\n", JX_EINVAL,
                 "t.csv:2:8: weight '2.555' has more than 2 decimals");
    assert_error(HEADER "x,决策,1,-2,ratio,≥4个,4个,\n", JX_EINVAL,
                 "t.csv:2:8: weight '-2' is negative");
    assert_error(HEADER "x,决策,1,,ratio,≥4个,4个,\n", JX_EINVAL, "t.csv:2:8: empty weight");
    assert_error(HEADER "x,决策,1,5,ratio,≥4个,4.1234567个,\n", JX_EINVAL,
                 "t.csv:2:20: bad actual: number '4.1234567' in '4.1234567个' has more than 6 "
                 "decimals: round it to at most 6");
    assert_error(HEADER "x,决策,1,5,ratio,≥,4个,\n", JX_EINVAL,
                 "t.csv:2:16: bad target: comparison '≥' is not followed by a number: expected a "
                 "quantity such as '≥4个', '<20%', '不低于90%' or '10天以内'");
    assert_error(HEADER "x,决策,1,5,rate,≥4个,4个,\n", JX_EINVAL,
                 "t.csv:2:10: unknown method 'rate' (expected ratio, inverse, equal, reach, "
                 "tiers, deduct, manual or deviation)");
    assert_error(HEADER "x,决策,1,5,execution,100%,95%,\n", JX_EINVAL,
                 "t.csv:2:10: method 'execution' cannot be scored from one row: write it as "
                 "'ratio' with the rate as actual and '100%' as target");
    assert_error(HEADER "x,决策,1,5,,达成,达成,\n", JX_EINVAL,
                 "t.csv:2:11: leaf '1': method required: target is qualitative; use tiers, "
                 "reach or manual");
    assert_error(HEADER "x,决策,1,5,ratio,≥0个,4个,\n", JX_EINVAL,
                 "t.csv:2:16: leaf '1': target is 0 for method 'ratio'");
    assert_error(HEADER "x,决策,1,5,ratio,≥4个,,\n", JX_EINVAL,
                 "t.csv:2:20: leaf '1': actual value (实际完成值) is missing");
    assert_error(HEADER "x,决策,1,5,ratio,≥4个,4%,\n", JX_EINVAL,
                 "t.csv:2:20: leaf '1': unit '%' of the actual does not match unit '个' of "
                 "the target");
    assert_error(HEADER "x,决策,1,5,reach,,,yes\n", JX_EINVAL,
                 "t.csv:2:18: bad score 'yes' for method 'reach': expected 1 (reached) or 0 "
                 "(not reached)");
    assert_error(HEADER "x,决策,1,5,deduct,,,\n", JX_EINVAL,
                 "t.csv:2:19: method 'deduct' needs a score (the points deducted, 0 for none)");
    assert_error(HEADER "x,决策,1,5,manual,,,6\n", JX_EINVAL,
                 "t.csv:2:19: leaf '1': score 6.00 is above the weight 5.00");
    assert_error(HEADER ",决策,1,5,manual,,,5\n", JX_EINVAL, "t.csv:2:1: empty eval_id");
    assert_error(HEADER "x,,1,5,manual,,,5\n", JX_EINVAL, "t.csv:2:3: empty l1");
    assert_error(HEADER "x,决策,,5,manual,,,5\n", JX_EINVAL, "t.csv:2:6: empty leaf_id");
    assert_error(HEADER "x\xff,决策,1,5,manual,,,5\n", JX_EINVAL,
                 "t.csv:2:1: eval_id is not valid UTF-8");
    assert_error(HEADER "x,一二三四五六七八九十一二三四五六七八九十一二,1,5,manual,,,5\n",
                 JX_EINVAL,
                 "t.csv:2:3: l1 '一二三四五六七八九十一二三四五六...' is too long (at most 63 "
                 "bytes)");
}

static void test_structure_errors(void **state)
{
    (void)state;
    assert_error(HEADER "x,决策,1,5,manual,,5\n", JX_ESYNTAX,
                 "t.csv:2:1: row has 7 fields but the header has 8 (no 'score')");
    assert_error(HEADER "x,决策,1,5,manual,,,5,9\n", JX_ESYNTAX,
                 "t.csv:2:21: row has 9 fields but the header has 8");
    assert_error(HEADER "x,决策,1,5,manual,,,5\nx,决\"策,1,5,manual,,,5\n", JX_ESYNTAX,
                 "t.csv:3:4: '\"' inside an unquoted field (quote the whole field and double the "
                 "'\"')");
    assert_error(HEADER "x,\"决策\"x,1,5,manual,,,5\n", JX_ESYNTAX,
                 "t.csv:2:7: unexpected text after a closing quote (a '\"' inside a quoted field "
                 "is written '\"\"')");
    assert_error(HEADER "x,决策,\"1\n\n,5,manual,,,5\n", JX_ESYNTAX,
                 "t.csv:2:6: quoted field is not closed (no '\"' after this one)");
    assert_error(HEADER "x,决策,1,5,manual,,,5\rx,决策,1,5,manual,,,5\n", JX_ESYNTAX,
                 "t.csv:2:20: carriage return not followed by a line feed");
    /* a quoted line feed counts: the error is on line 4 */
    assert_error(HEADER "x,决策,\"a\nb\",5,manual,,,5\nx,决策,c,5,manual,,,x\n", JX_EINVAL,
                 "t.csv:4:19: bad score 'x': expected points such as '2.5'");
}

static void test_not_contiguous(void **state)
{
    (void)state;
    assert_error(HEADER "a,决策,1,5,manual,,,5\n"
                        "b,决策,1,5,manual,,,5\n"
                        "a,决策,2,5,manual,,,5\n",
                 JX_EINVAL,
                 "t.csv:4:1: rows of evaluation 'a' are not contiguous: its rows started on "
                 "line 2");
}

static void test_too_many_l1(void **state)
{
    struct strbuf csv = STRBUF_INIT;

    (void)state;
    strbuf_addstr(&csv, HEADER);
    for (int k = 0; k <= LEAFTABLE_MAX_L1; k++)
        strbuf_addf(&csv, "x,L%d,%d,1,manual,,,1\n", k, k);
    assert_error(csv.buf, JX_EINVAL,
                 "t.csv:18:3: evaluation 'x' has more than 16 一级指标 (l1 'L16' is number 17)");
    strbuf_release(&csv);
}

static void test_empty_and_header_only(void **state)
{
    const char *tables[] = {HEADER, "eval_id,l1,leaf_id,weight,method,target,actual,score",
                            HEADER "\n\n", "\xEF\xBB\xBF" HEADER};
    char *out;
    int rc;

    (void)state;
    for (size_t k = 0; k < ARRAY_SIZE(tables); k++) {
        out = score_text(tables[k], &rc, NULL);
        assert_int_equal(rc, 0);
        assert_string_equal(out, "");
        free(out);
    }
    /* no line feed at the end, blank lines between rows */
    out = score_text(HEADER "x,决策,1,5,manual,,,5\n\n\r\nx,决策,2,5,manual,,,4", &rc, NULL);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(out, "eval x line 2 leaves 2 weight 10.00 total 9.00 差"));
    free(out);
}

/* Past 2048 evaluations the id table grows; over 16 一级指标 found when chunks merge. */
static void test_many_evaluations_and_l1_across_chunks(void **state)
{
    struct strbuf csv = STRBUF_INIT;
    struct transcript t = {STRBUF_INIT, 0, 0};
    struct jx_err err = JX_ERR_INIT;

    (void)state;
    strbuf_addstr(&csv, HEADER);
    for (int e = 0; e < 5000; e++)
        strbuf_addf(&csv, "id-%d,决策,1,1,manual,,,1\n", e);
    assert_int_equal(run(csv.buf, csv.len, &simple, &t, &err, NULL, 0), 0);
    assert_int_equal(t.evals, 5000);
    strbuf_addstr(&csv, "id-4321,决策,2,1,manual,,,1\n");
    assert_error(csv.buf, JX_EINVAL,
                 "t.csv:5002:1: rows of evaluation 'id-4321' are not contiguous: its rows "
                 "started on line 4323");
    assert_same_everywhere(csv.buf, csv.len);

    strbuf_reset(&csv);
    strbuf_addstr(&csv, HEADER);
    for (int k = 0; k <= LEAFTABLE_MAX_L1; k++)
        strbuf_addf(&csv, "x,第%d个一级指标,%d,1,manual,,,1\n", k, k);
    assert_same_everywhere(csv.buf, csv.len);
    strbuf_release(&t.out);
    jx_err_release(&err);
    strbuf_release(&csv);
}

static void test_line_ends(void **state)
{
    char *out;
    int rc;

    (void)state;
    out = score_text(HEADER "x,决策,1,5,manual,,,5\r", &rc, NULL);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(out, "total 5.00"));
    free(out);
    assert_error("eval_id,l1,leaf_id,weight,method,target,actual,score,note\n"
                 "x,决策,1,5,manual,,,5\n",
                 JX_ESYNTAX, "t.csv:2:1: row has 8 fields but the header has 9");
    assert_error(HEADER "x,决策,1,99999999999999999999,manual,,,5\n", JX_EINVAL,
                 "t.csv:2:8: weight '99999999999999999999' is too large");
    assert_error(HEADER "x,决策,1,99999999999999,manual,,,5\n", JX_EINVAL,
                 "t.csv:2:8: leaf '1': weight is out of range");
}

static void test_callback_stops(void **state)
{
    const char *csv =
        HEADER "a,决策,1,5,manual,,,5\nb,决策,1,5,manual,,,5\nc,决策,1,5,manual,,,5\n";
    struct transcript t = {STRBUF_INIT, 0, 2};
    struct jx_err err = JX_ERR_INIT;
    struct mode m = {false, 2, 8, 0};

    (void)state;
    assert_int_equal(run(csv, strlen(csv), &simple, &t, &err, NULL, 0), 42);
    assert_int_equal(t.evals, 2);
    strbuf_reset(&t.out);
    t.evals = 0;
    assert_int_equal(run(csv, strlen(csv), &m, &t, &err, NULL, 0), 42);
    assert_int_equal(t.evals, 2);
    strbuf_release(&t.out);
    jx_err_release(&err);
}

static void test_read_error(void **state)
{
    struct strbuf big = STRBUF_INIT;
    const char *csv = HEADER "a,决策,1,5,manual,,,5\n";
    struct pieces p = {csv, strlen(csv), 0, 5, 1, true};
    struct transcript t = {STRBUF_INIT, 0, 0};
    struct jx_err err = JX_ERR_INIT;

    (void)state;
    assert_int_equal(
        leaftable_score_stream(read_pieces, &p, "t.csv", NULL, 0, 1, on_eval, on_leaf, &t, &err),
        JX_EIO);
    assert_int_equal(t.evals, 0);

    /* failing in the middle of a long table, with threads */
    make_table(&big, 400, false);
    p = (struct pieces){big.buf, big.len, 0, 3000, 1, true};
    assert_int_equal(
        score_stream(read_pieces, &p, "t.csv", NULL, 0, 2, 512, on_eval, on_leaf, &t, &err),
        JX_EIO);
    assert_non_null(strstr(err.msg.buf, "read error after line"));
    strbuf_release(&big);
    strbuf_release(&t.out);
    jx_err_release(&err);
}

/* ---- fast paths agree with the functions they stand in for ---- */

static void test_plain_qty_matches_qty_parse(void **state)
{
    static const char *const cells[] = {
        "≥4个",         "4个",     "95.5%", "<=20%",    ">=1.5公里",      "<3天",
        ">10%",         "=0次",    "100",   "0.000001", "12.3456789%",    "≥",
        "≥ 4个",        "4个以上", "４个",  "1,000人",  "345.3万元",      "≤500万元",
        "1.2亿元",      "2天以内", "3-5个", "90%-95%",  "≥90%（含）",     ".5%",
        "5.",           "007个",   "=8项",  "4 个",     "999999999999个", "9999999999999个",
        "达成预期目标", "≥4个 ",   "1e5",   "+5个",     "-5个",           "10m",
        "5km",          "3平方米",
    };
    struct setup s;

    (void)state;
    memset(&s, 0, sizeof(s));
    units_init(&s);
    for (size_t k = 0; k < ARRAY_SIZE(cells); k++) {
        struct jx_qty fast, slow;
        const char *c = cells[k];
        int rc;

        memset(&fast, 0, sizeof(fast));
        memset(&slow, 0, sizeof(slow));
        if (!plain_qty(&s, c, strlen(c), &fast))
            continue;
        rc = qty_parse(c, strlen(c), &slow, NULL);
        if (rc || fast.is_number != slow.is_number || fast.cmp != slow.cmp ||
            fast.micro != slow.micro || strcmp(fast.unit, slow.unit))
            fail_msg("'%s': fast %d %d %lld '%s', qty_parse rc %d %d %d %lld '%s'", c,
                     fast.is_number, fast.cmp, (long long)fast.micro, fast.unit, rc, slow.is_number,
                     slow.cmp, (long long)slow.micro, slow.unit);
    }
    /* and the fast path does take the common forms */
    {
        struct jx_qty q;

        assert_true(plain_qty(&s, "≥4个", strlen("≥4个"), &q));
        assert_true(plain_qty(&s, "95.5%", 5, &q));
        assert_int_equal(q.micro, 95500000);
        assert_true(plain_qty(&s, "<=20%", 5, &q));
        assert_int_equal(q.cmp, JX_CMP_LE);
        assert_false(plain_qty(&s, "4个以上", strlen("4个以上"), &q));
    }
}

static void test_plain_points_matches_dec_parse(void **state)
{
    static const char *const cells[] = {
        "0",    "5",           "2.5",          "0.75",          "12.34", "100",   "007",
        "2.",   ".5",          "2.500",        "1,000",         "-1",    "+1",    "１",
        "2.5 ", "99999999999", "999999999999", "9999999999999", "",      "1.2.3", "x",
    };

    (void)state;
    for (size_t k = 0; k < ARRAY_SIZE(cells); k++) {
        int64_t fast = -7, slow = -7;
        const char *c = cells[k];

        if (!plain_points(c, strlen(c), &fast))
            continue;
        if (dec_parse(c, strlen(c), 2, &slow) || fast != slow)
            fail_msg("'%s': fast %lld, dec_parse %lld", c, (long long)fast, (long long)slow);
    }
}

/* ---- the same results whatever the chunks and threads ---- */

/* A table of n evaluations with every method, quoted fields, blank lines and CRLF. */
static void make_table(struct strbuf *sb, int n, bool with_error)
{
    static const char *const l1s[] = {"决策", "过程", "产出", "效益"};
    struct strbuf id = STRBUF_INIT;
    uint64_t r = 12345;

    strbuf_addstr(sb, "\xEF\xBB\xBFnote,eval_id,l1,leaf_id,weight,method,target,actual,score\n");
    for (int e = 1; e <= n; e++) {
        int leaves = 3 + e % 9;

        /* ids of 6, 15 and 21 bytes: every way of comparing them */
        strbuf_reset(&id);
        strbuf_addf(&id,
                    e % 3 == 0   ? "E%05d"
                    : e % 3 == 1 ? "EVAL-2023-%05d"
                                 : "\"评价-2023-%05d\"",
                    e);
        for (int k = 0; k < leaves; k++) {
            int w = 50 + (int)(r % 400);

            r = r * 6364136223846793005u + 1442695040888963407u;
            switch ((r >> 40) % 6) {
            case 0:
                strbuf_addstr(sb, "\"a note\nover \"\"two\"\" lines\"");
                break;
            case 1:
                strbuf_addstr(sb, "\"x,y\"");
                break;
            default:
                break;
            }
            strbuf_addf(sb, ",%s,%s,", id.buf, l1s[(k + e) % 4]);
            if ((r >> 20) % 5 == 0)
                strbuf_addf(sb, "\"%d.%d\"", e, k);
            else
                strbuf_addf(sb, "%d.%d", e, k);
            strbuf_addf(sb, ",%d.%02d,", w / 100, w % 100);
            switch ((r >> 30) % 8) {
            case 0:
                strbuf_addf(sb, "ratio,100%%,%d.%d%%,", (int)(r % 100), (int)((r >> 8) % 10));
                break;
            case 1:
                strbuf_addf(sb, "inverse,≤20%%,%d%%,", (int)(r % 50));
                break;
            case 2:
                strbuf_addf(sb, "equal,=8项,%d项,", (int)(r % 12));
                break;
            case 3:
                strbuf_addf(sb, "deviation,100万元,%d万元,", 40 + (int)(r % 120));
                break;
            case 4:
                strbuf_addf(sb, "reach,达成,达成,%d", (int)(r % 2));
                break;
            case 5:
                strbuf_addf(sb, "manual,,,%d.%02d", w / 200, w % 100);
                break;
            case 6:
                strbuf_addf(sb, "deduct,,,%d", (int)(r % 3));
                break;
            default:
                strbuf_addf(sb, "tiers,达到预期目标,达到预期目标,%d.%02d", w / 100, 0);
                break;
            }
            strbuf_addstr(sb, (r >> 50) % 7 == 0 ? "\r\n" : "\n");
            if ((r >> 45) % 31 == 0)
                strbuf_addch(sb, '\n');
        }
        if (with_error && e == n - 3)
            strbuf_addf(sb, ",%s,决策,bad,1,ratio,≥4个,\"1,00个\",\n", id.buf);
    }
    strbuf_release(&id);
}

static void assert_same_everywhere(const char *csv, size_t len)
{
    static const struct mode modes[] = {
        {false, 1, CHUNK_SIZE, 0}, {false, 1, 1, 0},        {false, 1, 97, 0},
        {false, 2, 1, 0},          {false, 2, 64, 0},       {false, 2, 1000, 0},
        {false, 3, 257, 0},        {false, 2, 4096, 0},     {true, 1, CHUNK_SIZE, 4096},
        {true, 1, 50, 7},          {true, 2, 1, 3},         {true, 2, 100, 1000},
        {true, 3, 333, 64},        {true, 2, 4096, 100000}, {true, 1, 2, 64},
        {true, 2, 3, 200},
    };
    struct transcript want = {STRBUF_INIT, 0, 0};
    struct jx_err err = JX_ERR_INIT;
    struct strbuf want_msg = STRBUF_INIT;
    int want_rc = run(csv, len, &modes[0], &want, &err, NULL, 0);

    if (want_rc)
        jx_err_format(&err, &want_msg);
    for (size_t k = 1; k < ARRAY_SIZE(modes); k++) {
        struct transcript got = {STRBUF_INIT, 0, 0};
        struct strbuf msg = STRBUF_INIT;
        int rc = run(csv, len, &modes[k], &got, &err, NULL, 0);

        if (rc)
            jx_err_format(&err, &msg);
        if (rc != want_rc || strcmp(msg.buf, want_msg.buf) || strcmp(got.out.buf, want.out.buf))
            fail_msg("mode %zu (stream %d, %u threads, chunk %zu, pieces %zu) differs: rc %d "
                     "'%s' vs %d '%s', transcript %zu vs %zu bytes",
                     k, modes[k].stream, modes[k].threads, modes[k].chunk, modes[k].piece, rc,
                     msg.buf, want_rc, want_msg.buf, got.out.len, want.out.len);
        strbuf_release(&got.out);
        strbuf_release(&msg);
    }
    strbuf_release(&want.out);
    strbuf_release(&want_msg);
    jx_err_release(&err);
}

static void test_threads_and_chunks_agree(void **state)
{
    struct strbuf csv = STRBUF_INIT;
    struct transcript t = {STRBUF_INIT, 0, 0};
    struct jx_err err = JX_ERR_INIT;

    (void)state;
    make_table(&csv, 300, false);
    if (run(csv.buf, csv.len, &simple, &t, &err, NULL, 0))
        fail_msg("%u:%u: %s", err.line, err.col, err.msg.buf);
    assert_int_equal(t.evals, 300);
    assert_same_everywhere(csv.buf, csv.len);
    strbuf_release(&t.out);
    jx_err_release(&err);
    strbuf_release(&csv);
}

static void test_threads_and_chunks_agree_on_errors(void **state)
{
    struct strbuf csv = STRBUF_INIT;
    struct transcript t = {STRBUF_INIT, 0, 0};
    struct jx_err err = JX_ERR_INIT;

    (void)state;
    make_table(&csv, 200, true);
    assert_int_equal(run(csv.buf, csv.len, &simple, &t, &err, NULL, 0), JX_EINVAL);
    if (!strstr(err.msg.buf, "bad actual: malformed number"))
        fail_msg("%u:%u: %s", err.line, err.col, err.msg.buf);
    assert_int_equal(t.evals, 196); /* those before the failing evaluation */
    assert_same_everywhere(csv.buf, csv.len);

    /* an evaluation that comes back, far from the first rows */
    strbuf_reset(&csv);
    make_table(&csv, 100, false);
    strbuf_addstr(&csv, "x,E00009,决策,z,1,manual,,,1\n");
    assert_same_everywhere(csv.buf, csv.len);
    strbuf_release(&t.out);
    jx_err_release(&err);
    strbuf_release(&csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_methods),
        cmocka_unit_test(test_quoting_bom_crlf_order),
        cmocka_unit_test(test_grades),
        cmocka_unit_test(test_l1_sums),
        cmocka_unit_test(test_tier_column_and_inference),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_structure_errors),
        cmocka_unit_test(test_not_contiguous),
        cmocka_unit_test(test_too_many_l1),
        cmocka_unit_test(test_empty_and_header_only),
        cmocka_unit_test(test_many_evaluations_and_l1_across_chunks),
        cmocka_unit_test(test_line_ends),
        cmocka_unit_test(test_callback_stops),
        cmocka_unit_test(test_read_error),
        cmocka_unit_test(test_plain_qty_matches_qty_parse),
        cmocka_unit_test(test_plain_points_matches_dec_parse),
        cmocka_unit_test(test_threads_and_chunks_agree),
        cmocka_unit_test(test_threads_and_chunks_agree_on_errors),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
