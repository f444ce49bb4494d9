#!/usr/bin/env bash
# Regenerates docs/report-micius-week-{1,2,3}.png (instance, solve, bench sections) and docs/report-micius-week.html: the Micius week report that the browser test opens in
# headless Chromium (tests/QkdScheduler.Cli.Tests/ReportTests.cs), kept instead of thrown away.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet build "$ROOT/tests/QkdScheduler.Cli.Tests" -c Release --nologo -v quiet -m:1 >/dev/null
QKDSCHED_SCREENSHOT_DIR="$ROOT/docs" dotnet test "$ROOT/tests/QkdScheduler.Cli.Tests" -c Release --no-build --nologo \
  --filter "FullyQualifiedName~Report_of_the_Micius_week_loads_in_chromium_without_errors"
ls -l "$ROOT"/docs/report-micius-week*
