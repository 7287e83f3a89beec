#!/bin/sh
# The spreadsheet benchmark (docs/performance.md, "Spreadsheets"): jixiao against Python
# openpyxl on the same 评分表 of 10,000 leaf indicators, both ways, in the same run.
#
#   write: `jixiao export big.yaml -o big.xlsx` (read the YAML, validate, score, write the
#          workbook: 评分表 with merges and a formula per parent and rate, 基本情况,
#          评价情况总表) vs openpyxl writing the same 评分表 cells (values, formats, frozen
#          header; no formulas, merges or other sheets) from jixiao's CSV of it.
#   read:  `jixiao import big.xlsx -o big.yaml` (open the zip, read shared strings,
#          styles and the sheet, build the tree, validate, score, write the YAML) vs
#          openpyxl read-only iterating every value of the same workbook's 评分表.
#   Then `jixiao export` of 10,000 generated evaluations (jixiao-gen --seed 1), one
#   process and one workbook each, two at a time: evaluations per second.
#
# Usage: bench/spreadsheet.sh BUILD_DIR
# Environment: BENCH_RUNS (5), BENCH_DATA, BENCH_EVALS (10000: how many of the generated
#   evaluations to export one by one).
# Times are of the whole process, best of BENCH_RUNS, wall clock and CPU (user + system);
# the interpreter's start is included for Python as jixiao's start is for jixiao;
# openpyxl also prints its own time without the interpreter's start. Ratios are of CPU
# time (the wall times are printed too; on a quiet machine they agree).
set -eu
build=${1:?usage: bench/spreadsheet.sh BUILD_DIR}
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$build" && pwd)
runs=${BENCH_RUNS:-5}
evals=${BENCH_EVALS:-10000}
data=${BENCH_DATA:-$build/bench-spreadsheet}
py=/usr/bin/python3 # Debian's, with python3-openpyxl; not whatever python3 is first on PATH
jixiao=$build/jixiao
export LC_ALL=C.UTF-8
mkdir -p "$data"

# best CMD...: runs CMD BENCH_RUNS times; prints "WALL CPU", the best of each in seconds.
# CPU is user + system time of the process and its children: on a shared machine it is
# what each side costs, where wall time also counts waiting for a core.
best() {
    i=0
    : >"$data/times"
    while [ $i -lt "$runs" ]; do
        /usr/bin/time -f '%e %U %S' -o "$data/time1" "$@" >/dev/null 2>"$data/last.err" ||
            { cat "$data/last.err" >&2; exit 1; }
        cat "$data/time1" >>"$data/times"
        i=$((i + 1))
    done
    awk 'NR == 1 || $1 < w { w = $1 } NR == 1 || $2 + $3 < c { c = $2 + $3 }
         END { printf "%.3f %.3f", w, c }' "$data/times"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else printf "inf" }'; }

# One evaluation with 100 一级 × 10 二级 × 10 leaves (10,000 leaves, 11,100 rows) on a
# 10,000-point scale: leaf weight 1, ratio leaves with actuals spread below the target.
$py - "$data/big.yaml" <<'PYEOF'
import sys
out = ['kind: 部门评价', 'unit: 基准测试单位', 'year: 2023', 'project: {name: 万行评分表}',
       'scoring: {points: 10000}', 'indicators:']
n = 0
for a in range(100):
    out += ['  - name: 一级%03d' % a, '    weight: 100', '    children:']
    for b in range(10):
        out += ['      - name: 二级%03d-%d' % (a, b), '        weight: 10', '        children:']
        for c in range(10):
            n += 1
            out += ['          - {name: 指标%05d, weight: 1, target: ≥100个, actual: %d个, basis: 依据%d}'
                    % (n, 60 + n % 41, n)]
open(sys.argv[1], 'w', encoding='utf-8').write('\n'.join(out) + '\n')
PYEOF
"$jixiao" export --force "$data/big.yaml" -o "$data/big.xlsx" 2>/dev/null
"$jixiao" export --force "$data/big.yaml" -o "$data/big.csv" 2>/dev/null
"$jixiao" import --force "$data/big.xlsx" -o "$data/big-back.yaml" 2>/dev/null
[ "$("$jixiao" score "$data/big.yaml" 2>/dev/null | tail -n +2)" = \
    "$("$jixiao" score "$data/big-back.yaml" 2>/dev/null | tail -n +2)" ] ||
    { echo "bench: the imported workbook does not score the same" >&2; exit 1; }
echo "评分表: $(($(wc -l <"$data/big.csv") - 1)) rows; workbook $(stat -c %s "$data/big.xlsx") bytes"

jw=$(best "$jixiao" export --force "$data/big.yaml" -o "$data/big.xlsx")
pw=$(best "$py" "$src/bench/openpyxl_peer.py" write "$data/big.csv" "$data/peer.xlsx")
"$py" "$src/bench/openpyxl_peer.py" write "$data/big.csv" "$data/peer.xlsx"
jr=$(best "$jixiao" import --force "$data/big.xlsx" -o "$data/big-back.yaml")
pr=$(best "$py" "$src/bench/openpyxl_peer.py" read "$data/big.xlsx")
"$py" "$src/bench/openpyxl_peer.py" read "$data/big.xlsx"
show() { # show WHAT "JWALL JCPU" "PWALL PCPU"
    set -- "$1" $2 $3
    echo "$1: jixiao $2 s wall, $3 s CPU; openpyxl $4 s wall, $5 s CPU: $(ratio "$5" "$3")x (CPU), $(ratio "$4" "$2")x (wall)"
}
show write "$jw" "$pw"
show read "$jr" "$pr"

# 10,000 evaluations, one workbook each.
gen=$data/gen-10000
[ -d "$gen" ] || "$build/jixiao-gen" --seed 1 --count 10000 --out "$gen" >/dev/null
mkdir -p "$data/xlsx"
ls "$gen" | grep '\.yaml$' | sed 's/\.yaml$//' | head -n "$evals" >"$data/names"
/usr/bin/time -f '%e %U %S' -o "$data/time1" \
    xargs -P 2 -I{} "$jixiao" export --force "$gen/{}.yaml" -o "$data/xlsx/{}.xlsx" <"$data/names"
n=$(ls "$data/xlsx" | wc -l)
awk -v n="$n" '{ printf "export of %d evaluations, one process and workbook each (2 at a time): %.2f s wall, %.2f s CPU, %.1f ms CPU per evaluation\n", n, $1, $2 + $3, ($2 + $3) * 1000 / n }' "$data/time1"
