"""Writes small xlsx workbooks the way Excel lays them out (shared strings, styles with
percentage formats, merged cells), for the import tests. Standard library only.

    mkxlsx.py OUT.xlsx SPEC.py   SPEC defines SHEETS = [(name, rows, merges), ...]

A row is a list of cells: None (empty), a str (shared string), ('n', '12.5') a number as
stored, ('p', '0.955') a number shown as 0.00%, ('q', '0.9') one shown as 0.0% (custom
format), ('i', 'text') an inline string, ('e', '#DIV/0!') an error, ('raw', '<c .../>')
verbatim XML. merges are 'A3:A6' strings.
"""
import sys
import zipfile
from xml.sax.saxutils import escape


def col_name(c):
    s = ''
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def write(path, sheets):
    shared, index = [], {}

    def sst(s):
        if s not in index:
            index[s] = len(shared)
            shared.append(s)
        return index[s]

    parts = {}
    for n, (name, rows, merges) in enumerate(sheets, 1):
        out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               '<sheetData>']
        for r, row in enumerate(rows, 1):
            if not row:
                continue
            out.append('<row r="%d">' % r)
            for c, cell in enumerate(row):
                ref = '%s%d' % (col_name(c), r)
                if cell is None:
                    continue
                if isinstance(cell, str):
                    out.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, sst(cell)))
                    continue
                kind, v = cell
                if kind == 'n':
                    out.append('<c r="%s"><v>%s</v></c>' % (ref, v))
                elif kind == 'p':
                    out.append('<c r="%s" s="1"><v>%s</v></c>' % (ref, v))
                elif kind == 'q':
                    out.append('<c r="%s" s="2"><v>%s</v></c>' % (ref, v))
                elif kind == 'i':
                    out.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(v)))
                elif kind == 'e':
                    out.append('<c r="%s" t="e"><v>%s</v></c>' % (ref, escape(v)))
                elif kind == 'raw':
                    out.append(v)
            out.append('</row>')
        out.append('</sheetData>')
        if merges:
            out.append('<mergeCells count="%d">' % len(merges))
            out.extend('<mergeCell ref="%s"/>' % m for m in merges)
            out.append('</mergeCells>')
        out.append('</worksheet>')
        parts['xl/worksheets/sheet%d.xml' % n] = ''.join(out)
    ns = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
    parts['[Content_Types].xml'] = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/></Types>')
    parts['_rels/.rels'] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % ns)
    parts['xl/workbook.xml'] = (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="%s"><sheets>%s</sheets></workbook>' % (ns, ''.join(
            '<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(s[0]), i, i)
            for i, s in enumerate(sheets, 1))))
    rels = ''.join('<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>'
                   % (i, ns, i) for i in range(1, len(sheets) + 1))
    k = len(sheets)
    rels += '<Relationship Id="rId%d" Type="%s/styles" Target="styles.xml"/>' % (k + 1, ns)
    rels += '<Relationship Id="rId%d" Type="%s/sharedStrings" Target="sharedStrings.xml"/>' % (k + 2, ns)
    parts['xl/_rels/workbook.xml.rels'] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + rels + '</Relationships>')
    parts['xl/styles.xml'] = (
        '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>'
        '<cellStyleXfs count="1"><xf numFmtId="10"/></cellStyleXfs>'
        '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="164"/></cellXfs></styleSheet>')
    # A phonetic run (rPh) as Excel on a Japanese/Chinese system adds: not part of the text.
    parts['xl/sharedStrings.xml'] = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + ''.join('<si><t xml:space="preserve">%s</t><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>'
                  % escape(s) for s in shared) + '</sst>')
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


if __name__ == '__main__':
    spec = {}
    exec(open(sys.argv[2], encoding='utf-8').read(), spec)
    write(sys.argv[1], spec['SHEETS'])
