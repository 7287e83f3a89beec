#!/bin/sh
# The review benchmark (docs/performance.md, "Review"), on one core (taskset -c 0):
# 1. `jixiao check` over COUNT generated evaluations (jixiao-gen --seed 1);
# 2. `jixiao check` over DOCX reports made from the first DOCX_COUNT of them by
#    `jixiao report --outdir`, in the same run as the python-docx peer (bench/docx_peer.py,
#    Debian's python3-docx) merely extracting their text; before timing, jixiao's reading
#    of a sample of the .docx is checked against its reading of the peer's text of them.
# Prints evaluations (documents)/second by wall clock and by CPU time (user + sys), since
# on a shared machine the wall clock also measures the neighbours.
#
# Usage: bench/check.sh BUILD_DIR   (an optimized build: cmake -DCMAKE_BUILD_TYPE=Release)
# Environment: BENCH_COUNT (100000), BENCH_DOCX_COUNT (1000), BENCH_DATA (BUILD_DIR/bench-check)
set -eu
build=$(cd "${1:?usage: bench/check.sh BUILD_DIR}" && pwd)
src=$(cd "$(dirname "$0")/.." && pwd)
count=${BENCH_COUNT:-100000}
ndocx=${BENCH_DOCX_COUNT:-1000}
data=${BENCH_DATA:-$build/bench-check}
py=/usr/bin/python3 # Debian's, with python3-docx; not whatever python3 is first on PATH
jixiao=$build/jixiao
export LC_ALL=C.UTF-8

die() {
    printf 'bench: %s\n' "$*" >&2
    exit 1
}
# timed LABEL N CMD...: runs CMD on core 0, prints N/second by wall and by CPU time.
timed() {
    label=$1
    n=$2
    shift 2
    /usr/bin/time -f '%e %U %S' -o "$data/time" taskset -c 0 "$@" >"$data/out" 2>"$data/err" ||
        [ $? -eq 1 ] || die "$label failed: $(head -3 "$data/err")"
    read -r wall user sys <"$data/time"
    awk -v l="$label" -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" 'BEGIN {
        printf "%s: %d in %.2f s wall (%.0f/s), %.2f s CPU (%.0f/s)\n", l, n, w, n / w, u + s,
            n / (u + s) }'
}

mkdir -p "$data"
if [ ! -d "$data/evals" ] || [ "$(ls "$data/evals" | wc -l)" -ne "$count" ]; then
    rm -rf "$data/evals"
    "$build/jixiao-gen" --seed 1 --count "$count" --out "$data/evals"
fi
cat "$data/evals"/eval-000001.yaml >/dev/null
timed "jixiao check, evaluation files" "$count" "$jixiao" check "$data/evals"
printf '  findings: %s\n' "$(wc -l <"$data/out")"

if [ ! -d "$data/docx" ] || [ "$(ls "$data/docx" | wc -l)" -ne "$ndocx" ]; then
    rm -rf "$data/docx" "$data/docx-src"
    mkdir -p "$data/docx-src"
    ls "$data/evals" | head -n "$ndocx" | while read -r f; do cp "$data/evals/$f" "$data/docx-src/"; done
    "$jixiao" report --outdir "$data/docx" --format docx "$data/docx-src" >/dev/null
fi

# Same text: jixiao's extraction of the .docx equals its extraction of the peer's text.
rm -rf "$data/dump" && mkdir -p "$data/dump"
$py "$src/bench/docx_peer.py" "$data/docx" "$data/dump" >"$data/peer-check"
for n in 000001 000002 000003 000500 000999; do
    [ -f "$data/docx/eval-$n.docx" ] || continue
    for kind in docx txt; do
        if [ $kind = docx ]; then f="$data/docx/eval-$n.docx"; else f="$data/dump/eval-$n.txt"; fi
        "$jixiao" check --extract "$f" | $py -c '
import json, sys
d = json.load(sys.stdin)
d.pop("file")
for k in ("sections", "summary_table", "amounts", "rates"):
    for x in d[k]:
        x.pop("line")
print(json.dumps(d, sort_keys=True, ensure_ascii=False))' >"$data/extract.$kind"
    done
    cmp -s "$data/extract.docx" "$data/extract.txt" || die "eval-$n: the .docx and the peer's text read differently"
done
echo "same extraction from the .docx and from python-docx's text: ok"

timed "python-docx extraction (peer)" "$ndocx" $py "$src/bench/docx_peer.py" "$data/docx"
cat "$data/out"
# shellcheck disable=SC2046
timed "jixiao check, .docx reports (extraction + all rules)" "$ndocx" "$jixiao" check \
    $(ls "$data/docx"/*.docx)
