#!/usr/bin/env bash
# Regenerates the GA quality tables of docs/solvers.md: ga with its defaults (deterministic stop, no time
# limit) on both committed weeks, seeds 1–5, 2 threads, from a random start and with
# --warm-start dp, against dp's proven optimum (gd, pd) and lagrange's proven bound (td).
# Usage: instances/ga-quality.sh [OUT_DIR]   (default out/ga-quality; QKDSCHED overrides the binary)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/out/ga-quality}"
read -r -a QKD <<< "${QKDSCHED:-dotnet $ROOT/src/QkdScheduler.Cli/bin/Release/net10.0/qkdsched.dll}"
WEEKS=("$ROOT/instances/micius-china11-2016w38" "$ROOT/instances/polnik2020-uk-week")
COMMON=(--seeds 1,2,3,4,5 --threads 2)
"${QKD[@]}" bench "${WEEKS[@]}" --solvers dp,ga --strategies gd,pd "${COMMON[@]}" --out "$OUT/random"
"${QKD[@]}" bench "${WEEKS[@]}" --solvers dp,ga --strategies gd,pd "${COMMON[@]}" --warm-start dp --out "$OUT/warm-start-dp"
"${QKD[@]}" bench "${WEEKS[@]}" --solvers lagrange,ga --strategies td "${COMMON[@]}" --out "$OUT/td"
for f in random warm-start-dp td; do echo "== $f"; sed -n '/^Over seeds/,$p' "$OUT/$f/results.md"; done
