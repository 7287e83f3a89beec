#!/bin/sh
# run-pg.sh PROGRAM [ARGS...]: runs PROGRAM against a throwaway PostgreSQL cluster.
#
# Starts a cluster in a temporary directory (scripts/pg-test-cluster.sh), exports its URL
# as JX_TEST_DB, runs PROGRAM and stops the cluster whatever happens; exits with PROGRAM's
# status. JX_TEST_PG_DIR is the cluster's directory (for tests that need its socket), and
# JX_TEST_DB_PW the URL of the password-protected role without its password.
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=${JX_SRC:-$(cd "$here/../.." && pwd)}
[ $# -ge 1 ] || {
    echo "usage: run-pg.sh PROGRAM [ARGS...]" >&2
    exit 2
}
dir=$(mktemp -d "${TMPDIR:-/tmp}/jx-pg.XXXXXX")
trap 'sh "$src/scripts/pg-test-cluster.sh" stop "$dir"' EXIT
trap 'exit 130' INT TERM
url=$(sh "$src/scripts/pg-test-cluster.sh" start "$dir") || exit 3
JX_TEST_DB=$url
JX_TEST_PG_DIR=$dir
JX_TEST_DB_PW=$(printf '%s\n' "$url" | sed 's/user=jixiao$/user=jixiao_pw/')
export JX_TEST_DB JX_TEST_PG_DIR JX_TEST_DB_PW
status=0
"$@" || status=$?
exit $status
