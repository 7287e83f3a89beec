#!/bin/sh
# The seed's report as PDF, read back with poppler-utils as a reader's tools would: the
# text holds the seed's key sentences and every number of its 评价情况总表, the CJK fonts
# are embedded as subsets, the metadata names the title and the signing unit, the outline
# lists the sections, the same input gives the same bytes, and without CJK fonts the
# command says what to install instead of writing boxes.
. "$(dirname "$0")/lib.sh"

for tool in pdftotext pdfinfo pdffonts; do
    command -v "$tool" >/dev/null || {
        echo "$tool (poppler-utils) is required" >&2
        exit 1
    }
done

cd "$JX_SRC" || exit 1
run report examples/xinfeng-2022-xinxihua.yaml -o "$TMP/seed.pdf"
expect_status 0
expect_empty err
if head -c 5 "$TMP/seed.pdf" | grep -q '^%PDF-'; then ok; else fail "seed.pdf is not a PDF"; fi

# Text, with line breaks and spaces removed: pango breaks lines anywhere in Chinese.
pdftotext "$TMP/seed.pdf" "$TMP/seed.txt"
tr -d ' \n\f' <"$TMP/seed.txt" >"$TMP/text"
for s in \
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
    "2023年3月20日"; do
    expect_contains text "$s"
done
# Every page has its number in the footer.
pages=$(pdfinfo "$TMP/seed.pdf" | sed -n 's/^Pages: *//p')
if [ "${pages:-0}" -ge 2 ]; then ok; else fail "expected at least 2 pages, got '$pages'"; fi
i=1
while [ "$i" -le "${pages:-0}" ]; do
    pdftotext -f "$i" -l "$i" "$TMP/seed.pdf" "$TMP/page.txt"
    tr -d ' \n\f' <"$TMP/page.txt" >"$TMP/page"
    expect_contains page "—${i}—"
    i=$((i + 1))
done

# Metadata: the title and the signing unit; a fixed date, not the clock.
pdfinfo "$TMP/seed.pdf" >"$TMP/info"
expect_contains info "Author:          信丰县行政审批局"
if grep -q '^Title: .*部门评价报告' "$TMP/info"; then ok; else fail "no title in pdfinfo"; fi
expect_contains info "Page size:       595.28 x 841.89 pts (A4)"
expect_contains info "CreationDate:    Mon Mar 20 00:00:00 2023"

# Fonts: Noto CJK, embedded and subset; nothing left unembedded.
pdffonts "$TMP/seed.pdf" >"$TMP/fonts"
if grep -E 'NotoSerifCJKsc-Regular +CID Type 0C +Identity-H +yes +yes +yes' "$TMP/fonts" >/dev/null; then
    ok
else
    fail "Noto Serif CJK SC is not embedded as a subset:"
    cat "$TMP/fonts" >&2
fi
if tail -n +3 "$TMP/fonts" | awk '$(NF-4) != "yes" || $(NF-3) != "yes"' | grep -q .; then
    fail "a font is not embedded as a subset:"
    cat "$TMP/fonts" >&2
else ok; fi

# The outline: one entry per section heading, the first-level ones at the top.
if /usr/bin/python3 - "$TMP/seed.pdf" <<'EOF'; then ok; else fail "outline"; fi
import re, sys
data = open(sys.argv[1], "rb").read()
assert b"/Type /Outlines" in data, "no outline"
# Outline items are plain objects: /Title as (latin-1) or <FEFF...> (UTF-16), /Parent.
items = {}
for m in re.finditer(rb"\n(\d+) 0 obj\s*<<(.*?)>>\s*endobj", data, re.S):
    body = m.group(2)
    t = re.search(rb"/Title\s*(<[0-9A-Fa-f]+>|\((?:\\.|[^\\)])*\))", body)
    p = re.search(rb"/Parent (\d+) 0 R", body)
    if not t or not p:
        continue
    t = t.group(1)
    if t.startswith(b"<"):
        raw = bytes.fromhex(t[1:-1].decode())
        title = raw[2:].decode("utf-16-be") if raw[:2] == b"\xfe\xff" else raw.decode("latin-1")
    else:
        title = t[1:-1].decode("latin-1")
    items[m.group(1)] = (title, p.group(1))
parent = {title: items.get(p, ("",))[0] for title, p in items.values()}
for want in ("一、基本情况", "三、综合评价情况及评价结论（附相关评分表）", "六、有关建议"):
    assert parent.get(want) == "", (want, parent.get(want))
assert parent.get("（一）项目概况") == "一、基本情况", parent.get("（一）项目概况")
EOF

# Reproducible: the same input gives the same bytes.
run report examples/xinfeng-2022-xinxihua.yaml -o "$TMP/again.pdf"
expect_status 0
if cmp -s "$TMP/seed.pdf" "$TMP/again.pdf"; then ok; else fail "two runs differ"; fi

# No CJK font: a clear message and exit 3, and no file left behind.
cat >"$TMP/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>$TMP/nofonts</dir><cachedir>$TMP/fccache</cachedir></fontconfig>
EOF
mkdir -p "$TMP/nofonts"
export FONTCONFIG_FILE="$TMP/fonts.conf"
run report examples/xinfeng-2022-xinxihua.yaml -o "$TMP/nofont.pdf"
unset FONTCONFIG_FILE
expect_status 3
expect_contains err "install fonts-noto-cjk"
if [ -e "$TMP/nofont.pdf" ]; then fail "a partial PDF was left behind"; else ok; fi

done_testing
