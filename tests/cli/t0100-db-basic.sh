#!/bin/sh
# jixiao db on SQLite: init, load, list, show, export, summary, versions, the review steps
# with a stale version refused, verify-audit, backup. Clock and user are fixed for goldens.
. "$(dirname "$0")/lib.sh"
export JIXIAO_TEST_NOW=1764057600 JIXIAO_USER=tester
unset JIXIAO_DB
cd "$TMP" || exit 1
mkdir ex
cp "$JX_SRC"/examples/*.yaml ex/

run db list --db t.db
expect_status 2
expect_contains err "sqlite:t.db is not initialised: run 'jixiao db init'"

run db init --db t.db
expect_status 0
expect_golden out db-init.txt
run db migrate --db t.db
expect_status 0
expect_contains out "schema version 1, up to date"

run db load --db t.db ex
expect_status 0
expect_golden out db-load.txt
run db list --db t.db
expect_status 0
expect_golden out db-list.txt
run db list --db t.db --year 2023 --format csv
expect_status 0
expect_golden out db-list-2023.csv
run db show 3 --db t.db
expect_status 0
expect_golden out db-show.txt

# Loading the same files again changes nothing; a changed file becomes revision 2.
run db load --db t.db ex
expect_status 0
expect_contains out "loaded 0, updated 0, failed 0 (3 unchanged)"
echo "# 复核后修改" >>ex/xinfeng-2022-xinxihua.yaml
JIXIAO_DB=sqlite:t.db run db load ex
expect_status 0
expect_contains out "loaded 0, updated 1, failed 0 (2 unchanged)"
run db show 3 --db t.db
expect_contains out "状态  草稿  版本 2  修订 2"

# export writes the current source; --revision an older one
run db export 3 -o cur.yaml --db t.db
expect_status 0
if cmp -s cur.yaml ex/xinfeng-2022-xinxihua.yaml; then ok; else fail "export differs from the file loaded"; fi
run db export 3 --revision 1 -o old.yaml --db t.db
expect_status 0
if cmp -s old.yaml "$JX_SRC/examples/xinfeng-2022-xinxihua.yaml"; then ok; else fail "revision 1 differs"; fi
run db export 3 --db t.db
expect_status 2
expect_contains err "export needs -o FILE"
run db export 99 -o x.yaml --db t.db
expect_status 1
expect_contains err "no evaluation 99 in the store"

run db summary --db t.db
expect_status 0
expect_golden out db-summary.txt
run db summary --db t.db --year 2022 --by kind --format csv
expect_status 0
expect_golden out db-summary-kind.csv
run db summary --db t.db --by grade --format json
expect_status 0
expect_golden out db-summary-grade.json
run db summary --db t.db --by county
expect_status 2
expect_contains err "--by takes unit, kind or grade, not 'county'"

# The review steps name the version they read; a stale one is refused (exit 1).
run db submit 3 --version 2 -m "请审核" --db t.db
expect_status 0
expect_contains out "evaluation 3: submit, now version 3"
run db approve 3 --version 2 --db t.db --user reviewer
expect_status 1
expect_contains err "evaluation 3 was changed by someone else (you read version 2, it is now 3)"
run db approve 3 --version 3 --db t.db --user reviewer
expect_status 0
run db publish 1 --version 1 --db t.db
expect_status 1
expect_contains err "cannot publish evaluation 1: it is 草稿"
run db approve 3 --db t.db
expect_status 2
expect_contains err "approve needs --version N"

run db verify-audit --db t.db
expect_status 0
expect_contains out "audit log intact: 6 rows"
if [ "$(sqlite3 t.db "SELECT actor || ' ' || action FROM audit_log WHERE seq = 6")" = "reviewer approve" ]; then ok; else fail "audit row 6 does not record the reviewer"; fi

# A changed file never reopens an evaluation under review: that file fails, the rest load.
echo "# 审核后再改" >>ex/xinfeng-2022-xinxihua.yaml
run db load --db t.db ex
expect_status 2
expect_contains err "evaluation 3 is 已审核: it can no longer be changed by a load"
expect_contains out "loaded 0, updated 0, failed 1 (2 unchanged)"
run db show 3 --db t.db
expect_contains out "状态  已审核  版本 4  修订 2"

# backup: a consistent single-file copy
run db backup copy.db --db t.db
expect_status 0
if [ "$(sqlite3 copy.db 'PRAGMA integrity_check')" = ok ] && [ ! -e copy.db-wal ]; then ok; else fail "backup is not a clean database"; fi
run db list --db copy.db
expect_status 0
expect_contains out "3 evaluations"
run db backup nodir/copy.db --db t.db
expect_status 3
expect_contains err "cannot"

# Two processes submit evaluation 2 at once, both having read version 1: exactly one wins.
"$JIXIAO" db submit 2 --version 1 --db t.db --user a >a.out 2>a.err &
pa=$!
"$JIXIAO" db submit 2 --version 1 --db t.db --user b >b.out 2>b.err &
pb=$!
sa=0; wait "$pa" || sa=$?
sb=0; wait "$pb" || sb=$?
if [ "$((sa + sb))" = 1 ] && [ "$sa" -le 1 ] && [ "$sb" -le 1 ]; then ok; else fail "concurrent submits exited $sa and $sb"; fi
if cat a.err b.err | grep -q "was changed by someone else (you read version 1, it is now 2)"; then ok; else fail "the loser was not told"; fi
if [ "$(sqlite3 t.db 'SELECT version FROM evaluations WHERE id = 2')" = 2 ]; then ok; else fail "version 2 expected"; fi

# verify-audit also checks the stored sources against the digests in the chain
sqlite3 t.db "UPDATE evaluation_versions SET source = source || ' ' WHERE evaluation_id = 1"
run db verify-audit --db t.db
expect_status 1
expect_contains err "evaluation 1 revision 1: its stored source does not match the SHA-256 recorded in audit row"
expect_contains err "restore the database from a backup"

run db frobnicate --db t.db
expect_status 2
expect_contains err "unknown db subcommand 'frobnicate'"
run db
expect_status 2
done_testing
