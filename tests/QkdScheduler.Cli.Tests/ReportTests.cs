using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using QkdScheduler.Cli.Commands;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Testing;
using SkiaSharp;

namespace QkdScheduler.Cli.Tests;

/// <summary>The planner's output through the CLI: the contact plan of solve --out and plan, and the HTML report in a real browser.</summary>
[Collection(nameof(ReportTests))]
public sealed class ReportTests : IDisposable
{

    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Micius => Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38");

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Run(args);

    private static void AssertOneLineUserError((int Code, string Out, string Err) r, string expected) => CliRun.AssertOneLineUserError(r, expected);

    /// <summary>
    /// A constellation sweep's report: the total against constellation size, and per station what the first solve
    /// delivered, one series per station (the SOLVER_STRATEGY_NODE columns a constellation sweep writes).
    /// </summary>
    [Fact]
    public void A_constellation_sweep_report_charts_the_key_of_each_station_against_size()
    {
        var dir = Path.Combine(_dir, "sweep");
        Directory.CreateDirectory(dir);
        var columns = new[] { "point", "satellites", "total_key_bits", "dp_gd_status", "dp_gd_objective", "dp_gd_Beijing", "dp_gd_Lhasa" };
        var rows = new[] { new[] { "0", "1", "100", "optimal", "80", "50", "30" }, new[] { "1", "6", "600", "optimal", "400", "250", "150" } };
        File.WriteAllText(Path.Combine(dir, "results.json"), new JsonObject
        {
            ["sweep"] = "size",
            ["columns"] = new JsonArray(columns.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
            ["rows"] = new JsonArray(rows.Select(r => (JsonNode)new JsonArray(r.Select(c => (JsonNode)JsonValue.Create(c)).ToArray())).ToArray()),
        }.ToJsonString());
        var html = Path.Combine(_dir, "sweep.html");
        Assert.Equal(0, Run("report", dir, "--out", html).Code);
        var page = File.ReadAllText(html);
        Assert.Contains("data-chart=\"constellation-size\"", page);
        var start = page.IndexOf("data-chart=\"constellation-size-per-station\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no per-station chart");
        var figure = page[start..page.IndexOf("</figure>", start, StringComparison.Ordinal)];
        Assert.Contains("What dp gd delivers to each station", figure);
        // The chart's text is drawn as paths: its series are checked where they are made.
        var perStation = QkdScheduler.Reporting.Charts.SweepCharts.PerStation(columns, rows.Select(r => (IReadOnlyList<string>)r).ToList())!.Value;
        Assert.Equal("dp_gd", perStation.Solve);
        Assert.Equal(["Beijing", "Lhasa"], perStation.Series.Select(x => x.Label));
        Assert.Equal([50.0, 250.0], perStation.Series[0].Y);
        Assert.Equal([30.0, 150.0], perStation.Series[1].Y);
    }

    /// <summary>
    /// solve --out on the Micius week: contacts.csv, read back as plain CSV, rebuilds exactly the intervals schedule.csv
    /// serves, the validator accepts it, its keys add up to the result's total, and there is one .ics per station served.
    /// </summary>
    [Fact]
    public void Solve_out_writes_a_contact_plan_that_rebuilds_the_schedule()
    {
        var outDir = Path.Combine(_dir, "solve");
        Assert.Equal(0, Run("solve", Micius, "--solver", "dp", "--strategy", "td", "--out", outDir).Code);
        var problem = InstanceFiles.Read(Micius);
        var path = Path.Combine(outDir, "contacts.csv");
        var (columns, rows) = CsvLines.ReadTable(path, ["node", "stations", "first_interval", "last_interval", "keys", "max_elevation_deg"]);
        var rebuilt = new Schedule(rows.Select(r => new Contact(r.Fields[columns["node"]],
            CsvLines.ParseInt(path, r, columns["first_interval"], "first_interval"), CsvLines.ParseInt(path, r, columns["last_interval"], "last_interval"))).ToList());
        var original = ScheduleFiles.ReadSchedule(Path.Combine(outDir, ScheduleFiles.ScheduleFileName));
        Assert.True(Validator.Check(problem, rebuilt, Strategy.Td, SolverOptions.DefaultShareTolerance).IsValid);
        Assert.Equal(original.ServedAssignments(problem), rebuilt.ServedAssignments(problem));
        var result = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, ScheduleFiles.ResultFileName)))!;
        Assert.Equal((double)result["total_bits"]!, rows.Sum(r => CsvLines.ParseFiniteDouble(path, r, columns["keys"], "keys")), 1e-6);
        Assert.All(rows, r => Assert.True(double.Parse(r.Fields[columns["max_elevation_deg"]], System.Globalization.CultureInfo.InvariantCulture) >= 10)); // the instance's mask
        var stations = rows.Select(r => r.Fields[columns["stations"]]).Distinct().Count();
        Assert.Equal(stations, Directory.GetFiles(outDir, "contacts-*.ics").Length);
        Assert.True(File.Exists(Path.Combine(outDir, "contacts.json")));
    }

    [Fact]
    public void Plan_writes_the_same_files_and_rejects_an_invalid_schedule()
    {
        var solveDir = Path.Combine(_dir, "solve");
        Assert.Equal(0, Run("solve", Micius, "--solver", "dp", "--out", solveDir).Code);
        var planDir = Path.Combine(_dir, "plan");
        Assert.Equal(0, Run("plan", Micius, Path.Combine(solveDir, ScheduleFiles.ScheduleFileName), "--out", planDir).Code);
        Assert.Equal(File.ReadAllText(Path.Combine(solveDir, "contacts.csv")), File.ReadAllText(Path.Combine(planDir, "contacts.csv")));

        var bad = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(bad, "node,first_interval,last_interval\nBeijing,0,3\nShanghai,3,5\n");
        AssertOneLineUserError(Run("plan", Micius, bad, "--out", planDir), $"{bad}: is not a valid schedule of micius-china11-2016w38");
    }

    /// <summary>
    /// A solve folder alone makes a report (its result.json names the instance), which opens with the operations summary:
    /// the first day's contacts per station, each station's key, and the risks (here the committed TLE, 90.9 days from the
    /// week, and the one-interval contacts of a plan without a minimum contact length).
    /// </summary>
    [Fact]
    public void Report_of_a_solve_folder_alone_opens_with_what_operators_need()
    {
        var solveDir = Path.Combine(_dir, "solve");
        Assert.Equal(0, Run("solve", Micius, "--solver", "greedy", "--out", solveDir).Code);
        var html = Path.Combine(_dir, "r.html");
        var r = Run("report", solveDir, "--out", html);
        Assert.True(r.Code == 0, r.Err);
        var page = File.ReadAllText(html);
        var operations = page.IndexOf("Operations: greedy / gd on micius-china11-2016w38", StringComparison.Ordinal);
        Assert.True(operations >= 0);
        Assert.True(operations < page.IndexOf("Solve greedy / gd", StringComparison.Ordinal), "the operations summary comes before the research tables");
        Assert.Contains("The first 24 hours", page);
        Assert.Contains("is 90.9 days after the period starts", page);
        Assert.Contains("last less than 60 s", page);

        // A folder of something else is named in one line.
        AssertOneLineUserError(Run("report", _dir, "--out", Path.Combine(_dir, "x.html")), "is not an instance, solve, bench, sweep or entanglement folder");
        Assert.False(File.Exists(Path.Combine(_dir, "x.html")));
        // A solve whose instance is neither given nor named (an older result.json) still says which instance to add.
        var result = Path.Combine(solveDir, "result.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(result))!.AsObject();
        json.Remove("instance_dir");
        File.WriteAllText(result, json.ToJsonString());
        AssertOneLineUserError(Run("report", solveDir, "--out", html + "2"),
            "is a solve of instance 'micius-china11-2016w38', which is not among the report's folders; give its instance folder too");
    }

    [Fact]
    public void Report_takes_an_entanglement_folder()
    {
        var dir = Path.Combine(_dir, "ent");
        var scenario = Path.Combine(RepositoryPaths.Root(), "instances", "transatlantic-meo", "scenario.yaml");
        Assert.Equal(0, Run("entanglement", scenario, "--set", "period.end=2026-01-03T00:00:00Z", "--out", dir).Code);
        var html = Path.Combine(_dir, "e.html");
        Assert.Equal(0, Run("report", dir, "--out", html).Code);
        var page = File.ReadAllText(html);
        Assert.Contains("Entanglement links (seed 004 Table 1)", page);
        Assert.Contains("Waterloo|Berlin", page);
    }

    /// <summary>
    /// The Micius week's report (its instance, a td solve, a bench with the GA) opened in headless Chromium: no console
    /// error, exception or failed load; nothing fetched from anywhere; every chart present with a drawn SVG; the
    /// full-page screenshot is not blank. Set QKDSCHED_SCREENSHOT_DIR to keep the screenshot (docs/screenshots.sh).
    /// </summary>
    [Fact]
    [Trait("Category", "Integration")]
    public async Task Report_of_the_Micius_week_loads_in_chromium_without_errors()
    {
        var chromium = HeadlessChromium.Find();
        Assert.True(chromium != null, "headless Chromium is needed for this test: apt-get install chromium (./run.sh test --all and .ci/run install it)");
        var solveDir = Path.Combine(_dir, "solve");
        var benchDir = Path.Combine(_dir, "bench");
        var html = Path.Combine(_dir, "report.html");
        Assert.Equal(0, Run("solve", Micius, "--solver", "lagrange", "--strategy", "td", "--time-limit", "10", "--out", solveDir).Code);
        Assert.Equal(0, Run("bench", Micius, "--solvers", "dp,greedy,ga", "--time-limit", "2", "--out", benchDir).Code);
        var r = Run("report", Micius, solveDir, benchDir, "--out", html);
        Assert.Equal(0, r.Code);
        var text = File.ReadAllText(html);
        Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
        var charts = System.Text.RegularExpressions.Regex.Count(text, "<figure class=\"chart\"");

        await using var browser = await HeadlessChromium.StartAsync(chromium!);
        await browser.OpenAsync(new Uri(html).AbsoluteUri);
        var figures = (await browser.EvaluateAsync("""
            [...document.querySelectorAll('figure.chart')].map(f => {
              const svg = f.querySelector('svg');
              const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
              return { name: f.dataset.chart, width: box.width, height: box.height, shapes: svg ? svg.querySelectorAll('path, rect, line, polyline, text').length : 0 };
            })
            """))!.AsArray();
        Assert.Empty(browser.Errors);
        Assert.Equal(0, (int)(await browser.EvaluateAsync("performance.getEntriesByType('resource').length"))!);
        Assert.Equal(charts, figures.Count);
        var names = figures.Select(f => (string)f!["name"]!).ToHashSet();
        Assert.Superset(names, new HashSet<string> { "visibility", "available-per-day", "pass", "keyrate", "timeline", "shares", "delivered-per-day", "convergence",
            "bench-ratio", "bench-time", "bench-profile", "bench-convergence" });
        foreach (var f in figures)
        {
            Assert.True((double)f!["width"]! > 400 && (double)f["height"]! > 150, $"chart {f["name"]} is drawn {f["width"]} × {f["height"]} px");
            Assert.True((int)f["shapes"]! > 20, $"chart {f["name"]} has only {f["shapes"]} shapes");
        }

        var png = await browser.ScreenshotAsync();
        using var image = SKBitmap.Decode(png);
        Assert.True(image.Height > 3000, $"the screenshot is {image.Width} × {image.Height}: not the whole page");
        var (inked, colours) = (0, new HashSet<uint>());
        for (var y = 0; y < image.Height; y += 7)
            for (var x = 0; x < image.Width; x += 7)
            {
                var c = image.GetPixel(x, y);
                if (c.Red < 235 || c.Green < 235 || c.Blue < 235) inked++;
                colours.Add((uint)c);
            }

        var samples = (image.Height / 7 + 1) * (image.Width / 7 + 1);
        Assert.True(inked > samples / 50, $"the screenshot is almost blank: {inked} of {samples} samples inked");
        Assert.True(colours.Count > 30, $"the screenshot has only {colours.Count} colours");
        if (Environment.GetEnvironmentVariable("QKDSCHED_SCREENSHOT_DIR") is { Length: > 0 } keep)
        {
            // One PNG per section (instance, solve, bench), cut at the section headings, and the page itself.
            Directory.CreateDirectory(keep);
            var tops = (await browser.EvaluateAsync("[...document.querySelectorAll('h2')].map(h => Math.round(h.getBoundingClientRect().top + window.scrollY) - 16)"))!
                .AsArray().Select(t => (int)t!).Append(image.Height).ToList();
            for (var i = 0; i + 1 < tops.Count; i++)
            {
                using var part = new SKBitmap();
                Assert.True(image.ExtractSubset(part, new SKRectI(0, tops[i], image.Width, tops[i + 1])));
                using var file = File.Create(Path.Combine(keep, $"report-micius-week-{i + 1}.png"));
                part.Encode(file, SKEncodedImageFormat.Png, 100);
            }

            File.Copy(html, Path.Combine(keep, "report-micius-week.html"), overwrite: true);
        }
    }
}
