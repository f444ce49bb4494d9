#!/usr/bin/env bash
# Regenerates instances/best-known.csv: the best objective and the least proven bound known for each shipped
# instance and strategy (share tolerance 0.05), with the solver, date and command of the best objective.
# gd and pd: dp's proven optimum. td: lagrange with 2 threads at 60 s (120 s on the Polnik week), whose bound is
# proven. A run only ever improves the file (a better objective, a lower bound); --fresh starts from nothing.
# Takes about 5 minutes. Usage: instances/best-known.sh [--fresh]   (QKDSCHED overrides the binary)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FILE="$ROOT/instances/best-known.csv"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
read -r -a QKD <<< "${QKDSCHED:-dotnet $ROOT/src/QkdScheduler.Cli/bin/Release/net10.0/qkdsched.dll}"
if [ "${1:-}" = "--fresh" ]; then rm -f "$FILE"; fi
# Relative instance paths, so that the commands recorded in the file run from any checkout.
cd "$ROOT"
I=instances
"${QKD[@]}" bench "$I/micius-china11-2016w38" "$I/micius-china11-2016w38-cloudy" "$I/polnik2020-uk-week" "$I/transatlantic-meo-3pairs" \
  --solvers dp --strategies gd,pd --write-best-known "$FILE" --out "$OUT/gdpd"
"${QKD[@]}" bench "$I/micius-china11-2016w38" "$I/micius-china11-2016w38-cloudy" "$I/transatlantic-meo-3pairs" \
  --solvers lagrange --strategies td --threads 2 --time-limit 60 --write-best-known "$FILE" --out "$OUT/td"
"${QKD[@]}" bench "$I/polnik2020-uk-week" --solvers lagrange --strategies td --threads 2 --time-limit 120 --write-best-known "$FILE" --out "$OUT/td-polnik"
cat "$FILE"
