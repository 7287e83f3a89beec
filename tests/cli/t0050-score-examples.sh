#!/bin/sh
# Every example scores to the total and grade written in its '# expected:' comment,
# and a directory scores every file in it with a summary line.
. "$(dirname "$0")/lib.sh"

for f in "$JX_SRC"/examples/*.yaml; do
    expected=$(sed -n 's/^# expected: total \([0-9.]*\), grade \(.*\)$/\1 \2/p' "$f" | head -1)
    if [ -z "$expected" ]; then
        fail "$f has no '# expected: total N, grade G' line"
        continue
    fi
    total=${expected% *}
    grade=${expected#* }
    run score "$f"
    expect_status 0
    expect_contains out "评价结果等级：$grade"
    if grep -E "^评价总得分 +[0-9.]+ +$total " "$TMP/out" >/dev/null; then ok; else
        fail "$f: expected total $total"
        cat "$TMP/out" >&2
    fi
done

run score "$JX_SRC/examples"
expect_status 0
n=$(ls "$JX_SRC"/examples/*.yaml | wc -l)
expect_contains out "scored $n evaluations"
expect_contains out ", 0 failed"

# The output does not depend on the number of threads.
"$JIXIAO" score -j1 "$JX_SRC/examples" "$JX_SRC/examples" >"$TMP/one" 2>&1
"$JIXIAO" score --jobs 4 "$JX_SRC/examples" "$JX_SRC/examples" >"$TMP/four" 2>&1
if cmp -s "$TMP/one" "$TMP/four"; then ok; else fail "-j1 and -j4 differ"; fi

run score --jobs 0 "$JX_SRC/examples"
expect_status 2
expect_contains err "--jobs takes a number from 1 to 16, not '0'"

# A failing file is reported and counted; the others are still scored.
printf 'kind: 部门评价\n' >"$TMP/broken.yaml"
run score "$TMP/broken.yaml" "$JX_SRC/examples/xinfeng-2022-xinxihua.yaml"
expect_status 2
expect_contains out "scored 1 evaluation"
expect_contains out "1 failed"
expect_contains err "broken.yaml"

done_testing
