#!/bin/sh
# The store benchmark (docs/performance.md, "Store"): `jixiao db load` of generated
# evaluations into a fresh SQLite file and into a fresh PostgreSQL cluster, `jixiao db
# summary` over them, and the pandas peer computing the same summary from the same
# evaluations, all in one run.
#
# Usage: bench/store_load.sh BUILD_DIR
# Environment: BENCH_STORE_COUNT (100000 evaluations), BENCH_STORE_SEED (1),
#   BENCH_DATA (BUILD_DIR/bench-data), BENCH_RUNS (3 runs of each summary and of pandas).
#
# Fairness:
# - Both stores are durable as configured for production: SQLite in WAL mode with
#   synchronous=NORMAL (the store's setting), PostgreSQL 15 with Debian's defaults (fsync
#   on, synchronous_commit on) on a Unix socket. Both loads start from an empty store and
#   read the same YAML files; page cache warm for both.
# - The peer gets what `db summary` reads: one row per evaluation (unit, kind, year, total,
#   grade, budget), exported once from the SQLite store to CSV. pandas reads that CSV and
#   computes the summary; jixiao reads its database. Neither time includes the load. The
#   outputs must agree byte for byte (SQLite, PostgreSQL and pandas) or no ratio is printed.
set -eu

build=${1:?usage: bench/store_load.sh BUILD_DIR}
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$build" && pwd)
count=${BENCH_STORE_COUNT:-100000}
seed=${BENCH_STORE_SEED:-1}
runs=${BENCH_RUNS:-3}
data=${BENCH_DATA:-$build/bench-data}
py=/usr/bin/python3
jixiao=$build/jixiao
gen=$build/jixiao-gen
yaml=$data/store-yaml-$count-$seed
out=$data/store-results
export LC_ALL=C.UTF-8 JIXIAO_USER=bench

say() { printf '%s\n' "$*"; }
die() {
    printf 'bench: %s\n' "$*" >&2
    exit 1
}

for f in "$jixiao" "$gen"; do
    [ -x "$f" ] || die "'$f' is missing: build first (make build)"
done
"$py" -c 'import pandas' 2>/dev/null || die "$py cannot import pandas (apt-get install python3-pandas)"
command -v sqlite3 >/dev/null || die "sqlite3 is missing (apt-get install sqlite3)"
mkdir -p "$data" "$out"

# ---- data: the YAML files, once ----
if [ ! -s "$yaml/eval-$(printf '%06d' "$count").yaml" ]; then
    say "bench: writing $count YAML evaluations to $yaml"
    rm -rf "$yaml"
    "$gen" --seed "$seed" --count "$count" --yaml --out "$yaml"
fi
find "$yaml" -name '*.yaml' -exec cat {} + >/dev/null # warm the page cache, once for both
bytes=$(du -sb "$yaml" | cut -f1)
say "bench: $count evaluations, $((bytes / 1048576)) MiB of YAML"

# seconds CMD...: runs CMD (stdout to $out/last.out), prints its wall time in seconds
seconds() {
    /usr/bin/time -f '%e %M' -o "$out/time.txt" "$@" >"$out/last.out" 2>"$out/last.err" || {
        cat "$out/last.err" >&2
        die "failed: $*"
    }
    cut -d' ' -f1 "$out/time.txt"
}
rss_mib() { awk '{ printf "%.0f", $2 / 1024 }' "$out/time.txt"; }
# median_of CMD...: the median wall time of $runs runs
median_of() {
    : >"$out/runs.txt"
    i=0
    while [ "$i" -lt "$runs" ]; do
        seconds "$@" >>"$out/runs.txt"
        i=$((i + 1))
    done
    sort -n "$out/runs.txt" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

# The generator's 100,000 evaluations share 2,160 identities (unit, project, year, kind), so
# the store keeps 2,160 evaluations and 97,840 earlier revisions, and `db summary` reads
# 2,160 rows. To time the summary over 100,000 evaluations as well, scale_up copies each
# evaluation under COPIES new project names (same unit, scores, grades and budgets),
# with the same SQL on both backends.
scale_sql() { # copies
    cat <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
INSERT INTO projects (unit_id, name)
SELECT p.unit_id, p.name || ' #' || n.i FROM projects p CROSS JOIN n
WHERE p.name NOT LIKE '% #%';
INSERT INTO evaluations (project_id, year, kind, status, version, revision, total, grade,
    budget_planned, budget_received, budget_spent, source_sha256, updated_at, updated_by)
SELECT c.id, e.year, e.kind, e.status, e.version, e.revision, e.total, e.grade,
    e.budget_planned, e.budget_received, e.budget_spent, e.source_sha256, e.updated_at,
    e.updated_by
FROM evaluations e JOIN projects p ON p.id = e.project_id
JOIN projects c ON c.unit_id = p.unit_id AND c.name LIKE p.name || ' #%'
WHERE p.name NOT LIKE '% #%';
SQL
}
copies() { # evaluations now -> copies needed for >= count
    echo $(((count + $1 - 1) / $1 - 1))
}

# ---- SQLite ----
db=$out/store.db
rm -f "$db" "$db-wal" "$db-shm"
"$jixiao" db init --db "sqlite:$db" >/dev/null
lite_load=$(seconds "$jixiao" db load --quiet --db "sqlite:$db" "$yaml")
lite_rss=$(rss_mib)
lite_line=$(cat "$out/last.out")
say "bench: sqlite load: $lite_line in $lite_load s (peak RSS $lite_rss MiB)"
lite_sum=$(median_of "$jixiao" db summary --format csv --db "sqlite:$db")
cp "$out/last.out" "$out/summary-sqlite.csv"
say "bench: sqlite summary: $lite_sum s (median of $runs)"
lite_evals=$(sqlite3 "$db" "SELECT COUNT(*) FROM evaluations")
ncopies=$(copies "$lite_evals")

# ---- PostgreSQL ----
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/jx-pg-bench.XXXXXX")
trap 'sh "$src/scripts/pg-test-cluster.sh" stop "$pgdir"' EXIT
pg=$(sh "$src/scripts/pg-test-cluster.sh" start "$pgdir" --durable)
"$jixiao" db init --db "$pg" >/dev/null
pg_load=$(seconds "$jixiao" db load --quiet --db "$pg" "$yaml")
pg_rss=$(rss_mib)
pg_line=$(cat "$out/last.out")
say "bench: postgresql load: $pg_line in $pg_load s (peak RSS $pg_rss MiB)"
pg_sum=$(median_of "$jixiao" db summary --format csv --db "$pg")
cp "$out/last.out" "$out/summary-pg.csv"
say "bench: postgresql summary: $pg_sum s (median of $runs)"
scale_sql "$ncopies" | psql -X -q -v ON_ERROR_STOP=1 "$pg" >/dev/null
psql -X -q "$pg" -c "ANALYZE" >/dev/null
pg_sum_big=$(median_of "$jixiao" db summary --format csv --db "$pg")
cp "$out/last.out" "$out/summary-big-pg.csv"
sh "$src/scripts/pg-test-cluster.sh" stop "$pgdir"
trap - EXIT

# ---- the peer, on what the store holds ----
export_csv() { # file
    sqlite3 -csv -header "$db" "SELECT u.id AS unit_id, u.name AS unit, e.kind, e.year,
        e.total, e.grade, e.budget_planned AS planned, e.budget_received AS received,
        e.budget_spent AS spent FROM evaluations e JOIN projects p ON p.id = e.project_id
        JOIN units u ON u.id = p.unit_id ORDER BY e.id" >"$1"
}
csv=$out/evaluations.csv
export_csv "$csv"
peer=$(median_of "$py" "$src/bench/store_summary_peer.py" "$csv")
cp "$out/last.out" "$out/summary-pandas.csv"
say "bench: pandas summary ($lite_evals evaluations): $peer s (median of $runs)"

# ---- the summary over 100,000 evaluations ----
scale_sql "$ncopies" | sqlite3 "$db"
big=$(sqlite3 "$db" "SELECT COUNT(*) FROM evaluations")
lite_sum_big=$(median_of "$jixiao" db summary --format csv --db "sqlite:$db")
cp "$out/last.out" "$out/summary-big-sqlite.csv"
csv_big=$out/evaluations-big.csv
export_csv "$csv_big"
peer_big=$(median_of "$py" "$src/bench/store_summary_peer.py" "$csv_big")
cp "$out/last.out" "$out/summary-big-pandas.csv"
peer_rss=$(rss_mib)
say "bench: summary over $big evaluations: sqlite $lite_sum_big s, postgresql $pg_sum_big s," \
    "pandas $peer_big s (CSV $(($(wc -c <"$csv_big") / 1048576)) MiB)"

agree=1
for pair in "sqlite pg" "sqlite pandas" "big-sqlite big-pg" "big-sqlite big-pandas"; do
    # shellcheck disable=SC2086 # the pair is two words on purpose
    set -- $pair
    if cmp -s "$out/summary-$1.csv" "$out/summary-$2.csv"; then
        say "bench: agree: summary, $1 vs $2 ($(wc -l <"$out/summary-$1.csv") lines)"
    else
        say "bench: DISAGREE: summary, $1 vs $2:"
        diff "$out/summary-$1.csv" "$out/summary-$2.csv" | head -10
        agree=0
    fi
done
[ "$agree" -eq 1 ] || die "the summaries disagree; no ratios"

{
    say "# store benchmark, $(date -u +%Y-%m-%d), $(nproc) CPUs, $count evaluations (seed $seed)"
    say ""
    say "| step | SQLite s | PostgreSQL s | pandas s | target |"
    say "|---|---|---|---|---|"
    say "| db load (YAML files -> store) | $lite_load | $pg_load | | < 10 |"
    say "| db summary --format csv, $lite_evals evaluations (median of $runs) | $lite_sum | $pg_sum | $peer | < 1 |"
    say "| db summary --format csv, $big evaluations (median of $runs) | $lite_sum_big | $pg_sum_big | $peer_big | < 1 |"
    say ""
    say "load results: sqlite '$lite_line', postgresql '$pg_line'"
    say "peak RSS MiB: load sqlite $lite_rss, load postgresql $pg_rss, pandas $peer_rss"
    awk -v p="$peer_big" -v l="$lite_sum_big" -v g="$pg_sum_big" -v n="$big" 'BEGIN {
        printf "ratio pandas / jixiao summary over %d evaluations: %.1fx (SQLite), %.1fx (PostgreSQL)\n",
            n, p / l, p / g }'
    awk -v l="$lite_load" -v g="$pg_load" -v c="$count" 'BEGIN {
        printf "load rate: %.0f evaluations/s (SQLite), %.0f evaluations/s (PostgreSQL)\n",
            c / l, c / g }'
} | tee "$out/summary.md"
say "bench: results in $out/summary.md"
