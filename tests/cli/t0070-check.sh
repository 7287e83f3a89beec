#!/bin/sh
# check: the review rules on the seed (exact rule ids), the output formats, the severity
# filter, a clean file (silent, exit 0) and bad input (exit 2).
. "$(dirname "$0")/lib.sh"
DATA="$JX_SRC/tests/data/check"
SEED="$DATA/seed.yaml"
CLEAN="$DATA/clean.yaml"

# The seed: what issue 6 says a reviewer must be told, with positions.
run check "$SEED"
expect_status 1
expect_empty err
expect_contains out "seed.yaml:340:1: error JX402 full marks although 'problems' admits a weakness ('设置的绩效指标专业性有待加强')"
expect_contains out "seed.yaml:81:3: warning JX401 every indicator has full marks"
expect_contains out "seed.yaml:319:13: warning JX403 satisfaction '服务对象满意度' is reported without a sample size"
expect_contains out "seed.yaml:245:22: warning JX301 ceiling '<20%' of '系统运行故障率' is lax"
expect_contains out "seed.yaml:48:9: warning JX201 the goal of '上半年' mentions '赣服通2.0'"
expect_contains out "seed.yaml:48:9: warning JX206 the goal of '上半年' names '赣服通2.0', '赣服通3.0', '远程异地评标', '不见面开标' but no analysis"
expect_contains out "seed.yaml:50:9: warning JX206 the goal of '下半年' names '支付4.0', '赣服通5.0'"
expect_contains out "seed.yaml:342:14: warning JX501 'suggestions' is empty or '无' while 'problems' lists a problem"
expect_contains out "warning JX404 'work.methods' names '公众评批判法' but there is no survey data"
expect_contains out "warning JX303 cost ceiling '≤500万元' of '项目成本' is 144.8% of the budget (345.3万元)"
# The seed's stated total (100分), grade (优) and amount (资金345.3万元) agree with the
# computation and the budget.
expect_not_contains out "JX204"
expect_not_contains out "JX205"
expect_not_contains out "JX101"
if [ "$(wc -l <"$TMP/out")" -eq 10 ]; then ok; else fail "expected 10 findings on the seed"; cat "$TMP/out" >&2; fi

# --severity: errors only, then nothing below warning.
run check --severity error "$SEED"
expect_status 1
if [ "$(wc -l <"$TMP/out")" -eq 1 ]; then ok; else fail "--severity error kept other findings"; fi
expect_contains out "error JX402"
run check --severity=warning "$SEED"
expect_status 1
expect_not_contains out " note "
run check --severity fatal "$SEED"
expect_status 2
expect_contains err "unknown severity 'fatal'"

# A clean evaluation: no output, exit 0.
run check "$CLEAN"
expect_status 0
expect_empty out
expect_empty err

# JSON parses and carries the findings.
run check --format json "$SEED" "$CLEAN"
expect_status 1
if python3 - "$TMP/out" <<'PY'; then ok; else fail "json output is wrong"; fi
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "jixiao-check/1"
assert len(d["files"]) == 2
seed = d["files"][0]
rules = sorted(f["rule"] for f in seed["findings"])
assert rules == ["JX201", "JX206", "JX206", "JX301", "JX303", "JX401", "JX402", "JX403", "JX404", "JX501"], rules
assert d["files"][1]["findings"] == []
assert d["summary"] == {"errors": 1, "warnings": 9, "notes": 0}, d["summary"]
f = [f for f in seed["findings"] if f["rule"] == "JX301"][0]
assert (f["line"], f["column"], f["severity"], f["family"]) == (245, 22, "warning", "target")
PY

# SARIF 2.1.0.
run check --format sarif "$SEED"
expect_status 1
if python3 - "$TMP/out" <<'PY'; then ok; else fail "sarif output is wrong"; fi
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == "2.1.0"
run = d["runs"][0]
drv = run["tool"]["driver"]
assert drv["name"] == "jixiao"
ids = [r["id"] for r in drv["rules"]]
assert "JX402" in ids and len(ids) >= 19
r = drv["rules"][ids.index("JX402")]
assert r["helpUri"] == "docs/rules.md#jx402" and r["shortDescription"]["text"]
res = run["results"]
assert len(res) == 10
x = [x for x in res if x["ruleId"] == "JX402"][0]
assert x["level"] == "error" and "有待加强" in x["message"]["text"]
assert ids[x["ruleIndex"]] == "JX402"
loc = x["locations"][0]["physicalLocation"]
assert loc["artifactLocation"]["uri"].endswith("seed.yaml")
assert loc["region"]["startLine"] == 340 and loc["region"]["startColumn"] == 1
PY
run check --format xml "$SEED"
expect_status 2
expect_contains err "unknown format 'xml'"

# Bad input: a file that does not validate is reported and exits 2, even beside findings.
cat >"$TMP/bad.yaml" <<'YAML'
kind: 部门评价
unit: 测试单位
year: 2022
indicators:
  - name: 项目决策
    wieght: 60
YAML
run check "$TMP/bad.yaml" "$SEED"
expect_status 2
expect_contains err "bad.yaml:6:5: "
expect_contains out "error JX402"
run check --format json "$TMP/bad.yaml"
expect_status 2
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["failed"][0]["file"].endswith("bad.yaml")' "$TMP/out"; then ok; else fail "json lacks the failed file"; fi
run check "$TMP/missing.yaml"
expect_status 2
run check
expect_status 2

done_testing
