#!/bin/sh
# The PDF report benchmark (docs/performance.md, "PDF reports"): jixiao writing the PDF
# reports of N generated evaluations in one process on one core, against LibreOffice
# headless converting jixiao's DOCX reports of the same evaluations to PDF in one soffice
# call with its own profile, also on one core. Prints documents/s, peak RSS and pages per
# document for both, and the speed-up.
#
# Usage: bench/report_pdf.sh BUILD_DIR   (not part of make test; takes minutes)
# Environment: BENCH_COUNT (1000 evaluations), BENCH_SEED (1), BENCH_LO_COUNT (how many of
#   them LibreOffice converts; default all), BENCH_DATA (BUILD_DIR/bench-report-pdf),
#   BENCH_CPU (0: the core both run on).
# Exit status: 0 when both produced every document, 1 otherwise.
set -eu

build=${1:?usage: bench/report_pdf.sh BUILD_DIR}
build=$(cd "$build" && pwd)
count=${BENCH_COUNT:-1000}
seed=${BENCH_SEED:-1}
lo_count=${BENCH_LO_COUNT:-$count}
data=${BENCH_DATA:-$build/bench-report-pdf}
cpu=${BENCH_CPU:-0}
jixiao=$build/jixiao
gen=$build/jixiao-gen
export LC_ALL=C.UTF-8

die() {
    printf 'bench: %s\n' "$*" >&2
    exit 1
}
for tool in "$jixiao" "$gen"; do
    [ -x "$tool" ] || die "$tool is missing: build it first (make -C $build)"
done
for tool in soffice pdfinfo taskset /usr/bin/time; do
    command -v "$tool" >/dev/null || die "$tool is missing"
done

# measure NAME COMMAND...: runs COMMAND on one core; leaves $data/NAME.time (GNU time -v)
measure() {
    name=$1
    shift
    /usr/bin/time -v -o "$data/$name.time" taskset -c "$cpu" "$@" >"$data/$name.log" 2>&1 ||
        die "$name failed, see $data/$name.log"
}
wall() { # NAME -> seconds
    sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$data/$1.time" |
        awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'
}
cpu_s() { # NAME -> user + system seconds: the fair measure on a busy machine
    awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$data/$1.time"
}
rss_mib() { # NAME -> MiB
    sed -n 's/.*Maximum resident set size (kbytes): //p' "$data/$1.time" |
        awk '{ printf "%.0f", $1 / 1024 }'
}
pages_per_doc() { # DIR -> mean pages of the PDFs in DIR
    for f in "$1"/*.pdf; do pdfinfo "$f" | sed -n 's/^Pages: *//p'; done |
        awk '{ s += $1; n++ } END { if (n) printf "%.1f", s / n; else print 0 }'
}
count_pdfs() { find "$1" -name '*.pdf' | wc -l | tr -d ' '; }

rm -rf "$data"
mkdir -p "$data/evals" "$data/pdf" "$data/docx" "$data/lo-in" "$data/lo-pdf" "$data/lo-warmup"
"$gen" --seed "$seed" --count "$count" --out "$data/evals" >/dev/null

# jixiao: one process renders every report, so the font map is loaded once.
measure jixiao-pdf "$jixiao" report --outdir "$data/pdf" --format pdf "$data/evals"
[ "$(count_pdfs "$data/pdf")" -eq "$count" ] || die "jixiao wrote $(count_pdfs "$data/pdf") PDFs, not $count"

# The DOCX LibreOffice converts are jixiao's own, so both print the same report.
"$jixiao" report --outdir "$data/docx" --format docx "$data/evals" >/dev/null ||
    die "jixiao could not write the DOCX reports"
find "$data/docx" -name '*.docx' | sort | head -n "$lo_count" | while read -r f; do
    ln -s "$f" "$data/lo-in/"
done
# One soffice call for the batch, with a profile of its own. The profile is created by a
# first conversion outside the measurement, so the batch measures converting, not
# LibreOffice's first-start setup.
first=$(find "$data/docx" -name '*.docx' | sort | head -n 1)
taskset -c "$cpu" soffice "-env:UserInstallation=file://$data/lo-profile" --headless \
    --convert-to pdf --outdir "$data/lo-warmup" "$first" >/dev/null 2>&1 ||
    die "LibreOffice cannot convert $first"
measure soffice soffice "-env:UserInstallation=file://$data/lo-profile" --headless \
    --convert-to pdf --outdir "$data/lo-pdf" "$data/lo-in"/*.docx
[ "$(count_pdfs "$data/lo-pdf")" -eq "$lo_count" ] ||
    die "LibreOffice wrote $(count_pdfs "$data/lo-pdf") PDFs, not $lo_count"

j_s=$(wall jixiao-pdf)
l_s=$(wall soffice)
j_cpu=$(cpu_s jixiao-pdf)
l_cpu=$(cpu_s soffice)
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.2f", n / s }'; }
printf '%-32s %6s %9s %9s %9s %9s %9s\n' "run (one core, cpu $cpu)" docs "wall s" "docs/s" \
    "cpu s" "docs/cpu-s" "peak MiB"
printf '%-32s %6s %9s %9s %9s %9s %9s\n' "jixiao report --format pdf" "$count" "$j_s" \
    "$(rate "$count" "$j_s")" "$j_cpu" "$(rate "$count" "$j_cpu")" "$(rss_mib jixiao-pdf)"
printf '%-32s %6s %9s %9s %9s %9s %9s\n' "soffice --convert-to pdf (DOCX)" "$lo_count" "$l_s" \
    "$(rate "$lo_count" "$l_s")" "$l_cpu" "$(rate "$lo_count" "$l_cpu")" "$(rss_mib soffice)"
printf 'pages per document: jixiao %s, LibreOffice %s\n' "$(pages_per_doc "$data/pdf")" \
    "$(pages_per_doc "$data/lo-pdf")"
printf 'bytes per document: jixiao %s, LibreOffice %s\n' \
    "$(du -sb "$data/pdf" | awk -v n="$count" '{ printf "%.0f", $1 / n }')" \
    "$(du -sbL "$data/lo-pdf" | awk -v n="$lo_count" '{ printf "%.0f", $1 / n }')"
awk -v jn="$count" -v js="$j_s" -v jc="$j_cpu" -v ln="$lo_count" -v ls="$l_s" -v lc="$l_cpu" \
    'BEGIN { printf "speed-up: %.1fx by wall time, %.1fx by CPU time (target 30x)\n",
             (jn / js) / (ln / ls), (jn / jc) / (ln / lc) }'
