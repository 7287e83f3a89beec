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

# One file named twice as an output: refused before anything is written, also with --force
# and when the two names differ only in spelling, and with --outdir --format json,json.
run report "$seed" -o "$TMP/o/x.json" -o "$TMP/o/x.json"
expect_status 2
expect_contains err "'$TMP/o/x.json' is given twice as an output"
no_files "$TMP/o"
run report "$seed" -o "$TMP/o/x.json" -o "$TMP/o/./x.json" --force
expect_status 2
expect_contains err "is given twice as an output"
no_files "$TMP/o"
run report "$seed" --outdir "$TMP/o" --format json,json
expect_status 2
expect_contains err "is given twice as an output"
no_files "$TMP/o"
# Without --force, an existing second output means the first is not written either.
mkdir "$TMP/e"
echo keep >"$TMP/e/b.html"
run report "$seed" -o "$TMP/e/a.json" -o "$TMP/e/b.html"
expect_status 2
expect_contains err "'$TMP/e/b.html' already exists; use --force to overwrite it"
if [ "$(ls "$TMP/e")" = b.html ] && [ "$(cat "$TMP/e/b.html")" = keep ]; then ok; else
    fail "outputs written although one exists: $(ls "$TMP/e")"
fi

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

# Hostile --reference-docx parts (built from the test reference with python3's zipfile):
# a style id with & and " is escaped, not an abort; a DTD never reaches the output; a
# billion laughs is a bad reference (exit 2, no file), found quickly.
# mkref OUT PART SED: the test reference with PART edited by the sed script SED.
mkref() {
    /usr/bin/python3 - "$JX_SRC/tests/data/render/reference.docx" "$1" "$2" "$3" <<'PYEOF'
import re, subprocess, sys, zipfile
src, out, part, script = sys.argv[1:]
with zipfile.ZipFile(src) as zi, zipfile.ZipFile(out, "w") as zo:
    for n in zi.namelist():
        data = zi.read(n)
        if n == part:
            data = subprocess.run(["sed", script], input=data, capture_output=True, check=True).stdout
        zo.writestr(n, data)
PYEOF
}
mkref "$TMP/ids.docx" word/styles.xml 's/w:styleId="Normal"/w:styleId="N\&amp;x\&quot;"/'
run report "$seed" --reference-docx "$TMP/ids.docx" -o "$TMP/o/ids.docx"
expect_status 0
if [ -s "$TMP/o/ids.docx" ]; then ok; else fail "no output for a reference with odd style ids"; fi
rm -f "$TMP/o/ids.docx"
mkref "$TMP/dtd.docx" word/numbering.xml 's/<w:numbering /<!DOCTYPE w:numbering [<!ENTITY x "y">]><w:numbering /'
run report "$seed" --reference-docx "$TMP/dtd.docx" -o "$TMP/o/dtd.docx"
expect_status 0
/usr/bin/python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); sys.exit(any(b"<!DOCTYPE" in z.read(n) or b"<!ENTITY" in z.read(n) for n in z.namelist()))' "$TMP/o/dtd.docx" &&
    ok || fail "the reference's DTD reached the output"
rm -f "$TMP/o/dtd.docx"
# Each entity is ten of the one before; "\&" is a literal & in a sed replacement.
lol='<!ENTITY a "lollollollollollollollollollol">'
p=a
for e in b c d e f g h i j; do
    r="\\&$p;"
    lol="$lol<!ENTITY $e \"$r$r$r$r$r$r$r$r$r$r\">"
    p=$e
done
mkref "$TMP/lol.docx" word/header1.xml "s/<w:hdr /<!DOCTYPE w:hdr [$lol]><w:hdr /; s/<w:t>/<w:t>\&j;/"
start=$(date +%s)
run report "$seed" --reference-docx "$TMP/lol.docx" -o "$TMP/o/lol.docx"
expect_status 2
expect_contains err "--reference-docx: the reference's header"
if [ $(($(date +%s) - start)) -lt 10 ]; then ok; else fail "the billion laughs took too long"; fi
no_files "$TMP/o"

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
