#!/usr/bin/env bash
# Installs what the report tests and the plots need on a fresh Debian machine, only when missing:
#   - chromium: the report test opens the HTML page in headless Chromium and checks every figure loaded;
#   - fonts-dejavu-core + fontconfig: a font with Greek glyphs (σ, β, ε) for the plots (DESIGN.md pitfall).
# Called by the app module's Maven build (exec-maven-plugin, phase process-test-classes) and by
# ./grokphase reproduce. Idempotent; does nothing (and needs no network) when everything is there.
#   --fonts-only: only the fonts (what ./grokphase report|reproduce need to draw figures).
#   --python: only what the Python package's tests need (python3 with numpy, pandas and pytest,
#             from Debian packages: .ci/run calls this before running python/tests).
set -euo pipefail
missing=()
if [[ "${1:-}" == --python ]]; then
  # Debian's python3 (/usr/bin/python3): the one apt's python3-* packages install into.
  py=/usr/bin/python3
  if [[ ! -x $py ]]; then
    missing+=(python3 python3-numpy python3-pandas python3-pytest)
  else
    "$py" -c 'import numpy' >/dev/null 2>&1 || missing+=(python3-numpy)
    "$py" -c 'import pandas' >/dev/null 2>&1 || missing+=(python3-pandas)
    "$py" -c 'import pytest' >/dev/null 2>&1 || missing+=(python3-pytest)
  fi
elif [[ "${1:-}" != --fonts-only ]]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fi
if [[ "${1:-}" == --python ]]; then
  :
elif ! command -v fc-list >/dev/null 2>&1; then
  missing+=(fontconfig fonts-dejavu-core)
else
  # Read fc-list to the end before matching: `fc-list | grep -q` lets grep exit at the first hit,
  # fc-list then dies of SIGPIPE (141) and, under pipefail, the check failed ~40% of the time.
  families="$(fc-list : family 2>/dev/null || true)"
  if ! grep -qi 'DejaVu Sans' <<<"$families"; then
    missing+=(fonts-dejavu-core)
  fi
fi
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
if [[ "${GROKPHASE_SKIP_TOOL_INSTALL:-}" == 1 ]]; then
  echo "ensure-test-tools: missing ${missing[*]} (install skipped: GROKPHASE_SKIP_TOOL_INSTALL=1)" >&2
  exit 0
fi
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else
    echo "ensure-test-tools: missing ${missing[*]}; run as root: apt-get install -y ${missing[*]}" >&2; exit 1; fi
fi
echo "ensure-test-tools: installing ${missing[*]} (apt-get)..." >&2
export DEBIAN_FRONTEND=noninteractive
# Another apt process (a parallel build) may hold the lock: wait for it rather than fail.
for attempt in 1 2 3 4 5; do
  if $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq \
     && $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    echo "ensure-test-tools: installed ${missing[*]}" >&2
    exit 0
  fi
  echo "ensure-test-tools: apt-get failed (attempt $attempt), retrying in 20 s" >&2
  sleep 20
done
echo "ensure-test-tools: could not install ${missing[*]}" >&2
exit 1
