"""The python-docx peer of `jixiao check` on .docx reports (bench/check.sh): extracts the
text of every .docx in a directory the careful way (the body's paragraphs and tables in
document order, cell text read from the XML rather than through the slow cell API), in
the layout jixiao's reader gives (a line per paragraph, a line per table cell starting
with a tab, a blank line after each row), and prints documents/second.

Usage: /usr/bin/python3 bench/docx_peer.py DIR [DUMP_DIR]
DUMP_DIR, when given, receives the text of each document as NAME.txt (after the timing),
so that bench/check.sh can check that jixiao reads the same from the .docx and the text.
"""
import os
import sys
import time

import docx
from docx.oxml.ns import qn

W_P, W_TBL, W_TR, W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
W_T, W_TAB, W_BR, W_DEL = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:del")
W_R = qn("w:r")


def para_text(p):
    out = []
    for el in p.iter(W_T, W_TAB, W_BR):
        # deleted runs are left out, as jixiao does; w:tab/w:br count only inside a run
        anc = el.getparent()
        if any(a.tag == W_DEL for a in el.iterancestors()):
            continue
        if el.tag == W_T:
            out.append(el.text or "")
        elif anc is not None and anc.tag == W_R:
            out.append("\t" if el.tag == W_TAB else "\n")
    return "".join(out)


def cell_text(tc):
    parts = [para_text(p) for p in tc.iter(W_P)]
    text = " ".join(x for x in parts if x)
    return text.replace("\t", " ").replace("\n", " ")


def document_text(path):
    body = docx.Document(path).element.body
    lines = []
    for child in body.iterchildren():
        if child.tag == W_P:
            lines.append(para_text(child))
        elif child.tag == W_TBL:
            for tr in child.iterchildren(W_TR):
                for tc in tr.iterchildren(W_TC):
                    lines.append("\t" + cell_text(tc))
                lines.append("")
    return "\n".join(lines) + "\n"


def main():
    src = sys.argv[1]
    names = sorted(n for n in os.listdir(src) if n.endswith(".docx"))
    start = time.perf_counter()
    texts = [document_text(os.path.join(src, n)) for n in names]
    secs = time.perf_counter() - start
    chars = sum(len(t) for t in texts)
    print("python-docx: %d documents, %d characters, %.3f s, %.1f documents/s"
          % (len(names), chars, secs, len(names) / secs))
    if len(sys.argv) > 2:
        for n, t in zip(names, texts):
            with open(os.path.join(sys.argv[2], n[:-5] + ".txt"), "w", encoding="utf-8") as f:
                f.write(t)


main()
