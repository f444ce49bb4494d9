# QkdScheduler entry point (PowerShell mirror of run.sh).
#   ./run.ps1            build (Release) and run the main job on the built-in default scenario
#   ./run.ps1 test       build and run every test
#   ./run.ps1 ARGS...    build and run `qkdsched ARGS...`
$ErrorActionPreference = 'Stop'
$Root = $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'; $env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    [Console]::Error.WriteLine('run.ps1: the .NET SDK 10 is needed (dotnet not found on PATH); install it from https://dot.net and try again')
    exit 2
}

function Build {
    # Quiet on success; the whole build log on failure.
    $log = dotnet build (Join-Path $Root 'QkdScheduler.sln') -c Release --nologo -v quiet -m:1 2>&1
    if ($LASTEXITCODE -ne 0) { $log | ForEach-Object { [Console]::Error.WriteLine($_) }; [Console]::Error.WriteLine('run.ps1: the build failed (see above)'); exit 1 }
}

$Cli = Join-Path $Root 'src/QkdScheduler.Cli/bin/Release/net10.0/qkdsched.dll'

if ($args.Count -gt 0 -and $args[0] -eq 'test') {
    # The report test opens a page in headless Chromium (or another Chromium-based browser, e.g. Edge).
    $browsers = 'chromium', 'chromium-browser', 'google-chrome', 'chrome', 'msedge'
    if (-not $env:QKDSCHED_CHROMIUM -and -not ($browsers | Where-Object { Get-Command $_ -ErrorAction SilentlyContinue })) {
        [Console]::Error.WriteLine('run.ps1: the report test needs headless Chromium: install Chromium or Chrome, or set QKDSCHED_CHROMIUM to a Chromium-based browser (msedge.exe works)')
        exit 2
    }
    Build
    $rest = @($args | Select-Object -Skip 1)
    # Tests marked Category=Slow run only when asked for (./run.ps1 test --filter Category=Slow); arguments replace this filter.
    if ($rest.Count -eq 0) { $rest = @('--filter', 'Category!=Slow') }
    $log = dotnet test (Join-Path $Root 'QkdScheduler.sln') -c Release --no-build --nologo -m:1 @rest 2>&1 | Tee-Object -Variable lines
    $status = $LASTEXITCODE
    $passed = 0; $failed = 0
    foreach ($l in $lines) {
        if ("$l" -match 'Passed:\s+(\d+)') { $passed += [int]$Matches[1] }
        if ("$l" -match 'Failed:\s+(\d+)') { $failed += [int]$Matches[1] }
    }
    Write-Output "Tests: $passed passed, $failed failed"
    if ($passed -eq 0 -and $status -eq 0) { [Console]::Error.WriteLine('run.ps1: no test ran'); exit 1 }
    exit $status
}
elseif ($args.Count -eq 0) {
    Build
    # The seed 000 scenario end to end: precompute the Micius week, then every solver x strategy on it
    # (and on the published Polnik et al. week).
    dotnet $Cli precompute (Join-Path $Root 'instances/micius-china11-2016w38/scenario.yaml') --out (Join-Path $Root 'out/micius-china11-2016w38')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    dotnet $Cli bench (Join-Path $Root 'out/micius-china11-2016w38') (Join-Path $Root 'instances/polnik2020-uk-week') --time-limit 30 --warm-start dp --out (Join-Path $Root 'out/bench')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    # Seed 004: the MEO entanglement link's year, then three station pairs sharing that source for a week.
    dotnet $Cli entanglement (Join-Path $Root 'instances/transatlantic-meo/scenario.yaml') --out (Join-Path $Root 'out/transatlantic-meo')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    dotnet $Cli bench (Join-Path $Root 'instances/transatlantic-meo-3pairs') --solvers dp,greedy --out (Join-Path $Root 'out/bench-pairs')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    # The planner's output: td plans for both (schedule, contacts.csv/json, one .ics per station), then one HTML report.
    dotnet $Cli solve (Join-Path $Root 'out/micius-china11-2016w38') --solver lagrange --strategy td --out (Join-Path $Root 'out/solve-micius-td')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    dotnet $Cli solve (Join-Path $Root 'instances/transatlantic-meo-3pairs') --solver dp --strategy td --out (Join-Path $Root 'out/solve-pairs-td')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    dotnet $Cli report (Join-Path $Root 'out/micius-china11-2016w38') (Join-Path $Root 'out/solve-micius-td') (Join-Path $Root 'out/bench') `
        (Join-Path $Root 'instances/transatlantic-meo-3pairs') (Join-Path $Root 'out/solve-pairs-td') (Join-Path $Root 'out/bench-pairs') --out (Join-Path $Root 'out/report.html')
    exit $LASTEXITCODE
}
else {
    Build
    dotnet $Cli @args
    exit $LASTEXITCODE
}
