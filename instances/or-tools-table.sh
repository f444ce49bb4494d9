#!/usr/bin/env bash
# Prints the OR-Tools table of docs/solvers.md from the benches instances/or-tools.sh wrote (default out/or-tools): one row per
# engine, week and strategy with status, objective, proven bound and wall time.
#   instances/or-tools-table.sh [OUT_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/out/or-tools}"
echo "| engine | week | strategy | status | objective | bound | time (s) |"
echo "|---|---|---|---|---:|---:|---:|"
for f in gdpd-scip gdpd-highs gdpd-cbc gdpd-cpsat td-scip td-highs td-cbc td-cpsat-lagrange; do
  engine="${f#*-}"
  # results.csv: instance,solver,strategy,seed,status,objective,best_known,ratio,bound,gap,...,wall_seconds (column 17)
  awk -F, -v engine="$engine" 'NR > 1 {
      e = ($2 == "mip") ? engine : $2
      week = ($1 ~ /^micius/) ? "Micius" : "Polnik"
      bound = ($9 == "") ? "-" : sprintf("%.0f", $9)
      printf "| %s | %s | %s | %s | %.0f | %s | %.1f |\n", e, week, $3, $5, $6, bound, $17
    }' "$OUT/$f/results.csv"
done
