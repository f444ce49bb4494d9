#!/usr/bin/env bash
# Regenerates the lagrange td table of docs/solvers.md: lagrange on both committed weeks at the time
# limits of its targets (Micius 60 s, Polnik 120 s), 2 threads, defaults otherwise; one row per week with
# status, schedule, proven bound, gap and wall time. Takes about 3 minutes.
# Usage: instances/lagrange-td.sh [OUT_DIR]   (default out/lagrange-td; QKDSCHED overrides the binary)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/out/lagrange-td}"
read -r -a QKD <<< "${QKDSCHED:-dotnet $ROOT/src/QkdScheduler.Cli/bin/Release/net10.0/qkdsched.dll}"
"${QKD[@]}" bench "$ROOT/instances/micius-china11-2016w38" --solvers lagrange --strategies td --threads 2 --time-limit 60 --out "$OUT/micius"
"${QKD[@]}" bench "$ROOT/instances/polnik2020-uk-week" --solvers lagrange --strategies td --threads 2 --time-limit 120 --out "$OUT/polnik"
echo "| week | time limit (s) | status | objective | bound | gap | time (s) |"
echo "|---|---:|---|---:|---:|---:|---:|"
for week in micius:60 polnik:120; do
  # results.csv: instance,solver,strategy,seed,status,objective,best_known,ratio,bound,gap,...,wall_seconds (column 17)
  awk -F, -v limit="${week#*:}" 'NR > 1 {
      name = ($1 ~ /^micius/) ? "Micius" : "Polnik"
      printf "| %s | %s | %s | %.0f | %.0f | %.2f %% | %.1f |\n", name, limit, $5, $6, $9, 100 * $10, $17
    }' "$OUT/${week%%:*}/results.csv"
done
