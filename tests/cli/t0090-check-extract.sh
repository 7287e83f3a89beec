#!/bin/sh
# check --extract: what is read out of the seed report (UTF-8, GB18030 and the .docx made
# from it give the same result), the 自评表 of a report, and bad reports (empty, binary,
# not a zip, a spreadsheet) exit 2.
. "$(dirname "$0")/lib.sh"
DATA="$JX_SRC/tests/data/check/reports"

run check --extract "$DATA/seed.txt"
expect_status 0
expect_empty err
cp "$TMP/out" "$TMP/utf8.json"
if python3 - "$TMP/utf8.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "jixiao-extract/1", d["format"]
rows = [(r["name"], r["weight"], r["score"], r["rate"]) for r in d["summary_table"]]
assert rows == [("项目决策", "25.00", "25.00", "100.00"), ("项目过程", "15.00", "15.00", "100.00"),
                ("项目产出", "30.00", "30.00", "100.00"), ("项目效益", "30.00", "30.00", "100.00")], rows
assert d["total"] == "100.00" and d["grade"] == "优", (d["total"], d["grade"])
a = [(x["text"], x["fen"], x["line"]) for x in d["amounts"]]
assert ("345.3万元", 345300000, 68) in a, a
assert [(x["text"], x["rate"], x["line"]) for x in d["rates"]] == [("100%", "100.00", 68)], d["rates"]
s = [(x["style"], x["number"], x["title"]) for x in d["sections"]]
assert ("1、", "3、", "综合评价情况及评价结论（附相关评分表）") in s, s
assert ("（1）", "（4）", "项目效益情况") in s, s
assert all(x["style"] != "1." or not x["title"][0].isdigit() for x in d["sections"])
PY
then ok; else fail "unexpected extraction of the seed"; fi

run check --extract "$DATA/seed-gb18030.txt"
expect_status 0
expect_empty err
sed 's/seed-gb18030\.txt/seed.txt/' "$TMP/out" >"$TMP/gb.json"
if cmp -s "$TMP/utf8.json" "$TMP/gb.json"; then ok; else fail "GB18030 seed differs from UTF-8"; fi

: >"$TMP/empty.txt"
run check --extract "$TMP/empty.txt"
expect_status 2
expect_contains err "empty report"

printf 'PK\003\004\000\000binary' >"$TMP/bin.txt"
run check --extract "$TMP/bin.txt"
expect_status 2
expect_contains err "binary file"

printf '\377\376\377' >"$TMP/bad.txt"
run check --extract "$TMP/bad.txt"
expect_status 2
expect_contains err "neither UTF-8 nor GB18030"

run check --extract "$TMP/missing.txt"
expect_status 2

# The seed as .docx (tests/data/check/reports/make-docx.sh): the same rows, total,
# grade, amounts, rates and sections; lines differ (a table cell is a line of its own).
run check --extract "$DATA/seed.docx"
expect_status 0
expect_empty err
if /usr/bin/python3 - "$TMP/utf8.json" "$TMP/out" <<'PY'
import json, sys
t, d = (json.load(open(f)) for f in sys.argv[1:3])
def strip(v):
    return [{k: x for k, x in e.items() if k != "line"} for e in v] if isinstance(v, list) else v
for k in ("summary_table", "total", "grade", "amounts", "rates", "sections", "form"):
    assert strip(t[k]) == strip(d[k]), (k, t[k], d[k])
assert [a["text"] for a in d["amounts"]][:1] == ["345.3万元"], d["amounts"]
PY
then ok; else fail "seed.docx extracts differently from seed.txt"; fi

# The 自评表 copied out of a PDF (one cell per line, blanks) and the same form as a .docx
# table with merged cells read the same.
run check --extract "$DATA/form-clean.txt"
expect_status 0
cp "$TMP/out" "$TMP/form-txt.json"
run check --extract "$DATA/form-clean.docx"
expect_status 0
if /usr/bin/python3 - "$TMP/form-txt.json" "$TMP/out" <<'PY'
import json, sys
t, d = (json.load(open(f))["form"] for f in sys.argv[1:3])
assert (t["planned"], t["spent"], t["weight"], t["rate"], t["score"]) == (
    345300000, 338400000, "10.00", "98.00", "9.80"), t
rows = [(r["level1"], r["level2"], r["name"], r["target"], r["actual"], r["weight"], r["score"])
        for r in t["rows"]]
assert rows[0] == ("产出指标", "数量指标", "建设平台数量", "≥4个", "4个", "15.00", "15.00"), rows
assert rows[3] == ("产出指标", "成本指标", "项目总成本", "≤345.3万元", "338.4万元", "10.00", "10.00"), rows
assert t["rows"][4]["reason"].startswith("部分事项"), t["rows"][4]
assert len(rows) == 7 and (t["total_weight"], t["total_score"]) == ("100.00", "96.80"), t
strip = lambda f: {k: ([{a: b for a, b in r.items() if a != "line"} for r in v] if k == "rows" else v)
                   for k, v in f.items() if k != "line"}
assert strip(t) == strip(d), (t, d)
PY
then ok; else fail "unexpected 自评表 extraction"; fi

printf 'not a zip' >"$TMP/bad.docx"
run check --extract "$TMP/bad.docx"
expect_status 2
expect_contains err "is not a zip archive (is it an old .doc/.xls? save it as .docx/.xlsx)"

: >"$TMP/empty.docx"
run check --extract "$TMP/empty.docx"
expect_status 2
expect_contains err "is empty"

# a zip that is no Word document
(cd "$TMP" && mkdir -p xl && echo '<workbook/>' >xl/workbook.xml &&
    /usr/bin/python3 -c 'import zipfile; z = zipfile.ZipFile("book.docx", "w"); z.write("xl/workbook.xml"); z.close()')
run check --extract "$TMP/book.docx"
expect_status 2
expect_contains err "is a spreadsheet (.xlsx), not a Word document"

done_testing
