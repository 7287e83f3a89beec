/*
 * The evaluation writer: for every example and every good test file, reading what
 * eval_write_yaml wrote gives an equal evaluation — the same text when written again
 * (so every key the writer knows survived), the same score on every node and the same
 * total and grade — and text that would break YAML structure survives quoted.
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

#include "core/eval.h"
#include "core/score.h"
#include "core/validate.h"
#include "io/eval_read.h"
#include "io/eval_write.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct strbuf sb = STRBUF_INIT;
    char buf[65536];
    size_t n;

    if (!f)
        fail_msg("cannot open %s", path);
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        strbuf_add(&sb, buf, n);
    fclose(f);
    return strbuf_detach(&sb, len);
}

static void load(struct jx_eval *ev, const char *data, size_t len, const char *name)
{
    struct jx_diags d = JX_DIAGS_INIT;
    int rc = eval_read(data, len, name, EVAL_SYNTAX_AUTO, ev, &d);

    if (rc || d.errors) {
        struct strbuf sb = STRBUF_INIT;

        jx_diags_format(&d, &sb);
        fail_msg("%s does not read back:\n%s\n--- text ---\n%.4000s", name, sb.buf, data);
    }
    (void)validate_eval(ev, &d);
    (void)score_eval(ev, &d);
    jx_diags_release(&d);
}

static void same_scores(const struct jx_indicator *a, const struct jx_indicator *b)
{
    assert_string_equal(a->name ? a->name : "", b->name ? b->name : "");
    assert_int_equal(a->weight, b->weight);
    assert_int_equal(a->score, b->score);
    assert_int_equal(a->method, b->method);
    assert_int_equal(a->nr_children, b->nr_children);
    for (size_t i = 0; i < a->nr_children; i++)
        same_scores(&a->children[i], &b->children[i]);
}

static void round_trip(const char *path)
{
    size_t len;
    char *data = slurp(path, &len);
    struct jx_eval a, b;
    struct strbuf w1 = STRBUF_INIT, w2 = STRBUF_INIT;

    load(&a, data, len, path);
    eval_write_yaml(&a, &w1);
    load(&b, w1.buf, w1.len, "written.yaml");
    eval_write_yaml(&b, &w2);
    assert_string_equal(w1.buf, w2.buf);
    assert_int_equal(a.total, b.total);
    assert_int_equal(a.raw_total, b.raw_total);
    assert_string_equal(a.grade ? a.grade : "", b.grade ? b.grade : "");
    same_scores(&a.root, &b.root);
    assert_int_equal(a.budget.planned, b.budget.planned);
    assert_int_equal(a.budget.spent, b.budget.spent);
    assert_int_equal(a.nr_surveys, b.nr_surveys);
    eval_release(&a);
    eval_release(&b);
    strbuf_release(&w1);
    strbuf_release(&w2);
    free(data);
}

static void round_trip_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    assert_non_null(d);
    while ((e = readdir(d))) {
        char path[4096];
        size_t l = strlen(e->d_name);

        if (l < 6 || strcmp(e->d_name + l - 5, ".yaml"))
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        round_trip(path);
        n++;
    }
    closedir(d);
    assert_true(n > 0);
}

static void test_examples(void **state)
{
    (void)state;
    round_trip_dir(JX_SOURCE_DIR "/examples");
}

static void test_good_files(void **state)
{
    (void)state;
    round_trip_dir(JX_TEST_DATA "/io/good");
}

static void test_hostile_text(void **state)
{
    static const char file[] =
        "kind: 部门评价\nunit: '- 单位: #1'\nyear: 2022\n"
        "project: {name: \"a \\\"quoted\\\" \\\\ name\\twith\\ttabs\", content: \"line1\\n  "
        "line2\\n\"}\n"
        "indicators:\n"
        "  - {name: '[决策]', weight: 100, method: manual, score: 99.5, basis: '{x}: *y &z'}\n";
    struct jx_eval a, b;
    struct strbuf w = STRBUF_INIT;

    (void)state;
    load(&a, file, sizeof(file) - 1, "hostile.yaml");
    eval_write_yaml(&a, &w);
    load(&b, w.buf, w.len, "written.yaml");
    assert_string_equal(b.unit, "- 单位: #1");
    assert_string_equal(b.project.name, "a \"quoted\" \\ name\twith\ttabs");
    assert_string_equal(b.project.content, "line1\n  line2\n");
    assert_string_equal(b.root.children[0].name, "[决策]");
    assert_string_equal(b.root.children[0].basis, "{x}: *y &z");
    assert_int_equal(b.total, 9950);
    eval_release(&a);
    eval_release(&b);
    strbuf_release(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_examples),
        cmocka_unit_test(test_good_files),
        cmocka_unit_test(test_hostile_text),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
