#!/usr/bin/env bash
# QkdScheduler entry point.
#   ./run.sh            build (Release) and run the main job on the built-in default scenario
#   ./run.sh test       build and run every test
#   ./run.sh ARGS...    build and run `qkdsched ARGS...` (e.g. ./run.sh solve instances/polnik2020-uk-week --solver dp)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "run.sh: the .NET SDK 10 is needed (dotnet not found on PATH); install it from https://dot.net and try again" >&2
  exit 2
fi

build() {
  # Quiet on success; the whole build log on failure.
  local log
  log="$(mktemp)"
  if ! dotnet build "$ROOT/QkdScheduler.sln" -c Release --nologo -v quiet -m:1 >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "run.sh: the build failed (see above)" >&2
    exit 1
  fi
  rm -f "$log"
}

# Tests need headless Chromium (the report test) and a local Slurm with munge (the scale-out test): install what is
# missing where we can (root, or passwordless sudo, with apt-get, as in CI); otherwise say what to install.
ensure_test_tools() {
  local missing=()
  if [ -z "${QKDSCHED_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
     && ! command -v google-chrome >/dev/null 2>&1; then
    missing+=(chromium)
  fi
  if ! command -v sbatch >/dev/null 2>&1 || [ ! -x /usr/sbin/slurmctld ] || [ ! -x /usr/sbin/munged ]; then
    missing+=(slurm-wlm munge)
  fi
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; fi
  if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = 0 ] || [ -n "$sudo" ]; }; then
    echo "run.sh: installing ${missing[*]} (for the report and Slurm tests)" >&2
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "run.sh: the tests need ${missing[*]} (headless Chromium for the report test, Slurm and munge for the scale-out test); install them with your package manager (Debian: apt-get install ${missing[*]})" >&2
    exit 2
  fi
}

qkdsched() {
  dotnet "$ROOT/src/QkdScheduler.Cli/bin/Release/net10.0/qkdsched.dll" "$@"
}

case "${1:-}" in
  test)
    shift
    ensure_test_tools
    build
    log="$(mktemp)"
    status=0
    # Tests marked Category=Slow (correctness checks that take minutes, e.g. the Polnik week's LP relaxation) run
    # only when asked for: ./run.sh test --filter Category=Slow. Any arguments replace this default filter.
    if [ "$#" -eq 0 ]; then set -- --filter 'Category!=Slow'; fi
    dotnet test "$ROOT/QkdScheduler.sln" -c Release --no-build --nologo -m:1 "$@" 2>&1 | tee "$log" || status=$?
    # One closing line over all test projects, 'N passed, N failed'.
    passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
    failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
    rm -f "$log"
    echo "Tests: $passed passed, $failed failed"
    if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then echo "run.sh: no test ran" >&2; exit 1; fi
    exit "$status"
    ;;
  "")
    build
    # Main job on the built-in default, the seed 000 scenario end to end: precompute the Micius week
    # from its TLE, then every available solver x strategy on it (and on the published Polnik et al. week).
    qkdsched precompute "$ROOT/instances/micius-china11-2016w38/scenario.yaml" --out "$ROOT/out/micius-china11-2016w38"
    # mip and cpsat (OR-Tools, bundled) get 30 s per case and the dp schedule as their start (dp and greedy take milliseconds).
    qkdsched bench "$ROOT/out/micius-china11-2016w38" "$ROOT/instances/polnik2020-uk-week" --time-limit 30 --warm-start dp --out "$ROOT/out/bench"
    # Seed 004: the MEO entanglement link's year (Table 1 row and best pass), then the three station
    # pairs sharing that source for a week, scheduled by dp under each strategy.
    qkdsched entanglement "$ROOT/instances/transatlantic-meo/scenario.yaml" --out "$ROOT/out/transatlantic-meo"
    qkdsched bench "$ROOT/instances/transatlantic-meo-3pairs" --solvers dp,greedy --out "$ROOT/out/bench-pairs"
    # The planner's output: td plans for both (schedule, contacts.csv/json, one .ics per station), then one HTML report.
    qkdsched solve "$ROOT/out/micius-china11-2016w38" --solver lagrange --strategy td --out "$ROOT/out/solve-micius-td"
    qkdsched solve "$ROOT/instances/transatlantic-meo-3pairs" --solver dp --strategy td --out "$ROOT/out/solve-pairs-td"
    qkdsched report "$ROOT/out/micius-china11-2016w38" "$ROOT/out/solve-micius-td" "$ROOT/out/bench" \
      "$ROOT/instances/transatlantic-meo-3pairs" "$ROOT/out/solve-pairs-td" "$ROOT/out/bench-pairs" --out "$ROOT/out/report.html"
    ;;
  *)
    build
    qkdsched "$@"
    ;;
esac
