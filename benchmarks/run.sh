#!/usr/bin/env bash
# Builds the benchmarks module and runs Ferrite's suite beside its peers, then prints the table
# and writes benchmarks/target/results.csv (and results.md).
#
#   benchmarks/run.sh [quick|full] [--anchors DIR] [--rounds N] [--no-build]
#
#   quick (default)  1 fork, 3 iterations of 1 s: about 9 minutes on 2 cores with the anchors;
#                    figures are indicative
#   full             2 forks, 5 warm-up and 10 measured iterations of 2 s, 3 rounds, 3 W4
#                    processes each
#   --rounds N       run W1, W2, W3 and W5 (each with its anchors) N times, one after the other;
#                    the table shows the median of the rounds and their range (quick: 1)
#   --anchors DIR    also run the anchors' Tokio and Kotlin benchmarks (a built copy of
#                    shared/anchors: ./setup.sh && ./build.sh there), each workload right after
#                    Ferrite's JMH run of it, so the figures share the machine's load of the
#                    moment and land in the same table
#   --no-build       reuse benchmarks/target/benchmarks.jar
#   --http DIR       instead of the JMH suite, run the HTTP/TCP rounds of a built copy of the
#                    anchors' http/ (cp -r shared/anchors/http DIR; cd DIR; ./setup.sh && ./build.sh)
#                    with Ferrite's server (io.ferrite.benchmarks.http.BenchServer) beside the
#                    peers: N1 (64-byte echo, 1/64/100/256 connections) and N2 (16 KiB echo, 64
#                    connections); --rounds N (default 3) rounds; rows go to
#                    benchmarks/target/results.csv, tables to benchmarks/target/http/. Settings of
#                    DIR/env.sh apply (IMPLS, DURATION, WARMUP, ...); IMPLS defaults to
#                    "ferrite hyper netty-nio netty-epoll jdk-vt". About 8 minutes a round.
#   --hog            instead of the JMH suite, W1 (spawn+join 1M tasks) for Ferrite (JMH, both
#                    runtimes) and Tokio (needs --anchors DIR), first on a quiet machine and then
#                    while a CPU hog (a shell busy loop, one core) runs beside them; --rounds N
#                    (default 2) pairs; rows W1-quiet and W1-hog go to benchmarks/target/results.csv.
#                    About 3 minutes a pair. HOG_JMH adds JMH options (e.g. "-jvmArgsAppend
#                    -Dferrite.scheduler.spins=64" to measure a spin setting).
#
# The build and the main run use JDK 25 when it is installed (JAVA25_HOME, default
# /usr/lib/jvm/temurin-25-jdk-amd64), so the virtual-thread peers (JDK 21+) are included; the
# await benchmarks run again on JDK 17 (JAVA17_HOME) when it is installed. Without JDK 21+ the
# virtual-thread rows are simply missing.
set -euo pipefail

MODE=quick
ANCHORS=""
HTTP=""
HOG=0
BUILD=1
ROUNDS=""
while [ $# -gt 0 ]; do
  case "$1" in
    quick|full) MODE=$1 ;;
    --anchors) ANCHORS=$(cd "${2:?--anchors needs a directory}" && pwd); shift ;;
    --no-build) BUILD=0 ;;
    --rounds) ROUNDS=${2:?--rounds needs a number}; shift ;;
    --http) HTTP=$(cd "${2:?--http needs a directory}" && pwd); shift ;;
    --hog) HOG=1 ;;
    *) echo "usage: $0 [quick|full] [--anchors DIR] [--rounds N] [--no-build] [--http DIR] [--hog]" >&2; exit 2 ;;
  esac
  shift
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/benchmarks
JAR=$BENCH/target/benchmarks.jar
OUT=$BENCH/target/run
J25HOME=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
J17HOME=${JAVA17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
if [ -x "$J25HOME/bin/java" ]; then
  MAIN_HOME=$J25HOME
else
  MAIN_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
  echo "note: no JDK 25 at $J25HOME; building and running on $MAIN_HOME (virtual threads only if 21+)" >&2
fi
JAVA=$MAIN_HOME/bin/java
FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')

if [ "$MODE" = full ]; then
  JMH_OPTS=(-f 2 -wi 5 -i 10 -w 2s -r 2s)
  ANCHOR_REPS=(--warmup 3 --reps 5)
  W4_PROCS=3
  ROUNDS=${ROUNDS:-3}
else
  JMH_OPTS=(-f 1 -wi 2 -i 3 -w 1s -r 1s)
  ANCHOR_REPS=(--warmup 2 --reps 3)
  W4_PROCS=1
  ROUNDS=${ROUNDS:-1}
fi

log() { echo "[$(date +%T)] $*" >&2; }

# JMH refuses to start while another JMH run holds /tmp/jmh.lock (two benchmarks at once on 2
# cores would spoil both): wait for it rather than fail. Java locks the file with fcntl, as
# python's lockf does, so this probe sees the same lock.
wait_for_jmh_lock() {
  local said=0
  until python3 -c 'import fcntl,sys; f=open("/tmp/jmh.lock","a"); fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)' 2>/dev/null; do
    [ "$said" = 1 ] || { log "another JMH run holds /tmp/jmh.lock; waiting for it to finish"; said=1; }
    sleep 5
  done
}

if [ "$BUILD" = 1 ]; then
  log "build: ./mvnw -q -B -pl benchmarks -am package -DskipTests (JAVA_HOME=$MAIN_HOME)"
  (cd "$ROOT" && JAVA_HOME=$MAIN_HOME ./mvnw -q -B -pl benchmarks -am package -DskipTests)
fi

# --http: the anchors' HTTP/TCP rounds with Ferrite in them, run by the anchors' own run.sh (so
# every server gets the same harness). N2 needs a 16 KiB message: the rounds then run from an
# overlay of DIR whose wrk/echo.lua is benchmarks/http/echo16k.lua, and their rows are renamed
# echo16k-cN. wrk needs at least one connection per thread, so echo-c1 runs with one wrk thread.
if [ -n "$HTTP" ]; then
  [ -x "$HTTP/run.sh" ] && [ -f "$HTTP/env.sh" ] || { echo "--http $HTTP: not a copy of the anchors' http/ (no run.sh)" >&2; exit 2; }
  HOUT=$BENCH/target/http
  rm -rf "$HOUT"
  mkdir -p "$HOUT"
  export IMPLS=${IMPLS:-"ferrite hyper netty-nio netty-epoll jdk-vt"}
  export CMD_ferrite=${CMD_ferrite:-"$J25HOME/bin/java -Xmx1g -cp $JAR io.ferrite.benchmarks.http.BenchServer"}
  HROUNDS=${ROUNDS:-3}
  OVERLAY=$HOUT/overlay-16k
  mkdir -p "$OVERLAY/wrk"
  for f in "$HTTP"/*; do [ "$(basename "$f")" = wrk ] || ln -s "$f" "$OVERLAY/"; done
  for f in "$HTTP"/wrk/*; do ln -s "$f" "$OVERLAY/wrk/"; done
  rm "$OVERLAY/wrk/echo.lua"
  cp "$BENCH/http/echo16k.lua" "$OVERLAY/wrk/echo.lua"
  # The rounds hold /tmp/jmh.lock, as a JMH run does: JMH runs started meanwhile by this script
  # wait for them, and these wait for a JMH run in progress.
  wait_for_jmh_lock
  locked() { python3 -c 'import fcntl, subprocess, sys
f = open("/tmp/jmh.lock", "a")
fcntl.lockf(f, fcntl.LOCK_EX)
sys.exit(subprocess.call(sys.argv[1:]))' "$@"; }
  log "HTTP/TCP rounds: $IMPLS; $HROUNDS round(s); output in $HOUT"
  WRK_THREADS=1 WORKLOADS="echo-c1" locked "$HTTP/run.sh" "$HOUT/n1-c1" "$HROUNDS"
  WORKLOADS=${HTTP_WORKLOADS:-"echo-c64 echo-c100 echo-c256"} locked "$HTTP/run.sh" "$HOUT/n1" "$HROUNDS"
  WORKLOADS="echo-c64" locked "$OVERLAY/run.sh" "$HOUT/n2" "$HROUNDS"
  sed -i 's/,echo-c\([0-9]*\),/,echo16k-c\1,/' "$HOUT/n2/raw.csv"
  mkdir -p "$HOUT/all"
  cp "$HOUT/n1/env.txt" "$HOUT/all/env.txt"
  head -1 "$HOUT/n1/raw.csv" > "$HOUT/all/raw.csv"
  for d in n1-c1 n1 n2; do tail -n +2 "$HOUT/$d/raw.csv" >> "$HOUT/all/raw.csv"; done
  python3 "$HTTP/aggregate.py" "$HOUT/all"
  python3 "$BENCH/http/report.py" "$HOUT/all" "$BENCH/target/results.csv"
  log "wrote $BENCH/target/results.csv (rows http-*), $HOUT/all/summary.md and $HOUT/all/ratios.md"
  exit 0
fi

# --hog: W1 with and without a second process keeping one core busy. The hog is a shell loop at
# the default priority, as another tenant's build would be; it runs only while the measurements
# do (started after the JMH lock is free, killed on exit).
if [ "$HOG" = 1 ]; then
  [ -n "$ANCHORS" ] || { echo "--hog needs --anchors DIR (Tokio's W1)" >&2; exit 2; }
  # shellcheck source=/dev/null
  source "$ANCHORS/env.sh"
  OUT=$BENCH/target/hog
  rm -rf "$OUT"
  mkdir -p "$OUT"
  HOG_PID=""
  stop_hog() { [ -z "$HOG_PID" ] || { kill "$HOG_PID" 2>/dev/null || true; wait "$HOG_PID" 2>/dev/null || true; HOG_PID=""; }; }
  trap stop_hog EXIT
  for ROUND in $(seq "${ROUNDS:-2}"); do
    for LOAD in quiet hog; do
      wait_for_jmh_lock
      if [ "$LOAD" = hog ]; then
        sh -c 'while :; do :; done' &
        HOG_PID=$!
      fi
      log "W1 $LOAD, round $ROUND: Ferrite (JMH) then Tokio"
      # Another run may take the lock between the probe and JMH's start: wait and try again.
      until "$JAVA" -jar "$JAR" 'io\.ferrite\.benchmarks\.runtime\.SpawnJoinBenchmark\.ferrite(MultiThread|CurrentThread)$' \
          "${JMH_OPTS[@]}" ${HOG_JMH:-} -foe true -rf json -rff "$OUT/jmh-$LOAD-r$ROUND.json" > "$OUT/jmh-$LOAD-r$ROUND.txt" 2>&1; do
        grep -q "Unable to acquire the JMH lock" "$OUT/jmh-$LOAD-r$ROUND.txt" || { tail -40 "$OUT/jmh-$LOAD-r$ROUND.txt" >&2; exit 1; }
        stop_hog
        wait_for_jmh_lock
        if [ "$LOAD" = hog ]; then
          sh -c 'while :; do :; done' &
          HOG_PID=$!
        fi
      done
      "$TOKIO" --wl W1 --rt mt2,ct "${ANCHOR_REPS[@]}" 2>> "$OUT/tokio.err" \
        | sed "s/^RESULT\t/RESULT-$LOAD-r$ROUND\t/" >> "$OUT/tokio.log"
      stop_hog
    done
  done
  python3 "$BENCH/hog_report.py" "$OUT" "$BENCH/target/results.csv"
  exit 0
fi

rm -rf "$OUT"
mkdir -p "$OUT"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "mode: $MODE"
  echo "command: benchmarks/run.sh $MODE${ANCHORS:+ --anchors DIR} --rounds $ROUNDS"
  echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(free -g | awk '/^Mem:/{print $2}') GiB, $(uname -sr)"
  echo "jdk (main run): $("$JAVA" -version 2>&1 | head -1)"
  [ -x "$J17HOME/bin/java" ] && echo "jdk (await on 17): $("$J17HOME/bin/java" -version 2>&1 | head -1)"
  echo "jmh: ${JMH_OPTS[*]}"
} > "$OUT/env.txt"

if [ -n "$ANCHORS" ]; then
  # shellcheck source=/dev/null
  source "$ANCHORS/env.sh"
fi

# One JMH run per workload, each followed at once by the anchors' Tokio and Kotlin processes for
# the same workload: on a shared, noisy machine the load changes from minute to minute, so a
# peer measured ten minutes after Ferrite would make the ratio measure the load. -prof gc adds
# gc.alloc.rate.norm (bytes per operation) to every JMH result.
jmh() {  # jmh NAME JDK_HOME REGEX (the file name also carries $ROUND)
  local name=$1 home=$2 regex=$3 jdk
  jdk=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  wait_for_jmh_lock
  log "JMH on JDK $jdk: $name"
  "$home/bin/java" -jar "$JAR" "$regex" "${JMH_OPTS[@]}" -prof gc -foe true \
    -rf json -rff "$OUT/jmh-jdk$jdk-$name-r$ROUND.json" > "$OUT/jmh-jdk$jdk-$name-r$ROUND.txt" 2>&1 \
    || { tail -40 "$OUT/jmh-jdk$jdk-$name-r$ROUND.txt" >&2; exit 1; }
}
anchors() {  # anchors WORKLOAD: Tokio (both runtimes) and Kotlin coroutines on one workload
  [ -n "$ANCHORS" ] || return 0
  log "anchors: Tokio and Kotlin coroutines, $1"
  "$TOKIO" --wl "$1" "${ANCHOR_REPS[@]}" 2>> "$OUT/anchors-tokio.err" \
    | sed "s/^RESULT\t/RESULT-r$ROUND\t/" >> "$OUT/anchors-tokio.log"
  "$J25" $JOPTS -cp "$KT_JAR" perf.kt.KtBench --wl "$1" "${ANCHOR_REPS[@]}" 2>> "$OUT/anchors-kotlin.err" \
    | sed "s/^RESULT\t/RESULT-r$ROUND\t/" >> "$OUT/anchors-kotlin.log"
}
P='io\.ferrite\.benchmarks\.'
for ROUND in $(seq "$ROUNDS"); do
  [ "$ROUNDS" = 1 ] || log "round $ROUND of $ROUNDS"
  jmh W1 "$MAIN_HOME" "$P(runtime\.SpawnJoinBenchmark|vt\.VirtualThreadBenchmark\.spawnJoin)"
  anchors W1
  jmh W2 "$MAIN_HOME" "$P(runtime\.PingPongBenchmark|vt\.VirtualThreadBenchmark\.pingPong)"
  anchors W2
  jmh W3 "$MAIN_HOME" "${P}await\.ReadyAwaitBenchmark\."
  anchors W3
  jmh W5 "$MAIN_HOME" "$P(runtime\.TimerBenchmark|vt\.VirtualThreadBenchmark\.sleep)"
  anchors W5
done
ROUND=1
jmh S "$MAIN_HOME" "${P}await\.SuspendingAwaitBenchmark\."
jmh S3 "$MAIN_HOME" "${P}stream\.SyncPipelineBenchmark\."
jmh S5 "$MAIN_HOME" "${P}stream\.BufferUnorderedBenchmark\."
jmh T "$MAIN_HOME" "${P}transformer\."
if [ -x "$J17HOME/bin/java" ] && [ "$FEATURE" != 17 ]; then
  jmh W3 "$J17HOME" "${P}await\.ReadyAwaitBenchmark\."
  jmh S "$J17HOME" "${P}await\.SuspendingAwaitBenchmark\.sameThread"
fi

# W4 needs a process per measurement and a quiet heap: JMH does not fit.
log "W4: heap per suspended task, 1,000,000 tasks, $W4_PROCS process(es) per variant"
for _ in $(seq "$W4_PROCS"); do
  for v in oneshot timer oneshot-floor; do
    "$JAVA" -Xmx12g -cp "$JAR" io.ferrite.benchmarks.runtime.SuspendedTaskFootprint "$v" mt2 >> "$OUT/w4-ferrite.log"
  done
  if [ "$FEATURE" -ge 21 ]; then
    for v in oneshot timer; do
      "$JAVA" -Xmx12g -cp "$JAR" io.ferrite.benchmarks.vt.VirtualThreadFootprint "$v" >> "$OUT/w4-vt.log"
    done
  fi
  if [ -n "$ANCHORS" ]; then
    for rt in mt2 ct; do
      for v in oneshot timer; do
        "$TOKIO" --wl W4 --rt "$rt" --variant "$v" >> "$OUT/anchors-w4.log" 2>> "$OUT/anchors-w4.err"
      done
    done
    for v in oneshot timer; do
      "$J25" $JOPTS_W4 -cp "$KT_JAR" perf.kt.KtBench --wl W4 --variant "$v" >> "$OUT/anchors-w4.log" 2>> "$OUT/anchors-w4.err"
    done
  fi
done

log "report"
python3 "$BENCH/report.py" "$OUT"
log "wrote $BENCH/target/results.csv and $BENCH/target/results.md (raw results in $OUT)"
