#!/usr/bin/env python3
"""Turns one run of benchmarks/run.sh into a table and benchmarks/target/results.csv.

Reads, from the run directory given as the only argument:
  jmh-jdkN-GROUP.json              JMH results (-rf json, -prof gc), one file per JDK and
                                   workload group
  *.log                            RESULT lines (Ferrite's and the virtual threads' W4 mains,
                                   and the anchors' Tokio / Kotlin binaries when they ran)
Writes results.csv (workload,implementation,value,unit,higher_is_better; one row per measured
figure) and results.md (the table), and prints the table.

With several rounds (run.sh --rounds N) every figure is the median over the rounds, shown with
its range; the ratio compares the medians.

The ratio column is Ferrite's advantage over the peer, so >1 means Ferrite is better whatever
the unit: peer/Ferrite for lower-is-better units (ns, ms, bytes), Ferrite/peer for
higher-is-better ones (classes per second).
"""
import csv
import glob
import json
import os
import re
import statistics
import sys

# --------------------------------------------------------------------------- what each figure is

# JMH benchmark (class.method) -> (workload, implementation). Unlisted benchmarks are ignored.
JMH = {
    'await.ReadyAwaitBenchmark.ferriteAsync': ('W3', 'ferrite-@Async'),
    'await.ReadyAwaitBenchmark.ferriteAsyncNested': ('W3', 'ferrite-@Async-nested-call'),
    'await.ReadyAwaitBenchmark.handWritten': ('W3', 'hand-written-state-machine'),
    'await.ReadyAwaitBenchmark.plainLoop': ('W3', 'plain-loop'),
    'await.ReadyAwaitBenchmark.plainArrayRead': ('W3', 'plain-array-read'),
    'await.ReadyAwaitBenchmark.completableFuture': ('W3', 'cf-isDone+join'),
    'await.SuspendingAwaitBenchmark.sameThreadFerrite': ('S1', 'ferrite-ct'),
    'await.SuspendingAwaitBenchmark.sameThreadFerriteBlockOn': ('S1', 'ferrite-blockOn'),
    'await.SuspendingAwaitBenchmark.sameThreadCfCallback': ('S1', 'cf-whenComplete-loop'),
    'await.SuspendingAwaitBenchmark.sameThreadCfThenCompose': ('S1', 'cf-thenCompose'),
    'await.SuspendingAwaitBenchmark.otherThreadFerrite': ('S2', 'ferrite-mt2'),
    'await.SuspendingAwaitBenchmark.otherThreadFerriteOneWorker': ('S2', 'ferrite-mt1'),
    'await.SuspendingAwaitBenchmark.otherThreadFerriteBlockOn': ('S2', 'ferrite-blockOn'),
    'await.SuspendingAwaitBenchmark.otherThreadCfCallback': ('S2', 'cf-whenComplete-loop'),
    'await.SuspendingAwaitBenchmark.otherThreadCfThenCompose': ('S2', 'cf-thenCompose'),
    'runtime.SpawnJoinBenchmark.ferriteMultiThread': ('W1', 'ferrite-mt2'),
    'runtime.SpawnJoinBenchmark.ferriteCurrentThread': ('W1', 'ferrite-ct'),
    'runtime.SpawnJoinBenchmark.ferriteMultiThreadPolymorphic': ('W1', 'ferrite-mt2-polymorphic'),
    'runtime.SpawnJoinBenchmark.handWrittenMultiThread': ('W1', 'hand-written-mt2'),
    'runtime.SpawnJoinBenchmark.handWrittenCurrentThread': ('W1', 'hand-written-ct'),
    'runtime.SpawnJoinBenchmark.completableFutureForkJoin1': ('W1', 'cf-fj1'),
    'runtime.SpawnJoinBenchmark.completableFutureForkJoin2': ('W1', 'cf-fj2'),
    'vt.VirtualThreadBenchmark.spawnJoin': ('W1', 'vt-thread'),
    'vt.VirtualThreadBenchmark.spawnJoinExecutor': ('W1', 'vt-executor'),
    'runtime.PingPongBenchmark.ferriteMultiThread': ('W2', 'ferrite-mt2-mpsc1'),
    'runtime.PingPongBenchmark.ferriteCurrentThread': ('W2', 'ferrite-ct-mpsc1'),
    'runtime.PingPongBenchmark.ferriteMultiThreadPolymorphic': ('W2', 'ferrite-mt2-mpsc1-polymorphic'),
    'runtime.PingPongBenchmark.ferriteMultiThreadUnbounded': ('W2', 'ferrite-mt2-unbounded'),
    'runtime.PingPongBenchmark.ferriteCurrentThreadUnbounded': ('W2', 'ferrite-ct-unbounded'),
    'runtime.PingPongBenchmark.handWrittenMultiThread': ('W2', 'hand-written-mt2'),
    'runtime.PingPongBenchmark.handWrittenCurrentThread': ('W2', 'hand-written-ct'),
    'runtime.PingPongBenchmark.completableFutureForkJoin1': ('W2', 'cf-fj1-callback'),
    'runtime.PingPongBenchmark.completableFutureForkJoin2': ('W2', 'cf-fj2-callback'),
    'vt.VirtualThreadBenchmark.pingPongSynchronousQueue': ('W2', 'vt-SynchronousQueue'),
    'vt.VirtualThreadBenchmark.pingPongArrayBlockingQueue': ('W2', 'vt-ArrayBlockingQueue1'),
    'runtime.TimerBenchmark.ferriteMultiThread': ('W5', 'ferrite-mt2'),
    'runtime.TimerBenchmark.ferriteCurrentThread': ('W5', 'ferrite-ct'),
    'runtime.TimerBenchmark.completableFutureForkJoin2': ('W5', 'cf-fj2-delayedExecutor'),
    'vt.VirtualThreadBenchmark.sleep': ('W5', 'vt-sleep'),
    'transformer.TransformerThroughputBenchmark.transformJar': ('T', 'ferrite-transformer'),
    'stream.SyncPipelineBenchmark.boxedFerrite': ('S3', 'ferrite'),
    'stream.SyncPipelineBenchmark.boxedReactor': ('S3', 'reactor-flux'),
    'stream.SyncPipelineBenchmark.boxedRxJava': ('S3', 'rxjava-flowable'),
    'stream.SyncPipelineBenchmark.boxedJavaStream': ('S3', 'java-util-stream'),
    'stream.SyncPipelineBenchmark.objectsFerrite': ('S3o', 'ferrite'),
    'stream.SyncPipelineBenchmark.objectsReactor': ('S3o', 'reactor-flux'),
    'stream.SyncPipelineBenchmark.objectsRxJava': ('S3o', 'rxjava-flowable'),
    'stream.SyncPipelineBenchmark.objectsJavaStream': ('S3o', 'java-util-stream'),
    'stream.GeneratorBenchmark.ferriteGenerator': ('S4', 'ferrite-generator'),
    'stream.GeneratorBenchmark.handWrittenStream': ('S4', 'ferrite-hand-written-stream'),
    'stream.GeneratorBenchmark.reactorGenerate': ('S4', 'reactor-flux-generate'),
    'stream.GeneratorBenchmark.kotlinStyleStateMachine': ('S4', 'kotlin-style-state-machine'),
    'stream.GeneratorBenchmark.iterator': ('S4', 'iterator'),
    'stream.BufferUnorderedBenchmark.ferriteBufferUnordered': ('S5', 'ferrite-bufferUnordered-mt2'),
    'stream.BufferUnorderedBenchmark.ferriteForEachConcurrent': ('S5', 'ferrite-forEachConcurrent-mt2'),
    'stream.BufferUnorderedBenchmark.ferriteTimerFloor': ('S5', 'ferrite-timer-floor-mt2'),
    'stream.BufferUnorderedBenchmark.reactorFlatMap': ('S5', 'reactor-flatMap-Mono.delay'),
    'stream.BufferUnorderedBenchmark.rxJavaFlatMap': ('S5', 'rxjava-flatMap-timer'),
}

# Awaits per operation are already normalised by JMH (@OperationsPerInvocation).
UNIT = {'ns/op': 'ns', 'ms/op': 'ms', 'ops/s': 'classes/s', 'B/op': 'B'}

# Anchors' RESULT metrics -> (workload, unit, converter to our unit).
ANCHOR_METRIC = {
    ('W1', 'tasks_per_s'): ('W1', 'ns', lambda v: 1e9 / v),
    ('W2', 'rt_per_s'): ('W2', 'ns', lambda v: 1e9 / v),
    ('W3', 'ns_per_await'): ('W3', 'ns', lambda v: v),
    ('W5', 'wall_ms'): ('W5', 'ms', lambda v: v),
    ('W4', 'heap_B_per_task'): ('W4', 'B', lambda v: v),
}

WORKLOADS = {
    'W1': 'W1 spawn+join 1M tasks (ns/task)',
    'W2': 'W2 ping-pong 1M round trips (ns/round trip)',
    'W3': 'W3 ready await, 10M (ns/await)',
    'W3-alloc': 'W3 allocation per ready await (B/await)',
    'S1': 'await that suspends, same thread (ns/suspension)',
    'S1-alloc': 'allocation per suspension, same thread (B)',
    'S2': 'await that suspends, other thread (ns/suspension)',
    'S2-alloc': 'allocation per suspension, other thread (B)',
    'W3-jdk17': 'W3 ready await, 10M, JDK 17 (ns/await)',
    'W3-alloc-jdk17': 'W3 allocation per ready await, JDK 17 (B/await)',
    'S1-jdk17': 'await that suspends, same thread, JDK 17 (ns/suspension)',
    'S1-alloc-jdk17': 'allocation per suspension, same thread, JDK 17 (B)',
    'W4-oneshot': 'W4 heap per task suspended on a oneshot, 1M tasks (B/task)',
    'W4-timer': 'W4 heap per task suspended on a 60 s timer, 1M tasks (B/task)',
    'W5': 'W5 100k tasks x 10 ms sleep (ms/run)',
    'T': 'transformer throughput (classes/s)',
    'S3': 'S3 range(10M).map.filter.fold, boxed Integers (ns/item)',
    'S3-alloc': 'S3 allocation per item, boxed Integers (B/item; the boxes are the items)',
    'S3o': 'S3 the same steps over pre-made objects (ns/item)',
    'S3o-alloc': 'S3 allocation per item over pre-made objects (B/item: the machinery alone)',
    'S4': 'S4 generator emitting 10M items, read with await(next()) (ns/item)',
    'S4-alloc': 'S4 allocation per item (B/item; the items are pre-made)',
    'S5': 'S5 bufferUnordered(64), 100k x 1 ms sleep (ms/run; ideal 1,562.5)',
}


def higher_is_better(unit):
    return unit.endswith('/s')


# --------------------------------------------------------------------------- reading

def read_jmh(path, jdk, rnd, samples):
    with open(path) as f:
        results = json.load(f)
    for r in results:
        name = r['benchmark'].replace('io.ferrite.benchmarks.', '')
        if name not in JMH:
            continue
        workload, impl = JMH[name]
        impl = f'{impl}@jdk{jdk}'
        if jdk != '25':
            workload += f'-jdk{jdk}'
        pm = r['primaryMetric']
        samples.append((workload, impl, rnd, pm['score'], UNIT.get(pm['scoreUnit'], pm['scoreUnit'])))
        alloc = r.get('secondaryMetrics', {}).get('gc.alloc.rate.norm')
        if alloc is not None and workload.split('-')[0] in ('W3', 'S1', 'S2', 'S3', 'S3o', 'S4'):
            base, _, suffix = workload.partition('-')
            samples.append((base + '-alloc' + ('-' + suffix if suffix else ''), impl, rnd, max(alloc['score'], 0.0), 'B'))


def read_results(path, samples):
    """RESULT lines (RESULT-rN when run.sh tagged the round): the median of each round's reps."""
    reps = {}
    with open(path, errors='replace') as f:
        for line in f:
            parts = line.rstrip('\n').split('\t')
            m = re.fullmatch(r'RESULT(?:-r(\d+))?', parts[0])
            if len(parts) < 6 or not m:
                continue
            impl, workload, metric, value = parts[1], parts[2], parts[3], float(parts[4])
            key = ANCHOR_METRIC.get((workload, metric))
            if key is None:
                continue
            reps.setdefault((key, impl, int(m.group(1) or 1)), []).append(value)
    for ((workload, unit, conv), impl, rnd), values in reps.items():
        # Anchors' names look like "D:tokio-mt2@tokio1.24.2"; drop the letter prefix.
        name = impl.split(':', 1)[-1]
        if workload == 'W4':
            workload = 'W4-timer' if 'timer' in name else 'W4-oneshot'
        samples.append((workload, name, rnd, conv(statistics.median(values)), unit))


def aggregate(samples):
    """One row per (workload, implementation): the median over rounds, and (min, max, rounds)."""
    by = {}
    for workload, impl, rnd, value, unit in samples:
        by.setdefault((workload, impl, unit), {}).setdefault(rnd, []).append(value)
    rows, spread = [], {}
    for (workload, impl, unit), rounds in by.items():
        # W4 runs several processes in one "round": each is a sample.
        values = [v for vs in rounds.values() for v in vs]
        rows.append((workload, impl, statistics.median(values), unit))
        spread[(workload, impl)] = (min(values), max(values), len(values))
    return rows, spread


# --------------------------------------------------------------------------- the table

def fmt(v, unit):
    if unit == 'classes/s':
        return f'{v:,.0f}'
    if v >= 100:
        return f'{v:,.0f}'
    if v >= 10:
        return f'{v:.1f}'
    return f'{v:.2f}'


def advantage(ferrite, peer, unit):
    if ferrite <= 0 or peer <= 0 or (unit == 'B' and max(ferrite, peer) < 0.5):
        return None
    return ferrite / peer if higher_is_better(unit) else peer / ferrite


def main(run_dir):
    samples = []
    for p in sorted(glob.glob(os.path.join(run_dir, 'jmh-jdk*.json'))):
        m = re.match(r'jmh-jdk(\d+)(?:-[^.]*?)?(?:-r(\d+))?\.json$', os.path.basename(p))
        read_jmh(p, m.group(1), int(m.group(2) or 1), samples)
    for p in sorted(glob.glob(os.path.join(run_dir, '*.log'))):
        read_results(p, samples)
    rows, spread = aggregate(samples)
    SPREAD.update(spread)

    os.makedirs(os.path.dirname(os.path.abspath(CSV)), exist_ok=True)
    with open(CSV, 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['workload', 'implementation', 'value', 'unit', 'higher_is_better'])
        for workload, impl, value, unit in rows:
            w.writerow([workload, impl, f'{value:.6g}', unit, str(higher_is_better(unit)).lower()])

    by = {}
    for workload, impl, value, unit in rows:
        by.setdefault(workload, {})[impl] = (value, unit)

    out = []
    env = os.path.join(run_dir, 'env.txt')
    if os.path.exists(env):
        with open(env) as f:
            out.extend(f'    {line.rstrip()}' for line in f)
        out.append('')
    out.append('| workload | Ferrite | value | peer | value | Ferrite advantage |')
    out.append('|---|---|---|---|---|---|')
    for workload, title in WORKLOADS.items():
        figures = by.get(workload)
        if not figures:
            continue
        ferrite = [(k, v) for k, v in figures.items() if k.startswith('ferrite')]
        others = [(k, v) for k, v in figures.items() if not k.startswith('ferrite')]
        if not ferrite:
            continue
        heads = [h for h in HEADS.get(workload, ()) if h in figures] or [ferrite[0][0]]
        for i, head in enumerate(heads):
            # The first head is compared with every other figure; a second head (W2 unbounded)
            # only with the peers.
            rest = [(k, v) for k, v in ferrite if k != head and (i == 0 and k not in heads)] + others
            out.extend(block(title, workload, head, figures[head], rest))

    out.append('')
    out.append('| target | measured | verdict |')
    out.append('|---|---|---|')
    out.extend(targets(by))
    text = '\n'.join(out) + '\n'
    with open(os.path.join(os.path.dirname(CSV), 'results.md'), 'w') as f:
        f.write(text)
    print(text)


# The Ferrite configuration each workload's ratios are computed for (the multi-thread runtime
# with 2 workers, as Tokio's mt2 and the default virtual-thread scheduler on 2 cores).
HEADS = {
    'W1': ['ferrite-mt2@jdk25'],
    'W2': ['ferrite-mt2-mpsc1@jdk25', 'ferrite-mt2-unbounded@jdk25'],
    'W3': ['ferrite-@Async@jdk25'],
    'W3-alloc': ['ferrite-@Async@jdk25'],
    'W3-jdk17': ['ferrite-@Async@jdk17'],
    'W3-alloc-jdk17': ['ferrite-@Async@jdk17'],
    'S1': ['ferrite-ct@jdk25'],
    'S1-alloc': ['ferrite-ct@jdk25'],
    'S1-jdk17': ['ferrite-ct@jdk17'],
    'S1-alloc-jdk17': ['ferrite-ct@jdk17'],
    'S2': ['ferrite-mt2@jdk25'],
    'S2-alloc': ['ferrite-mt2@jdk25'],
    'W4-oneshot': ['ferrite-mt2-oneshot@jdk25'],
    'W4-timer': ['ferrite-mt2-timer@jdk25'],
    'W5': ['ferrite-mt2@jdk25'],
    'S3': ['ferrite@jdk25'],
    'S3-alloc': ['ferrite@jdk25'],
    'S3o': ['ferrite@jdk25'],
    'S3o-alloc': ['ferrite@jdk25'],
    'S4': ['ferrite-generator@jdk25'],
    'S4-alloc': ['ferrite-generator@jdk25'],
    'S5': ['ferrite-bufferUnordered-mt2@jdk25'],
}


# (workload, implementation) -> (min, max, samples), filled by main.
SPREAD = {}


def cell(workload, impl, v, unit):
    """The median, with the range over the rounds when there was more than one."""
    lo, hi, n = SPREAD.get((workload, impl), (v, v, 1))
    return fmt(v, unit) if n == 1 else f'{fmt(v, unit)} ({fmt(lo, unit)}–{fmt(hi, unit)})'


def block(title, workload, head, figure, rest):
    fv, unit = figure
    lines = []
    for name, (pv, _) in rest:
        adv = advantage(fv, pv, unit)
        first = not lines
        lines.append('| {} | {} | {} | {} | {} | {} |'.format(
            f'**{title}**' if first else '', head if first else '', cell(workload, head, fv, unit) if first else '',
            name, cell(workload, name, pv, unit), '' if adv is None else f'{adv:.2f}x'))
    return lines or [f'| **{title}** | {head} | {cell(workload, head, fv, unit)} | | | |']


def get(by, workload, impl):
    v = by.get(workload, {}).get(impl)
    return None if v is None else v[0]


def best(by, workload, pattern):
    vals = [(v[0], k) for k, v in by.get(workload, {}).items() if re.search(pattern, k)]
    return min(vals) if vals else (None, None)


def verdict(ok):
    return 'n/a' if ok is None else ('met' if ok else '**missed**')


def targets(by):
    lines = []
    for jdk in ('25', '17'):
        sfx = '' if jdk == '25' else f'-jdk{jdk}'
        f, p = get(by, 'W3' + sfx, f'ferrite-@Async@jdk{jdk}'), get(by, 'W3' + sfx, f'plain-loop@jdk{jdk}')
        a = get(by, 'W3-alloc' + sfx, f'ferrite-@Async@jdk{jdk}')
        if f and p:
            lines.append(f'| ready await within 1.1x of the plain loop, JDK {jdk} | {f:.2f} vs {p:.2f} ns = '
                         f'{f / p:.2f}x | {verdict(f / p <= 1.1)} |')
        if a is not None:
            lines.append(f'| 0 bytes allocated per ready await, JDK {jdk} | {a:.3f} B/await | {verdict(a < 0.5)} |')
        s = get(by, 'S1' + sfx, f'ferrite-ct@jdk{jdk}')
        sa = get(by, 'S1-alloc' + sfx, f'ferrite-ct@jdk{jdk}')
        if s:
            lines.append(f'| suspending await, same thread, at most 40 ns, JDK {jdk} | {s:.1f} ns | {verdict(s <= 40)} |')
        if sa is not None:
            lines.append(f'| at most one object per suspension, JDK {jdk} | {sa:.1f} B/suspension '
                         f'(one `Task.yieldNow()` object is 16 B) | {verdict(sa <= 24.5)} |')
    for workload, impls, tokio_pat, tk, vt_pat, vk in (
            ('W1', ('ferrite-mt2@jdk25', 'ferrite-mt2-polymorphic@jdk25', 'ferrite-ct@jdk25'),
             r'^tokio-(mt2|ct)@', 3, r'^vt-', 2),
            ('W2', ('ferrite-mt2-mpsc1@jdk25', 'ferrite-mt2-mpsc1-polymorphic@jdk25', 'ferrite-ct-mpsc1@jdk25'),
             r'^tokio-(mt2|ct)-mpsc1@', 1.5, r'^vt-', 2),
            ('W2', ('ferrite-mt2-unbounded@jdk25', 'ferrite-ct-unbounded@jdk25'),
             r'^tokio-(mt2|ct)-unbounded@', 1.5, r'^vt-', 2)):
        for impl in impls:
            f = get(by, workload, impl)
            if f is None:
                continue
            t, tname = best(by, workload, tokio_pat)
            v, vname = best(by, workload, vt_pat)
            if t:
                lines.append(f'| {workload} {impl} at least {tk}x the best Tokio ({tname}) | {f:.0f} vs {t:.0f} ns = '
                             f'{t / f:.2f}x | {verdict(t / f >= tk)} |')
            if v:
                lines.append(f'| {workload} {impl} at least {vk}x the best virtual threads ({vname}) | {f:.0f} vs '
                             f'{v:.0f} ns = {v / f:.2f}x | {verdict(v / f >= vk)} |')
    for variant, limit in (('oneshot', 150), ('timer', 200)):
        f = get(by, f'W4-{variant}', f'ferrite-mt2-{variant}@jdk25')
        if f is not None:
            lines.append(f'| W4 {variant}: at most {limit} B per suspended task | {f:.0f} B | {verdict(f <= limit)} |')
    f = get(by, 'W5', 'ferrite-mt2@jdk25')
    peer, pname = best(by, 'W5', r'^(?!ferrite)')
    if f and peer:
        lines.append(f'| W5 timers no slower than the fastest peer ({pname}) | {f:.1f} vs {peer:.1f} ms = '
                     f'{peer / f:.2f}x | {verdict(f <= peer)} |')
    for workload, shape in (('S3', 'boxed'), ('S3o', 'pre-made objects')):
        f = get(by, workload, 'ferrite@jdk25')
        if f is None:
            continue
        for peer in ('reactor-flux', 'rxjava-flowable'):
            p = get(by, workload, f'{peer}@jdk25')
            if p:
                lines.append(f'| S3 {shape}: at least 1.5x better per item than {peer} | {f:.2f} vs {p:.2f} ns = '
                             f'{p / f:.2f}x | {verdict(p / f >= 1.5)} |')
        j = get(by, workload, 'java-util-stream@jdk25')
        if j:
            lines.append(f'| S3 {shape}: within 2x of java.util.stream | {f:.2f} vs {j:.2f} ns = {f / j:.2f}x | '
                         f'{verdict(f / j <= 2)} |')
    a = get(by, 'S3o-alloc', 'ferrite@jdk25')
    if a is not None:
        lines.append(f'| S3: 0 B per item allocated by the stream machinery (pre-made items) | {a:.4f} B/item | '
                     f'{verdict(a < 0.5)} |')
    f = get(by, 'S4', 'ferrite-generator@jdk25')
    if f:
        lines.append(f'| S4 generator: at most 15 ns per item | {f:.2f} ns | {verdict(f <= 15)} |')
    a = get(by, 'S4-alloc', 'ferrite-generator@jdk25')
    if a is not None:
        lines.append(f'| S4 generator: at most one object per item | {a:.1f} B/item | {verdict(a <= 24)} |')
    f = get(by, 'S5', 'ferrite-bufferUnordered-mt2@jdk25')
    if f:
        ideal = 100_000 / 64
        lines.append(f'| S5 within 1.5x of the ideal {ideal:,.1f} ms | {f:,.0f} ms = {f / ideal:.2f}x | '
                     f'{verdict(f / ideal <= 1.5)} |')
        r = get(by, 'S5', 'reactor-flatMap-Mono.delay@jdk25')
        if r:
            lines.append(f'| S5 ahead of Reactor flatMap(..., 64) over Mono.delay | {f:,.0f} vs {r:,.0f} ms = '
                         f'{r / f:.2f}x | {verdict(f <= r)} |')
    return lines


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit('usage: report.py RUN_DIR   (writes benchmarks/target/results.csv and results.md)')
    CSV = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'target', 'results.csv')
    main(sys.argv[1])
