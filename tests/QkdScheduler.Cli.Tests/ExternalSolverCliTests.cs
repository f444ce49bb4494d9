using System.Text.Json.Nodes;
using QkdScheduler.Core.IO;
using QkdScheduler.Testing;

namespace QkdScheduler.Cli.Tests;

/// <summary>External solvers from the command line: found in the repository's solvers/examples/, under --solver-path, and checked like any solver.</summary>
public sealed class ExternalSolverCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-cli-ext-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary><see cref="TestProblems.AThenB"/> as an instance folder (gd optimum 41).</summary>
    private string Instance()
    {
        var dir = Path.Combine(_dir, "inst");
        InstanceFiles.Write(TestProblems.AThenB(), dir);
        return dir;
    }

    [Fact]
    public void The_shipped_python_example_is_listed_and_solves_end_to_end_like_the_built_in_greedy()
    {
        var list = CliRun.Run("solvers");
        Assert.Equal(0, list.Code);
        Assert.Contains("python-greedy", list.Out);

        var inst = Instance();
        var outDir = Path.Combine(_dir, "solve");
        var r = CliRun.Run("solve", inst, "--solver", "python-greedy", "--strategy", "pd", "--out", outDir, "--format", "json");
        Assert.True(r.Code == 0, r.Err);
        var theirs = JsonNode.Parse(r.Out)!.AsObject();
        var ours = JsonNode.Parse(CliRun.Run("solve", inst, "--solver", "greedy", "--strategy", "pd", "--format", "json").Out)!.AsObject();
        Assert.Equal("feasible", (string)theirs["status"]!);
        Assert.Equal((double)ours["objective"]!, (double)theirs["objective"]!);
        Assert.True(File.Exists(Path.Combine(outDir, ScheduleFiles.ScheduleFileName)));
        Assert.Contains("greedy.py:", File.ReadAllText(Path.Combine(outDir, "solver.log")));
        Assert.Equal("python-greedy", (string)JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, ScheduleFiles.ResultFileName)))!["solver"]!);

        CliRun.AssertOneLineUserError(CliRun.Run("solve", inst, "--solver", "python-greedy", "--strategy", "td"), "solves gd, pd, not td");
    }

    [Fact]
    public void Solver_path_adds_a_solver_to_bench_and_refuses_a_built_in_name()
    {
        var folder = Path.Combine(_dir, "mine");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "solve.sh"), "printf 'node,first_interval,last_interval\\nA,0,7\\n' > \"$2/schedule.csv\"\n");
        File.WriteAllText(Path.Combine(folder, "solver.yaml"), "format: qkdsched-solver/1\nname: mine\ncommand: [sh, solve.sh]\nstrategies: [gd]\n");
        var bench = CliRun.Run("bench", Instance(), "--solvers", "mine,dp", "--strategies", "gd", "--solver-path", folder, "--out", Path.Combine(_dir, "bench"));
        Assert.True(bench.Code == 0, bench.Err);
        // A serves 1..8 in 0..7 = 36; dp's optimum is 36 + B's 5 in 9 after one idle interval = 41.
        var rows = File.ReadAllLines(Path.Combine(_dir, "bench", "results.csv"));
        Assert.Contains(rows, l => l.Contains(",mine,") && l.Contains(",36,"));
        Assert.Contains(rows, l => l.Contains(",dp,") && l.Contains(",41,"));

        File.WriteAllText(Path.Combine(folder, "solver.yaml"), "format: qkdsched-solver/1\nname: dp\ncommand: [sh, solve.sh]\nstrategies: [gd]\n");
        CliRun.AssertOneLineUserError(CliRun.Run("solvers", "--solver-path", folder), "solver name 'dp' is a built-in solver's");
        CliRun.AssertOneLineUserError(CliRun.Run("solvers", "--solver-path", Path.Combine(_dir, "absent")), "solver folder not found");
    }
}
