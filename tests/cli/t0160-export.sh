#!/bin/sh
# jixiao export: the 评分表 as CSV in three encodings (golden), the workbook's parts as
# libxlsxwriter wrote them (sheets, formulas with cached values, number formats, frozen
# header, print setup), atomic writes that keep an existing file without --force, and
# the usage errors.
. "$(dirname "$0")/lib.sh"
SEED="$JX_SRC/examples/xinfeng-2022-xinxihua.yaml"
PY=/usr/bin/python3

run export "$SEED" -o "$TMP/seed.csv"
expect_status 0
expect_empty err
cp "$TMP/seed.csv" "$TMP/out"
expect_golden out export-seed.csv

# With a BOM for Excel: the same bytes after three.
run export "$SEED" -o "$TMP/bom.csv" --encoding utf-8-bom
expect_status 0
if [ "$(head -c 3 "$TMP/bom.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ]; then ok; else fail "no BOM"; fi
if tail -c +4 "$TMP/bom.csv" | cmp -s - "$TMP/seed.csv"; then ok; else fail "BOM CSV differs"; fi

# GB18030: converts back to the UTF-8 file exactly.
run export "$SEED" -o "$TMP/gb.csv" --encoding gb18030
expect_status 0
if iconv -f GB18030 -t UTF-8 "$TMP/gb.csv" | cmp -s - "$TMP/seed.csv"; then ok; else
    fail "GB18030 CSV does not convert back to the UTF-8 one"; fi
if cmp -s "$TMP/gb.csv" "$TMP/seed.csv"; then fail "GB18030 CSV is UTF-8"; else ok; fi

# Standard output for CSV.
run export "$SEED" -o -
expect_status 0
if cmp -s "$TMP/out" "$TMP/seed.csv"; then ok; else fail "CSV on stdout differs"; fi

# The workbook: three sheets; formulas with cached values; formats; print setup.
run export "$SEED" -o "$TMP/seed.xlsx"
expect_status 0
expect_empty err
perm=$(stat -c %a "$TMP/seed.xlsx")
if [ "$perm" = 644 ]; then ok; else fail "workbook mode $perm, expected 644"; fi
$PY - "$TMP/seed.xlsx" >"$TMP/out" <<'PYEOF'
import sys, zipfile, re
z = zipfile.ZipFile(sys.argv[1])
wb = z.read('xl/workbook.xml').decode()
print('sheets', re.findall(r'<sheet name="([^"]+)"', wb))
print('print titles', re.findall(r'_xlnm.Print_Titles"[^>]*>([^<]+)<', wb))
s1 = z.read('xl/worksheets/sheet1.xml').decode()
print('pane', re.findall(r'<pane [^>]*/>', s1))
print('page', re.findall(r'<pageSetup [^>]*/>', s1), 'fit' if 'fitToPage="1"' in s1 else 'nofit')
print('merges', len(re.findall(r'<mergeCell ', s1)))
for f, v in re.findall(r'<f>([^<]+)</f><v>([^<]+)</v>', s1)[:6]:
    print('formula', f, '=', v)
tot = re.findall(r'<f>([^<]+)</f><v>([^<]+)</v>', s1)
print('last', tot[-2:])
st = z.read('xl/styles.xml').decode()
print('formats', sorted(set(re.findall(r'formatCode="([^"]+)"', st))))
s3 = z.read('xl/worksheets/sheet3.xml').decode()
print('grade', re.findall(r'<c r="(C[0-9]+)"[^>]*t="str"[^>]*><f>([^<]+)</f><v>([^<]+)</v>', s3))
PYEOF
expect_golden out export-seed-xlsx-parts.txt

# An existing output is kept without --force, replaced with it.
run export "$SEED" -o "$TMP/seed.xlsx"
expect_status 2
expect_contains err "seed.xlsx' already exists; use --force to overwrite it"
run export "$SEED" -o "$TMP/seed.csv"
expect_status 2
expect_contains err "seed.csv' already exists; use --force to overwrite it"
run export --force "$SEED" -o "$TMP/seed.xlsx"
expect_status 0
ls -a "$TMP" | grep -q 'tmp-' && fail "a temporary file was left behind" || ok

# Usage errors: exit 2 with what to do.
run export "$SEED"
expect_status 2
expect_contains err "no output: give -o OUT.xlsx or -o OUT.csv"
run export "$SEED" -o "$TMP/x.ods"
expect_status 2
expect_contains err "cannot tell the format of"
run export "$SEED" -o "$TMP/x.csv" --encoding latin1
expect_status 2
expect_contains err "unknown encoding 'latin1': use utf-8, utf-8-bom or gb18030"
run export "$SEED" -o "$TMP/x.xlsx" --encoding gb18030
expect_status 2
expect_contains err "--encoding applies to CSV output only"

# A file that does not validate is not exported.
printf 'kind: 部门评价\nunit: x\nyear: 2022\nproject: {name: p}\nindicators:\n  - {name: a, weight: 50, method: manual, score: 60, basis: b}\n' >"$TMP/bad.yaml"
run export "$TMP/bad.yaml" -o "$TMP/bad.xlsx"
expect_status 2
expect_contains err "not exported: fix the errors above first"
[ -e "$TMP/bad.xlsx" ] && fail "bad.xlsx was written" || ok

# A directory that cannot be written: environment error, exit 3.
mkdir "$TMP/ro" && chmod 500 "$TMP/ro"
if [ "$(id -u)" != 0 ]; then
    run export "$SEED" -o "$TMP/ro/x.xlsx"
    expect_status 3
fi
done_testing
