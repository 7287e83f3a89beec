#!/bin/sh
# A survey's `answers: FILE.csv`: the satisfaction a `method: survey` leaf scores comes
# from the questionnaire export next to the evaluation; a missing file, a second source of
# numbers and bad rows are reported at the `answers` value.
. "$(dirname "$0")/lib.sh"
DATA="$JX_SRC/tests/data/cli/survey-eval"

# 10 pooled answers: 3·100 + 4·80 + 2·60 + 1·40 = 780 → 78.00%; 40 × 78/90 = 34.67.
run score "$DATA/eval.yaml"
expect_status 0
expect_empty err
expect_contains out '效益指标     40.00     34.67  86.68%'
expect_contains out '评价总得分  100.00     88.67  88.67%'

run score --detail "$DATA/eval.yaml"
expect_status 0
expect_contains out 'survey: satisfaction 78.00% < target ≥90% → 40.00 × 78/90 = 34.67'

# The path is relative to the evaluation file, not to the working directory.
cd "$TMP" || exit 1
run score "$DATA/eval.yaml"
expect_status 0

# A missing file: exit 2 at the value of `answers` (line 12, column 14).
sed 's/answers: answers.csv/answers: missing.csv/' "$DATA/eval.yaml" >"$TMP/missing.yaml"
run score "$TMP/missing.yaml"
expect_status 2
expect_contains err "missing.yaml:12:14: cannot read answers 'missing.csv': No such file or directory"

# answers and options together: one source of numbers only.
sed 's/^    answers: answers.csv/    options: [{label: 满意, value: 80, count: 3}]\n&/' \
    "$DATA/eval.yaml" >"$TMP/both.yaml"
cp "$DATA/answers.csv" "$TMP/answers.csv"
run score "$TMP/both.yaml"
expect_status 2
expect_contains err "survey 'residents' has both 'answers' and 'options'"

sed 's/^    answers: answers.csv/    reported: 90%\n&/' "$DATA/eval.yaml" >"$TMP/both2.yaml"
run score "$TMP/both2.yaml"
expect_status 2
expect_contains err "survey 'residents' has both 'answers' and 'reported'"

# A bad row is a warning naming its CSV line; the rest still scores (the same 5 rows).
cp "$DATA/eval.yaml" "$TMP/bad.yaml"
printf '6,满意,很好吃,\n' >>"$TMP/answers.csv"
run score "$TMP/bad.yaml"
expect_status 0
expect_contains err "bad.yaml:12:14: warning: answers 'answers.csv' line 7:"
expect_contains out '效益指标     40.00     34.67  86.68%'

# No valid row at all is an error.
printf '序号,服务态度,办事效率\n1,好,好\n' >"$TMP/answers.csv"
run score "$TMP/bad.yaml"
expect_status 2
expect_contains err "bad.yaml:12:14: answers 'answers.csv' has no valid row"

# Only the chosen questions count: 办事效率 alone is 80+80+40+100+60 = 360/5 = 72.00%.
sed 's/questions: \[服务态度, 办事效率\]/questions: 办事效率/' "$DATA/eval.yaml" >"$TMP/one.yaml"
cp "$DATA/answers.csv" "$TMP/answers.csv"
run score --detail "$TMP/one.yaml"
expect_status 0
expect_contains out 'satisfaction 72.00% < target ≥90% → 40.00 × 72/90 = 32.00'

done_testing
