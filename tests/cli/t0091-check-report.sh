#!/bin/sh
# check on existing reports: the seed (text and .docx) triggers what issue 6 asks of it,
# each finding located by section and paragraph in text, JSON and SARIF; clean reports
# have no finding; a report that cannot be read is bad input.
. "$(dirname "$0")/lib.sh"
DATA="$JX_SRC/tests/data/check/reports"

cp "$DATA/seed.txt" "$TMP/seed.txt"
cp "$DATA/seed.docx" "$TMP/seed.docx"
cd "$TMP" || exit 1

run check seed.txt
expect_status 1
expect_empty err
expect_golden out check-report-seed.txt
for want in \
    "seed.txt:5、主要经验及做法、存在的问题及原因分析¶2: error JX402 full marks although 'problems' admits a weakness ('设置的绩效指标专业性有待加强')" \
    "seed.txt:（4）项目效益情况¶1: warning JX403 satisfaction is reported ('赢得了100%的满意度') without a sample size" \
    "seed.txt:（3）项目产出情况¶1: warning JX301 the text sets '低于20%' as the ceiling of '故障率'" \
    "seed.txt:2.阶段性目标¶0: warning JX201 the goal of '上半年' mentions '赣服通2.0'" \
    "seed.txt:6、有关建议¶1: warning JX501 'suggestions' is empty or '无' while 'problems' lists a problem"; do
    expect_contains out "$want"
done

# The .docx gives the same findings at the same places.
cp "$TMP/out" "$TMP/txt-findings"
run check seed.docx
expect_status 1
sed 's/^seed\.docx:/seed.txt:/' "$TMP/out" >"$TMP/docx-findings"
if cmp -s "$TMP/txt-findings" "$TMP/docx-findings"; then ok; else
    fail "seed.docx findings differ from seed.txt"
    diff "$TMP/txt-findings" "$TMP/docx-findings" >&2
fi

run check --format json seed.docx
expect_status 1
if /usr/bin/python3 - "$TMP/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
f = {x["rule"]: x for x in d["files"][0]["findings"]}
assert f["JX402"]["section"] == "5、主要经验及做法、存在的问题及原因分析", f["JX402"]
assert f["JX402"]["paragraph"] == 2 and "line" not in f["JX402"], f["JX402"]
assert f["JX501"]["section"] == "6、有关建议" and f["JX501"]["paragraph"] == 1, f["JX501"]
assert d["summary"]["errors"] == 1, d["summary"]
PY
then ok; else fail "unexpected JSON findings on seed.docx"; fi

run check --format sarif seed.txt
expect_status 1
if /usr/bin/python3 - "$TMP/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
run = d["runs"][0]
ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
for r in run["results"]:
    loc = r["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == "seed.txt", loc
    assert "region" not in loc["physicalLocation"], loc
    assert loc["logicalLocations"][0]["kind"] == "section", loc
    assert ids[r["ruleIndex"]] == r["ruleId"], r
x = [r for r in run["results"] if r["ruleId"] == "JX402"][0]
assert x["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == \
    "5、主要经验及做法、存在的问题及原因分析¶2", x
assert x["properties"] == {"section": "5、主要经验及做法、存在的问题及原因分析", "paragraph": 2}, x
PY
then ok; else fail "unexpected SARIF findings on seed.txt"; fi

run check --severity error seed.txt
expect_status 1
if [ "$(wc -l <"$TMP/out")" -eq 1 ]; then ok; else fail "--severity error keeps one finding"; fi

# No finding on clean reports (the seed with its faults mended, and a clean 自评表), as text
# or .docx, and a report can sit beside evaluations.
run check "$DATA/report-clean.txt" "$DATA/report-clean.docx" "$DATA/form-clean.txt" \
    "$DATA/form-clean.docx" "$JX_SRC/tests/data/check/clean.yaml"
expect_status 0
expect_empty out

printf 'PK\003\004garbage' >"$TMP/broken.docx"
run check broken.docx seed.txt
expect_status 2
expect_contains err "broken.docx"
expect_contains out "seed.txt:"

done_testing
