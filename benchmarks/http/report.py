#!/usr/bin/env python3
"""The HTTP/TCP rounds of benchmarks/run.sh --http: anchors' results.csv -> Ferrite's table.

usage: report.py OUTDIR RESULTS_CSV

Reads OUTDIR/results.csv (the anchors' aggregate: medians over rounds), adds MB/s rows for the
16 KiB echo (N2: round trips/s x 16,384 bytes), appends every row to RESULTS_CSV (the header
workload,implementation,value,unit,higher_is_better; created if missing), and writes
OUTDIR/ratios.md: per workload Ferrite's figure and each peer's, with Ferrite's advantage
(peer/Ferrite for lower-is-better units, Ferrite/peer otherwise; above 1 means Ferrite is better).
"""
import csv
import os
import sys

N2_BYTES = 16384


def main():
    out, results = sys.argv[1], sys.argv[2]
    rows = []
    with open(os.path.join(out, 'results.csv')) as f:
        for r in csv.DictReader(f):
            rows.append(r)
    for r in list(rows):
        if r['workload'].startswith('echo16k-') and r['unit'] == 'req/s':
            rows.append({'workload': r['workload'] + '-MBps', 'implementation': r['implementation'],
                         'value': f"{float(r['value']) * N2_BYTES / 1e6:.2f}", 'unit': 'MB/s',
                         'higher_is_better': 'true'})
    new = not os.path.exists(results)
    with open(results, 'a', newline='') as f:
        w = csv.writer(f)
        if new:
            w.writerow(['workload', 'implementation', 'value', 'unit', 'higher_is_better'])
        for r in rows:
            w.writerow(['http-' + r['workload'], r['implementation'], r['value'], r['unit'], r['higher_is_better']])

    by = {}
    for r in rows:
        by.setdefault(r['workload'], {})[r['implementation']] = (float(r['value']), r['unit'],
                                                                 r['higher_is_better'].lower() == 'true')
    lines = ['| workload | Ferrite | peer | value | Ferrite advantage |', '|---|---|---|---|---|']
    for wl in sorted(by):
        cells = by[wl]
        if 'ferrite' not in cells:
            continue
        fv, unit, hib = cells['ferrite']
        for impl in sorted(k for k in cells if k != 'ferrite'):
            pv = cells[impl][0]
            adv = (fv / pv if hib else pv / fv) if fv and pv else float('nan')
            lines.append(f'| {wl} ({unit}) | {fv:,.2f} | {impl} | {pv:,.2f} | {adv:.2f}x |')
    with open(os.path.join(out, 'ratios.md'), 'w') as f:
        f.write('\n'.join(lines) + '\n')
    print('\n'.join(lines))


if __name__ == '__main__':
    main()
