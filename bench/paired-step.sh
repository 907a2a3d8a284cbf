#!/usr/bin/env bash
# Paired before/after CPU time of one Langevin step (dev.grokphase.bench.PairedStepTiming): the
# benchmark jar of commit OLD (built once from git archive in a temporary directory, cached under /tmp) and of the
# working tree, taking turns in one JVM, so that load drift hits both alike.
#
#   bench/paired-step.sh OLD                     # N = 700 and N = 88, float64 and float32, 1 and 2 threads
#   SIZES=700x3000x150 PRECISIONS=float64 THREADS="1" ROUNDS=20 bench/paired-step.sh 6abb325
#
# Output per configuration: thread CPU ms/step (median, min), process CPU and wall ms/step, and the
# ratio new/old (median and quartiles over rounds). Run it niced on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=${1:?usage: bench/paired-step.sh OLD-COMMIT}
OLD_SHA=$(git rev-parse --short "$OLD")
CACHE=/tmp/grokphase-bench-$OLD_SHA.jar
if [[ ! -f "$CACHE" ]]; then
  TMP=$(mktemp -d)
  mkdir "$TMP/src"
  git archive "$OLD_SHA" | tar -x -C "$TMP/src"
  (cd "$TMP/src" && mvn -B -o -q package -pl grokphase-bench -am -DskipTests)
  cp "$TMP/src/grokphase-bench/target/benchmarks.jar" "$CACHE"
  rm -rf "$TMP"
fi
JAR=grokphase-bench/target/benchmarks.jar
if [[ ! -f "$JAR" || -n "$(find grokphase-core/src grokphase-bench/src -newer "$JAR" -name '*.java' | head -1)" ]]; then
  mvn -B -o -q package -pl grokphase-bench -am -DskipTests
fi
NEW=/tmp/grokphase-bench-worktree-$$.jar
cp "$JAR" "$NEW"
trap 'rm -f "$NEW"' EXIT
echo "# old $OLD_SHA, new $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- grokphase-core grokphase-bench || echo '+changes')"
for size in ${SIZES:-700x3000x150 88x375x53}; do
  steps=$([[ $size == 88x375x53 ]] && echo 300 || echo 5)
  for prec in ${PRECISIONS:-float64 float32}; do
    for threads in ${THREADS:-1 2}; do
      java -XX:LoopUnrollLimit=250 -Xmx6g -cp "$JAR" dev.grokphase.bench.PairedStepTiming \
        "$size" "$prec" "$threads" "${ROUNDS:-16}" "$steps" "$CACHE" "$NEW"
    done
  done
done
