#!/usr/bin/env bash
# Regenerates the seed 004 Table 2 comparison of docs/reproducing-the-papers.md: the three LEO sweeps (one year per point), each row next
# to the paper's aperture-collected pairs per year (K. Mohammadi, P. J. Godin, T. Jennewein, arXiv:2606.09805, Table 2).
#   instances/sweeps/seed004-table2.sh [OUT_DIR]        (default out/sweeps)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:-$ROOT/out/sweeps}"
"$ROOT/run.sh" --help >/dev/null   # builds
Q=(dotnet "$ROOT/src/QkdScheduler.Cli/bin/Release/net10.0/qkdsched.dll")
# sweep | label | paper's pairs per point, in the sweep's point order
PAPER=(
  "seed004-table2-3leo-3planes|3 LEO, 3 planes|3.35e5 4.09e5 2.62e5 2.14e5"
  "seed004-table2-3leo-1plane|3 LEO, 1 plane|2.75e5 7.23e4 1.66e5 1.90e3"
  "seed004-table2-leo-2hap|LEO + 2 HAPs|7.34e7 7.12e7 7.24e7 7.81e7 1.04e8"
)
echo "| scenario | inclination (deg) | separation (deg) | paper: pairs/yr | ours: pairs/yr | ours: SMF pairs/yr | mean dual loss (dB) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for row in "${PAPER[@]}"; do
  IFS='|' read -r name label paper <<<"$row"
  "${Q[@]}" sweep "$ROOT/instances/sweeps/$name.yaml" --out "$OUT/$name" >/dev/null 2>&1
  read -r -a want <<<"$paper"
  csv="$OUT/$name/results.csv"
  # Columns by name: the inclination, the separation (RAAN or mean anomaly of the second relay), the Table 1 values.
  awk -F, -v name="$label" -v paper="${want[*]}" '
    NR == 1 { for (c = 1; c <= NF; c++) col[$c] = c; split(paper, p, " "); next }
    {
      inc = $col["source.orbit.inclination_deg"]
      sep = ("relays.satellites[1].orbit.raan_deg" in col) ? $col["relays.satellites[1].orbit.raan_deg"] : \
            (("relays.satellites[1].orbit.mean_anomaly_deg" in col) ? $col["relays.satellites[1].orbit.mean_anomaly_deg"] : "-")
      printf "| %s | %s | %s | %s | %.2e | %.2e | %.1f |\n", name, inc, sep, p[NR - 1], $col["aperture_pairs_per_year"], $col["smf_pairs_per_year"], $col["mean_dual_loss_db"]
    }' "$csv"
done
