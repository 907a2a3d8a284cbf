#!/usr/bin/env bash
# Timing of the data-aware adaptive-kernel solver (issue 10 §3), for docs/benchmarks.md.
# Usage: bench/dataaware-timing.sh [small|large|all]   (default: small)
#   small: the β = 1/8 Fig. 2 point (n = 375, d = 53, N = 88), σ² = 0.1, one dataset, default sampler
#          (M = 8192) and M = 4096 (--samples 128); target < 1 min wall on 2 idle cores.
#   large: the β = 1 Fig. 2 point (n = 3000, d = 150, N = 700, σ_a² = 8/700), σ² = 0.1, one dataset;
#          target < 15 min.
# Prints user/sys CPU seconds, wall seconds and the load average before and after each run; the
# per-pass trace (-Dgrokphase.ak.trace=true) goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-small}"
export GROKPHASE_JAVA_OPTS="-Dgrokphase.ak.trace=true ${GROKPHASE_JAVA_OPTS:-}"
./grokphase --version >/dev/null 2>&1 || true   # builds the jar first if needed (not timed)
run() {
  local label="$1"
  shift
  echo "== $label (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
  /usr/bin/time -f "$label: %U s user, %S s sys, %e s wall" ./grokphase theory cubic --limit data "$@" --format jsonl \
    | python3 -c 'import json,sys
for line in sys.stdin:
    r = json.loads(line)
    print("  learnedLinear %.4f ± %.4f, learnedCubic %.4f ± %.4f, converged %s" % (r["learnedLinear"], r["learnedLinearErr"], r["learnedCubic"], r["learnedCubicErr"], r["converged"]))'
  echo "   (load after: $(cut -d' ' -f1-3 /proc/loadavg))"
}
small="--n 375 --N 88 --d 53 --sigma-a2 0.0323 --sigma-w2 0.5 --eps -0.3 --sigma2 0.1 --datasets 1"
large="--n 3000 --N 700 --d 150 --sigma-a2 0.011428571428571429 --sigma-w2 0.5 --eps -0.3 --sigma2 0.1 --datasets 1"
if [[ $what == small || $what == all ]]; then
  run "beta=1/8, M=8192 (default)" $small
  run "beta=1/8, M=4096" $small --samples 128
fi
if [[ $what == large || $what == all ]]; then
  run "beta=1, M=8192 (default)" $large
fi
