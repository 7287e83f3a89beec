#!/bin/sh
# Help, version, unknown commands and the generated man page.
. "$(dirname "$0")/lib.sh"

run --help
expect_status 0
for c in new validate score template help; do expect_contains out "  $c "; done
expect_contains out "exit status:"

run
expect_status 2
expect_contains err "usage: jixiao"

run --version
expect_status 0
expect_contains out "jixiao "

run frobnicate
expect_status 2
expect_contains err "'frobnicate' is not a command"

run score --help
expect_status 0
expect_contains out "usage: jixiao score"
expect_contains out "--detail"

run help validate
expect_status 0
expect_contains out "usage: jixiao validate"

run score --no-such-option x.yaml
expect_status 2
expect_contains err "unknown option '--no-such-option'"

# docs/jixiao.1 is generated from the command table and must stay in step with it.
run help --man
expect_status 0
if diff -u "$JX_SRC/docs/jixiao.1" "$TMP/out" >"$TMP/diff"; then ok; else
    fail "docs/jixiao.1 is stale; regenerate with: jixiao help --man > docs/jixiao.1"
    cat "$TMP/diff" >&2
fi

done_testing
