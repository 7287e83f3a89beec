#!/bin/sh
# jixiao import: every example exported and imported back scores the same, leaf by leaf
# (the whole `score --detail` tree), through xlsx and through CSV in each encoding; a
# 评分表 made by hand (title rows, merged and blank level cells, a spacer row, full-width
# digits, numbers stored as text, percentage cells, a 合计 row) reads as its numbers say;
# the output is written atomically and kept without --force.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
MK="$JX_SRC/tests/cli/mkxlsx.py"

detail() { # detail FILE: the score tree without the heading line (it names the file)
    "$JIXIAO" score --detail "$1" 2>/dev/null | tail -n +2
}

for f in "$JX_SRC"/examples/*.yaml; do
    b=$(basename "$f" .yaml)
    run export "$f" -o "$TMP/$b.xlsx"
    expect_status 0
    run import "$TMP/$b.xlsx" -o "$TMP/$b.yaml"
    expect_status 0
    expect_contains err "wrote $TMP/$b.yaml: total"
    detail "$f" >"$TMP/want"
    detail "$TMP/$b.yaml" >"$TMP/got"
    if cmp -s "$TMP/want" "$TMP/got"; then ok; else
        fail "$b: export then import does not score the same:"; diff "$TMP/want" "$TMP/got" | head >&2
    fi
    # Importing what import wrote, exported again, gives the same file: a fixed point.
    run export "$TMP/$b.yaml" -o "$TMP/$b-2.xlsx"
    run import "$TMP/$b-2.xlsx" -o "$TMP/$b-2.yaml"
    if cmp -s "$TMP/$b.yaml" "$TMP/$b-2.yaml"; then ok; else fail "$b: second round trip differs"; fi
done
run import "$TMP/xinfeng-2022-xinxihua.xlsx"
expect_status 0
cp "$TMP/out" "$TMP/seed-imported.yaml"
expect_golden out import-seed.yaml

# CSV carries the 评分表 only: the facts come from the command line, and the budget line
# (no budget in a CSV) keeps the sheet's score. Same tree and total in every encoding.
SEED="$JX_SRC/examples/xinfeng-2022-xinxihua.yaml"
# Columns are aligned to the longest method name, so blanks are squeezed before comparing.
csvtree() { grep -v -e '^预算数' -e '^─' | sed 's/execution/manual/; s/↳ manual:.*/↳/' | tr -s ' '; }
detail "$SEED" | csvtree >"$TMP/want"
for enc in utf-8 utf-8-bom gb18030; do
    run export "$SEED" -o "$TMP/seed-$enc.csv" --encoding $enc
    run import "$TMP/seed-$enc.csv" -o "$TMP/seed-$enc.yaml" --unit 信丰县行政审批局 \
        --project 信息化建设项目 --year 2022
    expect_status 0
    detail "$TMP/seed-$enc.yaml" | csvtree >"$TMP/got"
    if cmp -s "$TMP/want" "$TMP/got"; then ok; else
        fail "CSV $enc round trip differs:"; diff "$TMP/want" "$TMP/got" | head -20 >&2
    fi
done
run import "$TMP/seed-utf-8.csv" -o "$TMP/nofacts.yaml"
expect_status 2
expect_contains err "give --unit, --project and --year"

# A 评分表 made by hand, the way people lay it out in Excel or WPS.
cat >"$TMP/hand.py" <<'SPEC'
SHEETS = [('评分表', [
    ['某县2023年度农村公路养护项目绩效评价评分表'],
    [],
    ['一级指标', '二级指标', '三级指标', '分值（分）', '指标值', '实际完成值', '得分', '评分依据'],
    ['决策', '项目立项', '立项依据充分性', ('n', '5'), '立项依据充分', '充分', ('n', '4.5'), '依据较充分'],
    [None, None, '立项程序规范性', '５', None, None, ('i', '５分'), '程序规范'],
    [None, '绩效目标', '绩效目标合理性', ('n', '10'), None, None, ('n', '9.25'), None],
    [],
    ['产出', '产出数量', '养护里程完成率', ('n', '40'), ('p', '0.95'), ('q', '0.955'),
     ('n', '12.499999999999998'), '完成95.5%'],
    [None, None, '质量达标率', ('i', '40'), '≥90%', '92%', ('n', '4E+1'), None],
    ['合计', None, None, ('n', '100'), None, None, ('n', '71.25'), None],
    ['备注：本表由评价组填写'],
], ['A1:H1', 'A4:A6', 'B4:B5'])]
SPEC
$PY "$MK" "$TMP/hand.xlsx" "$TMP/hand.py" || fail "mkxlsx failed"
run import "$TMP/hand.xlsx" -o "$TMP/hand.yaml" --unit 某县交通运输局 --project 农村公路养护 --year 2023
expect_status 0
expect_contains err "wrote $TMP/hand.yaml: total 71.25, grade 中"
cp "$TMP/hand.yaml" "$TMP/out"
expect_golden out import-hand.yaml
run score "$TMP/hand.yaml"
expect_status 0
expect_contains out '评价总得分  100.00     71.25  71.25%'

# Atomic write: an existing file is kept without --force.
run import "$TMP/hand.xlsx" -o "$TMP/hand.yaml" --unit u --project p --year 2023
expect_status 2
expect_contains err "hand.yaml' already exists; use --force to overwrite it"
run import "$TMP/hand.xlsx" -o "$TMP/hand.yaml" --unit u --project p --year 2023 --force
expect_status 0
run import "$TMP/hand.xlsx" -o "$TMP/hand.txt"
expect_status 2
expect_contains err "is an evaluation file: name it *.yaml"
done_testing
