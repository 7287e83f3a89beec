#!/bin/sh
# The built-in templates: list, show, and `new` writing them safely.
. "$(dirname "$0")/lib.sh"

run template list
expect_status 0
for t in 部门评价 单位自评 财政评价; do expect_contains out "$t"; done

for t in 部门评价 单位自评 财政评价; do
    run template show "$t"
    expect_status 0
    if cmp -s "$TMP/out" "$JX_SRC/templates/$t.yaml"; then ok; else
        fail "template show $t differs from templates/$t.yaml"
    fi
done

run template show self
expect_status 0
if cmp -s "$TMP/out" "$JX_SRC/templates/单位自评.yaml"; then ok; else fail "alias 'self'"; fi

run template show 不存在
expect_status 2
expect_contains err "no template '不存在'"

run template
expect_status 2

# new: stdout, file, refusal to overwrite, --force
run new
expect_status 0
if cmp -s "$TMP/out" "$JX_SRC/templates/部门评价.yaml"; then ok; else fail "default template"; fi

run new --template 单位自评 -o "$TMP/a.yaml"
expect_status 0
expect_contains err "wrote $TMP/a.yaml"
if cmp -s "$TMP/a.yaml" "$JX_SRC/templates/单位自评.yaml"; then ok; else fail "new -o content"; fi

echo "keep me" >"$TMP/b.yaml"
run new -o "$TMP/b.yaml"
expect_status 2
expect_contains err "already exists; use --force"
if [ "$(cat "$TMP/b.yaml")" = "keep me" ]; then ok; else fail "existing file was changed"; fi

run new --force -o "$TMP/b.yaml"
expect_status 0
if cmp -s "$TMP/b.yaml" "$JX_SRC/templates/部门评价.yaml"; then ok; else fail "--force"; fi

run new -o "$TMP/no/such/dir/c.yaml"
expect_status 3
expect_contains err "cannot write"
if ls -A "$TMP" | grep -q '\.tmp-'; then fail "temporary file left behind"; else ok; fi

run new --template nope
expect_status 2
expect_contains err "no template 'nope'"

run new stray-argument
expect_status 2

# Every template parses; its placeholders are what validate asks a person to fill in.
for t in 部门评价 单位自评 财政评价; do
    run validate "$JX_SRC/templates/$t.yaml"
    if grep -q 'syntax error\|unknown key' "$TMP/err"; then
        fail "template $t has structural errors:"
        cat "$TMP/err" >&2
    else ok; fi
done

done_testing
