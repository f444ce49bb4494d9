#!/usr/bin/env bash
# Regenerates the shipped constellation instances from their scenarios, each with a one-day cut for fast tests:
#   micius-plus-sso6-china11-2016w38        Micius (TLE) + a Walker 6/2/0 SSO shell, 11 cities, a week   (+ -day1)
#   transatlantic-3src-3pairs               three seed 004 MEO sources, three station pairs, a week        (+ -day1)
# The day cuts are the same scenarios with the period cut to its first day (--set period.end=..., and their own name),
# so their keys are the week's first day, bit for bit. Takes a few seconds. Usage: instances/constellations.sh   (QKDSCHED overrides the binary)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
read -r -a QKD <<< "${QKDSCHED:-dotnet $ROOT/src/QkdScheduler.Cli/bin/Release/net10.0/qkdsched.dll}"
cd "$ROOT"
[ -n "${QKDSCHED:-}" ] || ./run.sh --help >/dev/null   # builds
I=instances
"${QKD[@]}" precompute $I/micius-plus-sso6-china11-2016w38/scenario.yaml --out $I/micius-plus-sso6-china11-2016w38 >/dev/null
"${QKD[@]}" precompute $I/micius-plus-sso6-china11-2016w38/scenario.yaml --set period.end=2016-09-20T00:00:00Z \
  --set name=micius-plus-sso6-china11-2016w38-day1 --out $I/micius-plus-sso6-china11-2016w38-day1 >/dev/null
"${QKD[@]}" precompute $I/transatlantic-3src-3pairs/scenario.yaml --out $I/transatlantic-3src-3pairs >/dev/null
"${QKD[@]}" precompute $I/transatlantic-3src-3pairs/scenario.yaml --set period.end=2026-03-17T00:00:00Z \
  --set name=transatlantic-3src-3pairs-day1 --out $I/transatlantic-3src-3pairs-day1 >/dev/null
for d in micius-plus-sso6-china11-2016w38 micius-plus-sso6-china11-2016w38-day1 transatlantic-3src-3pairs transatlantic-3src-3pairs-day1; do
  "${QKD[@]}" info $I/$d | grep -E '^(satellites|contention)' | sed "s|^|$d: |"
done
