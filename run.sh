#!/usr/bin/env bash
# QkdScheduler entry point.
#   ./run.sh              build if needed, then the main job on the built-in default scenario
#   ./run.sh test         build if needed, then the fast tests (all but Category=Slow and Category=Integration)
#   ./run.sh test --all   every test; installs Chromium, Slurm and munge first when they are missing
#   ./run.sh test ARGS    dotnet test with ARGS instead of the default filter (e.g. --filter Category=Slow)
#   ./run.sh bench        the full benchmark: 30-s limits on both weeks, the pairs week, td plans, one report
#   ./run.sh ARGS...      build if needed and run `qkdsched ARGS...` (e.g. ./run.sh solve instances/polnik2020-uk-week --solver dp)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "run.sh: the .NET SDK 10 is needed (dotnet not found on PATH); install it from https://dot.net and try again" >&2
  exit 2
fi

CLI_DLL="$ROOT/src/QkdScheduler.Cli/bin/Release/net10.0/qkdsched.dll"
STAMPS="$ROOT/out/.build"

# True when a build input (any file under src/, solvers/ or tests/ outside bin/ and obj/, or a file at the root
# that MSBuild reads) is newer than the stamp, or the stamp is missing.
stale() {
  local stamp="$1"
  [ -f "$stamp" ] || return 0
  [ -n "$(find "$ROOT/src" "$ROOT/solvers" "$ROOT/tests" \( -name bin -o -name obj \) -prune -o -type f -newer "$stamp" -print -quit)" ] && return 0
  [ -n "$(find "$ROOT" -maxdepth 1 -type f \( -name '*.props' -o -name '*.sln' -o -name global.json \) -newer "$stamp" -print -quit)" ] && return 0
  return 1
}

# build TARGET STAMP: quiet on success, the whole log on failure. Nothing is built when nothing changed since the
# stamp; the stamp takes the time the build started, so an edit made during a build triggers the next one.
build() {
  local target="$1" stamp="$2" log started
  if ! stale "$stamp" && [ -f "$CLI_DLL" ]; then return; fi
  mkdir -p "$STAMPS"
  started="$(mktemp "$STAMPS/started.XXXXXX")"
  log="$(mktemp)"
  echo "run.sh: building $(basename "$target") (Release)" >&2
  if ! dotnet build "$target" -c Release --nologo -v quiet -m:1 >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log" "$started"
    echo "run.sh: the build failed (see above)" >&2
    exit 1
  fi
  rm -f "$log"
  mv "$started" "$stamp"
  # The solution build includes the CLI.
  if [ "$stamp" = "$STAMPS/all.stamp" ]; then cp -p "$stamp" "$STAMPS/cli.stamp"; fi
}

build_cli() { build "$ROOT/src/QkdScheduler.Cli/QkdScheduler.Cli.csproj" "$STAMPS/cli.stamp"; }
build_all() { build "$ROOT/QkdScheduler.sln" "$STAMPS/all.stamp"; }

# install_missing PACKAGE:COMMAND... installs the Debian packages whose command is missing (root or passwordless
# sudo, with apt-get, as in CI); otherwise it says what to install and stops.
install_missing() {
  local missing=() pair
  for pair in "$@"; do
    if ! command -v "${pair#*:}" >/dev/null 2>&1 && [ ! -x "${pair#*:}" ] && [[ " ${missing[*]} " != *" ${pair%%:*} "* ]]; then
      missing+=("${pair%%:*}")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; fi
  if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = 0 ] || [ -n "$sudo" ]; }; then
    echo "run.sh: installing ${missing[*]}" >&2
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "run.sh: the tests need ${missing[*]}; install them with your package manager (Debian: apt-get install ${missing[*]})" >&2
    exit 2
  fi
}

qkdsched() {
  dotnet "$CLI_DLL" "$@"
}

step() { printf '\n== %s\n' "$*" >&2; }

# main_job OUT LIMIT TD_LIMIT PAIR_SOLVERS: the six steps of ./run.sh and ./run.sh bench, with LIMIT seconds per bench
# case, TD_LIMIT for lagrange's td plan, and PAIR_SOLVERS on the three-pair week.
main_job() {
  local out="$1" limit="$2" td_limit="$3" pair_solvers="$4" started=$SECONDS
  step "1/6 precompute the Micius week (seed 000): TLE → SGP4 → passes → link budget → decoy BB84 → keys per 10-s interval"
  qkdsched precompute "$ROOT/instances/micius-china11-2016w38/scenario.yaml" --out "$out/micius-china11-2016w38"
  step "2/6 every solver × strategy on the Micius week and the Polnik et al. week, $limit s each, ratios against instances/best-known.csv"
  qkdsched bench "$out/micius-china11-2016w38" "$ROOT/instances/polnik2020-uk-week" --time-limit "$limit" --warm-start dp \
    --against best-known --out "$out/bench"
  step "3/6 seed 004: a year of the MEO entanglement link Waterloo–Berlin (Table 1 row, best pass)"
  qkdsched entanglement "$ROOT/instances/transatlantic-meo/scenario.yaml" --out "$out/transatlantic-meo"
  step "4/6 seed 004: three station pairs sharing the source for a week, each strategy"
  qkdsched bench "$ROOT/instances/transatlantic-meo-3pairs" --solvers "$pair_solvers" --time-limit "$limit" --out "$out/bench-pairs"
  step "5/6 td plans: schedule, contacts.csv/json and one .ics per station"
  qkdsched solve "$out/micius-china11-2016w38" --solver lagrange --strategy td --time-limit "$td_limit" --out "$out/solve-micius-td"
  qkdsched solve "$ROOT/instances/transatlantic-meo-3pairs" --solver dp --strategy td --out "$out/solve-pairs-td"
  step "6/6 the report"
  qkdsched report "$out/micius-china11-2016w38" "$out/solve-micius-td" "$out/bench" \
    "$ROOT/instances/transatlantic-meo-3pairs" "$out/solve-pairs-td" "$out/bench-pairs" --out "$out/report.html"
  printf '\nrun.sh: done in %d s; open %s (the comparison table is %s)\n' "$((SECONDS - started))" "$out/report.html" "$out/bench/results.md" >&2
}

case "${1:-}" in
  test)
    shift
    # The fast suite needs python3 (the example external solver); --all also needs headless Chromium (the report
    # test) and a local Slurm with munge (the scale-out test).
    tools=(python3:python3)
    if [ "${1:-}" = "--all" ]; then
      shift
      [ -n "${QKDSCHED_CHROMIUM:-}" ] || command -v chromium-browser >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 || tools+=(chromium:chromium)
      tools+=(slurm-wlm:sbatch slurm-wlm:/usr/sbin/slurmctld munge:/usr/sbin/munged)
    elif [ "$#" -eq 0 ]; then
      set -- --filter 'Category!=Slow&Category!=Integration'
    fi
    install_missing "${tools[@]}"
    build_all
    log="$(mktemp)"
    status=0
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
    build_cli
    # The main job: seed 000's Micius week from its TLE, every solver under every strategy on it and on the
    # published Polnik et al. week (5 s each, from the dp schedule), seed 004's transatlantic link, td plans for
    # both, and one report.
    main_job "$ROOT/out" 5 10 dp,greedy
    ;;
  bench)
    if [ "$#" -gt 1 ]; then build_cli; qkdsched "$@"; exit; fi
    build_cli
    # The full benchmark: the same steps with 30 s per case (60 s for lagrange's td plan) and more solvers on the pairs.
    # cpsat is left out there: the pair week counts fractional pairs, and cpsat's td model needs whole-number keys.
    main_job "$ROOT/out/full" 30 60 dp,greedy,lagrange,mip,ga
    ;;
  *)
    build_cli
    qkdsched "$@"
    ;;
esac
