#!/bin/sh
# verify-audit: the hash chain catches a row edited or deleted behind jixiao's back (with
# the sqlite3 shell) and names the first bad row; exit 1.
. "$(dirname "$0")/lib.sh"
export JIXIAO_TEST_NOW=1764057600 JIXIAO_USER=tester
unset JIXIAO_DB
cd "$TMP" || exit 1
mkdir ex
cp "$JX_SRC"/examples/*.yaml ex/

run db init --db a.db
run db load --db a.db ex
expect_status 0
run db submit 1 --version 1 --db a.db
expect_status 0
run db verify-audit --db a.db
expect_status 0
expect_golden out db-audit-ok.txt
cp a.db pristine.db

# an edited row
sqlite3 a.db "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2"
run db verify-audit --db a.db
expect_status 1
expect_golden err db-audit-edited.err

# an edited digest
cp pristine.db a.db
sqlite3 a.db "UPDATE audit_log SET after_digest = before_digest WHERE seq = 4"
run db verify-audit --db a.db
expect_status 1
expect_contains err "audit row 4 (submit evaluation 1 by tester at 2025-11-25T08:00:00Z) was altered"

# a deleted row
cp pristine.db a.db
sqlite3 a.db "DELETE FROM audit_log WHERE seq = 2"
run db verify-audit --db a.db
expect_status 1
expect_contains err "audit row 2 is missing (the next row is 3)"

# the last row deleted: the chain head still knows it was there
cp pristine.db a.db
sqlite3 a.db "DELETE FROM audit_log WHERE seq = 4"
run db verify-audit --db a.db
expect_status 1
expect_contains err "audit rows 4 to 4 are missing (the log ends at 3)"

# the chain goes on from where it was after more changes
cp pristine.db a.db
run db approve 1 --version 2 --db a.db
expect_status 0
run db verify-audit --db a.db
expect_status 0
expect_contains out "audit log intact: 5 rows"
done_testing
