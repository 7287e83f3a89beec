#!/bin/sh
# The seed's report as DOCX, opened by a real word processor: LibreOffice (headless)
# converts it to PDF without error, and the PDF's text holds the seed's key sentences and
# every number of its 评价情况总表; LibreOffice's plain-text export equals the report
# model's text, block by block and cell by cell. The same input gives the same bytes.
# With --reference-docx the unit's page setup, header and footer are used; a reference
# that is not a .docx is refused with exit 2 and no file left behind.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
for tool in soffice pdftotext; do
    command -v "$tool" >/dev/null || {
        fail "$tool is required (libreoffice-writer-nogui, poppler-utils)"
        done_testing
    }
done

cd "$JX_SRC" || exit 1
seed=examples/xinfeng-2022-xinxihua.yaml
run report "$seed" -o "$TMP/seed.docx" -o "$TMP/seed.json"
expect_status 0
expect_empty err
if head -c 4 "$TMP/seed.docx" | od -An -c | grep -q 'P   K 003 004'; then ok; else
    fail "seed.docx is not a zip package"
fi

# Reproducible: the same input gives the same bytes (fixed zip timestamps, no clock).
run report "$seed" -o "$TMP/again.docx"
expect_status 0
if cmp -s "$TMP/seed.docx" "$TMP/again.docx"; then ok; else fail "two runs differ"; fi

run report "$seed" --reference-docx tests/data/render/reference.docx -o "$TMP/ref.docx"
expect_status 0
expect_empty err

# One soffice call for both files, with a private profile.
(cd "$TMP" && soffice -env:UserInstallation="file://$TMP/lo" --headless --convert-to pdf \
    --outdir "$TMP/pdf" seed.docx ref.docx >"$TMP/lo.log" 2>&1) ||
    fail "soffice --convert-to pdf failed: $(cat "$TMP/lo.log")"
for f in seed ref; do
    if [ -s "$TMP/pdf/$f.pdf" ]; then ok; else fail "LibreOffice wrote no $f.pdf: $(cat "$TMP/lo.log")"; fi
done

# Text, with line breaks and spaces removed: LibreOffice breaks lines anywhere in Chinese.
# -layout keeps a table row on one line, so a row reads as its cells in order.
pdftotext -layout "$TMP/pdf/seed.pdf" "$TMP/seed.txt"
tr -d ' \n\f' <"$TMP/seed.txt" >"$TMP/text"
for s in \
    "部门评价报告" \
    "为推进政务服务信息化建设，进一步推进“放管服”改革，加强“五型”政府建设" \
    "该项目资金345.3万元到位后均已执行，执行率100%，项目资金管理有效，坚持专款专用，报账手续完备，使用合规。" \
    "一是严格按照财政资金管理制度对本部门的预算项目进行管理，收支坚持专款专用。" \
    "评价情况总表" \
    "项目决策25.0025.00100.00%" \
    "项目过程15.0015.00100.00%" \
    "项目产出30.0030.00100.00%" \
    "项目效益30.0030.00100.00%" \
    "评价总得分100.00100.00100.00%" \
    "信丰县行政审批局" \
    "2023年3月20日" \
    "—1—" \
    "—2—"; do
    expect_contains text "$s"
done

# The reference's header and "第 N 页" footer are on the pages, its margins in the file.
pdftotext -l 1 "$TMP/pdf/ref.pdf" "$TMP/ref.txt"
tr -d ' \n\f' <"$TMP/ref.txt" >"$TMP/reftext"
expect_contains reftext "某某县财政局绩效评价报告"
expect_contains reftext "第1页"
expect_not_contains reftext "—1—"
$PY - "$TMP/ref.docx" >"$TMP/refparts" 2>&1 <<'PYEOF' || fail "reference parts: $(cat "$TMP/refparts")"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
doc = z.read("word/document.xml").decode()
assert 'w:left="1134"' in doc, "reference margins not used"
assert 'r:id="rIdHeader"' in doc, "no header reference"
assert "某某县财政局绩效评价报告" in z.read("word/header1.xml").decode()
PYEOF
[ -s "$TMP/refparts" ] || ok

# LibreOffice's text export equals the model's text: every non-empty line in order,
# tables cell by cell (row-major, merged cells once), line breaks in cells as lines.
(cd "$TMP" && soffice -env:UserInstallation="file://$TMP/lo" --headless \
    --convert-to 'txt:Text (encoded):UTF8' --outdir "$TMP/txt" seed.docx >"$TMP/lo.log" 2>&1) ||
    fail "soffice --convert-to txt failed: $(cat "$TMP/lo.log")"
$PY - "$TMP/seed.json" "$TMP/txt/seed.txt" >"$TMP/textdiff" 2>&1 <<'PYEOF' || fail "LibreOffice's text differs from the model's: $(head -40 "$TMP/textdiff")"
import difflib, json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
want = []
def add(text):
    want.extend(l.strip() for l in (text or "").split("\n"))
add(m["title"])
add(m.get("subtitle"))
for b in m["blocks"]:
    if "table" in b:
        for row in b["table"]["rows"]:
            for c in row:
                if c is not None:
                    add(c if isinstance(c, str) else c["text"])
    elif "text" in b:
        add(b["text"])
want = [l for l in want if l]
got = open(sys.argv[2], encoding="utf-8-sig").read().split("\n")
got = [l.strip() for l in got if l.strip()]
if want != got:
    sys.stdout.writelines(difflib.unified_diff([l + "\n" for l in want], [l + "\n" for l in got], "model", "libreoffice"))
    sys.exit(1)
print(len(want), "lines equal")
PYEOF
expect_contains textdiff "lines equal"

# A reference that is not a .docx: exit 2, a message naming it, no output file.
run report "$seed" --reference-docx "$seed" -o "$TMP/bad.docx"
expect_status 2
expect_contains err "xinfeng-2022-xinxihua.yaml"
if [ -e "$TMP/bad.docx" ]; then fail "a file was written despite the bad reference"; else ok; fi

done_testing
