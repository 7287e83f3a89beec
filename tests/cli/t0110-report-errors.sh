#!/bin/sh
# jixiao report refuses bad input with a clear message, exit 2 and no file left behind:
# unknown extension or format, an evaluation that fails validation, an output directory
# that does not exist or is not writable, an output that exists, an unknown layout.
. "$(dirname "$0")/lib.sh"

seed="$JX_SRC/examples/xinfeng-2022-xinxihua.yaml"

# no_files DIR: DIR holds nothing (no output, no temporary file)
no_files() {
    if [ -z "$(ls -A "$1")" ]; then ok; else
        fail "files left in $1: $(ls -A "$1")"
    fi
}

mkdir "$TMP/o"
run report "$seed" -o "$TMP/o/report.txt"
expect_status 2
expect_contains err "cannot tell the format of '$TMP/o/report.txt' from its extension"
no_files "$TMP/o"

run report "$seed" -o "$TMP/o/report" -o "$TMP/o/r.json"
expect_status 2
expect_contains err "from its extension"
no_files "$TMP/o"

run report "$seed" --format odt -o "$TMP/o/report.odt"
expect_status 2
expect_contains err "unknown format 'odt'"
no_files "$TMP/o"

# An evaluation with errors: its diagnostics, no output at all.
sed 's/^    weight: 25 # 10 + 8 + 7$/    weight: 26/' "$seed" >"$TMP/bad.yaml"
run report "$TMP/bad.yaml" -o "$TMP/o/bad.json" -o "$TMP/o/bad.html"
expect_status 2
expect_contains err "bad.yaml:"
expect_contains err "no report written: fix the errors above first"
no_files "$TMP/o"

# Output directory missing or not writable: bad input (exit 2), found before writing.
run report "$seed" -o "$TMP/missing/r.json"
expect_status 2
expect_contains err "cannot write '$TMP/missing/r.json': directory '$TMP/missing' does not exist"
run report "$seed" -o "$TMP/o"
expect_status 2
expect_contains err "cannot tell the format"
run report "$seed" --format json -o "$TMP/o"
expect_status 2
expect_contains err "it is a directory"
if [ "$(id -u)" != 0 ]; then
    mkdir "$TMP/ro" && chmod a-w "$TMP/ro"
    run report "$seed" -o "$TMP/ro/r.json"
    expect_status 2
    expect_contains err "is not writable"
    chmod u+w "$TMP/ro"
fi
# Several outputs: one bad path means none is written.
run report "$seed" -o "$TMP/o/good.json" -o "$TMP/missing/r.html"
expect_status 2
no_files "$TMP/o"

# An existing output is kept unless --force.
run report "$seed" -o "$TMP/o/r.json"
expect_status 0
echo keep >"$TMP/o/r.json"
run report "$seed" -o "$TMP/o/r.json"
expect_status 2
expect_contains err "use --force to overwrite it"
if [ "$(cat "$TMP/o/r.json")" = keep ]; then ok; else fail "existing output overwritten"; fi
run report "$seed" -o "$TMP/o/r.json" --force
expect_status 0
expect_contains o/r.json '"layout": "部门评价报告"'
rm "$TMP/o/r.json"

# Layouts: unknown name, broken file with file:line:col.
run report "$seed" --layout 年度报告 -o "$TMP/o/r.json"
expect_status 2
expect_contains err "unknown layout '年度报告'"
printf 'name: x\nitems:\n  - part: chartz\n' >"$TMP/bad-layout.yaml"
run report "$seed" --layout "$TMP/bad-layout.yaml" -o "$TMP/o/r.json"
expect_status 2
expect_contains err "bad-layout.yaml:3:11: unknown part 'chartz'"
no_files "$TMP/o"

# Usage: -o and --outdir together or neither; -o with several evaluations.
run report "$seed"
expect_status 2
expect_contains err "give -o"
run report "$seed" -o "$TMP/o/a.json" --outdir "$TMP/o"
expect_status 2
run report "$seed" "$seed" -o "$TMP/o/a.json"
expect_status 2
expect_contains err "use --outdir DIR for several"
run report "$TMP/nothing.yaml" -o "$TMP/o/a.json"
expect_status 2
no_files "$TMP/o"

done_testing
