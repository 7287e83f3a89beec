/*
 * The YAML layer under the evaluation reader: the fast path (yaml_fast.c) must give
 * libfyaml's tree, node for node, on everything it accepts, and decline the rest; quoted
 * scalars are unquoted per YAML 1.2 (yaml_scalar.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"
#include "io/eval_read.h"
#include "io/yaml_doc.h"
#include "io/yaml_fast.h"
#include "io/yaml_scalar.h"

#define MAX_NODES EVAL_READ_MAX_NODES

struct both {
    struct jx_arena fast_text, slow_text;
    struct yaml_doc fast, slow;
    struct jx_diags d;
    int fast_rc, slow_rc;
};

static void parse_both(struct both *b, const char *text, size_t len)
{
    memset(b, 0, sizeof(*b));
    b->fast_rc = yaml_fast_parse(&b->fast, text, len, MAX_NODES, &b->fast_text);
    b->slow_rc = yaml_doc_parse(&b->slow, text, len, "t.yaml", YAML_DOC_NO_FAST, MAX_NODES,
                                &b->slow_text, &b->d);
}

static void both_release(struct both *b)
{
    yaml_doc_release(&b->fast);
    yaml_doc_release(&b->slow);
    arena_release(&b->fast_text);
    arena_release(&b->slow_text);
    jx_diags_release(&b->d);
}

/* Whatever the fast path accepts, libfyaml accepts and reads the same. */
static void check_agree(const char *what, const char *text, size_t len, int *accepted)
{
    struct strbuf why = STRBUF_INIT;
    struct both b;

    /* eval_read() hands over only valid UTF-8 without NUL bytes (yaml_fast.h). */
    if (memchr(text, '\0', len) || !utf8_valid(text, len, NULL))
        return;
    parse_both(&b, text, len);
    if (b.fast_rc == 0) {
        if (b.slow_rc != 0)
            fail_msg("%s: fast path accepted what libfyaml refuses", what);
        if (!ynode_same(b.fast.root, b.slow.root, &why))
            fail_msg("%s: trees differ: %s", what, why.buf);
        (*accepted)++;
    } else {
        assert_null(b.fast.root);
        assert_int_equal(b.fast.nr_nodes, 0);
    }
    strbuf_release(&why);
    both_release(&b);
}

static void accepts(const char *text)
{
    int accepted = 0;

    check_agree(text, text, strlen(text), &accepted);
    if (!accepted)
        fail_msg("fast path declined: %s", text);
}

static void declines(const char *text)
{
    struct jx_arena arena = JX_ARENA_INIT;
    struct yaml_doc doc = YAML_DOC_INIT;

    if (yaml_fast_parse(&doc, text, strlen(text), MAX_NODES, &arena) == 0)
        fail_msg("fast path accepted: %s", text);
    assert_null(doc.root);
    yaml_doc_release(&doc);
    arena_release(&arena);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct strbuf sb = STRBUF_INIT;
    char buf[65536];
    size_t n;

    if (!f)
        return NULL;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        strbuf_add(&sb, buf, n);
    fclose(f);
    return strbuf_detach(&sb, len);
}

/* Every YAML file in dir agrees; returns how many the fast path took. */
static int agree_dir(const char *dir, int *files)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int accepted = 0;

    if (!d)
        fail_msg("cannot open %s", dir);
    while ((de = readdir(d))) {
        struct strbuf path = STRBUF_INIT;
        size_t len;
        char *data;

        if (!strstr(de->d_name, ".yaml"))
            continue;
        strbuf_addf(&path, "%s/%s", dir, de->d_name);
        data = slurp(path.buf, &len);
        if (data) {
            check_agree(path.buf, data, len, &accepted);
            (*files)++;
        }
        free(data);
        strbuf_release(&path);
    }
    closedir(d);
    return accepted;
}

static void test_repository_files(void **state)
{
    int files = 0, accepted = 0;

    (void)state;
    accepted += agree_dir(JX_SOURCE_DIR "/examples", &files);
    accepted += agree_dir(JX_SOURCE_DIR "/templates", &files);
    accepted += agree_dir(JX_TEST_DATA "/io/good", &files);
    accepted += agree_dir(JX_TEST_DATA "/io/bad", &files);
    accepted += agree_dir(JX_SOURCE_DIR "/fuzz/corpus/fuzz_yaml_fast", &files);
    assert_true(files > 50);
    /* The fast path is worth having only if it takes what people write. */
    assert_true(accepted > files / 2);
}

static void test_examples_take_the_fast_path(void **state)
{
    static const char *const paths[] = {
        JX_SOURCE_DIR "/examples/xinfeng-2022-xinxihua.yaml",
        JX_TEST_DATA "/io/good/full.yaml",
        JX_SOURCE_DIR "/fuzz/corpus/fuzz_eval/good-generated.yaml",
    };

    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(paths); i++) {
        size_t len;
        char *data = slurp(paths[i], &len);
        int accepted = 0;

        assert_non_null(data);
        check_agree(paths[i], data, len, &accepted);
        if (!accepted)
            fail_msg("%s: not read by the fast path", paths[i]);
        free(data);
    }
}

static void test_accepts(void **state)
{
    (void)state;
    accepts("a: 1\nb: x y  # comment\nc:\nd: ~\n");
    accepts("# lead\n---\nk:\n  a: 1\n  b:\n    - x\n    - 'y'\n    - \"z\"\nl:\n- 1\n- 2\nm: 3\n");
    accepts("list:\n  - name: a\n    weight: 1\n  - name: b\n    children:\n      - {name: c}\n");
    accepts("a: {b: [1, 2], c: {d: e}}\nf: [ x , y ]\ng: []\nh: {}\n");
    accepts("a: 'it''s'\nb: \"q\"\nc: ''\n'k': v\n\"k2\" : v\n");
    accepts("a: |\n  x\n\n  y\nb: |-\n    p\n    q\n\n\nc: 1\n");
    accepts("\xEF\xBB\xBF"
            "a: 1\r\nb: 信丰县\r\n");
    accepts("名称: 信息化建设项目\n指标: ≥4个\n说明: 见附件[2018]428号, 第1条#2\n");
    accepts("k:\n-\n  a: 1\n- b: 2\n");
    accepts("a: x#y\nb: 1 :2\nc: -5\nd: :x\ne: a, b\n");
}

static void test_declines(void **state)
{
    (void)state;
    declines("");
    declines("# only a comment\n");
    declines("a: &x 1\nb: *x\n");
    declines("a: !!str 1\n");
    declines("a: >\n  folded\n");
    declines("a: |+\n  keep\n");
    declines("a: |2\n  x\n");
    declines("a: plain\n  continued\n");
    declines("a: \"two\n  lines\"\n");
    declines("a: \"esc\\tape\"\n");
    declines("a:\tb\n");
    declines("- top\n- sequence\n");
    declines("just text\n");
    declines("%YAML 1.2\n---\na: 1\n");
    declines("a: 1\n---\nb: 2\n");
    declines("a: 1\n...\n");
    declines("? complex\n: key\n");
    declines("a: [1, 2,]\n");
    declines("a: [1,\n  2]\n");
    declines("a: b: c\n");
    declines("a: 1\n b: 2\n");
    declines("k:\n- \n- x\n");
    declines("a: |\n");
    declines("a: \xC2\x85\n");
    declines("a: x\rb: y\n");
}

/* Whatever the fast path does with hostile text, it must not read past the end. */
static void test_truncations(void **state)
{
    size_t len;
    char *data = slurp(JX_TEST_DATA "/io/good/full.yaml", &len);
    int accepted = 0;

    (void)state;
    assert_non_null(data);
    for (size_t n = 0; n <= len; n += 7) {
        while (n < len && ((unsigned char)data[n] & 0xC0) == 0x80)
            n++; /* cut between characters */
        char *copy = xmemdupz(data, n);

        check_agree("prefix of full.yaml", copy, n, &accepted);
        free(copy);
    }
    assert_true(accepted > 10);
    free(data);
}

static void assert_unquoted(const char *src, bool dq, const char *want, size_t want_len)
{
    struct strbuf out = STRBUF_INIT;

    yaml_scalar_unquote(src, strlen(src), dq, &out);
    if (out.len != want_len || memcmp(out.buf, want, want_len))
        fail_msg("unquote [%s]: got [%s], want [%s]", src, out.buf, want);
    strbuf_release(&out);
}

#define UNQUOTED(src, dq, want) assert_unquoted(src, dq, want, sizeof(want) - 1)

static void test_unquote(void **state)
{
    (void)state;
    /* YAML 1.2 examples 7.5, 7.6, 7.7 and 7.9 */
    UNQUOTED("folded \nto a space,\t\n \nto a line feed, or \t\\\n \\ \tnon-content", true,
             "folded to a space,\nto a line feed, or \t \tnon-content");
    UNQUOTED(" 1st non-empty\n\n 2nd non-empty \n\t3rd non-empty ", true,
             " 1st non-empty\n2nd non-empty 3rd non-empty ");
    UNQUOTED("here''s to \"quotes\"", false, "here's to \"quotes\"");
    UNQUOTED(" 1st non-empty\n\n 2nd non-empty \n\t3rd non-empty ", false,
             " 1st non-empty\n2nd non-empty 3rd non-empty ");
    /* escapes */
    UNQUOTED("\\0\\a\\b\\t\\n\\v\\f\\r\\e\\ \\\"\\/\\\\", true, "\0\a\b\t\n\v\f\r\x1b \"/\\");
    UNQUOTED("\\N\\_\\L\\P", true, "\xC2\x85\xC2\xA0\xE2\x80\xA8\xE2\x80\xA9");
    UNQUOTED("\\x41\\u4e2d\\U0001F600", true, "A中\xF0\x9F\x98\x80");
    UNQUOTED("\\ud83d\\ude00", true, "\xF0\x9F\x98\x80"); /* JSON's surrogate pair */
    UNQUOTED("k''''''''''''''''''''''''''", false, "k'''''''''''''");
    /* a break right after the quote, and blanks before the closing one */
    UNQUOTED("\n  '' \t  \n  ''", false, " ' '");
    UNQUOTED("a\n  ", true, "a ");
    UNQUOTED("a  \\\n  b", true, "a  b");
    UNQUOTED("\\  \n  x", true, "  x");
    /* malformed input is copied, never read past its end */
    UNQUOTED("bad \\q", true, "bad \\q");
    UNQUOTED("end\\", true, "end\\");
    UNQUOTED("\\u12", true, "\\u12");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_repository_files), cmocka_unit_test(test_examples_take_the_fast_path),
        cmocka_unit_test(test_accepts),          cmocka_unit_test(test_declines),
        cmocka_unit_test(test_truncations),      cmocka_unit_test(test_unquote),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
