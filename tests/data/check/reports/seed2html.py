"""Turns a plain-text report (the seed layout: one cell per line, tab-indented, rows
separated by blank lines) into HTML with real tables, so that LibreOffice can save it as
.docx with w:tbl tables (see make-docx.sh)."""
import html
import sys


def cells_to_table(lines):
    rows, row = [], []
    for ln in lines:
        if ln.strip() == "":
            if row:
                rows.append(row)
                row = []
        else:
            row.append(ln.strip())
    if row:
        rows.append(row)
    out = ["<table border=\"1\">"]
    for r in rows:
        out.append("<tr>" + "".join("<td>%s</td>" % html.escape(c) for c in r) + "</tr>")
    out.append("</table>")
    return out


def main():
    text = open(sys.argv[1], encoding="utf-8").read().split("\n")
    out = ["<html><head><meta charset=\"utf-8\"></head><body>"]
    i = 0
    while i < len(text):
        ln = text[i]
        if ln.startswith("\t"):
            j = i
            while j < len(text) and (text[j].startswith("\t") or text[j].strip() == ""):
                j += 1
            out += cells_to_table(text[i:j])
            i = j
            continue
        if ln.strip():
            out.append("<p>%s</p>" % html.escape(ln.rstrip()))
        i += 1
    out.append("</body></html>")
    sys.stdout.write("\n".join(out) + "\n")


main()
