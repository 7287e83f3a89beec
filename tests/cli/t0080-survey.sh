#!/bin/sh
# survey: satisfaction statistics from questionnaire exports in every answer form and
# encoding, bad rows reported by line (exit 0 while a valid row remains), JSON, and bad
# input exiting 2.
. "$(dirname "$0")/lib.sh"
cd "$JX_TEST_DATA/survey" || exit 1
check_json() { # python expression over d, the document
    if /usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert $1, d" \
        "$TMP/out" 2>"$TMP/py"; then ok; else
        fail "JSON check failed: $1"
        cat "$TMP/py" >&2
    fi
}

run survey --population 20000 words.csv
expect_status 0
expect_empty err
expect_golden out survey-words.out
expect_contains out '样本量 5 < 所需 377（总体 20000，95%置信度，±5%误差）：不足'

# GB18030 gives the same numbers as its UTF-8 original (the file name aside).
run survey --population 20000 gb18030.csv
expect_status 0
sed 's/^gb18030.csv:/words.csv:/' "$TMP/out" >"$TMP/gb"
if cmp -s "$TMP/gb" "$GOLDEN/survey-words.out"; then ok; else fail "gb18030.csv differs from words.csv"; fi

run survey digits.csv
expect_status 0
expect_golden out survey-digits.out

run survey letters.csv
expect_status 0
expect_contains out 'Q2       5         1     3     0       1           0  80.00%'

# --questions picks columns by header name.
run survey --questions 办事效率 words.csv
expect_status 0
expect_contains out '办事效率'
expect_not_contains out '服务态度'
run survey --questions 办事效率,不存在 words.csv
expect_status 2
expect_contains err "question '不存在' is not a column of the header"

# Bad rows: warnings with the line, counted as invalid, exit 0.
run survey bad-rows.csv
expect_status 0
expect_golden err survey-bad-rows.err
expect_contains out '有效问卷 2 份，无效 5 份'

# Enough answers: 400 rows ≥ 385.
{
    echo '序号,Q1'
    i=0
    while [ $i -lt 400 ]; do
        i=$((i + 1))
        echo "$i,$((i % 5 + 1))"
    done
} >"$TMP/big.csv"
run survey "$TMP/big.csv"
expect_status 0
expect_contains out '样本量 400 ≥ 所需 385（总体未给出，95%置信度，±5%误差）：足够'

run survey --json --population 20000 words.csv
expect_status 0
check_json 'd["format"] == "jixiao-survey/1"'
check_json 'd["valid"] == 5 and d["bad"] == 0'
check_json '[q["name"] for q in d["questions"]] == ["服务态度", "办事效率", "环境, 设施"]'
check_json 'd["questions"][0]["satisfied"] == "80.00" and d["questions"][0]["score"] == "84.00"'
check_json 'd["questions"][0]["counts"]["非常满意"] == 2'
check_json 'd["questions"][0]["wilson_low"] == "37.55"'
check_json 'd["overall"]["answers"] == 15 and d["overall"]["satisfied"] == "66.67"'
check_json 'd["sample"] == {"population": 20000, "confidence": "95", "margin": "5", "required": 377, "enough": False}'

# Bad input exits 2.
run survey all-bad.csv
expect_status 2
expect_contains err "all-bad.csv:2: warning: answer '9' to '服务态度' is outside the scale 1–5"
expect_contains err "'all-bad.csv' has no valid answer row"
run survey no-questions.csv
expect_status 2
expect_contains err 'no-questions.csv:1: no question columns in the header'
run survey empty.csv
expect_status 2
expect_contains err 'empty.csv:1: no header row'
run survey missing.csv
expect_status 2
expect_contains err "missing.csv"
run survey --population 0 words.csv
expect_status 2
expect_contains err "population '0' is not a positive whole number"
printf '序号,Q1\n1,"5\n' >"$TMP/quote.csv"
run survey "$TMP/quote.csv"
expect_status 2
expect_contains err 'unterminated quote'
run survey
expect_status 2

done_testing
