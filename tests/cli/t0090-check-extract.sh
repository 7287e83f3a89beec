#!/bin/sh
# check --extract: what is read out of the seed report (UTF-8 and GB18030 give the same
# result), and bad reports (empty, binary) exit 2; check on a report without --extract
# is refused for now.
. "$(dirname "$0")/lib.sh"
DATA="$JX_SRC/tests/data/check/reports"

run check --extract "$DATA/seed.txt"
expect_status 0
expect_empty err
cp "$TMP/out" "$TMP/utf8.json"
if python3 - "$TMP/utf8.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "jixiao-extract/1", d["format"]
rows = [(r["name"], r["weight"], r["score"], r["rate"]) for r in d["summary_table"]]
assert rows == [("项目决策", "25.00", "25.00", "100.00"), ("项目过程", "15.00", "15.00", "100.00"),
                ("项目产出", "30.00", "30.00", "100.00"), ("项目效益", "30.00", "30.00", "100.00")], rows
assert d["total"] == "100.00" and d["grade"] == "优", (d["total"], d["grade"])
a = [(x["text"], x["fen"], x["line"]) for x in d["amounts"]]
assert ("345.3万元", 345300000, 68) in a, a
assert [(x["text"], x["rate"], x["line"]) for x in d["rates"]] == [("100%", "100.00", 68)], d["rates"]
s = [(x["style"], x["number"], x["title"]) for x in d["sections"]]
assert ("1、", "3、", "综合评价情况及评价结论（附相关评分表）") in s, s
assert ("（1）", "（4）", "项目效益情况") in s, s
assert all(x["style"] != "1." or not x["title"][0].isdigit() for x in d["sections"])
PY
then ok; else fail "unexpected extraction of the seed"; fi

run check --extract "$DATA/seed-gb18030.txt"
expect_status 0
expect_empty err
sed 's/seed-gb18030\.txt/seed.txt/' "$TMP/out" >"$TMP/gb.json"
if cmp -s "$TMP/utf8.json" "$TMP/gb.json"; then ok; else fail "GB18030 seed differs from UTF-8"; fi

: >"$TMP/empty.txt"
run check --extract "$TMP/empty.txt"
expect_status 2
expect_contains err "empty report"

printf 'PK\003\004\000\000binary' >"$TMP/bin.txt"
run check --extract "$TMP/bin.txt"
expect_status 2
expect_contains err "binary file"

printf '\377\376\377' >"$TMP/bad.txt"
run check --extract "$TMP/bad.txt"
expect_status 2
expect_contains err "neither UTF-8 nor GB18030"

run check --extract "$TMP/missing.txt"
expect_status 2

run check "$DATA/seed.txt"
expect_status 2
expect_contains err "later step"

done_testing
