#!/bin/sh
# The leaf-table benchmark (docs/performance.md): jixiao against pandas on the same
# synthetic table, after checking that both give the same score on every leaf, the same
# 一级指标 sums, totals and grades on every evaluation; then `jixiao score DIR` on the same
# evaluations as YAML files.
#
# Usage: bench/run.sh BUILD_DIR   (make bench builds BUILD_DIR first)
# Environment: BENCH_COUNT (100000 evaluations), BENCH_SEED (20230320), BENCH_RUNS (3),
#   BENCH_DATA (BUILD_DIR/bench-data), BENCH_YAML=0 to skip the YAML part.
# Exit status: 0 when everything agrees, 1 on any disagreement or failure.
set -eu

build=${1:?usage: bench/run.sh BUILD_DIR}
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$build" && pwd)
count=${BENCH_COUNT:-100000}
seed=${BENCH_SEED:-20230320}
runs=${BENCH_RUNS:-3}
data=${BENCH_DATA:-$build/bench-data}
py=/usr/bin/python3 # Debian's, with python3-pandas; not whatever python3 is first on PATH
jixiao=$build/jixiao
gen=$build/jixiao-gen
driver=$build/bench-leafscore
csv=$data/leaves-$count-$seed.csv
yaml=$data/yaml-$count-$seed
out=$data/results
export LC_ALL=C.UTF-8

say() { printf '%s\n' "$*"; }
die() {
    printf 'bench: %s\n' "$*" >&2
    exit 1
}

# ---- prerequisites ----
for f in "$jixiao" "$gen" "$build/libjixiao.a"; do
    [ -e "$f" ] || die "'$f' is missing: build first (make build, or cmake --build $build)"
done
"$py" -c 'import pandas' 2>/dev/null ||
    die "$py cannot import pandas: apt-get install python3-pandas (make bench does)"
btype=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
case "$btype" in
Release | RelWithDebInfo) ;;
*) say "bench: warning: $build is a '${btype:-no build type}' build; timings mean little" ;;
esac
have_hyperfine=0
command -v hyperfine >/dev/null 2>&1 && have_hyperfine=1
mkdir -p "$data" "$out"

# The bench-only driver: the library's scorer with a chosen thread count, reading or
# mapping the file, printing what `jixiao score` prints (bench/leafscore.c).
# shellcheck disable=SC2046
cc -O2 -std=c17 -D_POSIX_C_SOURCE=200809L -I"$src/src" "$src/bench/leafscore.c" \
    "$build/libjixiao.a" $(pkg-config --libs libfyaml jansson) -lpthread -o "$driver" ||
    die "cannot build $driver"

# ---- data ----
if [ ! -s "$csv" ]; then
    say "bench: writing $count evaluations to $csv"
    "$gen" --seed "$seed" --count "$count" --csv "$csv.tmp" && mv "$csv.tmp" "$csv"
fi
csv_bytes=$(wc -c <"$csv")
rows=$(($(wc -l <"$csv") - 1))
say "bench: $csv: $((csv_bytes / 1048576)) MiB, $count evaluations, $rows leaves"

# ---- the same results ----
compare() { # name file-a file-b
    if cmp -s "$2" "$3"; then
        say "bench: agree: $1 ($(wc -l <"$2") lines)"
    else
        say "bench: DISAGREE: $1; first differences (< $2, > $3):"
        diff "$2" "$3" | head -20
        fail=1
    fi
}
fail=0
"$py" "$src/bench/pandas_peer.py" "$csv" -o "$out/pandas.txt"
"$py" "$src/bench/pandas_peer.py" "$csv" --leaves -o "$out/pandas-leaves.txt"
"$driver" --threads 2 "$csv" >"$out/driver.txt"
"$driver" --threads 2 --leaves "$csv" >"$out/driver-leaves.txt"
"$driver" --threads 1 --mmap "$csv" >"$out/driver-mmap.txt"
compare "per evaluation, pandas vs jixiao (library, 2 threads)" "$out/pandas.txt" "$out/driver.txt"
compare "per evaluation, pandas vs jixiao (library, mmap, 1 thread)" "$out/pandas.txt" \
    "$out/driver-mmap.txt"
compare "per leaf, pandas vs jixiao (library)" "$out/pandas-leaves.txt" "$out/driver-leaves.txt"
cli=0
if "$jixiao" score "$csv" >"$out/cli-raw.txt" 2>"$out/cli-err.txt"; then
    cli=1
    grep '^eval-' "$out/cli-raw.txt" >"$out/cli.txt" || true
    compare "per evaluation, pandas vs jixiao score" "$out/pandas.txt" "$out/cli.txt"
    if "$jixiao" score --leaves "$csv" >"$out/cli-leaves.txt" 2>/dev/null; then
        compare "per leaf, pandas vs jixiao score --leaves" "$out/pandas-leaves.txt" \
            "$out/cli-leaves.txt"
    else
        say "bench: skipped: jixiao score --leaves does not work yet"
    fi
else
    say "bench: skipped: jixiao score does not take a leaf table yet ($(head -1 "$out/cli-err.txt"))"
fi
rm -f "$out/cli-raw.txt" "$out/pandas-leaves.txt" "$out/driver-leaves.txt" "$out/cli-leaves.txt"
[ "$fail" -eq 0 ] || die "jixiao and pandas disagree (see above); no timings"

# ---- timings and memory ----
peak_rss() { # command... -> KiB
    /usr/bin/time -f '%M' -o "$out/rss.txt" "$@" >/dev/null 2>&1
    cat "$out/rss.txt"
}
set -- \
    "pandas" "$py $src/bench/pandas_peer.py $csv -o /dev/null" \
    "jixiao-lib-2t" "$driver --threads 2 $csv" \
    "jixiao-lib-1t" "$driver --threads 1 $csv" \
    "jixiao-lib-2t-mmap" "$driver --threads 2 --mmap $csv"
[ "$cli" -eq 1 ] && set -- "$@" "jixiao-score" "$jixiao score $csv"
if [ "$have_hyperfine" -eq 1 ]; then
    hf=""
    n=$#
    i=0
    while [ "$i" -lt "$n" ]; do
        name=$1
        cmd=$2
        shift 2
        set -- "$@" "-n" "$name" "$cmd > /dev/null"
        i=$((i + 2))
    done
    hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$out/hyperfine.json" "$@" \
        >"$out/hyperfine.txt"
    means=$("$py" -c '
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(r["command"], "%.4f" % r["mean"], "%.4f" % r["stddev"])
' "$out/hyperfine.json")
else
    say "bench: hyperfine not found; timing one run of each with /usr/bin/time"
    means=""
    while [ $# -gt 0 ]; do
        /usr/bin/time -f '%e' -o "$out/t.txt" sh -c "$2 > /dev/null"
        means="$means$1 $(cat "$out/t.txt") 0
"
        shift 2
    done
fi
printf '%s\n' "$means" | grep -v '^$' >"$out/means.txt"
mean_of() { awk -v n="$1" '$1 == n { print $2 }' "$out/means.txt"; }

{
    say "# leaf-table benchmark, $(date -u +%Y-%m-%d), $(nproc) CPUs"
    say ""
    say "table: $count evaluations, $rows leaves, $csv_bytes bytes ($((csv_bytes / 1048576)) MiB)," \
        "seed $seed"
    say ""
    say "| command | mean s | ± | evaluations/s | MB/s | peak RSS MiB |"
    say "|---|---|---|---|---|---|"
    while read -r name mean sd; do
        case "$name" in
        pandas) cmd="$py $src/bench/pandas_peer.py $csv -o /dev/null" ;;
        jixiao-lib-2t) cmd="$driver --threads 2 $csv" ;;
        jixiao-lib-1t) cmd="$driver --threads 1 $csv" ;;
        jixiao-lib-2t-mmap) cmd="$driver --threads 2 --mmap $csv" ;;
        jixiao-score) cmd="$jixiao score $csv" ;;
        esac
        # shellcheck disable=SC2086
        rss=$(peak_rss $cmd)
        awk -v n="$name" -v m="$mean" -v s="$sd" -v c="$count" -v b="$csv_bytes" -v r="$rss" \
            'BEGIN { printf "| %s | %.3f | %.3f | %.0f | %.0f | %.0f |\n", n, m, s, c / m, b / m / 1e6, r / 1024 }'
    done <"$out/means.txt"
} | tee "$out/summary.md"

pandas=$(mean_of pandas)
best=$(mean_of jixiao-lib-2t)
awk -v p="$pandas" -v j="$best" 'BEGIN {
    printf "\nratio pandas / jixiao (library, 2 threads): %.1fx (target 20x: %s)\n", p / j,
        p / j >= 20 ? "met" : "NOT met" }' | tee -a "$out/summary.md"
if [ "$cli" -eq 1 ]; then
    awk -v p="$pandas" -v j="$(mean_of jixiao-score)" 'BEGIN {
        printf "ratio pandas / jixiao score: %.1fx\n", p / j }' | tee -a "$out/summary.md"
fi

# ---- YAML files: jixiao score DIR ----
if [ "${BENCH_YAML:-1}" = 0 ]; then
    say "bench: skipped: YAML (BENCH_YAML=0)"
    exit 0
fi
if [ ! -s "$yaml/eval-$(printf '%06d' "$count").yaml" ]; then
    say "bench: writing $count YAML files to $yaml"
    rm -rf "$yaml"
    "$gen" --seed "$seed" --count "$count" --yaml --out "$yaml"
fi
if ! "$jixiao" score "$yaml/eval-000001.yaml" >/dev/null 2>"$out/yaml-err.txt"; then
    say "bench: skipped: jixiao score cannot score a YAML file yet ($(head -1 "$out/yaml-err.txt"))"
    exit 0
fi
# The YAML path must give the totals and grades of the table path.
if "$jixiao" validate "$yaml" >"$out/validate.txt" 2>&1 &&
    grep -q ': ok, total ' "$out/validate.txt"; then
    sed -n 's|^.*/\(eval-[0-9]*\)\.yaml: ok, total \([0-9.]*\), grade \(.*\)$|\1 \2 \3|p' \
        "$out/validate.txt" | sort >"$out/yaml-totals.txt"
    awk '{ print $1, $(NF-1), $NF }' "$out/pandas.txt" | sort >"$out/csv-totals.txt"
    compare "totals and grades, YAML files vs leaf table" "$out/csv-totals.txt" \
        "$out/yaml-totals.txt"
    [ "$fail" -eq 0 ] || die "the YAML files and the leaf table disagree"
else
    say "bench: skipped: jixiao validate DIR does not print totals; YAML totals not compared"
fi
/usr/bin/time -f '%e %M' -o "$out/yaml-time.txt" "$jixiao" score "$yaml" >/dev/null 2>&1 ||
    die "jixiao score $yaml failed"
read -r secs rss <"$out/yaml-time.txt"
awk -v s="$secs" -v c="$count" -v r="$rss" 'BEGIN {
    printf "\njixiao score DIR: %d YAML files in %.2f s = %.0f files/s, peak RSS %.0f MiB\n",
        c, s, c / s, r / 1024 }' | tee -a "$out/summary.md"
say "bench: results in $out/summary.md"
