#!/bin/sh
# db load: bad files are reported file:line:col and skipped, the rest still load, the
# final line counts them and the exit status is 2; --strict stops at the first bad file.
. "$(dirname "$0")/lib.sh"
export JIXIAO_TEST_NOW=1764057600 JIXIAO_USER=tester
unset JIXIAO_DB
cd "$TMP" || exit 1
mkdir ex
cp "$JX_SRC"/examples/*.yaml ex/
# a weight that is not a number, in a file that sorts between the good ones
sed 's/^    weight: 25 #/    weight: 二十五 #/' "$JX_SRC/examples/xinfeng-2022-xinxihua.yaml" >ex/jiangyuan-2022-zbad.yaml
printf 'jixiao: 1\nkind: 部门评价\nunit: [\n' >ex/broken.yaml
grep -q '二十五' ex/jiangyuan-2022-zbad.yaml || fail "test setup: sed did not break the weight"

run db init --db t.db
expect_status 0

run db load --db t.db -j 2 ex
expect_status 2
expect_golden out db-load-errors.txt
expect_golden err db-load-errors.err
expect_contains err "ex/broken.yaml:"
expect_contains err "ex/jiangyuan-2022-zbad.yaml:"
if [ "$(sqlite3 t.db 'SELECT count(*) FROM evaluations')" = 3 ]; then ok; else fail "the good files were not all loaded"; fi

# --strict: stops at the first bad file (broken.yaml sorts first), nothing after it loads
run db init --db s.db
run db load --db s.db --strict ex
expect_status 2
expect_contains out "loaded 0, updated 0, failed 1"
if [ "$(sqlite3 s.db 'SELECT count(*) FROM evaluations')" = 0 ]; then ok; else fail "--strict went on"; fi

# a path that does not exist or holds no evaluation
mkdir empty
run db load --db t.db nosuch empty ex/xinfeng-2022-xinxihua.yaml
expect_status 2
expect_contains err "nosuch"
expect_contains err "no evaluation files (*.yaml, *.yml, *.json) in directory 'empty'"
expect_contains out "loaded 0, updated 0, failed 2 (1 unchanged)"

run db load --db t.db
expect_status 2
expect_contains err "usage: jixiao db load"
run db load --db t.db -j 0 ex
expect_status 2
expect_contains err "--jobs takes a number from 1 to 16, not '0'"

# no progress bar when stderr is not a terminal; one on a terminal (script(1) gives a pty)
expect_not_contains err "loading ["
run db init --db p.db
script -qec "'$JIXIAO' db load --db p.db ex/xinfeng-2022-xinxihua.yaml" /dev/null >"$TMP/out" 2>&1
expect_contains out "loading ["
expect_contains out "loaded 1, updated 0, failed 0"
script -qec "'$JIXIAO' db load --db p.db --quiet ex/jiangyuan-2022-yinshui.yaml" /dev/null >"$TMP/out" 2>&1
expect_contains out "loaded 1, updated 0, failed 0"
expect_not_contains out "loading ["
done_testing
