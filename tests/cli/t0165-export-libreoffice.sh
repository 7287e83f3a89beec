#!/bin/sh
# The workbook opened by a real spreadsheet program: LibreOffice (headless) loads each
# example's xlsx, recalculates every formula and saves each sheet as CSV. Before that,
# every cached formula value in the files is overwritten with 7, so the numbers
# LibreOffice prints are its own recalculation, not jixiao's cache. They must equal
# jixiao's: the 评分表 column by column against `jixiao export -o x.csv`, the total and
# the grade against `jixiao score`, the budget rates against the exact ones.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
command -v soffice >/dev/null || { fail "soffice (libreoffice-calc-nogui) is not installed"; done_testing; }

# A private profile that recalculates xlsx formulas on load (the default trusts the cache).
mkdir -p "$TMP/lo/user"
cat >"$TMP/lo/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU

names=""
for f in "$JX_SRC"/examples/*.yaml; do
    b=$(basename "$f" .yaml)
    names="$names $b"
    run export "$f" -o "$TMP/$b.xlsx"
    expect_status 0
    run export "$f" -o "$TMP/$b.csv"
    expect_status 0
    run score "$f"
    expect_status 0
    grep -E '评价总得分|评价结果等级' "$TMP/out" | tr -s ' ' >"$TMP/$b.score"
    $PY - "$TMP/$b.xlsx" "$TMP/stale-$b.xlsx" <<'PYEOF' || fail "cannot rewrite the cached values of $b"
import re, sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED)
n = 0
for i in src.infolist():
    data = src.read(i.filename)
    if i.filename.startswith('xl/worksheets/sheet'):
        data, k = re.subn(rb'(<f>[^<]*</f><v>)[^<]*(</v>)', rb'\g<1>7\g<2>', data)
        n += k
    dst.writestr(i, data)
dst.close()
assert n > 20, n
PYEOF
done

# Sheet token -1: every sheet to its own file NAME-SHEET.csv (LibreOffice 7.2 and later);
# token 9 true: numbers as shown, i.e. with the workbook's formats (0.00, 0.00%).
(cd "$TMP" && soffice -env:UserInstallation="file://$TMP/lo" --headless \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' \
    --outdir "$TMP/lo-out" stale-*.xlsx >"$TMP/lo.log" 2>&1) || fail "soffice failed: $(cat "$TMP/lo.log")"

for b in $names; do
    $PY - "$TMP/lo-out/stale-$b-评分表.csv" "$TMP/$b.csv" "$TMP/lo-out/stale-$b-评价情况总表.csv" \
        "$TMP/$b.score" "$TMP/lo-out/stale-$b-基本情况.csv" "$JX_SRC/examples/$b.yaml" \
        >"$TMP/cmp-$b" 2>&1 <<'PYEOF'
import csv, sys
lo = list(csv.reader(open(sys.argv[1], encoding='utf-8')))
jx = list(csv.reader(open(sys.argv[2], encoding='utf-8')))
bad = []
lo = lo[1:]  # the title row
if len(lo) != len(jx):
    bad.append('rows: LibreOffice %d, jixiao %d' % (len(lo), len(jx)))
head = jx[0]
cols = [head.index(c) for c in ('分值', '得分', '得分率')]
for i, (a, b) in enumerate(zip(lo, jx)):
    for c in cols:
        if a[c] != b[c]:
            bad.append('row %d %s: LibreOffice %r, jixiao %r' % (i + 2, head[c], a[c], b[c]))
summary = {r[0]: r for r in csv.reader(open(sys.argv[3], encoding='utf-8'))}
score = open(sys.argv[4], encoding='utf-8').read().split('\n')
total = score[0].split()[2]
grade = score[1].split('：')[1].strip()
if summary['评价总得分'][2] != total:
    bad.append('total: LibreOffice %s, jixiao %s' % (summary['评价总得分'][2], total))
if summary['评价结果等级'][2] != grade:
    bad.append('grade: LibreOffice %s, jixiao %s' % (summary['评价结果等级'][2], grade))
facts = {r[0]: r[1] for r in csv.reader(open(sys.argv[5], encoding='utf-8')) if len(r) > 1}
print('checked %d rows; total %s %s; 预算执行率 %s' % (len(jx), total, grade, facts.get('预算执行率')))
for m in bad:
    print('MISMATCH', m)
sys.exit(1 if bad else 0)
PYEOF
    if [ $? -eq 0 ]; then ok; else fail "LibreOffice disagrees on $b:"; cat "$TMP/cmp-$b" >&2; fi
    cat "$TMP/cmp-$b" >>"$TMP/out-all"
done
cp "$TMP/out-all" "$TMP/out"
expect_golden out export-libreoffice.txt
done_testing
