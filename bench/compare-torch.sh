#!/usr/bin/env bash
# Full-batch Langevin steps/s of grokphase (JMH LangevinStepBenchmark) and of the PyTorch peer
# (shared/peer/torch_langevin.py), side by side in one run, at the paper's sizes (notes §6.1,
# beta = 1/8 and beta = 1) in float64 and float32; then the machine's GEMM rate (JMH GemmBenchmark,
# 2048^3 product, same OpenBLAS binding as the trainer) and the fraction of the GEMM-bound step
# rate reached (one Langevin step = 2 products of 2·n·N·d flops = 1.26 GFLOP at N=700).
#
#   bench/compare-torch.sh                  # defaults below
#   THREADS=1 bench/compare-torch.sh        # grokphase threads (the peer always uses 2)
#   PEER=/path/to/torch_langevin.py QUICK=1 bench/compare-torch.sh
#
# The peer must run on OpenBLAS: Debian's python3-torch calls whatever libblas.so.3 the system
# selects, and without libopenblas0-pthread that is the reference BLAS (4-8x slower; any ratio
# against it is meaningless, see shared/peer/README.md). This script checks which BLAS each side
# actually loaded, installs python3-torch and libopenblas0-pthread with apt-get when they are
# missing (needs root), and refuses to compare against the reference BLAS.
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${THREADS:-2}
PYTHON=${PYTHON:-/usr/bin/python3}
if [[ -z "${PEER:-}" ]]; then
  for p in ../shared/peer/torch_langevin.py ../../shared/peer/torch_langevin.py /work/shared/peer/torch_langevin.py; do
    [[ -f "$p" ]] && PEER=$p && break
  done
fi
[[ -f "${PEER:-}" ]] || { echo "torch_langevin.py not found; set PEER=..." >&2; exit 2; }

# --- the peer's BLAS must be OpenBLAS ---
peer_blas() { # the BLAS shared objects torch has mapped after a matrix product
  "$PYTHON" - <<'PY'
import torch
a = torch.ones(256, 256, dtype=torch.float64); a @ a
libs = sorted({l.split()[-1] for l in open('/proc/self/maps') if 'blas' in l.split()[-1]})
print(' '.join(libs) if libs else 'none')
PY
}
install_peer() {
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "compare-torch: need root and apt-get to install $*; install them and re-run" >&2; exit 2
  fi
  echo "# installing $* (apt-get)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >&2
}
"$PYTHON" -c 'import torch' 2>/dev/null || install_peer python3-torch libopenblas0-pthread
BLAS_PEER=$(peer_blas)
if [[ "$BLAS_PEER" != *openblas* ]]; then
  install_peer libopenblas0-pthread
  BLAS_PEER=$(peer_blas)
fi
[[ "$BLAS_PEER" == *openblas* ]] || { echo "compare-torch: PyTorch runs on '$BLAS_PEER', not OpenBLAS; refusing to compare" >&2; exit 2; }

JAR=grokphase-bench/target/benchmarks.jar
if [[ ! -f "$JAR" || -n "$(find grokphase-core/src grokphase-bench/src -newer "$JAR" -name '*.java' | head -1)" ]]; then
  mvn -B -q package -pl grokphase-bench -am -DskipTests
fi
if [[ -n "${QUICK:-}" ]]; then JMH=(-f 1 -wi 1 -w 2s -i 2 -r 3s); SMALL=300; LARGE=8
else JMH=(-f 1 -wi 2 -w 3s -i 3 -r 5s); SMALL=1500; LARGE=30; fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

jmh_score() { # benchmark, params... -> score (ops/s)
  local bench=$1; shift
  java -Djmh.ignoreLock=true -jar "$JAR" "$bench" "${JMH[@]}" "$@" -rf json -rff "$TMP/r.json" > "$TMP/jmh.log" 2>&1 \
    || { cat "$TMP/jmh.log" >&2; exit 1; }
  "$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["primaryMetric"]["score"])' "$TMP/r.json"
}

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(lscpu | sed -n 's/^Model name: *//p')  $(nproc) cpus  load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# java $(java -version 2>&1 | head -1 | cut -d'"' -f2), grokphase threads=$THREADS; $("$PYTHON" -c 'import torch; print("torch", torch.__version__, "threads=2")')"
echo "# grokphase BLAS: $(java -cp "$JAR" dev.grokphase.bench.BlasInfo)"
echo "# PyTorch BLAS:   $BLAS_PEER"
printf '%-14s %-8s %14s %14s %8s\n' "size N,n,d" precision "grokphase/s" "torch/s" ratio
declare -A OURS
for size in 88x375x53 700x3000x150; do
  IFS=x read -r N n d <<< "$size"
  steps=$([[ $size == 88x375x53 ]] && echo $SMALL || echo $LARGE)
  for prec in float64 float32; do
    ours=$(jmh_score LangevinStepBenchmark -p size=$size -p precision=$prec -p threads=$THREADS)
    torch=$("$PYTHON" "$PEER" "$N" "$n" "$d" "$steps" "$prec" | sed -n 's/.*: \([0-9.]*\) steps\/s.*/\1/p')
    OURS[$size.$prec]=$ours
    printf '%-14s %-8s %14.1f %14.1f %7.1fx\n' "$N,$n,$d" "$prec" "$ours" "$torch" \
      "$("$PYTHON" -c "print($ours / $torch)")"
  done
done
echo
printf '%-8s %16s %22s %10s\n' precision "GEMM GFLOP/s" "step GFLOP/s (N=700)" fraction
for prec in float64 float32; do
  gemm=$(jmh_score GemmBenchmark -p shape=2048x2048x2048 -p precision=$prec -p threads=$THREADS)
  "$PYTHON" - "$gemm" "${OURS[700x3000x150.$prec]}" "$prec" <<'PY'
import sys
gemm, steps, prec = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
gflops = 2 * 2048**3 * gemm / 1e9
step = 2 * 2 * 3000 * 700 * 150 * steps / 1e9
print(f"{prec:<8} {gflops:16.1f} {step:22.1f} {step / gflops:9.0%}")
PY
done
