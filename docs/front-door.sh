#!/usr/bin/env bash
# Regenerates the front-door table of docs/performance.md: on a fresh clone of this checkout's HEAD, the time of
# the first build, of ./run.sh test (build included), of ./run.sh (the main job, after the build), and of
# ./run.sh --help when nothing changed. Takes about 15 minutes on 2 cores.
# Usage: docs/front-door.sh [WORK_DIR]   (default: a new temporary folder, removed afterwards)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${1:-$(mktemp -d)}"
[ -n "${1:-}" ] || trap 'rm -rf "$WORK"' EXIT
git clone -q "$ROOT" "$WORK/p"
cd "$WORK/p"
seconds() { local t0=$SECONDS; "$@" >"$WORK/last.log" 2>&1 || { tail -n 20 "$WORK/last.log" >&2; exit 1; }; echo $((SECONDS - t0)); }
test_s=$(seconds ./run.sh test)
tests=$(grep -Eo '^Tests: .*' "$WORK/last.log" | tail -n 1)
main_s=$(seconds ./run.sh)
help_s=$( { TIMEFORMAT=%R; time ./run.sh --help >/dev/null 2>&1; } 2>&1 )
rm -rf out/.build src/*/bin src/*/obj solvers/*/bin solvers/*/obj
build_s=$(seconds ./run.sh --help)
echo "| what | seconds |"
echo "|---|---:|"
echo "| \`./run.sh test\` on a fresh clone, build included ($tests) | $test_s |"
echo "| \`./run.sh\` (the main job, after the build) | $main_s |"
echo "| \`./run.sh --help\` when nothing changed | $help_s |"
echo "| build of the CLI from nothing (\`./run.sh --help\` after removing bin/ and obj/) | $build_s |"
