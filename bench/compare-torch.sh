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
#   CPU=1 bench/compare-torch.sh            # CPU time per step, one thread on both sides (see below)
#   ENSEMBLE=0 bench/compare-torch.sh       # skip the ensemble timing at the end
#
# CPU=1 is for a loaded machine: both sides run one thread and are timed in CPU time of that
# thread (JMH aux counter cpuNanos/steps; the peer's own timer replaced by time.process_time and
# torch.set_num_threads by 1), so other processes change the numbers far less than wall time;
# the GEMM-bound step cost is the step's two products with their transposes (GemmBenchmark
# product=step, 3000x700x150, CPU time per pair), and the fraction is GEMM cost / step cost.
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
[[ -n "${CPU:-}" ]] && THREADS=1
echo "# java $(java -version 2>&1 | head -1 | cut -d'"' -f2), grokphase threads=$THREADS; $("$PYTHON" -c 'import torch; print("torch", torch.__version__)') threads=$([[ -n "${CPU:-}" ]] && echo 1 || echo 2)"
echo "# grokphase BLAS: $(java -cp "$JAR" dev.grokphase.bench.BlasInfo "$THREADS")"
echo "# PyTorch BLAS:   $BLAS_PEER"
jmh_cpu() { # benchmark, counter, params... -> CPU microseconds per op (threads=1)
  local bench=$1 counter=$2; shift 2
  java -Djmh.ignoreLock=true -jar "$JAR" "$bench" "${JMH[@]}" "$@" -rf json -rff "$TMP/r.json" > "$TMP/jmh.log" 2>&1 \
    || { cat "$TMP/jmh.log" >&2; exit 1; }
  "$PYTHON" -c 'import json,sys; s=json.load(open(sys.argv[1]))[0]["secondaryMetrics"]; print(sum(s["cpuNanos"]["rawData"][0]) / sum(s[sys.argv[2]]["rawData"][0]) / 1e3)' "$TMP/r.json" "$counter"
}
torch_cpu() { # N n d steps precision -> CPU microseconds per step, one thread
  "$PYTHON" -c '
import sys, time, torch
torch.set_num_threads(1)
torch.set_num_threads = lambda n: None
time.perf_counter = time.process_time
sys.argv = [sys.argv[1]] + sys.argv[2:]
exec(compile(open(sys.argv[0]).read(), sys.argv[0], "exec"))' "$PEER" "$@" | sed -n 's/.*: \([0-9.]*\) steps\/s.*/\1/p' \
    | "$PYTHON" -c 'import sys; print(1e6 / float(sys.stdin.read()))'
}
if [[ -n "${CPU:-}" ]]; then
  echo "# CPU time per step, 1 thread each (grokphase: JMH cpuNanos/steps; torch: process_time)"
  printf '%-14s %-8s %16s %16s %8s\n' "size N,n,d" precision "grokphase us" "torch us" ratio
  declare -A STEP
  for size in 88x375x53 700x3000x150; do
    IFS=x read -r N n d <<< "$size"
    steps=$([[ $size == 88x375x53 ]] && echo $SMALL || echo $LARGE)
    for prec in float64 float32; do
      ours=$(jmh_cpu LangevinStepBenchmark steps -p size=$size -p precision=$prec -p threads=1)
      torch=$(torch_cpu "$N" "$n" "$d" "$steps" "$prec")
      STEP[$size.$prec]=$ours
      printf '%-14s %-8s %16.1f %16.1f %7.1fx\n' "$N,$n,$d" "$prec" "$ours" "$torch" "$("$PYTHON" -c "print($torch / $ours)")"
    done
  done
  echo
  printf '%-8s %22s %22s %10s\n' precision "2 GEMMs us (N=700)" "step us (N=700)" fraction
  for prec in float64 float32; do
    gemm=$(jmh_cpu GemmBenchmark products -p shape=3000x700x150 -p product=step -p precision=$prec -p threads=1)
    "$PYTHON" -c "g=$gemm; s=${STEP[700x3000x150.$prec]}; print(f'{\"$prec\":<8} {g:22.1f} {s:22.1f} {g/s:9.0%}')"
  done
  exit 0
fi
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
printf '%-8s %14s %16s %16s %14s %14s\n' precision "step GFLOP/s" "GEMM 2048^3" "GEMM step pair" "of 2048^3" "of step pair"
for prec in float64 float32; do
  gemm=$(jmh_score GemmBenchmark -p shape=2048x2048x2048 -p product=nn -p precision=$prec -p threads=$THREADS)
  pair=$(jmh_score GemmBenchmark -p shape=3000x700x150 -p product=step -p precision=$prec -p threads=$THREADS)
  "$PYTHON" - "$gemm" "$pair" "${OURS[700x3000x150.$prec]}" "$prec" <<'PY'
import sys
gemm, pair, steps, prec = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
flop = 2 * 2 * 3000 * 700 * 150
gflops, pairflops, step = 2 * 2048**3 * gemm / 1e9, flop * pair / 1e9, flop * steps / 1e9
print(f"{prec:<8} {step:14.1f} {gflops:16.1f} {pairflops:16.1f} {step / gflops:13.0%} {step / pairflops:13.0%}")
PY
done

# Ensembles of small networks (issue 9 goal: network-steps/s with --seeds 4 --datasets 2 >= 1.8x a
# single network's): the whole ./grokphase train command timed, JVM start included. ENSEMBLE=0 skips.
if [[ "${ENSEMBLE:-1}" != 0 ]]; then
  ESTEPS=$([[ -n "${QUICK:-}" ]] && echo 2000 || echo 10000)
  ./grokphase --version > /dev/null 2>&1 || { echo "compare-torch: ./grokphase does not build" >&2; exit 1; }
  echo
  printf '%-22s %10s %10s %20s\n' "ensemble (N=88)" "networks" "wall s" "network-steps/s"
  declare -A NSPS
  for sd in 1x1 4x2; do
    IFS=x read -r S D <<< "$sd"
    t0=$(date +%s.%N)
    ./grokphase train cubic --N 88 --n 375 --d 53 --sigma-a2 0.0909 --lr 0.05 --threads "$THREADS" \
      --steps "$ESTEPS" --log-every "$ESTEPS" --log-points 1 --seeds "$S" --datasets "$D" --out "$TMP/ens-$sd" > "$TMP/ens.log" 2>&1 \
      || { cat "$TMP/ens.log" >&2; exit 1; }
    t1=$(date +%s.%N)
    NSPS[$sd]=$("$PYTHON" -c "print($S * $D * $ESTEPS / ($t1 - $t0))")
    printf '%-22s %10d %10.2f %20.0f\n' "--seeds $S --datasets $D" $((S * D)) "$("$PYTHON" -c "print($t1 - $t0)")" "${NSPS[$sd]}"
  done
  echo "ensemble speed-up (8 networks vs 1): $("$PYTHON" -c "print(f'{${NSPS[4x2]} / ${NSPS[1x1]}:.2f}x')")"
fi
