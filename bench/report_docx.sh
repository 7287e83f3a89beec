#!/bin/sh
# The DOCX report benchmark (docs/performance.md "DOCX reports"): jixiao writing the
# reports of N generated evaluations as .docx on one core, against pandoc writing .docx
# from an equivalent Markdown, one process per document as people use it. The Markdown
# is made from jixiao's own report model (`jixiao report -o x.json`): the same headings,
# paragraphs and tables, merged cells repeated as text, and the same chart pictures
# (taken from jixiao's .docx, so pandoc only embeds what jixiao has to draw). Pages per
# document are counted by LibreOffice on a sample of both outputs, so the comparison is
# between documents of the same length.
#
# Usage: bench/report_docx.sh BUILD_DIR
# Environment: BENCH_COUNT (1000 evaluations), BENCH_SEED (1), BENCH_SAMPLE (10 documents
#   for the page count), BENCH_DATA (BUILD_DIR/bench-docx), BENCH_CPU (0: the core both
#   run on).
# Needs: pandoc (apt-get install pandoc), soffice (libreoffice-writer-nogui), pdfinfo,
#   GNU time (/usr/bin/time), taskset, /usr/bin/python3.
set -eu

build=${1:?usage: bench/report_docx.sh BUILD_DIR}
build=$(cd "$build" && pwd)
count=${BENCH_COUNT:-1000}
seed=${BENCH_SEED:-1}
sample=${BENCH_SAMPLE:-10}
cpu=${BENCH_CPU:-0}
data=${BENCH_DATA:-$build/bench-docx}
jixiao=$build/jixiao
gen=$build/jixiao-gen
py=/usr/bin/python3
export LC_ALL=C.UTF-8

say() { printf '%s\n' "$*"; }
die() {
    printf 'bench: %s\n' "$*" >&2
    exit 1
}
for f in "$jixiao" "$gen"; do
    [ -x "$f" ] || die "'$f' is missing: build first"
done
for t in pandoc soffice pdfinfo taskset /usr/bin/time "$py"; do
    command -v "$t" >/dev/null 2>&1 || die "'$t' is not installed"
done
btype=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
case "$btype" in
Release | RelWithDebInfo) ;;
*) say "bench: warning: $build is a '${btype:-no build type}' build; timings mean little" ;;
esac

evals=$data/eval-$count-$seed
if [ "$(find "$evals" -name '*.yaml' 2>/dev/null | wc -l)" -ne "$count" ]; then
    rm -rf "$evals"
    mkdir -p "$evals"
    "$gen" --seed "$seed" --count "$count" --out "$evals" >/dev/null
fi
rm -rf "$data/jx" "$data/json" "$data/md" "$data/pandoc" "$data/pdf"
mkdir -p "$data/jx" "$data/json" "$data/md" "$data/pandoc" "$data/pdf"

# Wall time, CPU time (user + system) and peak RSS from GNU time's report. On a shared
# machine the CPU time is the fair measure: it is what each tool costs, whatever else runs.
elapsed() { sed -n 's/^.*Elapsed (wall clock) time.*: //p' "$1" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'; }
cputime() { awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$1"; }
maxrss() { sed -n 's/^.*Maximum resident set size (kbytes): //p' "$1"; }

# ---- jixiao: one process for the whole directory, one core ----
/usr/bin/time -v -o "$data/jx.time" taskset -c "$cpu" \
    "$jixiao" report "$evals" --format docx --outdir "$data/jx" >/dev/null ||
    die "jixiao report failed"
n_jx=$(find "$data/jx" -name '*.docx' | wc -l)
[ "$n_jx" -eq "$count" ] || die "jixiao wrote $n_jx documents, not $count"
jx_s=$(elapsed "$data/jx.time")
jx_cpu=$(cputime "$data/jx.time")
jx_rss=$(maxrss "$data/jx.time")

# ---- the equivalent Markdown (not timed) ----
"$jixiao" report "$evals" --format json --outdir "$data/json" >/dev/null || die "jixiao json failed"
"$py" - "$data/json" "$data/jx" "$data/md" <<'PYEOF' || die "markdown generation failed"
import json, os, re, sys, zipfile
src, docx, out = sys.argv[1:4]
def esc(s):
    return re.sub(r'([\\`*_{}\[\]<>#|$~^])', r'\\\1', s)
def cell(c):
    return "" if c is None else esc((c if isinstance(c, str) else c["text"]).replace("\n", " "))
for name in sorted(os.listdir(src)):
    if not name.endswith(".json"):
        continue
    base = name[:-5]
    m = json.load(open(os.path.join(src, name), encoding="utf-8"))
    z = zipfile.ZipFile(os.path.join(docx, base + ".docx"))
    lines = ["---", "title: " + json.dumps(m["title"], ensure_ascii=False)]
    if m.get("author"):
        lines.append("author: " + json.dumps(m["author"], ensure_ascii=False))
    if m.get("date"):
        lines.append("date: " + json.dumps(m["date"]))
    lines += ["---", ""]
    charts = 0
    for b in m["blocks"]:
        if "heading" in b:
            lines += ["#" * b["heading"] + " " + esc(b["text"]), ""]
        elif "paragraph" in b:
            for para in b["text"].split("\n"):
                lines += [esc(para), ""]
        elif "table" in b:
            t = b["table"]
            rows = t["rows"]
            # Merged cells carry their text once; Markdown has no merges.
            lines.append("| " + " | ".join(cell(c) for c in rows[0]) + " |")
            lines.append("|" + "---|" * len(rows[0]))
            for r in rows[1:]:
                lines.append("| " + " | ".join(cell(c) for c in r) + " |")
            lines.append("")
        elif "chart" in b:
            charts += 1
            png = "%s-chart%d.png" % (base, charts)
            with open(os.path.join(out, png), "wb") as f:
                f.write(z.read("word/media/chart%d.png" % charts))
            lines += ["![%s](%s){width=14.8cm}" % (esc(b["chart"]["title"] or ""), png), ""]
        elif b.get("page_break"):
            lines += ["```{=openxml}", '<w:p><w:r><w:br w:type="page"/></w:r></w:p>', "```", ""]
    with open(os.path.join(out, base + ".md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
PYEOF

# ---- pandoc: one process per document, one core ----
/usr/bin/time -v -o "$data/pandoc.time" taskset -c "$cpu" sh -c '
    cd "$1" && for f in *.md; do
        pandoc -f markdown -t docx -o "$2/${f%.md}.docx" "$f" || exit 1
    done' sh "$data/md" "$data/pandoc" || die "pandoc failed"
n_pd=$(find "$data/pandoc" -name '*.docx' | wc -l)
[ "$n_pd" -eq "$count" ] || die "pandoc wrote $n_pd documents, not $count"
pd_s=$(elapsed "$data/pandoc.time")
pd_cpu=$(cputime "$data/pandoc.time")
pd_rss=$(maxrss "$data/pandoc.time")

# ---- pages per document, by LibreOffice, on the same sample of both ----
mkdir -p "$data/pdf/jx" "$data/pdf/pandoc" "$data/sample/jx" "$data/sample/pandoc"
for f in $(cd "$data/jx" && ls | head -n "$sample"); do
    cp "$data/jx/$f" "$data/sample/jx/$f"
    cp "$data/pandoc/$f" "$data/sample/pandoc/$f"
done
pages() {
    soffice -env:UserInstallation="file://$data/lo" --headless --convert-to pdf \
        --outdir "$data/pdf/$1" "$data/sample/$1"/*.docx >/dev/null 2>&1 || die "soffice failed"
    for p in "$data/pdf/$1"/*.pdf; do pdfinfo "$p" | sed -n 's/^Pages: *//p'; done |
        awk '{ s += $1; n++ } END { printf "%.1f", s / n }'
}
jx_pages=$(pages jx)
pd_pages=$(pages pandoc)
jx_kb=$(du -sk "$data/jx" | cut -f1)
pd_kb=$(du -sk "$data/pandoc" | cut -f1)

"$py" - "$count" "$jx_s" "$jx_cpu" "$jx_rss" "$jx_pages" "$jx_kb" "$pd_s" "$pd_cpu" "$pd_rss" "$pd_pages" "$pd_kb" <<'PYEOF'
import sys
n = int(sys.argv[1])
jx_s, jx_cpu, jx_rss, jx_pages, jx_kb, pd_s, pd_cpu, pd_rss, pd_pages, pd_kb = map(float, sys.argv[2:])
print("DOCX reports of %d generated evaluations, one core (taskset):" % n)
print("| | documents/s (CPU time) | documents/s (wall) | peak RSS | pages/document | KiB/document |")
print("|---|---:|---:|---:|---:|---:|")
print("| jixiao report --format docx (one process) | %.0f | %.0f | %.1f MiB | %.1f | %.0f |" % (n / jx_cpu, n / jx_s, jx_rss / 1024, jx_pages, jx_kb / n))
print("| pandoc -t docx (one process per document) | %.1f | %.1f | %.1f MiB | %.1f | %.0f |" % (n / pd_cpu, n / pd_s, pd_rss / 1024, pd_pages, pd_kb / n))
print("jixiao / pandoc: %.0fx by CPU time, %.0fx by wall time (target >= 50x)" % (pd_cpu / jx_cpu, pd_s / jx_s))
PYEOF
