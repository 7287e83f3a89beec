#!/bin/sh
# validate: good files, every problem reported with file:line:col, paths that are not
# evaluation files, exit statuses.
. "$(dirname "$0")/lib.sh"
SEED="$JX_SRC/examples/xinfeng-2022-xinxihua.yaml"

run validate "$SEED"
expect_status 0
expect_contains out "xinfeng-2022-xinxihua.yaml: ok, total 100.00, grade 优"

run validate -q "$SEED"
expect_status 0
expect_empty out

# A directory means every evaluation file below it.
run validate "$JX_SRC/examples"
expect_status 0
n=$(ls "$JX_SRC"/examples/*.yaml | wc -l)
if [ "$(grep -c ': ok, total' "$TMP/out")" -eq "$n" ]; then ok; else fail "not every example validated"; fi

# Several problems in one file: all reported, in file order, with positions.
cat >"$TMP/bad.yaml" <<'YAML'
kind: 部门评价
unit: 测试单位
year: 2022
project:
  name: 测试项目
  nmae: typo
budget:
  planned: 12.3.4万元
indicators:
  - name: 项目决策
    weight: 60
    children:
      - name: 立项
        weight: 50
        method: ratio
        target: "≥4个"
        actual: "3个"
  - name: 项目产出
    wieght: 40
YAML
run validate "$TMP/bad.yaml"
expect_status 2
expect_contains err "bad.yaml:6:3: "
expect_contains err "did you mean 'name'"
expect_contains err "bad.yaml:8:12: "
expect_contains err "bad.yaml:19:5: "
expect_contains err "did you mean 'weight'"
# Semantic problems are reported in the same run as the structural ones.
expect_contains err "bad.yaml:11:13: weight '60.00' of '项目决策' does not match its children (sum 50.00)"
if [ "$(wc -l <"$TMP/err")" -ge 3 ]; then ok; else fail "expected every problem, got:"; cat "$TMP/err" >&2; fi

# Weights that do not foot, and a score above its weight.
cat >"$TMP/sums.yaml" <<'YAML'
kind: 部门评价
unit: 测试单位
year: 2022
project:
  name: 测试项目
indicators:
  - name: 项目决策
    weight: 30
    children:
      - name: 立项依据充分性
        weight: 10
        method: manual
        score: 12
        basis: 专家评分
      - name: 立项程序规范性
        weight: 10
        method: reach
        reached: true
  - name: 项目产出
    weight: 60
    children:
      - name: 数量
        weight: 60
        target: "≥4个"
        actual: "4个"
YAML
run validate "$TMP/sums.yaml"
expect_status 2
expect_contains err "sums.yaml:8:13: "
expect_contains err "'项目决策'"
expect_contains err "above its weight"

# Paths that are not evaluation files.
run validate "$TMP/does-not-exist.yaml"
expect_status 2
expect_contains err "cannot read '$TMP/does-not-exist.yaml': No such file or directory"

mkdir "$TMP/empty"
run validate "$TMP/empty"
expect_status 2
expect_contains err "no evaluation files"

mkfifo "$TMP/fifo.yaml"
run validate "$TMP/fifo.yaml"
expect_status 2
expect_contains err "is not a regular file"

: >"$TMP/empty.yaml"
run validate "$TMP/empty.yaml"
expect_status 2
expect_contains err "empty.yaml"

# One bad file does not stop the others.
run validate "$TMP/bad.yaml" "$SEED"
expect_status 2
expect_contains out "xinfeng-2022-xinxihua.yaml: ok"

run validate
expect_status 2
expect_contains err "no file given"

# '-' is standard input; messages name it <stdin>.
status=0
"$JIXIAO" validate - <"$TMP/bad.yaml" >"$TMP/out" 2>"$TMP/err" || status=$?
expect_status 2
expect_contains err "<stdin>:6:3: "
status=0
"$JIXIAO" validate - <"$SEED" >"$TMP/out" 2>"$TMP/err" || status=$?
expect_status 0
expect_contains out "<stdin>: ok, total 100.00, grade 优"

done_testing
