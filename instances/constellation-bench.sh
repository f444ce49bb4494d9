#!/usr/bin/env bash
# Regenerates the constellation table of docs/solvers.md: every solver that takes constellations (dp, greedy, mip,
# cpsat; lagrange for gd and pd) on the shipped constellation instances, gd, pd and td, 2 threads; the one-day cuts at 20 s, the weeks at 60 s.
# One row per instance, strategy and solver: status, objective, proven bound, gap and wall time. Takes about 25 minutes.
# Usage: instances/constellation-bench.sh [OUT_DIR]   (default out/constellation-bench; QKDSCHED overrides the binary)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/out/constellation-bench}"
read -r -a QKD <<< "${QKDSCHED:-dotnet $ROOT/src/QkdScheduler.Cli/bin/Release/net10.0/qkdsched.dll}"
I="$ROOT/instances"
"${QKD[@]}" bench "$I/micius-plus-sso6-china11-2016w38-day1" "$I/transatlantic-3src-3pairs-day1" --solvers dp,greedy,lagrange,mip,cpsat \
  --strategies gd,pd,td --threads 2 --time-limit 20 --out "$OUT/day1" >/dev/null
"${QKD[@]}" bench "$I/micius-plus-sso6-china11-2016w38" "$I/transatlantic-3src-3pairs" --solvers dp,greedy,lagrange,mip,cpsat \
  --strategies gd,pd,td --threads 2 --time-limit 60 --out "$OUT/week" >/dev/null
echo "| instance | strategy | solver | time limit (s) | status | objective | bound | gap | time (s) |"
echo "|---|---|---|---:|---|---:|---:|---:|---:|"
for part in day1:20 week:60; do
  # results.csv: instance,solver,strategy,seed,status,objective,best_known,ratio,bound,gap,...,wall_seconds (column 17)
  awk -F, -v limit="${part#*:}" 'NR > 1 {
      bound = ($9 == "") ? "-" : sprintf("%.6g", $9); gap = ($10 == "") ? "-" : sprintf("%.2f %%", 100 * $10)
      printf "| %s | %s | %s | %s | %s | %.6g | %s | %s | %.1f |\n", $1, $3, $2, limit, $5, $6, bound, gap, $17
    }' "$OUT/${part%%:*}/results.csv"
done
