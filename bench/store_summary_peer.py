#!/usr/bin/python3
"""The pandas peer of `jixiao db summary --format csv` (docs/performance.md, "Store").

Reads one row per evaluation — the rows `db summary` reads from the store, exported to CSV
by bench/store_load.sh with the columns

    unit_id,unit,kind,year,total,grade,planned,received,spent

(total in centi-points, money in 分, an empty cell for a budget that was not given) — and
writes the same summary `jixiao db summary --by BY --format csv` writes, byte for byte:
per group the count, mean, median, min and max score, the grade distribution, 预算/到位/执行
totals and the execution rate, groups ranked by mean (then count, then name), and a last
row 合计 for all evaluations.

Exact, as jixiao is: scores and money stay integers; a mean or rate is one integer ratio
rounded half away from zero ((2n + d) // 2d, numerators >= 0). pandas' median is a float,
but of integers below 2**53, so twice it is an exact integer and is rounded the same way.

Usage: store_summary_peer.py EVALS.csv [--by unit|kind|grade] [-o OUT]
Run it with Debian's /usr/bin/python3 (python3-pandas).
"""
import sys

import pandas as pd

USUAL_GRADES = ["优", "良", "中", "差"]
MAX_GRADES = 8
TITLES = {"unit": "unit", "kind": "kind", "grade": "grade"}


def ratio(num, den):
    """num / den rounded half away from zero, for num >= 0, den > 0 (Python ints)."""
    return (2 * num + den) // (2 * den)


def points(centi):
    return "%d.%02d" % divmod(int(centi), 100)


def yuan(fen):
    fen = int(fen)
    return "-" if fen < 0 else "%d.%02d" % divmod(fen, 100)


def rate(spent, planned):
    if planned == 0:
        return "-"
    r = ratio(int(spent) * 10000, int(planned))
    return "%d.%02d%%" % divmod(r, 100)


def csv_field(v):
    if any(c in v for c in ',"\n\r'):
        return '"' + v.replace('"', '""') + '"'
    return v


def grade_order(g):
    return (USUAL_GRADES.index(g), "") if g in USUAL_GRADES else (100, g.encode())


def grades_text(counts):
    """counts: {grade: n} in first-seen order; jixiao keeps MAX_GRADES distinct grades."""
    kept = list(counts.items())[:MAX_GRADES]
    other = sum(n for _, n in list(counts.items())[MAX_GRADES:])
    kept.sort(key=lambda kv: grade_order(kv[0]))
    text = "  ".join("%s %d" % (g, n) for g, n in kept)
    if other:
        text += "  其他 %d" % other
    return text


def main(argv):
    by, out, path = "unit", None, None
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--by" and i + 1 < len(argv):
            by = argv[i + 1]
            i += 1
        elif a == "-o" and i + 1 < len(argv):
            out = argv[i + 1]
            i += 1
        elif path is None:
            path = a
        else:
            sys.exit(__doc__)
        i += 1
    if path is None or by not in TITLES:
        sys.exit(__doc__)

    df = pd.read_csv(path, dtype={"unit": str, "kind": str, "grade": str},
                     keep_default_na=False, na_values={"planned": [""], "received": [""],
                                                       "spent": [""]})
    for col in ("planned", "received", "spent"):
        df[col] = df[col].fillna(0).astype("int64")
    # jixiao groups units by id (two units may share a name) and shows the name
    key = {"unit": "unit_id", "kind": "kind", "grade": "grade"}[by]
    label = {"unit": "unit", "kind": "kind", "grade": "grade"}[by]

    g = df.groupby(key, sort=False)
    agg = g.agg(label=(label, "first"), count=("total", "size"), sum=("total", "sum"),
                median=("total", "median"), min=("total", "min"), max=("total", "max"),
                planned=("planned", "sum"), received=("received", "sum"),
                spent=("spent", "sum"))
    agg["mean"] = [ratio(int(s), int(n)) for s, n in zip(agg["sum"], agg["count"])]
    agg["median2"] = [ratio(int(round(m * 2)), 2) for m in agg["median"]]
    # grade counts per group, in the order jixiao meets them (ascending total)
    ordered = df.sort_values([key, "total"], kind="stable")
    grade_counts = {}
    for (k, grade), n in ordered.groupby([key, "grade"], sort=False).size().items():
        grade_counts.setdefault(k, {})[grade] = int(n)
    agg["labelb"] = [s.encode() for s in agg["label"]]
    agg = agg.sort_values(["mean", "count", "labelb"], ascending=[False, False, True],
                          kind="stable")

    lines = ["rank,%s,count,mean,median,min,max,grades,planned,received,spent,execution_rate"
             % by]
    for rank, (k, row) in enumerate(agg.iterrows(), start=1):
        lines.append(",".join([
            str(rank), csv_field(row["label"]), str(int(row["count"])), points(row["mean"]),
            points(row["median2"]), points(row["min"]), points(row["max"]),
            csv_field(grades_text(grade_counts[k])), yuan(row["planned"]),
            yuan(row["received"]), yuan(row["spent"]), rate(row["spent"], row["planned"])]))

    totals = df["total"].sort_values(kind="stable")
    n = len(totals)
    if n:
        mean = ratio(int(totals.sum()), n)
        mid = n // 2
        median = int(totals.iloc[mid]) if n % 2 else ratio(
            int(totals.iloc[mid - 1]) + int(totals.iloc[mid]), 2)
        lo, hi = int(totals.iloc[0]), int(totals.iloc[-1])
    else:
        mean = median = lo = hi = 0
    all_grades = {}
    for grade, cnt in ordered.groupby("grade", sort=False).size().items():
        all_grades[grade] = int(cnt)
    planned, received, spent = (int(df[c].sum()) for c in ("planned", "received", "spent"))
    lines.append(",".join([
        "", "合计", str(n), points(mean), points(median), points(lo), points(hi),
        csv_field(grades_text(all_grades)), yuan(planned), yuan(received), yuan(spent),
        rate(spent, planned)]))

    text = "\n".join(lines) + "\n"
    if out and out != "-":
        with open(out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main(sys.argv[1:])
