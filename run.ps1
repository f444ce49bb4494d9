# QkdScheduler entry point (PowerShell mirror of run.sh).
#   ./run.ps1              build if needed, then the main job on the built-in default scenario
#   ./run.ps1 test         build if needed, then the fast tests (all but Category=Slow and Category=Integration)
#   ./run.ps1 test --all   every test (needs headless Chromium and, on Linux, Slurm and munge)
#   ./run.ps1 test ARGS    dotnet test with ARGS instead of the default filter
#   ./run.ps1 bench        the full benchmark
#   ./run.ps1 ARGS...      build if needed and run `qkdsched ARGS...`
$ErrorActionPreference = 'Stop'
$Root = $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'; $env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    [Console]::Error.WriteLine('run.ps1: the .NET SDK 10 is needed (dotnet not found on PATH); install it from https://dot.net and try again')
    exit 2
}

$Cli = Join-Path $Root 'src/QkdScheduler.Cli/bin/Release/net10.0/qkdsched.dll'
$Stamps = Join-Path $Root 'out/.build'

# True when a build input (a file under src/, solvers/ or tests/ outside bin/ and obj/, or a root file MSBuild reads)
# is newer than the stamp, or the stamp is missing.
function Test-Stale([string]$stamp) {
    if (-not (Test-Path $stamp) -or -not (Test-Path $Cli)) { return $true }
    $since = (Get-Item $stamp).LastWriteTimeUtc
    $roots = 'src', 'solvers', 'tests' | ForEach-Object { Join-Path $Root $_ }
    $newer = Get-ChildItem $roots -Recurse -File -ErrorAction SilentlyContinue |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' -and $_.LastWriteTimeUtc -gt $since } | Select-Object -First 1
    if ($newer) { return $true }
    $top = Get-ChildItem $Root -File | Where-Object { ($_.Extension -in '.props', '.sln' -or $_.Name -eq 'global.json') -and $_.LastWriteTimeUtc -gt $since } | Select-Object -First 1
    return [bool]$top
}

# Quiet on success, the whole log on failure; nothing is built when nothing changed since the stamp.
function Build([string]$target, [string]$name) {
    $stamp = Join-Path $Stamps "$name.stamp"
    if (-not (Test-Stale $stamp)) { return }
    New-Item -ItemType Directory -Force -Path $Stamps | Out-Null
    $started = [DateTime]::UtcNow
    [Console]::Error.WriteLine("run.ps1: building $(Split-Path $target -Leaf) (Release)")
    $log = dotnet build $target -c Release --nologo -v quiet -m:1 2>&1
    if ($LASTEXITCODE -ne 0) { $log | ForEach-Object { [Console]::Error.WriteLine($_) }; [Console]::Error.WriteLine('run.ps1: the build failed (see above)'); exit 1 }
    foreach ($s in @($stamp) + $(if ($name -eq 'all') { @(Join-Path $Stamps 'cli.stamp') } else { @() })) {
        Set-Content -Path $s -Value '' ; (Get-Item $s).LastWriteTimeUtc = $started
    }
}
function Build-Cli { Build (Join-Path $Root 'src/QkdScheduler.Cli/QkdScheduler.Cli.csproj') 'cli' }
function Build-All { Build (Join-Path $Root 'QkdScheduler.sln') 'all' }

function Q { dotnet $Cli @args; if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE } }
function Step([string]$text) { [Console]::Error.WriteLine(''); [Console]::Error.WriteLine("== $text") }

$Out = Join-Path $Root 'out'
$I = Join-Path $Root 'instances'

# The six steps of ./run.ps1 and ./run.ps1 bench: $limit seconds per bench case, $tdLimit for lagrange's td plan,
# $pairSolvers on the three-pair week.
function Main-Job([string]$dir, [int]$limit, [int]$tdLimit, [string]$pairSolvers) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    Step '1/6 precompute the Micius week (seed 000)'
    Q precompute (Join-Path $I 'micius-china11-2016w38/scenario.yaml') --out (Join-Path $dir 'micius-china11-2016w38')
    Step "2/6 every solver x strategy on the Micius week and the Polnik et al. week, $limit s each, ratios against instances/best-known.csv"
    Q bench (Join-Path $dir 'micius-china11-2016w38') (Join-Path $I 'polnik2020-uk-week') --time-limit $limit --warm-start dp --against best-known --out (Join-Path $dir 'bench')
    Step '3/6 seed 004: a year of the MEO entanglement link Waterloo-Berlin'
    Q entanglement (Join-Path $I 'transatlantic-meo/scenario.yaml') --out (Join-Path $dir 'transatlantic-meo')
    Step '4/6 seed 004: three station pairs sharing the source for a week'
    Q bench (Join-Path $I 'transatlantic-meo-3pairs') --solvers $pairSolvers --time-limit $limit --out (Join-Path $dir 'bench-pairs')
    Step '5/6 td plans'
    Q solve (Join-Path $dir 'micius-china11-2016w38') --solver lagrange --strategy td --time-limit $tdLimit --out (Join-Path $dir 'solve-micius-td')
    Q solve (Join-Path $I 'transatlantic-meo-3pairs') --solver dp --strategy td --out (Join-Path $dir 'solve-pairs-td')
    Step '6/6 the report'
    Q report (Join-Path $dir 'micius-china11-2016w38') (Join-Path $dir 'solve-micius-td') (Join-Path $dir 'bench') `
        (Join-Path $I 'transatlantic-meo-3pairs') (Join-Path $dir 'solve-pairs-td') (Join-Path $dir 'bench-pairs') --out (Join-Path $dir 'report.html')
    [Console]::Error.WriteLine("run.ps1: done in $([int]$clock.Elapsed.TotalSeconds) s; open $(Join-Path $dir 'report.html')")
}

if ($args.Count -gt 0 -and $args[0] -eq 'test') {
    $rest = @($args | Select-Object -Skip 1)
    if (-not (Get-Command python3 -ErrorAction SilentlyContinue) -and -not (Get-Command python -ErrorAction SilentlyContinue)) {
        [Console]::Error.WriteLine('run.ps1: the tests need Python 3 (the example external solver); install it and try again')
        exit 2
    }
    if ($rest.Count -gt 0 -and $rest[0] -eq '--all') {
        $rest = @($rest | Select-Object -Skip 1)
        $browsers = 'chromium', 'chromium-browser', 'google-chrome', 'chrome', 'msedge'
        if (-not $env:QKDSCHED_CHROMIUM -and -not ($browsers | Where-Object { Get-Command $_ -ErrorAction SilentlyContinue })) {
            [Console]::Error.WriteLine('run.ps1: the report test needs headless Chromium: install Chromium or Chrome, or set QKDSCHED_CHROMIUM to a Chromium-based browser (msedge.exe works)')
            exit 2
        }
    }
    elseif ($rest.Count -eq 0) { $rest = @('--filter', 'Category!=Slow&Category!=Integration') }
    Build-All
    dotnet test (Join-Path $Root 'QkdScheduler.sln') -c Release --no-build --nologo -m:1 @rest 2>&1 | Tee-Object -Variable lines
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
    Build-Cli
    Main-Job $Out 5 10 'dp,greedy'
    exit 0
}
elseif ($args.Count -eq 1 -and $args[0] -eq 'bench') {
    Build-Cli
    # cpsat is left out on the pairs: the pair week counts fractional pairs, and cpsat's td model needs whole-number keys.
    Main-Job (Join-Path $Out 'full') 30 60 'dp,greedy,lagrange,mip,ga'
    exit 0
}
else {
    Build-Cli
    dotnet $Cli @args
    exit $LASTEXITCODE
}
