#!/bin/sh
# The seed report reproduced: 25/15/30/30, total 100.00, 优 — computed, not typed in.
. "$(dirname "$0")/lib.sh"
SEED="$JX_SRC/examples/xinfeng-2022-xinxihua.yaml"

cd "$JX_SRC" || exit 1
run score examples/xinfeng-2022-xinxihua.yaml
expect_status 0
expect_golden out score-seed.txt
expect_empty err
expect_contains out "项目决策"
expect_contains out "评价总得分"
expect_contains out "100.00  100.00%"
expect_contains out "评价结果等级：优"

run score --detail examples/xinfeng-2022-xinxihua.yaml
expect_status 0
expect_golden out score-seed-detail.txt

run score --json examples/xinfeng-2022-xinxihua.yaml
expect_status 0
expect_golden out score-seed.json
if /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); e=d["evaluations"][0]; assert e["total"]=="100.00" and e["grade"]=="优", e; assert [i["score"] for i in e["indicators"]]==["25.00","15.00","30.00","30.00"]' "$TMP/out"; then ok; else fail "JSON content"; fi

# The same evaluation as JSON scores the same, leaf by leaf.
run score --detail "$JX_TEST_DATA/cli/xinfeng-2022-xinxihua.json"
expect_status 0
tail -n +2 "$TMP/out" >"$TMP/json-detail"
tail -n +2 "$GOLDEN/score-seed-detail.txt" >"$TMP/yaml-detail"
if cmp -s "$TMP/json-detail" "$TMP/yaml-detail"; then ok; else
    fail "JSON and YAML forms of the seed score differently"
    diff "$TMP/yaml-detail" "$TMP/json-detail" | head >&2
fi

done_testing
