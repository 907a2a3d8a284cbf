#!/usr/bin/env bash
# Sampling efficiency: effective samples per CPU-second of the learned cubic component (testCubic)
# and of dropletFraction, for each sampler the tool has, at two points:
#   appd : the App. D default point (n = 212, d = 53, N = 250, sigma2 = 0.05, eps = -1.2, sigma_a2 = 0.011),
#          where droplets (neurons at |w.w*| ~ 1.1) form;
#   fig2 : beta = 1/8, sigma2 = 0.15 (n = 375, d = 53, N = 88, eps = -0.3, sigma_a2 = 0.03233).
# One chain per (point, sampler) (--datasets 1 --seeds 1, one thread), STEPS steps logged every
# LOG_EVERY; effective samples = n/tau over the second half (Sokal window, summary.json), CPU
# seconds = user + sys of the whole process (burn-in included), so ESS/CPU-s is what a user pays.
# A series that is constant over the window (e.g. no droplet ever) has no meaningful ESS: marked.
#
#   bench/sampling-efficiency.sh                         # all samplers the tool offers
#   STEPS=4000 POINTS=appd bench/sampling-efficiency.sh  # shorter, one point
#   MALA_LR=0.5 REPLICAS=4 MAX_T=2 bench/sampling-efficiency.sh
#   KEEP=/tmp/se bench/sampling-efficiency.sh            # keep the run directories
#   SAMPLERS="langevin langevin+jumps" bench/sampling-efficiency.sh   # a subset
#   REPLICAS=18 MAX_T=2 SAMPLERS=replicas bench/sampling-efficiency.sh # the replica ladder swaps need at App. D
#   SAMPLERS="langevin langevin+laplace" LAPLACE_EVERY=50 LAPLACE_NEURONS=10 bench/sampling-efficiency.sh
# Samplers: plain Langevin (--sampler langevin, the paper's), MALA (--sampler mala, step adapted
# during the first fifth), replica exchange (MALA copies at T_k = MAX_T^(k/(R-1)), --temper likelihood),
# and each of Langevin and MALA with droplet jumps (--jump-every JUMP_EVERY --jump-size JUMP_SIZE:
# a sweep of exact per-neuron moves along w* every JUMP_EVERY steps), and each with Laplace droplet jumps
# (--jump-kind laplace --jump-every LAPLACE_EVERY --jump-neurons LAPLACE_NEURONS: LAPLACE_NEURONS random
# neurons per sweep, each an exact independence move between the central well and the side-well
# Laplace fit of its conditional; docs/theory.md, "Laplace jump").
set -euo pipefail
cd "$(dirname "$0")/.."
STEPS=${STEPS:-20000}
LOG_EVERY=${LOG_EVERY:-20}
POINTS=${POINTS:-"appd fig2"}
LR=${LR:-0.05}
MALA_LR=${MALA_LR:-$LR}
REPLICAS=${REPLICAS:-4}
MAX_T=${MAX_T:-2}
SEED=${SEED:-1}
JUMP_EVERY=${JUMP_EVERY:-10}
JUMP_SIZE=${JUMP_SIZE:-1.2}
LAPLACE_EVERY=${LAPLACE_EVERY:-50}
LAPLACE_NEURONS=${LAPLACE_NEURONS:-10}
if [[ -n "${KEEP:-}" ]]; then OUT=$KEEP; mkdir -p "$OUT"; else OUT=$(mktemp -d); trap 'rm -rf "$OUT"' EXIT; fi
./grokphase --version >/dev/null
HELP=$(./grokphase train cubic --help)
samplers=("langevin")
if grep -q "mala" <<<"$HELP"; then samplers+=("mala"); else echo "# MALA: not in this build (train cubic --help has no 'mala')" >&2; fi
if grep -q -- "--replicas" <<<"$HELP"; then samplers+=("replicas"); else echo "# replica exchange: not in this build (no --replicas)" >&2; fi
if grep -q -- "--jump-every" <<<"$HELP"; then samplers+=("langevin+jumps" "mala+jumps"); else echo "# droplet jumps: not in this build (no --jump-every)" >&2; fi
if grep -q -- "--jump-kind" <<<"$HELP"; then samplers+=("langevin+laplace" "mala+laplace"); else echo "# Laplace jumps: not in this build (no --jump-kind)" >&2; fi
if [[ -n "${SAMPLERS:-}" ]]; then read -r -a samplers <<<"$SAMPLERS"; fi

point_args() {
  case "$1" in
    appd) echo "--n 212 --d 53 --N 250 --sigma2 0.05 --eps -1.2 --sigma-a2 0.011" ;;
    fig2) echo "--n 375 --d 53 --N 88 --sigma2 0.15 --eps -0.3 --sigma-a2 0.03233" ;;
    *) echo "unknown point $1" >&2; exit 2 ;;
  esac
}
sampler_args() {
  case "$1" in
    langevin) echo "--sampler langevin --lr $LR" ;;
    mala) echo "--sampler mala --lr $MALA_LR" ;;
    replicas) echo "--sampler mala --lr $MALA_LR --replicas $REPLICAS --max-temperature $MAX_T" ;;
    langevin+jumps) echo "--sampler langevin --lr $LR --jump-every $JUMP_EVERY --jump-size $JUMP_SIZE" ;;
    mala+jumps) echo "--sampler mala --lr $MALA_LR --jump-every $JUMP_EVERY --jump-size $JUMP_SIZE" ;;
    langevin+laplace) echo "--sampler langevin --lr $LR --jump-kind laplace --jump-every $LAPLACE_EVERY --jump-neurons $LAPLACE_NEURONS --jump-size $JUMP_SIZE" ;;
    mala+laplace) echo "--sampler mala --lr $MALA_LR --jump-kind laplace --jump-every $LAPLACE_EVERY --jump-neurons $LAPLACE_NEURONS --jump-size $JUMP_SIZE" ;;
    *) echo "unknown sampler $1" >&2; exit 2 ;;
  esac
}

printf "%-5s %-16s %7s %8s | %9s %8s %9s | %9s %8s %9s\n" point sampler steps cpu_s tau_cubic ess_cub ess/cpu_s tau_drop ess_drop ess/cpu_s
for p in $POINTS; do
  for s in "${samplers[@]}"; do
    dir="$OUT/$p-$s"
    # shellcheck disable=SC2046
    /usr/bin/time -f "%U %S" -o "$OUT/time" ./grokphase train cubic $(point_args "$p") $(sampler_args "$s") \
      --n-test 500 --steps "$STEPS" --log-every "$LOG_EVERY" --log-points 10 --datasets 1 --seeds 1 --seed "$SEED" \
      --threads 1 --progress none --out "$dir" >/dev/null
    cpu=$(awk '{print $1 + $2}' "$OUT/time")
    python3 - "$dir" "$p" "$s" "$STEPS" "$cpu" <<'PY'
import json, sys
d, p, s, steps, cpu = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
eq = json.load(open(d + "/observables/equilibration.json"))
def cols(name):
    c = eq[name]
    tau, ess = c.get("autocorrelationTime"), c.get("effectiveSamples")
    const = c.get("standardError") == 0
    if ess is None:
        return "%9s %8s %9s" % ("n/m", "n/m", "n/m")
    if const:
        # Nothing moved over the window: either nothing to sample (no droplet at all) or a frozen
        # variable (the droplet count never changed: tau longer than the window). No ESS either way.
        return "%9s %8s %9s" % ("-", "-", "none" if c.get("mean") == 0 else "frozen")
    # ESS of the second half per CPU-second of the second half (half of the run's CPU time).
    rate = ess / (cpu / 2)
    return "%9.3g %8.1f %9.3g" % (tau, ess, rate)
summ = json.load(open(d + "/summary.json"))
extra = " ".join("%s=%.3g" % (k, v) for k, v in summ.items()
                 if (k in ("acceptance", "jumpAcceptance", "dropletFraction") or k.startswith("swapAcceptance"))
                 and isinstance(v, (int, float)))
print("%-5s %-16s %7d %8.1f | %s | %s  %s" % (p, s, steps, cpu, cols("testCubic"), cols("dropletFraction"), extra))
PY
  done
done
