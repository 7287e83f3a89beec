#!/bin/sh
# score --json: valid JSON, exact decimals as strings, failures listed, and grade names
# of a file's own bands (which live only as long as the evaluation) counted correctly.
. "$(dirname "$0")/lib.sh"
CUSTOM="$JX_TEST_DATA/cli/custom-grades.yaml"
check_json() { # python expression over d, the document
    if /usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert $1, d" \
        "$TMP/out" 2>"$TMP/py"; then ok; else
        fail "JSON check failed: $1"
        cat "$TMP/py" >&2
    fi
}

run score --json "$CUSTOM" "$CUSTOM"
expect_status 0
expect_empty err
check_json 'd["format"] == "jixiao-score/1"'
check_json 'd["summary"] == {"scored": 2, "failed": 0, "grades": {"合格": 2}}'
check_json '[e["total"] for e in d["evaluations"]] == ["84.00", "84.00"]'
check_json 'd["evaluations"][0]["indicators"][0]["children"][0]["score"] == "54.00"'

# --detail adds the inputs and the formula of every leaf.
run score --json --detail "$CUSTOM"
expect_status 0
check_json 'd["evaluations"][0]["indicators"][0]["children"][0]["target"] == "≥10个"'
check_json '"60.00 × 9/10 = 54.00" in d["evaluations"][0]["indicators"][0]["children"][0]["explain"]'

# A file that fails is listed with its diagnostics; the exit status says so.
printf 'kind: 部门评价\nunit: x\nyear: 2022\nproject: {name: p}\nindicators: []\nwieght: 3\n' \
    >"$TMP/bad.yaml"
run score --json "$TMP/bad.yaml" "$CUSTOM"
expect_status 2
check_json 'd["summary"]["scored"] == 1 and d["summary"]["failed"] == 1'
check_json 'd["failed"][0]["diagnostics"][0]["line"] > 0'
check_json 'any("wieght" in x["message"] for x in d["failed"][0]["diagnostics"])'

done_testing
