#!/bin/sh
# The leaf-table benchmark (docs/performance.md): jixiao against pandas on the same
# synthetic table, after checking that both give the same score on every leaf, the same
# 一级指标 sums, totals and grades on every evaluation; then `jixiao score DIR` on the same
# evaluations as YAML files.
#
# Usage: bench/run.sh BUILD_DIR   (make bench builds BUILD_DIR first)
# Environment: BENCH_COUNT (100000 evaluations), BENCH_SEED (20230320), BENCH_RUNS (3, for
#   pandas), BENCH_FAST_RUNS (10, for jixiao), BENCH_DATA (BUILD_DIR/bench-data),
#   BENCH_YAML=0 to skip the YAML part.
# Exit status: 0 when everything agrees, 1 on any disagreement or failure.
set -eu

build=${1:?usage: bench/run.sh BUILD_DIR}
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$build" && pwd)
count=${BENCH_COUNT:-100000}
seed=${BENCH_SEED:-20230320}
runs=${BENCH_RUNS:-3}
fast_runs=${BENCH_FAST_RUNS:-10}
data=${BENCH_DATA:-$build/bench-data}
py=/usr/bin/python3 # Debian's, with python3-pandas; not whatever python3 is first on PATH
jixiao=$build/jixiao
gen=$build/jixiao-gen
driver=$build/bench-leafscore
csv=$data/leaves-$count-$seed.csv
yaml=$data/yaml-$count-$seed
out=$data/results
export LC_ALL=C.UTF-8
# Transparent huge pages for malloc'd memory (glibc >= 2.35; ignored elsewhere): on
# machines where page faults are dear (some hypervisors) this takes a third off pandas'
# time, whose working set is 4x the table; it changes nothing for jixiao.
export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.hugetlb=1}"

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
# name, command, runs: pandas takes seconds a run, jixiao a fraction of one, and a
# shared machine is noisy, so the fast commands run more often; medians are compared.
set -- \
    "pandas" "$py $src/bench/pandas_peer.py $csv -o /dev/null" "$runs" \
    "jixiao-lib-2t" "$driver --threads 2 $csv" "$fast_runs" \
    "jixiao-lib-1t" "$driver --threads 1 $csv" "$fast_runs" \
    "jixiao-lib-2t-mmap" "$driver --threads 2 --mmap $csv" "$fast_runs"
[ "$cli" -eq 1 ] && set -- "$@" "jixiao-score" "$jixiao score $csv" "$fast_runs"
: >"$out/times.txt"
: >"$out/commands.txt"
while [ $# -gt 0 ]; do
    name=$1
    cmd=$2
    n=$3
    shift 3
    printf '%s %s\n' "$name" "$cmd" >>"$out/commands.txt"
    if [ "$have_hyperfine" -eq 1 ]; then
        # Warm caches for every run: the machine may evict cold file pages (DAMON).
        hyperfine --style basic --warmup 1 --runs "$n" --prepare "cat $csv > /dev/null" \
            --export-json "$out/$name.json" -n "$name" "$cmd > /dev/null" \
            >"$out/$name.hyperfine.txt"
        "$py" -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(sys.argv[2], "%.4f %.4f %.4f %.4f %d" % (r["median"], r["mean"], r["stddev"], r["min"],
                                              len(r["times"])))
' "$out/$name.json" "$name" >>"$out/times.txt"
    else
        /usr/bin/time -f '%e' -o "$out/t.txt" sh -c "$cmd > /dev/null"
        t=$(cat "$out/t.txt")
        printf '%s %s %s 0 %s 1\n' "$name" "$t" "$t" "$t" >>"$out/times.txt"
    fi
done
[ "$have_hyperfine" -eq 1 ] || say "bench: hyperfine not found; one run of each with /usr/bin/time"
median_of() { awk -v n="$1" '$1 == n { print $2 }' "$out/times.txt"; }

{
    say "# leaf-table benchmark, $(date -u +%Y-%m-%d), $(nproc) CPUs"
    say ""
    say "table: $count evaluations, $rows leaves, $csv_bytes bytes ($((csv_bytes / 1048576)) MiB)," \
        "seed $seed"
    say ""
    say "| command | runs | median s | mean s | ± | min s | evaluations/s | MB/s | peak RSS MiB |"
    say "|---|---|---|---|---|---|---|---|---|"
    while read -r name median mean sd min n; do
        cmd=$(awk -v n="$name" '$1 == n { $1 = ""; print substr($0, 2) }' "$out/commands.txt")
        # shellcheck disable=SC2086
        rss=$(peak_rss $cmd)
        awk -v name="$name" -v md="$median" -v m="$mean" -v s="$sd" -v mn="$min" -v n="$n" \
            -v c="$count" -v b="$csv_bytes" -v r="$rss" 'BEGIN {
            printf "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.0f | %.0f | %.0f |\n",
                name, n, md, m, s, mn, c / md, b / md / 1e6, r / 1024 }'
    done <"$out/times.txt"
} | tee "$out/summary.md"

pandas=$(median_of pandas)
awk -v p="$pandas" -v j="$(median_of jixiao-lib-2t)" 'BEGIN {
    printf "\nratio of medians, pandas / jixiao (library, 2 threads): %.1fx (target 20x: %s)\n",
        p / j, (p / j >= 20) ? "met" : "NOT met" }' | tee -a "$out/summary.md"
awk -v p="$pandas" -v j="$(median_of jixiao-lib-2t-mmap)" 'BEGIN {
    printf "ratio of medians, pandas / jixiao (library, 2 threads, mmap): %.1fx\n", p / j }' |
    tee -a "$out/summary.md"
if [ "$cli" -eq 1 ]; then
    awk -v p="$pandas" -v j="$(median_of jixiao-score)" 'BEGIN {
        printf "ratio of medians, pandas / jixiao score: %.1fx\n", p / j }' |
        tee -a "$out/summary.md"
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
find "$yaml" -name '*.yaml' -exec cat {} + >/dev/null # warm the cache, as for the table
/usr/bin/time -f '%e %M' -o "$out/yaml-time.txt" "$jixiao" score "$yaml" >/dev/null 2>&1 ||
    die "jixiao score $yaml failed"
read -r secs rss <"$out/yaml-time.txt"
awk -v s="$secs" -v c="$count" -v r="$rss" 'BEGIN {
    printf "\njixiao score DIR: %d YAML files in %.2f s = %.0f files/s, peak RSS %.0f MiB\n",
        c, s, c / s, r / 1024 }' | tee -a "$out/summary.md"
say "bench: results in $out/summary.md"
