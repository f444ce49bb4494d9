using System.Text.Json.Nodes;
using QkdScheduler.Core.Benchmarking;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Reporting.Exporters;

namespace QkdScheduler.Reporting.Tests.Exporters;

/// <summary>Exporters render a hand-made summary; no solver runs (BenchmarkDotNet style).</summary>
public class BenchExporterTests
{
    private static readonly BenchSummary Summary = new(
    [
        new BenchRow("inst", "dp", Strategy.Gd, null, SolveStatus.Optimal, 100, 100, 1.0, 100, 0, 100, 40, 0.5, 80, 0.1, 3, 0.25, null),
        new BenchRow("inst", "greedy", Strategy.Gd, null, SolveStatus.Feasible, 75, 100, 0.75, null, null, 75, 30, double.PositiveInfinity, 0, 0.2, 2, 0.125, "note, with comma"),
    ], new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), "test machine");

    [Fact]
    public void Csv_HandWrittenExpectedFile()
    {
        // Empty fields for unknown or non-finite values; RFC 4180 quotes around the comma.
        const string expected =
            "instance,solver,strategy,seed,status,objective,best_known,ratio,bound,gap,total_bits,weighted_bits,kl_divergence,traffic_index,share_violation,switches,wall_seconds,message,iterations,stopped_by,best_bound\n" +
            "inst,dp,gd,,optimal,100,100,1,100,0,100,40,0.5,80,0.1,3,0.25,,,,\n" +
            "inst,greedy,gd,,feasible,75,100,0.75,,,75,30,,0,0.2,2,0.125,\"note, with comma\",,,\n";
        Assert.Equal(expected, new CsvBenchExporter().Render(Summary));
    }

    [Fact]
    public void Json_NonFiniteAsNullAndAllCases()
    {
        var json = JsonNode.Parse(new JsonBenchExporter().Render(Summary))!;
        Assert.Equal("2026-01-02T03:04:05Z", (string?)json["created_utc"]);
        var cases = json["cases"]!.AsArray();
        Assert.Equal(2, cases.Count);
        Assert.Null(cases[1]!["kl_divergence"]);
        Assert.Null(cases[1]!["bound"]);
        Assert.Equal(0.75, (double?)cases[1]!["ratio"]);
    }

    /// <summary>results.json read back gives the rows that were written, history included (non-finite values come back as null/NaN).</summary>
    [Fact]
    public void Json_reads_back_into_the_same_rows()
    {
        var withHistory = Summary with
        {
            Rows = [Summary.Rows[0], Summary.Rows[1] with { Seed = 7, Iterations = 2, StoppedBy = "stagnation", History = [new ProgressPoint(1, 70, 60, 0.5), new ProgressPoint(2, 75, 65, 1)] }],
        };
        var path = Path.Combine(Path.GetTempPath(), $"qkdsched-bench-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, new JsonBenchExporter().Render(withHistory));
            var back = JsonBenchReader.Read(path);
            Assert.Equal(withHistory.CreatedUtc, back.CreatedUtc);
            Assert.Equal(withHistory.Rows[0], back.Rows[0]);
            var (a, b) = (withHistory.Rows[1], back.Rows[1]);
            Assert.Equal(a with { KlDivergence = null, History = null }, b with { History = null });
            Assert.Equal(a.History, b.History);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Json_reader_names_the_file_on_bad_input()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qkdsched-bench-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, "{\"cases\": [{\"instance\": \"i\"}]}");
            var e = Assert.Throws<QkdScheduler.Core.InputException>(() => JsonBenchReader.Read(path));
            Assert.Equal($"{path}: case 1 has no \"strategy\"", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Markdown_HasRatioColumnAndOneRowPerCase()
    {
        var lines = new MarkdownBenchExporter().Render(Summary).Split('\n');
        Assert.Contains("ratio", lines[0]);
        Assert.Equal("| inst | gd | greedy | - | feasible | 75 | 0.7500 | - | - | 0 | 2 | 0.125 |", lines[3]);
    }

    [Fact]
    public void FromReports_RatioIsObjectiveOverBestValidObjective()
    {
        // Hand calculation: best valid gd objective is 8 (the error case's 50 does not count), so 6 → 0.75.
        var rows = new[] { (8.0, SolveStatus.Optimal), (6.0, SolveStatus.Feasible), (50.0, SolveStatus.Error) };
        var reports = rows.Select((r, i) => new SolveReport("inst", $"s{i}", new SolverOptions(Strategy.Gd),
            new SolveResult(QkdScheduler.Core.Model.Schedule.Empty, r.Item2),
            new QkdScheduler.Core.Evaluation.Metrics(r.Item1, 0, null, 0, [r.Item1], 0, 0), r.Item2, null, 0)).ToList();
        var summary = BenchSummary.FromReports(reports, new HashSet<string>(), DateTime.UnixEpoch, "");
        Assert.Equal([1.0, 0.75, null], summary.Rows.Select(r => r.Ratio));
        Assert.All(summary.Rows, r => Assert.Equal(8, r.BestKnown));
    }

    [Fact]
    public void Seed_groups_hand_calculation()
    {
        // ga on one instance with seeds 1..3: objectives 90, 80, 100 against a proven bound of 100 (dp, optimal).
        // Ratios to the best known (100): 0.9, 0.8, 1.0 → mean 0.9, worst 0.8; gaps to the bound 10 %, 20 %, 0 % →
        // mean 10 %, worst 20 %; generations 10, 20, 30 → mean 20; times 1, 2, 3 s → mean 2, max 3.
        SolveReport Report(string solver, int seed, double objective, SolveStatus status, double? bound, int generations, double seconds) =>
            new("inst", solver, new SolverOptions(Strategy.Gd, Seed: seed),
                new SolveResult(QkdScheduler.Core.Model.Schedule.Empty, status, bound,
                    History: generations > 0 ? [new ProgressPoint(generations, objective, objective, seconds)] : null),
                new QkdScheduler.Core.Evaluation.Metrics(objective, 0, null, 0, [objective], 0, 0), status, null, seconds);
        var reports = new[]
        {
            Report("dp", 1, 100, SolveStatus.Optimal, 100, 0, 0.01),
            Report("ga", 1, 90, SolveStatus.Feasible, null, 10, 1),
            Report("ga", 2, 80, SolveStatus.Feasible, null, 20, 2),
            Report("ga", 3, 100, SolveStatus.Feasible, null, 30, 3),
        };
        var summary = BenchSummary.FromReports(reports, new HashSet<string> { "dp" }, DateTime.UnixEpoch, "");
        var g = Assert.Single(summary.SeedGroups());
        Assert.Equal(("ga", 3), (g.Solver, g.Runs));
        Assert.Equal(0.9, g.MeanRatio, 12);
        Assert.Equal(0.8, g.WorstRatio, 12);
        Assert.Equal(0.1, g.MeanGap!.Value, 12);
        Assert.Equal(0.2, g.WorstGap!.Value, 12);
        Assert.Equal(20, g.MeanIterations);
        Assert.Equal((2.0, 3.0), (g.MeanSeconds, g.MaxSeconds));
        Assert.Contains("| inst | gd | ga | 3 | 0.9000 | 0.8000 | 10.00% | 20.00% | 20 | 2.0 | 3.0 |", new MarkdownBenchExporter().Render(summary));
    }
}
