#!/bin/sh
# jixiao report writes DOCX, PDF and HTML in one call; the seed's HTML is golden; --outdir
# writes one report per evaluation named after its file.
. "$(dirname "$0")/lib.sh"

seed="$JX_SRC/examples/xinfeng-2022-xinxihua.yaml"

run report "$seed" -o "$TMP/seed.docx" -o "$TMP/seed.pdf" -o "$TMP/seed.html"
expect_status 0
expect_empty err
expect_contains out "$TMP/seed.pdf"
if [ "$(head -c 4 "$TMP/seed.pdf")" = "%PDF" ]; then ok; else fail "seed.pdf is not a PDF"; fi
if [ "$(head -c 2 "$TMP/seed.docx")" = "PK" ]; then ok; else fail "seed.docx is not a zip"; fi
# The golden HTML has each inline chart cut to its <svg> element's start: the drawing
# depends on the installed fonts' glyph outlines and is the chart module's own test.
awk '/<svg/ { line = $0; sub(/<svg.*/, "", line); s = $0; sub(/^.*<svg/, "<svg", s)
              sub(/>.*/, ">", s); print line s " ... </svg>"; skip = 1 }
     skip && /<\/svg>/ { sub(/.*<\/svg>/, ""); skip = 0; print; next }
     !skip' "$TMP/seed.html" >"$TMP/html"
expect_golden html report-xinfeng-2022-xinxihua.html

# The PDF says what the model says: key sentences and the 评价情况总表's numbers.
if command -v pdftotext >/dev/null 2>&1; then
    pdftotext -layout "$TMP/seed.pdf" - | tr -d ' \n' >"$TMP/pdftext"
    for s in 评价情况总表 评价总得分 100-90分（含90） 信丰县行政审批局 2023年3月20日 \
        该项目建设平台4个 赢得了100%的满意度 评分表; do
        expect_contains pdftext "$s"
    done
fi

# --outdir: one report per evaluation, several formats, named after the input file.
run report --outdir "$TMP/outdir" --format json,html "$JX_SRC/examples"
expect_status 0
for stem in xinfeng-2022-xinxihua jiangyuan-2022-yinshui jiangyuan-2023-yingyang; do
    for ext in json html; do
        if [ -s "$TMP/outdir/$stem.$ext" ]; then ok; else fail "missing $stem.$ext"; fi
    done
done
if cmp -s "$TMP/outdir/xinfeng-2022-xinxihua.json" "$GOLDEN/report-xinfeng-2022-xinxihua-dept.json"
then ok; else fail "--outdir model differs from -o model"; fi
# Again without --force: every output exists.
run report --outdir "$TMP/outdir" --format json "$seed"
expect_status 2
expect_contains err "use --force to overwrite it"
# One bad evaluation among good ones: the good ones are written, exit 2.
sed 's/^    weight: 25 # 10 + 8 + 7$/    weight: 26/' "$seed" >"$TMP/bad.yaml"
run report --outdir "$TMP/out2" --format json "$TMP/bad.yaml" "$JX_SRC/examples/jiangyuan-2022-yinshui.yaml"
expect_status 2
if [ -s "$TMP/out2/jiangyuan-2022-yinshui.json" ] && [ ! -e "$TMP/out2/bad.json" ]; then ok; else
    fail "--outdir with one bad evaluation"
fi
# Two inputs with one name would overwrite each other: the second is refused.
mkdir "$TMP/dup" && cp "$seed" "$TMP/dup/"
run report --outdir "$TMP/out3" --format json "$seed" "$TMP/dup/xinfeng-2022-xinxihua.yaml"
expect_status 2
expect_contains err "another input is also named 'xinfeng-2022-xinxihua'"

# --reference-docx: a unit's own .docx (here the one just written); a non-docx is refused.
run report "$seed" --reference-docx "$TMP/seed.docx" -o "$TMP/ref.docx"
expect_status 0
if [ "$(head -c 2 "$TMP/ref.docx")" = "PK" ]; then ok; else fail "ref.docx is not a zip"; fi
run report "$seed" --reference-docx "$TMP/seed.html" -o "$TMP/ref2.docx"
expect_status 2
expect_contains err "--reference-docx: '$TMP/seed.html' is not a zip archive"
if [ ! -e "$TMP/ref2.docx" ]; then ok; else fail "ref2.docx written despite a bad reference"; fi

# --outdir naming a file
run report --outdir "$TMP/seed.pdf" --format json "$seed"
expect_status 2
expect_contains err "is not a directory"

done_testing
