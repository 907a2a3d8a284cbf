#!/usr/bin/env bash
# Writes the build's provenance for `grokphase --version` and every run manifest:
#   write-build-info.sh PROJECT_ROOT OUTPUT_FILE
# gitCommit is the commit the tool was built from (with "-dirty" when tracked files differed from
# it), or "unknown" when the sources are not a git checkout of their own (a source tarball, also one
# unpacked inside some other repository) or git is not installed. Never fails the build.
set -uo pipefail
root="$1"
out="$2"
commit=unknown
if command -v git >/dev/null 2>&1; then
  top="$(git -C "$root" rev-parse --show-toplevel 2>/dev/null || true)"
  if [[ -n "$top" && "$(cd "$top" && pwd -P)" == "$(cd "$root" && pwd -P)" ]]; then
    head="$(git -C "$root" rev-parse --verify -q HEAD 2>/dev/null || true)"
    if [[ "$head" =~ ^[0-9a-f]{40}$ ]]; then
      commit="$head"
      if [[ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
        commit="$commit-dirty"
      fi
    fi
  fi
fi
mkdir -p "$(dirname "$out")"
printf '# written by scripts/write-build-info.sh at build time\ngitCommit=%s\n' "$commit" > "$out"
