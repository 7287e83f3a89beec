#!/bin/sh
# Leaf tables (docs/leaftable.md): one summary row per evaluation, --leaves for every
# leaf as CSV, errors with line and column, and the same results with any thread count.
. "$(dirname "$0")/lib.sh"
TABLE="$JX_TEST_DATA/cli/leaftable.csv"

cd "$JX_TEST_DATA/cli" || exit 1
run score leaftable.csv
expect_status 0
expect_golden out score-leaftable.txt
expect_empty err

run score --leaves leaftable.csv
expect_status 0
expect_golden out score-leaftable-leaves.csv
# A comma in an id is quoted in the output, as in the input.
expect_contains out '"县教育局,02",2.1,14.78'

"$JIXIAO" score -j1 "$TABLE" >"$TMP/one"
"$JIXIAO" score -j3 "$TABLE" >"$TMP/three"
if cmp -s "$TMP/one" "$TMP/three"; then ok; else fail "-j1 and -j3 differ"; fi

# A bigger generated table: every thread count gives the same lines.
"$JIXIAO_GEN" --seed 11 --count 400 --csv "$TMP/gen.csv" >/dev/null
"$JIXIAO" score --leaves -j1 "$TMP/gen.csv" >"$TMP/gen1"
"$JIXIAO" score --leaves -j2 "$TMP/gen.csv" >"$TMP/gen2"
if cmp -s "$TMP/gen1" "$TMP/gen2" && [ "$(wc -l <"$TMP/gen1")" -gt 10000 ]; then ok; else
    fail "generated table: -j1 and -j2 differ or too few leaves"
fi

# Bad tables: the place and what is wrong, exit 2.
printf 'eval_id,l1,leaf_id,weight,method,target,actual\ne1,决策,1,10,ratio,≥4个,3个\n' >"$TMP/nocol.csv"
run score "$TMP/nocol.csv"
expect_status 2
expect_contains err "nocol.csv:1:"
expect_contains err "score"

printf 'eval_id,l1,leaf_id,weight,method,target,actual,score\ne1,决策,1,1O,ratio,≥4个,3个,\n' >"$TMP/badnum.csv"
run score "$TMP/badnum.csv"
expect_status 2
expect_contains err "badnum.csv:2:"

printf 'eval_id,l1,leaf_id,weight,method,target,actual,score\ne1,决策,1,10,ratio,≥4个,3个,\ne2,决策,1,10,ratio,≥4个,3个,\ne1,过程,2,10,ratio,≥4个,4个,\n' >"$TMP/split.csv"
run score "$TMP/split.csv"
expect_status 2
expect_contains err "split.csv:4:"

: >"$TMP/empty.csv"
run score "$TMP/empty.csv"
expect_status 2
expect_contains err "empty.csv"

run score --json "$TABLE"
expect_status 2
expect_contains err "--json is not available for leaf tables"

done_testing
