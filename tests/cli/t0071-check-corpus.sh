#!/bin/sh
# check corpus: for every rule in the SARIF rule table, tests/data/check/rules/JXnnn-bad.yaml
# (a small valid evaluation) or, for a rule that reads only reports, JXnnn-bad.txt (a
# report) triggers JXnnn and JXnnn-good.* does not. A rule without its two files fails
# here, and so does a corpus file whose rule is gone.
. "$(dirname "$0")/lib.sh"
CORPUS="$JX_SRC/tests/data/check/rules"

# The rule table, from the SARIF driver.
run check --format sarif "$JX_SRC/tests/data/check/clean.yaml"
expect_status 0
/usr/bin/python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["runs"][0]["tool"]["driver"]["rules"]:
    print(r["id"])' "$TMP/out" >"$TMP/ids"
if [ "$(wc -l <"$TMP/ids")" -ge 36 ]; then ok; else fail "expected at least 36 rules"; fi

# rules_in FILE: the rule ids of the findings on FILE, one per line (check must not fail).
rules_in() {
    run check --format json "$1"
    if [ "$status" -eq 2 ]; then
        fail "$1 is bad input:"
        sed 's/^/  stderr: /' "$TMP/err" >&2
    fi
    /usr/bin/python3 -c '
import json, sys
for f in json.load(open(sys.argv[1]))["files"][0]["findings"]:
    print(f["rule"])' "$TMP/out" >"$TMP/found"
}

while read -r id; do
    for kind in bad good; do
        f="$CORPUS/$id-$kind.yaml"
        [ -f "$f" ] || f="$CORPUS/$id-$kind.txt"
        if [ ! -f "$f" ]; then
            fail "rule $id has no corpus file $id-$kind.yaml or $id-$kind.txt"
            continue
        fi
        rules_in "$f"
        if grep -qx "$id" "$TMP/found"; then fired=yes; else fired=no; fi
        case "$kind:$fired" in
        bad:yes | good:no) ok ;;
        bad:no) fail "$id-bad.yaml does not trigger $id (found: $(tr '\n' ' ' <"$TMP/found"))" ;;
        good:yes) fail "$id-good.yaml triggers $id" ;;
        esac
    done
done <"$TMP/ids"

# No stray corpus file: every file names a rule of the table.
for f in "$CORPUS"/*.yaml "$CORPUS"/*.txt; do
    id=$(basename "$f")
    id=${id%-*}
    if grep -qx "$id" "$TMP/ids"; then ok; else fail "corpus file $(basename "$f") names no rule"; fi
done

done_testing
