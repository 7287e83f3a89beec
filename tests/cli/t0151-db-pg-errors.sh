#!/bin/sh
# `jixiao db` against PostgreSQL servers that cannot serve: no server on the socket, a
# wrong password (the message masks it), an unknown database, a database never
# initialised, and malformed URLs. Environment failures exit 3, bad URLs 2, and every
# message names the store and says what to check.
. "$(dirname "$0")/lib.sh"

pgdir=$(mktemp -d "${TMPDIR:-/tmp}/jx-pg.XXXXXX")
nosrv=$(mktemp -d "${TMPDIR:-/tmp}/jx-nosrv.XXXXXX")
trap 'sh "$JX_SRC/scripts/pg-test-cluster.sh" stop "$pgdir"; rm -rf "$TMP" "$nosrv"' EXIT
PG=$(sh "$JX_SRC/scripts/pg-test-cluster.sh" start "$pgdir") || {
    echo "cannot start a PostgreSQL test cluster" >&2
    exit 1
}
PW_URL=$(printf '%s\n' "$PG" | sed 's/user=jixiao$/user=jixiao_pw/')

# no server listens in this socket directory
run db list --db "postgresql:///jixiao_test?host=$nosrv&user=jixiao"
expect_status 3
expect_contains err "jixiao: cannot connect to postgresql:///jixiao_test?host=$nosrv"
expect_contains err "is the server running"

# a wrong password, in the query and in the userinfo; never echoed
run db list --db "$PW_URL&password=hunter2"
expect_status 3
expect_contains err "password authentication failed"
expect_contains err "password=***"
expect_not_contains err "hunter2"
sock_part=${PW_URL#postgresql://}
run db list --db "postgresql://jixiao_pw:hunter2@$sock_part"
expect_status 3
expect_contains err "jixiao_pw:***@"
expect_not_contains err "hunter2"
# the right password gets through to the next problem: the schema is not there yet
run db list --db "$PW_URL&password=jixiao-secret"
expect_status 2
expect_not_contains err "jixiao-secret"

# an unknown database
run db list --db "$(printf '%s\n' "$PG" | sed 's|/jixiao_test?|/no_such_db?|')"
expect_status 3
expect_contains err 'database "no_such_db" does not exist'

# malformed URLs are usage errors
run db list --db "postgresql:///jixiao_test?host=$pgdir&no_such_option=1"
expect_status 2
expect_contains err "bad postgresql URL"
expect_contains err 'invalid URI query parameter: "no_such_option"'
run db list --db "postgresql://[::1/db"
expect_status 2
expect_contains err "bad postgresql URL"

# the server stops under a working store: the next command says so, exit 3
run db init --db "$PG"
expect_status 0
sh "$JX_SRC/scripts/pg-test-cluster.sh" stop "$pgdir"
run db summary --db "$PG"
expect_status 3
expect_contains err "cannot connect"

done_testing
