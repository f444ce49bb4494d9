#!/usr/bin/env bash
# Regenerates the "what a minimum contact length costs" table of README.md and docs/solvers.md: on both committed
# weeks, for L = 1, 3, 6 and 12 intervals (--min-contact-seconds L·Δt), gd and pd by dp (exact) and td by lagrange
# (20 s, 2 threads: its objective and proven bound), each as a share of the L = 1 value, with the contacts of the td
# plan and its shortest one. Takes about 3 minutes.
# Usage: instances/min-contact-cost.sh [OUT_DIR]   (default out/min-contact; QKDSCHED overrides the binary)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/out/min-contact}"
read -r -a QKD <<< "${QKDSCHED:-dotnet $ROOT/src/QkdScheduler.Cli/bin/Release/net10.0/qkdsched.dll}"
mkdir -p "$OUT"
field() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); v=d.get(sys.argv[2]); print('' if v is None else v)" "$1" "$2"; }
echo "| week | L (intervals) | L (s) | gd (dp) | pd (dp) | td (lagrange 20 s) | td bound | td contacts | shortest td contact (s) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for week in micius-china11-2016w38:Micius:10 polnik2020-uk-week:Polnik:1; do
  IFS=: read -r dir name dt <<< "$week"
  base_gd="" base_pd="" base_td=""
  for l in 1 3 6 12; do
    seconds=$((l * dt))
    for run in "gd dp" "pd dp" "td lagrange"; do
      read -r strategy solver <<< "$run"
      limit=(); [[ $solver == lagrange ]] && limit=(--time-limit 20 --threads 2)
      "${QKD[@]}" solve "$ROOT/instances/$dir" --solver "$solver" --strategy "$strategy" --min-contact-seconds "$seconds" "${limit[@]}" \
        --out "$OUT/$dir-L$l-$strategy" --format json > /dev/null
    done
    gd=$(field "$OUT/$dir-L$l-gd/result.json" objective)
    pd=$(field "$OUT/$dir-L$l-pd/result.json" objective)
    td=$(field "$OUT/$dir-L$l-td/result.json" objective)
    bound=$(field "$OUT/$dir-L$l-td/result.json" bound)
    [[ -z $base_gd ]] && base_gd=$gd base_pd=$pd base_td=$td
    # schedule.csv: [satellite,]node,first_interval,last_interval,...; contacts that touch are one (the definition's).
    read -r contacts shortest < <(python3 - "$OUT/$dir-L$l-td/schedule.csv" "$dt" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
runs = []
for r in sorted(rows, key=lambda r: int(r["first_interval"])):
    a, b = int(r["first_interval"]), int(r["last_interval"])
    if runs and runs[-1][0] == r["node"] and runs[-1][2] == a - 1: runs[-1][2] = b
    else: runs.append([r["node"], a, b])
print(len(runs), min((b - a + 1) * float(sys.argv[2]) for _, a, b in runs) if runs else 0)
PY
)
    python3 - "$name" "$l" "$seconds" "$gd" "$base_gd" "$pd" "$base_pd" "$td" "$base_td" "$bound" "$contacts" "$shortest" <<'PY'
import sys
name, l, s, gd, bgd, pd, bpd, td, btd, bound, contacts, shortest = sys.argv[1:]
share = lambda v, b: f"{float(v):,.0f} ({100 * float(v) / float(b):.1f} %)" if float(b) > 0 else f"{float(v):,.0f}"
print(f"| {name} | {l} | {s} | {share(gd, bgd)} | {share(pd, bpd)} | {share(td, btd)} | {float(bound):,.0f} | {contacts} | {float(shortest):g} |")
PY
  done
done
