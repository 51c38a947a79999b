#!/usr/bin/env python3
"""W1 with and without a CPU hog: Ferrite (JMH JSON) beside Tokio (the anchors' RESULT lines).

    hog_report.py OUT_DIR RESULTS_CSV

Reads OUT_DIR/jmh-{quiet,hog}-rN.json and OUT_DIR/tokio.log (lines tagged RESULT-{quiet,hog}-rN),
prints the medians in ns per task with the slowdown the hog caused and Ferrite's advantage over
the best Tokio runtime under each load, and replaces the rows W1-quiet and W1-hog of RESULTS_CSV.
"""
import csv
import glob
import json
import os
import re
import statistics
import sys

out, results = sys.argv[1], sys.argv[2]
values = {}  # (load, impl) -> [ns per task]

for path in sorted(glob.glob(os.path.join(out, "jmh-*-r*.json"))):
    load = re.match(r"jmh-(quiet|hog)-r\d+\.json", os.path.basename(path)).group(1)
    with open(path) as f:
        for run in json.load(f):
            name = run["benchmark"].rsplit(".", 1)[1]
            impl = {"ferriteMultiThread": "ferrite-mt2", "ferriteCurrentThread": "ferrite-ct"}[name]
            values.setdefault((load, impl), []).append(run["primaryMetric"]["score"])

tokio_log = os.path.join(out, "tokio.log")
if os.path.exists(tokio_log):
    with open(tokio_log) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            m = re.match(r"RESULT-(quiet|hog)-r\d+$", parts[0])
            if not m or parts[2] != "W1":
                continue
            impl = parts[1].split("@")[0].replace("D:", "")
            values.setdefault((m.group(1), impl), []).append(1e9 / float(parts[4]))

impls = sorted({i for _, i in values})
med = {k: statistics.median(v) for k, v in values.items()}


def best(load, prefix):
    c = [med[(load, i)] for i in impls if i.startswith(prefix) and (load, i) in med]
    return min(c) if c else None


print("| W1 spawn+join (ns/task) | quiet | with a CPU hog | hog slowdown |")
print("|---|---:|---:|---:|")
for i in impls:
    q, h = med.get(("quiet", i)), med.get(("hog", i))
    slow = f"{h / q:.2f}x" if q and h else "-"
    print(f"| {i} | {q:.1f} | {h:.1f} | {slow} |" if q and h else f"| {i} | {q} | {h} | - |")
for load in ("quiet", "hog"):
    f, t = best(load, "ferrite-mt2"), best(load, "tokio")
    if f and t:
        print(f"Ferrite mt2 advantage over the best Tokio runtime, {load}: {t / f:.2f}x")

rows = []
if os.path.exists(results):
    with open(results) as f:
        rows = [r for r in csv.reader(f)]
header = ["workload", "implementation", "value", "unit", "higher_is_better"]
if rows and rows[0] == header:
    rows = rows[1:]
rows = [r for r in rows if r and r[0] not in ("W1-quiet", "W1-hog")]
for (load, impl), v in sorted(med.items()):
    rows.append([f"W1-{load}", impl, f"{v:.2f}", "ns/task", "false"])
os.makedirs(os.path.dirname(os.path.abspath(results)), exist_ok=True)
with open(results, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(header)
    w.writerows(rows)
print(f"wrote W1-quiet and W1-hog rows to {results}")
