#!/bin/sh
# jixiao import on bad input: every case exits 2 with a message that says what is wrong
# and where (the cell, as x.xlsx:评分表!G6) and writes nothing: not a zip, a zip bomb, no
# 评分表 sheet (the message lists the sheets), a sheet beyond the row cap, a row beyond
# Excel's last row, a score above its weight, more than 2 decimals, an error cell, no
# header row, a parent weight that is not the sum of its children, damaged XML.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
MK="$JX_SRC/tests/cli/mkxlsx.py"
META="--unit u --project p --year 2023"

# mk NAME ROWS...: a one-sheet workbook 评分表 with a header row and the given rows (Python).
mk() {
    name=$1
    shift
    printf "H = ['一级指标', '二级指标', '分值', '得分', '评分依据']\nSHEETS = [('评分表', [H, %s], [])]\n" "$*" >"$TMP/$name.py"
    $PY "$MK" "$TMP/$name.xlsx" "$TMP/$name.py" || fail "mkxlsx $name failed"
}

expect_refused() { # expect_refused FILE MESSAGE
    run import "$1" -o "$TMP/never.yaml" $META
    expect_status 2
    expect_contains err "$2"
    [ -e "$TMP/never.yaml" ] && fail "an output was written for $1" || ok
}

printf 'this is not a workbook\n' >"$TMP/text.xlsx"
expect_refused "$TMP/text.xlsx" "not a zip archive"

# A zip bomb: an 80 KiB file whose shared strings inflate to 80 MiB, past the 64 MiB cap.
$PY - "$TMP/bomb.xlsx" "$TMP/ok.xlsx" <<'PYEOF'
import sys, zipfile, zlib
src = sys.argv[1]
z = zipfile.ZipFile(src, 'w', zipfile.ZIP_DEFLATED)
z.writestr('[Content_Types].xml', '<Types/>')
z.writestr('xl/workbook.xml', '<workbook><sheets><sheet name="评分表" r:id="rId1" xmlns:r="r"/></sheets></workbook>')
z.writestr('xl/worksheets/sheet1.xml', '<worksheet/>')
with z.open('xl/sharedStrings.xml', 'w', force_zip64=True) as f:
    block = b' ' * (1 << 20)
    for _ in range(80):
        f.write(block)
z.close()
PYEOF
size=$(stat -c %s "$TMP/bomb.xlsx")
[ "$size" -lt 2000000 ] && ok || fail "the bomb is $size bytes"
expect_refused "$TMP/bomb.xlsx" "bomb.xlsx"
expect_contains err "part 'xl/sharedStrings.xml' inflates to more than 64 MiB"

# No sheet called 评分表: say which sheets there are.
printf "SHEETS = [('Sheet1', [['a']], []), ('汇总', [['b']], [])]\n" >"$TMP/sheets.py"
$PY "$MK" "$TMP/sheets.xlsx" "$TMP/sheets.py"
expect_refused "$TMP/sheets.xlsx" "no sheet '评分表'; the workbook has 'Sheet1', '汇总': name the sheet 评分表 or use --sheet"
run import "$TMP/sheets.xlsx" --sheet 汇总 $META
expect_status 2
expect_contains err "no header row with 一级指标 and 分值 or 得分"

# Beyond the row cap of a 评分表 (100,000 rows): refused before any work.
mk huge "['决策', 'a', ('n', '10'), ('n', '5'), 'x']] + [[]] * 100001 + [['决策', 'b', ('n', '1'), ('n', '1'), 'x']"
expect_refused "$TMP/huge.xlsx" "huge.xlsx:评分表: 100003 rows, over the limit of 100000 for a 评分表: split the sheet"
# A row number past Excel's last row (1,048,576).
mk rows "['决策', 'a', ('n', '100'), ('n', '5'), 'x'], [('raw', '<c r=\"A1048577\"><v>1</v></c>')]"
expect_refused "$TMP/rows.xlsx" "has a cell 'A1048577' beyond the sheet's limits (XFD1048576)"

# Cell-level errors name the cell.
mk above "['决策', '立项', ('n', '90'), ('n', '80'), 'x'], [None, '程序', ('n', '10'), ('n', '12'), 'y']"
expect_refused "$TMP/above.xlsx" "above.xlsx:评分表!D3: score 12.00 is above the weight 10.00"
mk decimals "['决策', '立项', ('n', '100'), ('n', '12.345'), 'x']"
expect_refused "$TMP/decimals.xlsx" "decimals.xlsx:评分表!D2: score '12.345' has more than 2 decimals: points are kept to 0.01, round it in the sheet"
mk errcell "['决策', '立项', ('n', '100'), ('e', '#DIV/0!'), 'x']"
expect_refused "$TMP/errcell.xlsx" "errcell.xlsx:评分表!D2: score '#DIV/0!' is not a number: enter the points"
mk word "['决策', '立项', ('n', '100'), '八十', 'x']"
expect_refused "$TMP/word.xlsx" "word.xlsx:评分表!D2: score '八十' is not a number of points such as '5' or '2.5'"
mk parent "['决策', None, ('n', '30'), None, None], [None, '立项', ('n', '60'), ('n', '50'), 'x'], [None, '程序', ('n', '40'), ('n', '40'), 'y']"
expect_refused "$TMP/parent.xlsx" "parent.xlsx:评分表!C2: weight 30.00 of '决策' is not the sum of its children (100.00)"
mk twice "['决策', '立项', ('n', '50'), ('n', '50'), 'x'], ['决策', '立项', ('n', '50'), ('n', '50'), 'x']"
expect_refused "$TMP/twice.xlsx" "twice.xlsx:评分表!B3: '立项' appears twice (rows 2 and 3): give each indicator one row"
mk orphan "[None, '立项', ('n', '100'), ('n', '50'), 'x']"
expect_refused "$TMP/orphan.xlsx" "orphan.xlsx:评分表!A2: '立项' has no 一级指标 above it: fill in the level names"
mk method "['决策', '立项', ('n', '100'), ('n', '50'), 'x']"
printf "SHEETS = [('评分表', [['一级指标', '分值', '得分', '评分方法'], ['决策', ('n', '100'), ('n', '50'), 'guess']], [])]\n" >"$TMP/method.py"
$PY "$MK" "$TMP/method.xlsx" "$TMP/method.py"
expect_refused "$TMP/method.xlsx" "method.xlsx:评分表!D2: unknown method 'guess': use ratio, inverse"

# Damaged XML inside a real zip.
mk damaged "['决策', '立项', ('n', '100'), ('n', '50'), 'x']"
$PY - "$TMP/damaged.xlsx" <<'PYEOF'
import sys, zipfile
p = sys.argv[1]
parts = {i.filename: zipfile.ZipFile(p).read(i.filename) for i in zipfile.ZipFile(p).infolist()}
parts['xl/worksheets/sheet1.xml'] = parts['xl/worksheets/sheet1.xml'][:-40]
with zipfile.ZipFile(p, 'w') as z:
    for k, v in parts.items():
        z.writestr(k, v)
PYEOF
expect_refused "$TMP/damaged.xlsx" "xl/worksheets/sheet1.xml is not well-formed XML"

# CSV: a quote left open, a file in neither UTF-8 nor GB18030, a NUL byte.
printf '一级指标,分值,得分\n"决策,100,50\n' >"$TMP/open.csv"
expect_refused "$TMP/open.csv" "a quoted field is not closed"
printf '\377\376,1\n' >"$TMP/enc.csv"
expect_refused "$TMP/enc.csv" "neither UTF-8 nor GB18030: save the CSV as UTF-8"
printf '一级指标,分值\0\n' >"$TMP/nul.csv"
expect_refused "$TMP/nul.csv" "not a text file (NUL byte)"
printf '一级指标,分值,得分\n决策,10,12\n' >"$TMP/above.csv"
expect_refused "$TMP/above.csv" "above.csv:2:3: score 12.00 is above the weight 10.00"

# Usage.
run import
expect_status 2
expect_contains err "import takes one spreadsheet"
run import "$TMP/missing.xlsx"
expect_status 2
expect_contains err "missing.xlsx"
done_testing
