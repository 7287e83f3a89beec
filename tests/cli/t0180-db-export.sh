#!/bin/sh
# jixiao db export --format xlsx|csv: every evaluation of the store as one table (评价汇总)
# and, in the workbook, a sheet per 一级指标 with its statistics. The CSV is compared with a
# golden file; the workbook is opened by LibreOffice (headless) and each sheet saved as CSV:
# 评价汇总 must hold the CSV's values, and every 一级指标 sheet's 平均得分, 平均得分率, 最低
# and 最高得分 must equal the ones Python computes from the CSV with exact decimals.
# `db export ID -o FILE` (one evaluation's source) keeps working beside it.
. "$(dirname "$0")/lib.sh"
: "${JIXIAO_GEN:?JIXIAO_GEN must point at jixiao-gen}"
PY=/usr/bin/python3
export JIXIAO_TEST_NOW=1764057600 JIXIAO_USER=tester
unset JIXIAO_DB
cd "$TMP" || exit 1

# golden FILE NAME: compares a written file with tests/data/cli/NAME
golden() {
    cp "$1" "$TMP/out"
    expect_golden out "$2"
}

run db init --db e.db
expect_status 0
# an empty store: the header only
run db export --db e.db --format csv -o empty.csv
expect_status 0
golden empty.csv db-export-empty.csv
run db export --db e.db --format xlsx -o empty.xlsx
expect_status 0
if [ -s empty.xlsx ]; then ok; else fail "no empty.xlsx"; fi

# The examples, one of them again under a 主管部门 in 2023, and generated evaluations that
# share their 一级指标 names (决策 过程 产出 效益), so that the statistics have work to do.
mkdir ex
cp "$JX_SRC"/examples/*.yaml ex/
sed -e 's/^year: 2022$/year: 2023/' -e 's/^unit: 信丰县行政审批局$/&\ndepartment: 信丰县人民政府/' \
    "$JX_SRC/examples/xinfeng-2022-xinxihua.yaml" >ex/xinfeng-2023.yaml
"$JIXIAO_GEN" --seed 5 --count 12 --out ex >/dev/null 2>&1 || fail "jixiao-gen failed"
run db init --db t.db
expect_status 0
run db load --db t.db -q ex
expect_status 0
expect_contains out "loaded 16, updated 0, failed 0"

run db export --db t.db --format csv -o all.csv
expect_status 0
expect_empty out
expect_contains err "wrote 16 evaluations to all.csv"
golden all.csv db-export.csv
run db export --db t.db --format csv --year 2023 -o -
expect_status 0
expect_golden out db-export-2023.csv
# the encodings of `jixiao export`
run db export --db t.db --format csv --encoding gb18030 -o gb.csv
expect_status 0
if iconv -f GB18030 -t UTF-8 gb.csv | cmp -s - all.csv; then ok; else fail "gb18030 CSV differs"; fi
run db export --db t.db --format csv --encoding utf-8-bom -o bom.csv
expect_status 0
if printf '\357\273\277' | cat - all.csv | cmp -s - bom.csv; then ok; else fail "utf-8-bom CSV differs"; fi

# the one-evaluation export is unchanged
id=$(grep ',信息化建设项目,2022,' all.csv | cut -d, -f1)
run db export "$id" --db t.db -o xinfeng.yaml
expect_status 0
if cmp -s xinfeng.yaml "$JX_SRC/examples/xinfeng-2022-xinxihua.yaml"; then ok; else
    fail "db export $id is not the source of the xinfeng evaluation"
fi

run db export --db t.db --format xlsx -o all.xlsx
expect_status 0
expect_contains err "wrote 16 evaluations to all.xlsx"

# bad input
run db export --db t.db --format pdf -o x.pdf
expect_status 2
expect_contains err "export --format takes xlsx or csv, not 'pdf'"
run db export --db t.db --format csv
expect_status 2
expect_contains err "export needs -o FILE"
run db export --db t.db --format xlsx -o -
expect_status 2
run db export 1 --db t.db --format csv -o x.csv
expect_status 2
expect_contains err "usage: jixiao db export ID -o FILE"
run db export --db t.db -o x.csv
expect_status 2
expect_contains err "usage: jixiao db export ID"
run db export --db t.db --format csv --encoding latin1 -o x.csv
expect_status 2
expect_contains err "unknown encoding 'latin1'"
run db export --db t.db --format xlsx --encoding gb18030 -o x.xlsx
expect_status 2
run db export --db t.db --format csv --year 20 -o x.csv
expect_status 2
run db export --db t.db --format csv -o nodir/x.csv
expect_status 3
expect_contains err "nodir/x.csv"
run db export --db t.db --format xlsx -o nodir/x.xlsx
expect_status 3
expect_contains err "cannot write 'nodir/x.xlsx'"
if ls -a | grep -q 'tmp-'; then fail "a temporary file was left behind"; else ok; fi
run db export --db missing.db --format csv -o x.csv
expect_status 2

# The workbook in LibreOffice: every sheet as CSV, numbers as shown (token 9 true).
if command -v soffice >/dev/null; then
    mkdir -p lo/user
    (soffice -env:UserInstallation="file://$TMP/lo" --headless \
        --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' \
        --outdir lo-out all.xlsx empty.xlsx >lo.log 2>&1) || fail "soffice failed: $(cat lo.log)"
    # the empty workbook: 评价汇总 with the header only, no 一级指标 sheets
    if [ "$(ls lo-out/empty-*)" = "lo-out/empty-评价汇总.csv" ] &&
        tr -d '\r' <empty.csv | cmp -s - lo-out/empty-评价汇总.csv; then ok; else
        fail "the empty workbook is not a header-only 评价汇总: $(ls lo-out)"
    fi
    golden "lo-out/all-评价汇总.csv" db-export-xlsx-summary.csv
    golden "lo-out/all-决策.csv" db-export-xlsx-juece.csv
    $PY - all.csv lo-out >cmp.log 2>&1 <<'PYEOF' || fail "LibreOffice disagrees: $(cat cmp.log)"
import csv, os, sys
from decimal import Decimal, ROUND_HALF_UP
jx = list(csv.reader(open(sys.argv[1], encoding='utf-8', newline='')))
lo = list(csv.reader(open(os.path.join(sys.argv[2], 'all-评价汇总.csv'), encoding='utf-8')))
bad = []
if len(lo) != len(jx):
    bad.append('rows: LibreOffice %d, jixiao %d' % (len(lo), len(jx)))
for i, (a, b) in enumerate(zip(lo, jx)):
    if [c.replace(',', '') for c in a] != b:
        bad.append('row %d: LibreOffice %r, jixiao %r' % (i + 1, a, b))
head = jx[0]
first = head.index('执行率') + 1
for col in range(first, len(head)):
    name = head[col]
    scores = [Decimal(r[col]) for r in jx[1:] if r[col]]
    sheet = {r[0]: r for r in csv.reader(open(os.path.join(sys.argv[2], 'all-%s.csv' % name),
                                             encoding='utf-8'))}
    rows = [r for r in csv.reader(open(os.path.join(sys.argv[2], 'all-%s.csv' % name),
                                       encoding='utf-8'))][8:]
    weights = [Decimal(r[5]) for r in rows if r[6]]
    q = Decimal('0.01')
    want = {'评价数': str(len(scores)),
            '平均得分': str((sum(scores) / len(scores)).quantize(q, ROUND_HALF_UP)),
            '平均得分率': '%s%%' % (sum(scores) * 100 / sum(weights)).quantize(q, ROUND_HALF_UP),
            '最低得分': str(min(scores)), '最高得分': str(max(scores))}
    for k, v in want.items():
        if sheet[k][1] != v:
            bad.append('%s %s: LibreOffice %s, exact %s' % (name, k, sheet[k][1], v))
    if sorted(Decimal(r[6]) for r in rows if r[6]) != sorted(scores):
        bad.append('%s: the scores of the sheet are not the column of 评价汇总' % name)
print('\n'.join(bad))
sys.exit(1 if bad else 0)
PYEOF
    ok
else
    fail "soffice (libreoffice-calc-nogui) is not installed"
fi

done_testing
