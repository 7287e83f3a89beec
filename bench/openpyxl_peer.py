"""The openpyxl side of bench/spreadsheet.sh.

    openpyxl_peer.py write SCORESHEET.csv OUT.xlsx   the same cells jixiao's 评分表 has
    openpyxl_peer.py read IN.xlsx                    every value of sheet 评分表, read-only

write: reads the CSV jixiao exported (one row per indicator, numbers with 2 decimals)
and writes it as sheet 评分表 with numbers as numbers, number formats 0.00 / 0.00%, the
header row frozen: what jixiao writes except merges, formulas and the two other sheets.
read: opens the workbook in read-only mode (openpyxl's fast path) and touches every
value of 评分表. Each prints its own time (without the interpreter's start) on stderr;
run with Debian's /usr/bin/python3 (python3-openpyxl).
"""
import csv
import sys
import time

import openpyxl


def write(src, dst):
    t0 = time.perf_counter()
    rows = list(csv.reader(open(src, encoding='utf-8')))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = '评分表'
    head = rows[0]
    numeric = {head.index(c) for c in ('分值', '得分')}
    rate = head.index('得分率')
    cells = 0
    for row in rows:
        out = []
        for i, v in enumerate(row):
            if i in numeric and v and v[0].isdigit():
                out.append(float(v))
            elif i == rate and v.endswith('%'):
                out.append(float(v[:-1]) / 100)
            else:
                out.append(v if v else None)
        ws.append(out)
        cells += sum(1 for v in out if v is not None)
    for r in ws.iter_rows(min_row=2):
        for i in numeric:
            r[i].number_format = '0.00'
        r[rate].number_format = '0.00%'
    ws.freeze_panes = 'A2'
    wb.save(dst)
    print('openpyxl write: %d rows, %d cells, %.3f s' % (len(rows), cells, time.perf_counter() - t0),
          file=sys.stderr)


def read(src):
    t0 = time.perf_counter()
    wb = openpyxl.load_workbook(src, read_only=True)
    ws = wb['评分表']
    n = cells = 0
    for row in ws.iter_rows(values_only=True):
        n += 1
        cells += sum(1 for v in row if v is not None)
    wb.close()
    print('openpyxl read: %d rows, %d cells, %.3f s' % (n, cells, time.perf_counter() - t0),
          file=sys.stderr)


if __name__ == '__main__':
    if sys.argv[1] == 'write':
        write(sys.argv[2], sys.argv[3])
    else:
        read(sys.argv[2])
