#!/usr/bin/env bash
# Regenerates the OR-Tools tables of docs/solvers.md (the MIP model): every mip backend and cpsat on both
# committed weeks, 2 threads; gd and pd to the proven optimum (limit 300 s), td for 60 s from the
# dp schedule, next to lagrange. Takes about 20 minutes; prints the table (instances/or-tools-table.sh).
# Usage: instances/or-tools.sh [OUT_DIR]   (default out/or-tools; QKDSCHED overrides the binary)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/out/or-tools}"
read -r -a QKD <<< "${QKDSCHED:-dotnet $ROOT/src/QkdScheduler.Cli/bin/Release/net10.0/qkdsched.dll}"
WEEKS=("$ROOT/instances/micius-china11-2016w38" "$ROOT/instances/polnik2020-uk-week")
for backend in scip highs cbc; do
  "${QKD[@]}" bench "${WEEKS[@]}" --solvers mip --solver-option "backend=$backend" --strategies gd,pd --threads 2 --time-limit 300 --out "$OUT/gdpd-$backend"
  "${QKD[@]}" bench "${WEEKS[@]}" --solvers mip --solver-option "backend=$backend" --strategies td --threads 2 --time-limit 60 --warm-start dp --out "$OUT/td-$backend"
done
"${QKD[@]}" bench "${WEEKS[@]}" --solvers cpsat --strategies gd,pd --threads 2 --time-limit 300 --out "$OUT/gdpd-cpsat"
"${QKD[@]}" bench "${WEEKS[@]}" --solvers cpsat,lagrange --strategies td --threads 2 --time-limit 60 --warm-start dp --out "$OUT/td-cpsat-lagrange"
"$ROOT/instances/or-tools-table.sh" "$OUT"
