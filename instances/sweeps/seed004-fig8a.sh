#!/usr/bin/env bash
# Regenerates the seed 004 Fig. 8 (a) table of docs/reproducing-the-papers.md: the sweep on one process and as 4 shards + merge (timed,
# and checked to give the same bytes), then aperture-collected pairs per year by altitude (rows) and inclination
# (columns), the paper's choice (15 000 km, 90 deg) marked.
#   instances/sweeps/seed004-fig8a.sh [OUT_DIR]        (default out/sweeps)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:-$ROOT/out/sweeps}"
SWEEP="$ROOT/instances/sweeps/seed004-fig8a.yaml"
"$ROOT/run.sh" --help >/dev/null   # builds
Q=(dotnet "$ROOT/src/QkdScheduler.Cli/bin/Release/net10.0/qkdsched.dll")
rm -rf "$OUT/fig8a-whole" "$OUT/fig8a-parts" "$OUT/fig8a-merged"
t0=$(date +%s.%N)
"${Q[@]}" sweep "$SWEEP" --out "$OUT/fig8a-whole" --format csv >/dev/null
t1=$(date +%s.%N)
for i in 0 1 2 3; do "${Q[@]}" sweep "$SWEEP" --shard "$i/4" --out "$OUT/fig8a-parts" >/dev/null & done
wait
"${Q[@]}" merge "$OUT/fig8a-parts" --out "$OUT/fig8a-merged" >/dev/null
t2=$(date +%s.%N)
cmp -s "$OUT/fig8a-whole/results.csv" "$OUT/fig8a-merged/results.csv" && same="the same bytes" || same="DIFFERENT bytes"
echo "one process: $(echo "$t1 - $t0" | bc) s; 4 shards + merge: $(echo "$t2 - $t1" | bc) s on $(nproc) cores; merged = unsharded: $same"
# results.csv columns: point, altitude, inclination, pair, access_s_per_year, available_s_per_year, mean_dual_loss_db, aperture_pairs_per_year, ...
CSV="$OUT/fig8a-whole/results.csv"
alts=$(tail -n +2 "$CSV" | cut -d, -f2 | sort -n | uniq)
incs=$(tail -n +2 "$CSV" | cut -d, -f3 | sort -n | uniq)
printf "| altitude (km) |"; for i in $incs; do printf " %s° |" "$i"; done; printf "\n|---:|"; for i in $incs; do printf -- "---:|"; done; printf "\n"
for a in $alts; do
  printf "| %s |" "$a"
  for i in $incs; do
    awk -F, -v a="$a" -v i="$i" '$2 == a && $3 == i { c = sprintf("%.2e", $8); if (a == 15000 && i == 90) c = "**" c "** ←"; printf " %s |", c }' "$CSV"
  done
  printf "\n"
done
