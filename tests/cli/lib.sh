# Shared helpers for the CLI tests (git's t/test-lib.sh in miniature).
# Each test script sources this, runs the built binary ($JIXIAO) and checks stdout,
# stderr and the exit status. Set JX_UPDATE_GOLDEN=1 to rewrite golden files.
set -u
: "${JIXIAO:?JIXIAO must point at the built binary}"
: "${JX_SRC:?JX_SRC must point at the source tree}"
GOLDEN="$JX_SRC/tests/data/cli"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-cli.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0

# run ARGS...: runs jixiao, leaving $TMP/out, $TMP/err and $status
run() {
    status=0
    "$JIXIAO" "$@" >"$TMP/out" 2>"$TMP/err" || status=$?
}

fail() {
    failures=$((failures + 1))
    echo "FAIL: $*" >&2
}

ok() {
    checks=$((checks + 1))
}

expect_status() {
    if [ "$status" -eq "$1" ]; then ok; else
        fail "expected exit status $1, got $status"
        sed 's/^/  stderr: /' "$TMP/err" >&2
    fi
}

# expect_golden STREAM NAME: compares $TMP/out or $TMP/err with tests/data/cli/NAME
expect_golden() {
    file="$TMP/$1"
    golden="$GOLDEN/$2"
    if [ "${JX_UPDATE_GOLDEN:-}" = 1 ]; then
        cp "$file" "$golden"
    fi
    if [ ! -f "$golden" ]; then
        fail "golden file $2 is missing (run with JX_UPDATE_GOLDEN=1 and review it)"
    elif diff -u "$golden" "$file" >"$TMP/diff"; then ok; else
        fail "$1 differs from golden $2:"
        cat "$TMP/diff" >&2
    fi
}

# expect_contains STREAM TEXT: the stream contains TEXT (fixed string)
expect_contains() {
    if grep -qF -- "$2" "$TMP/$1"; then ok; else
        fail "$1 does not contain '$2'"
        sed "s/^/  $1: /" "$TMP/$1" | head -20 >&2
    fi
}

expect_not_contains() {
    if grep -qF -- "$2" "$TMP/$1"; then
        fail "$1 unexpectedly contains '$2'"
    else ok; fi
}

expect_empty() {
    if [ -s "$TMP/$1" ]; then
        fail "$1 is not empty:"
        head -20 "$TMP/$1" >&2
    else ok; fi
}

# done_testing: prints the count line and exits non-zero on failures
done_testing() {
    if [ "$checks" -eq 0 ] && [ "$failures" -eq 0 ]; then
        echo "no checks ran" >&2
        exit 1
    fi
    echo "$checks passed, $failures failed"
    [ "$failures" -eq 0 ]
}
