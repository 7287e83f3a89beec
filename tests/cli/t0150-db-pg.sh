#!/bin/sh
# `jixiao db` on PostgreSQL (a throwaway cluster on a Unix socket): init and migrate, load
# the examples, load them again (unchanged), list, show, export, summary in every format,
# verify-audit, a stale review step refused, two writers of one version of which exactly
# one wins, and backup's pg_dump guidance. Every answer must equal SQLite's for the same
# files: one store, two backends.
. "$(dirname "$0")/lib.sh"

pgdir=$(mktemp -d "${TMPDIR:-/tmp}/jx-pg.XXXXXX")
trap 'sh "$JX_SRC/scripts/pg-test-cluster.sh" stop "$pgdir"; rm -rf "$TMP"' EXIT
PG=$(sh "$JX_SRC/scripts/pg-test-cluster.sh" start "$pgdir") || {
    echo "cannot start a PostgreSQL test cluster" >&2
    exit 1
}
LITE="sqlite:$TMP/store.db"
# the store reads no clock and no login name of its own in these tests
JIXIAO_TEST_NOW=1764000000
JIXIAO_USER=tester
export JIXIAO_TEST_NOW JIXIAO_USER
cd "$JX_SRC" || exit 1
EXAMPLES="examples/jiangyuan-2022-yinshui.yaml examples/jiangyuan-2023-yingyang.yaml examples/xinfeng-2022-xinxihua.yaml"

# same_on_both NAME ARGS...: runs `jixiao db ARGS` on both stores; their stdout and exit
# status must agree; leaves PostgreSQL's answer in $TMP/out
same_on_both() {
    name=$1
    shift
    run db "$@" --db "$LITE"
    cp "$TMP/out" "$TMP/lite.out"
    lite_status=$status
    run db "$@" --db "$PG"
    if [ "$status" -eq "$lite_status" ] && cmp -s "$TMP/lite.out" "$TMP/out"; then ok; else
        fail "$name: PostgreSQL (status $status) and SQLite (status $lite_status) differ"
        diff "$TMP/lite.out" "$TMP/out" | head -20 >&2
        sed 's/^/  stderr: /' "$TMP/err" >&2
    fi
}

run db init --db "$PG"
expect_status 0
expect_contains out "initialised, schema version"
expect_not_contains out "password"
run db migrate --db "$PG"
expect_status 0
expect_contains out "up to date"
run db init --db "$LITE"
expect_status 0

# shellcheck disable=SC2086
same_on_both "load" load --quiet $EXAMPLES
expect_status 0
expect_golden out db-pg-load.txt
# shellcheck disable=SC2086
same_on_both "load again" load --quiet $EXAMPLES
expect_status 0
expect_contains out "loaded 0, updated 0, failed 0 (3 unchanged)"

same_on_both "list" list
expect_status 0
expect_golden out db-pg-list.txt
same_on_both "show" show 1
expect_status 0
expect_golden out db-pg-show.txt
for f in table csv json; do
    same_on_both "summary $f" summary --format "$f"
    expect_status 0
    expect_golden out "db-pg-summary.$f"
done
same_on_both "summary by kind" summary --by kind --year 2022
expect_status 0
expect_golden out db-pg-summary-kind.txt
# the whole store as one table (db export --format csv)
same_on_both "export table" export --format csv -o -
expect_status 0
expect_golden out db-pg-export.csv
same_on_both "export table 2022" export --format csv --year 2022 -o -
expect_status 0
expect_contains out "信息化建设项目,2022"

# export gives back the loaded bytes
run db export 3 -o "$TMP/back.yaml" --db "$PG"
expect_status 0
if cmp -s "$TMP/back.yaml" examples/xinfeng-2022-xinxihua.yaml; then ok; else
    fail "export 3 does not give back examples/xinfeng-2022-xinxihua.yaml"
fi

# a review step names the version it read; the stale one is refused, not merged
run db submit 1 --version 1 --db "$PG"
expect_status 0
run db submit 1 --version 1 --db "$PG"
expect_status 1
expect_contains err "version"

# two writers at once, both having read version 2: exactly one wins
"$JIXIAO" db approve 1 --version 2 --db "$PG" >"$TMP/w1.out" 2>"$TMP/w1.err" &
w1=$!
"$JIXIAO" db return 1 --version 2 -m 重做 --db "$PG" >"$TMP/w2.out" 2>"$TMP/w2.err" &
w2=$!
s1=0
wait "$w1" || s1=$?
s2=0
wait "$w2" || s2=$?
if { [ "$s1" -eq 0 ] && [ "$s2" -eq 1 ]; } || { [ "$s1" -eq 1 ] && [ "$s2" -eq 0 ]; }; then ok; else
    fail "two writers of version 2: exit statuses $s1 and $s2, want one 0 and one 1"
    cat "$TMP/w1.err" "$TMP/w2.err" >&2
fi
run db show 1 --db "$PG"
expect_contains out "版本 3"

run db verify-audit --db "$PG"
expect_status 0
expect_contains out "audit log intact"

# PostgreSQL is backed up by pg_dump, and the message says how
run db backup "$TMP/copy.dump" --db "$PG"
expect_status 2
expect_contains err "pg_dump -Fc -d"
if [ -e "$TMP/copy.dump" ]; then fail "backup wrote a file"; else ok; fi

done_testing
