using QkdScheduler.Testing;
using System.Globalization;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Precompute.Importers;
using QkdScheduler.Solvers.Exact;

namespace QkdScheduler.Validation.Tests;

/// <summary>The published Polnik et al. 2020 week (ReferenceData/quake-polnik2020/SOURCES.md).</summary>
public class QuakeImportTests
{
    private static readonly string Dzn = RepositoryPaths.ReferenceData("quake-polnik2020", "week_2018-01-01.dzn");

    /// <summary>
    /// Sums each station's key_rate row straight from the file text, without the importer's
    /// parser: the block between "key_rate = [|" and "|];", rows split on '|'.
    /// </summary>
    private static double[] RowSumsFromFileText()
    {
        var text = File.ReadAllText(Dzn);
        var start = text.IndexOf("key_rate = [|", StringComparison.Ordinal) + "key_rate = [|".Length;
        var end = text.IndexOf("|];", start, StringComparison.Ordinal);
        return text[start..end].Split('|')
            .Select(row => row.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Sum(v => double.Parse(v, CultureInfo.InvariantCulture)))
            .ToArray();
    }

    [Fact]
    public void Import_ReproducesPerStationTotalsOfTheFile()
    {
        var sums = RowSumsFromFileText();
        var problem = QuakeImporter.Import(Dzn, "polnik");
        Assert.Equal(10, sums.Length); // None + 9 stations
        Assert.Equal(0, sums[0]);      // the dummy station has no keys
        Assert.Equal(sums[1..], problem.Keys.TotalPerNode());
    }

    [Fact]
    public void Import_HasNineStationsAndThePublishedSettings()
    {
        var p = QuakeImporter.Import(Dzn, "polnik");
        Assert.Equal(["London", "Glasgow", "Thurso", "Manchester", "Birmingham", "Bristol", "Ipswich", "Cambridge", "York"], p.Nodes.Select(n => n.Id));
        Assert.Equal(30, p.SwitchIntervals);                  // switch_duration = 30 with 1-s steps
        Assert.Equal(1, p.IntervalSeconds);
        Assert.Equal(new DateTime(2018, 1, 1, 23, 0, 0, DateTimeKind.Utc), p.StartUtc);
        Assert.Equal(6 * 86400 + 2 * 3600, p.IntervalCount);  // 2018-01-01 23:00 to 2018-01-08 01:00
        Assert.Equal([0.25, 0.12, 0.01, 0.12, 0.15, 0.1, 0.15, 0.05, 0.05], p.Nodes.Select(n => n.Share).ToArray(), new Tolerance(1e-12));
        Assert.Equal(p.Nodes.Select(n => n.Share), p.Nodes.Select(n => n.Weight));
    }

    [Fact]
    public void Import_Lists7447StepsOnTheTimeline()
    {
        // Every listed step maps to its own interval: TIME = 1..7447, time_offset strictly increasing.
        var text = File.ReadAllText(Dzn);
        Assert.Contains("TIME = 1..7447;", text);
        var p = QuakeImporter.Import(Dzn, "polnik");
        var offsets = Offsets(text);
        Assert.Equal(7447, offsets.Length);
        Assert.True(p.Keys.RowCount > 1000, $"{p.Keys.RowCount} active intervals");
        Assert.All(p.Keys.ActiveIntervals.ToArray(), m => Assert.Contains(m, offsets));
    }

    [Fact]
    public void CommittedInstance_EqualsAFreshImport()
    {
        // Non-regression: instances/polnik2020-uk-week must be what the importer makes of the file.
        var committed = InstanceFiles.Read(Path.Combine(RepositoryPaths.Root(), "instances", "polnik2020-uk-week"));
        var fresh = QuakeImporter.Import(Dzn, "polnik2020-uk-week");
        Assert.Equal(fresh.Keys.Entries(), committed.Keys.Entries());
        Assert.Equal(fresh.SwitchIntervals, committed.SwitchIntervals);
        Assert.Equal(fresh.Nodes.Select(n => (n.Id, n.Share)), committed.Nodes.Select(n => (n.Id, n.Share)));
    }

    [Fact]
    public void Dp_OnThePublishedWeek_IsOptimalAndValid()
    {
        var p = QuakeImporter.Import(Dzn, "polnik");
        foreach (var s in new[] { Strategy.Gd, Strategy.Pd, Strategy.Td })
        {
            var r = SolverRunner.Run(new DpSolver(), p, new SolverOptions(s));
            Assert.True(Validator.Check(p, r.Schedule, s, 0.05).IsValid, r.Message);
            Assert.Equal(s == Strategy.Td ? SolveStatus.Feasible : SolveStatus.Optimal, r.Status);
            Assert.True(r.Objective > 0);
        }
    }

    private static int[] Offsets(string text)
    {
        var start = text.IndexOf("time_offset = [", StringComparison.Ordinal) + "time_offset = [".Length;
        var end = text.IndexOf("];", start, StringComparison.Ordinal);
        return text[start..end].Split(',', StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
    }

    private sealed class Tolerance(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= eps;
        public int GetHashCode(double obj) => 0;
    }
}
