#!/bin/sh
# Regenerates seed.docx and report-clean.docx from their .txt: the text becomes HTML with real tables
# (seed2html.py), and LibreOffice saves that as Word 2007 XML, so the .docx has the
# w:p paragraphs and w:tbl table a report written in Word has. Run from anywhere; needs
# soffice (libreoffice-writer-nogui) and python3.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for name in seed report-clean; do
    python3 "$here/seed2html.py" "$here/$name.txt" >"$work/$name.html"
    soffice -env:UserInstallation="file://$work/lo" --headless --infilter="HTML (StarWriter)" \
        --convert-to 'docx:MS Word 2007 XML' --outdir "$work" "$work/$name.html" >/dev/null
    cp "$work/$name.docx" "$here/$name.docx"
done
# The 项目支出绩效自评表 with merged cells (rowspan/colspan become w:vMerge/w:gridSpan).
cp "$here/form-clean.html" "$work/form-clean.html"
soffice -env:UserInstallation="file://$work/lo" --headless --infilter="HTML (StarWriter)" \
    --convert-to 'docx:MS Word 2007 XML' --outdir "$work" "$work/form-clean.html" >/dev/null
cp "$work/form-clean.docx" "$here/form-clean.docx"
