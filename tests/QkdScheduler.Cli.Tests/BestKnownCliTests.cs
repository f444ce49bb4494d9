using QkdScheduler.Core.IO;
using QkdScheduler.Testing;

namespace QkdScheduler.Cli.Tests;

/// <summary>bench --write-best-known and --against: a best-known file made from a bench, and ratios taken against one.</summary>
public sealed class BestKnownCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-cli-best-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary><see cref="TestProblems.AThenB"/> as an instance folder (gd optimum 41).</summary>
    private string Instance()
    {
        var dir = Path.Combine(_dir, "inst");
        InstanceFiles.Write(TestProblems.AThenB(), dir);
        return dir;
    }

    private static Dictionary<string, string> Row(string csv, string solver)
    {
        var (columns, rows) = CsvLines.ReadTable(csv, ["solver", "ratio", "best_known"]);
        var row = rows.Single(r => r.Fields[columns["solver"]] == solver);
        return columns.ToDictionary(c => c.Key, c => row.Fields[c.Value]);
    }

    [Fact]
    public void A_bench_writes_the_proven_optimum_and_a_later_bench_takes_its_ratio_against_the_file()
    {
        var inst = Instance();
        var file = Path.Combine(_dir, "best.csv");
        Assert.Equal(0, CliRun.Run("bench", inst, "--solvers", "dp", "--strategies", "gd", "--write-best-known", file, "--out", Path.Combine(_dir, "b1")).Code);
        var lines = File.ReadAllLines(file);
        Assert.Equal("instance,strategy,share_tolerance,objective,bound,solver,date,command", lines[0]);
        Assert.StartsWith("test,gd,0.05,41,41,dp,", lines[1]);
        Assert.EndsWith(",qkdsched bench " + inst + " --solvers dp --strategies gd", lines[1]);

        // A better objective in the file than any case of the run: the ratio is taken against the file's 82, not the run's 41.
        File.WriteAllText(file, "instance,strategy,share_tolerance,objective,bound,solver,date,command\ntest,gd,0.05,82,,hand,2026-01-01,by hand\n");
        Assert.Equal(0, CliRun.Run("bench", inst, "--solvers", "dp", "--strategies", "gd", "--against", file, "--out", Path.Combine(_dir, "b2")).Code);
        var dp = Row(Path.Combine(_dir, "b2", "results.csv"), "dp");
        Assert.Equal("82", dp["best_known"]);
        Assert.Equal(0.5, double.Parse(dp["ratio"], System.Globalization.CultureInfo.InvariantCulture), 1e-12);

        // Writing again keeps the better objective and adds dp's proven bound.
        Assert.Equal(0, CliRun.Run("bench", inst, "--solvers", "dp", "--strategies", "gd", "--write-best-known", file, "--out", Path.Combine(_dir, "b3")).Code);
        Assert.StartsWith("test,gd,0.05,82,41,hand,2026-01-01,by hand", File.ReadAllLines(file)[1]);
    }

    [Theory]
    [InlineData("instance,strategy\ntest,gd\n", "lacks the column(s) share_tolerance, objective")]
    [InlineData("instance,strategy,share_tolerance,objective,bound,solver,date,command\ntest,xd,0.05,1,,a,2026-01-01,c\n", "best.csv:2: strategy 'xd'")]
    [InlineData("instance,strategy,share_tolerance,objective,bound,solver,date,command\ntest,gd,0.05,10,5,a,2026-01-01,c\n", "best.csv:2: bound 5 is below the objective 10")]
    [InlineData("instance,strategy,share_tolerance,objective,bound,solver,date,command\ntest,gd,0.05,1,,a,2026-01-01,c\ntest,gd,0.05,2,,a,2026-01-01,c\n", "best.csv:3: test gd at share tolerance 0.05 is listed twice")]
    public void A_bad_best_known_file_is_one_line_naming_the_line(string text, string expected)
    {
        var file = Path.Combine(_dir, "best.csv");
        File.WriteAllText(file, text);
        CliRun.AssertOneLineUserError(CliRun.Run("bench", Instance(), "--solvers", "dp", "--strategies", "gd", "--against", file), expected);
    }

    [Fact]
    public void Against_and_write_best_known_are_refused_on_a_shard()
    {
        CliRun.AssertOneLineUserError(CliRun.Run("bench", Instance(), "--solvers", "dp", "--shard", "0/2", "--out", _dir, "--against", "x.csv"), "--against and --write-best-known take the whole bench");
    }
}
