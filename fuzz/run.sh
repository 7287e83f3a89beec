#!/bin/sh
# Runs every fuzzer built in BUILD_DIR/fuzz for SECONDS each on a scratch copy of its
# corpus (the seeds in fuzz/corpus/NAME stay as committed), then prints how many inputs
# it executed. Crashes are saved under fuzz/artifacts/ (git-ignored); add the ones that
# matter to fuzz/corpus/NAME so that ctest replays them from then on.
# Usage: fuzz/run.sh BUILD_DIR SECONDS
set -eu
if [ $# -ne 2 ]; then
    echo "usage: fuzz/run.sh BUILD_DIR SECONDS" >&2
    exit 2
fi
build=$1
seconds=$2
here=$(cd "$(dirname "$0")" && pwd)
artifacts=$here/artifacts
mkdir -p "$artifacts"
work=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

status=0
found=0
for fuzzer in "$build"/fuzz/fuzz_*; do
    [ -x "$fuzzer" ] || continue
    found=1
    name=$(basename "$fuzzer")
    mkdir -p "$work/$name"
    if [ -d "$here/corpus/$name" ]; then
        cp -R "$here/corpus/$name/." "$work/$name/"
    fi
    dict=
    [ -f "$here/$name.dict" ] && dict="-dict=$here/$name.dict"
    echo "fuzz: $name for ${seconds}s" >&2
    # shellcheck disable=SC2086
    if "$fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/$name-" $dict \
        "$work/$name" >"$work/$name.log" 2>&1; then
        result=ok
    else
        result=FAILED
        status=1
        tail -n 60 "$work/$name.log" >&2
    fi
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$name.log" | tail -n 1)
    corpus=$(find "$work/$name" -type f | wc -l)
    echo "$name: $result, ${execs:-0} executions in ${seconds}s, corpus $corpus inputs"
done
if [ $found -eq 0 ]; then
    echo "fuzz: no fuzzers in $build/fuzz (configure with CC=clang -DJX_FUZZ=ON)" >&2
    exit 2
fi
exit $status
