/*
 * Tests of the grade bands (core/grade.c): the default 优/良/中/差 bands with their
 * inclusive lower bounds, template bands in any order, and totals below every band.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/grade.h"

static void test_default_bands(void **state)
{
    (void)state;
    assert_int_equal(grade_default_nr_bands, 4);
    assert_string_equal(grade_default_bands[0].grade, "优");
    assert_int_equal(grade_default_bands[0].min, 9000);
    assert_string_equal(grade_default_bands[1].grade, "良");
    assert_int_equal(grade_default_bands[1].min, 8000);
    assert_string_equal(grade_default_bands[2].grade, "中");
    assert_int_equal(grade_default_bands[2].min, 6000);
    assert_string_equal(grade_default_bands[3].grade, "差");
    assert_int_equal(grade_default_bands[3].min, 0);
}

static void test_default_boundaries(void **state)
{
    const struct jx_grade_band *b = grade_default_bands;
    const size_t n = grade_default_nr_bands;

    (void)state;
    assert_string_equal(grade_of(b, n, 10000), "优");
    assert_string_equal(grade_of(b, n, 9000), "优");
    /* Lower bounds are inclusive ("90（含）"); 89.99 is 良. */
    assert_string_equal(grade_of(b, n, 8999), "良");
    assert_string_equal(grade_of(b, n, 8000), "良");
    assert_string_equal(grade_of(b, n, 7999), "中");
    assert_string_equal(grade_of(b, n, 6000), "中");
    assert_string_equal(grade_of(b, n, 5999), "差");
    assert_string_equal(grade_of(b, n, 0), "差");
    /* Below every band: the lowest. Above 100: the highest. */
    assert_string_equal(grade_of(b, n, -1), "差");
    assert_string_equal(grade_of(b, n, 12000), "优");
    /* No bands: the defaults. */
    assert_string_equal(grade_of(NULL, 0, 8999), "良");
}

static void test_template_bands(void **state)
{
    /* A provincial 自评 scheme (优 ≥ 80, 良 70–80, 中 60–70, 差 < 60), listed lowest first. */
    const struct jx_grade_band local[] = {{"差", 0}, {"中", 6000}, {"良", 7000}, {"优", 8000}};
    /* Bands that do not start at 0. */
    const struct jx_grade_band pass[] = {{"通过", 6000}, {"不通过", 100}};

    (void)state;
    assert_string_equal(grade_of(local, 4, 8000), "优");
    assert_string_equal(grade_of(local, 4, 7999), "良");
    assert_string_equal(grade_of(local, 4, 7000), "良");
    assert_string_equal(grade_of(local, 4, 6999), "中");
    assert_string_equal(grade_of(local, 4, 100), "差");
    assert_string_equal(grade_of(pass, 2, 6000), "通过");
    assert_string_equal(grade_of(pass, 2, 5999), "不通过");
    assert_string_equal(grade_of(pass, 2, 0), "不通过");
    assert_string_equal(grade_of(pass, 1, 100), "通过");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_bands),
        cmocka_unit_test(test_default_boundaries),
        cmocka_unit_test(test_template_bands),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
