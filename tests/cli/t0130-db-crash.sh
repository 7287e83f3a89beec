#!/bin/sh
# Crash safety: kill -9 a bulk load at a random moment, then the database passes
# PRAGMA integrity_check, every evaluation in it is complete (its current revision, the
# indicator tree, the audit row), and loading again finishes the job with the same result
# as an uninterrupted load.
. "$(dirname "$0")/lib.sh"
: "${JIXIAO_GEN:?JIXIAO_GEN must point at jixiao-gen}"
export JIXIAO_TEST_NOW=1764057600 JIXIAO_USER=tester
unset JIXIAO_DB
cd "$TMP" || exit 1
"$JIXIAO_GEN" --seed 7 --count 1500 --out gen >/dev/null 2>&1 || fail "jixiao-gen failed"

# The reference: one uninterrupted load.
run db init --db ref.db
t0=$(date +%s%N)
run db load --db ref.db --quiet gen
expect_status 0
took=$((($(date +%s%N) - t0) / 1000000))

complete() {
    [ "$(sqlite3 "$1" 'PRAGMA integrity_check')" = ok ] || { fail "$1: integrity_check"; return; }
    ok
    # every evaluation has the revision it points at, every revision its indicators, and
    # every revision one audit row
    n=$(sqlite3 "$1" "SELECT
        (SELECT count(*) FROM evaluations e WHERE NOT EXISTS (SELECT 1 FROM evaluation_versions v
            WHERE v.evaluation_id = e.id AND v.revision = e.revision))
      + (SELECT count(*) FROM evaluation_versions v WHERE NOT EXISTS
            (SELECT 1 FROM indicators i WHERE i.version_id = v.id))
      + abs((SELECT count(*) FROM evaluation_versions) - (SELECT count(*) FROM audit_log))")
    if [ "$n" = 0 ]; then ok; else fail "$1: $n incomplete rows"; fi
    run db verify-audit --db "$1"
    expect_status 0
}

state() {
    sqlite3 "$1" "SELECT p.name, e.year, e.kind, e.total, e.grade, e.source_sha256
        FROM evaluations e JOIN projects p ON p.id = e.project_id ORDER BY 1, 2, 3"
}

for round in 1 2; do
    rm -f c.db c.db-wal c.db-shm
    run db init --db c.db
    # a random moment between 10% and 90% of the time an uninterrupted load takes
    ms=$(od -An -N2 -tu2 /dev/urandom | awk -v t="$took" '{ print int(t / 10 + ($1 % 800) * t / 1000) }')
    "$JIXIAO" db load --db c.db --quiet gen >/dev/null 2>&1 &
    pid=$!
    sleep "$(awk -v ms="$ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    present=$(sqlite3 c.db 'SELECT count(*) FROM evaluation_versions')
    echo "round $round: killed after ${ms} ms with $present revisions stored"
    complete c.db
    run db load --db c.db --quiet gen
    expect_status 0
    complete c.db
    if [ "$(state c.db)" = "$(state ref.db)" ]; then ok; else fail "round $round: state differs from the uninterrupted load"; fi
done
done_testing
