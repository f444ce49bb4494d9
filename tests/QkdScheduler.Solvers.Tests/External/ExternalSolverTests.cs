using System.Diagnostics;
using QkdScheduler.Core;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Solvers.External;
using QkdScheduler.Solvers.Greedy;
using QkdScheduler.Testing;

namespace QkdScheduler.Solvers.Tests.External;

/// <summary>
/// External solvers (solver.yaml): the shipped Python example against the built-in greedy, which follows
/// the same rule, and small shell programs that break each rule of the contract.
/// </summary>
public sealed class ExternalSolverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-ext-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static SolverManifest PythonGreedy() =>
        SolverManifest.Read(Path.Combine(RepositoryPaths.Root(), "solvers", "examples", "python-greedy", SolverManifest.FileName));

    [Theory]
    [InlineData("gd")]
    [InlineData("pd")]
    public void Python_greedy_gives_the_built_in_greedy_schedule(string strategy)
    {
        var s = StrategyNames.Parse(strategy);
        var python = new ExternalSolver(PythonGreedy());
        Assert.Null(python.UnavailableReason);
        for (var seed = 0; seed < 5; seed++)
        {
            var p = TestProblems.Random(new Random(seed), 120, 1 + seed % 4, seed % 4, 0.5);
            var ours = SolverRunner.Run(new GreedySolver(), p, new SolverOptions(s));
            var theirs = SolverRunner.Run(python, p, new SolverOptions(s));
            Assert.Equal(SolveStatus.Feasible, theirs.Status);
            Assert.NotEmpty(theirs.Schedule.Contacts);
            Assert.Equal(ours.Schedule.Contacts, theirs.Schedule.Contacts);
            Assert.Equal(ours.Objective, theirs.Objective);
            Assert.Contains("greedy.py:", theirs.Result.Log);
        }
    }

    [Fact]
    public void A_strategy_the_manifest_does_not_list_is_refused_before_the_program_runs()
    {
        var e = Assert.Throws<InputException>(() =>
            SolverRunner.Run(new ExternalSolver(PythonGreedy()), TestProblems.FromDense([[1.0]], 0), new SolverOptions(Strategy.Td)));
        Assert.Contains("solves gd, pd, not td", e.Message);
    }

    /// <summary>A one-node problem where serving A in both intervals is optimal: 3 + 4 = 7.</summary>
    private static readonly double[][] TwoIntervals = [[3.0, 0.0], [4.0, 1.0]];

    private ExternalSolver Script(string body, string strategies = "[gd, pd, td]")
    {
        var folder = Path.Combine(_dir, $"s{Directory.GetDirectories(_dir).Length}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "solve.sh"), "set -e\nout=\"$2\"\n" + body + "\n");
        File.WriteAllText(Path.Combine(folder, SolverManifest.FileName),
            $"format: qkdsched-solver/1\nname: script\ncommand: [sh, solve.sh]\nstrategies: {strategies}\n");
        return new ExternalSolver(SolverManifest.Read(Path.Combine(folder, SolverManifest.FileName)));
    }

    private const string OptimalSchedule = "printf 'node,first_interval,last_interval\\nA,0,1\\n' > \"$out/schedule.csv\"";

    [Fact]
    public void A_proven_optimum_is_accepted_with_its_bound()
    {
        var r = SolverRunner.Run(Script(OptimalSchedule + "\necho '{\"status\": \"optimal\", \"bound\": 7}' > \"$out/claims.json\""),
            TestProblems.FromDense(TwoIntervals, 0), new SolverOptions());
        Assert.Equal(SolveStatus.Optimal, r.Status);
        Assert.Equal(7, r.Objective);
        Assert.Equal(7, r.Bound);
    }

    [Theory]
    [InlineData("{\"status\": \"optimal\", \"bound\": 6}", "below its own schedule's objective")]
    [InlineData("{\"status\": \"optimal\"}", "claimed 'optimal' without a bound")]
    [InlineData("{\"status\": \"optimal\", \"bound\": 70}", "exceeds its objective")]
    public void A_claim_the_schedule_does_not_support_is_an_error(string claims, string expected)
    {
        var r = SolverRunner.Run(Script(OptimalSchedule + $"\necho '{claims}' > \"$out/claims.json\""), TestProblems.FromDense(TwoIntervals, 0), new SolverOptions());
        Assert.Equal(SolveStatus.Error, r.Status);
        Assert.Contains(expected, r.Message);
    }

    [Fact]
    public void A_schedule_that_breaks_a_rule_of_the_problem_is_rule_broken_not_a_result()
    {
        // Interval 1 given to A and to B.
        var r = SolverRunner.Run(Script("printf 'node,first_interval,last_interval\\nA,0,1\\nB,1,1\\n' > \"$out/schedule.csv\""),
            TestProblems.FromDense(TwoIntervals, 0), new SolverOptions());
        Assert.Equal(SolveStatus.RuleBroken, r.Status);
        Assert.Contains("validator rejected the schedule", r.Message);
        Assert.Null(r.Gap);
    }

    [Theory]
    [InlineData("printf 'node,first_interval,last_interval\\nA,0,x\\n' > \"$out/schedule.csv\"", "does not parse: line 2")]
    [InlineData("echo working; echo 'cannot read keys' >&2; exit 3", "exited with code 3; its last output line: cannot read keys")]
    [InlineData("echo nothing", "without writing OUT_DIR/schedule.csv")]
    [InlineData(OptimalSchedule + "\necho '{\"status\": \"proven\"}' > \"$out/claims.json\"", "claims.json that is not")]
    public void A_broken_program_is_one_error_that_says_which_rule_broke(string body, string expected)
    {
        var r = SolverRunner.Run(Script(body), TestProblems.FromDense(TwoIntervals, 0), new SolverOptions());
        Assert.Equal(SolveStatus.Error, r.Status);
        Assert.Contains(expected, r.Message);
        Assert.DoesNotContain("\n", r.Message);
    }

    [Fact]
    public void The_options_reach_the_program_in_its_environment()
    {
        var r = SolverRunner.Run(Script(OptimalSchedule + "\necho \"$QKDSCHED_STRATEGY $QKDSCHED_SHARE_TOLERANCE $QKDSCHED_SEED $QKDSCHED_THREADS $QKDSCHED_TIME_LIMIT\""),
            TestProblems.FromDense(TwoIntervals, 0), new SolverOptions(Strategy.Pd, 0.1, TimeSpan.FromSeconds(30), Seed: 5, Threads: 2));
        Assert.Equal(SolveStatus.Feasible, r.Status);
        Assert.Equal("pd 0.1 5 2 30\n", r.Result.Log);
    }

    [Fact]
    public void At_the_time_limit_the_whole_process_group_is_killed_and_the_schedule_so_far_counts()
    {
        var pidFile = Path.Combine(_dir, "child.pid");
        // The program writes a schedule, starts a child that would outlive it, and then hangs ignoring SIGTERM.
        var solver = Script(OptimalSchedule + $"\nsleep 300 &\necho $! > '{pidFile}'\ntrap '' TERM\nwhile true; do sleep 1; done");
        var clock = Stopwatch.StartNew();
        var r = SolverRunner.Run(solver, TestProblems.FromDense(TwoIntervals, 0), new SolverOptions(TimeLimit: TimeSpan.FromSeconds(1)));
        var elapsed = clock.Elapsed;
        Assert.Equal(SolveStatus.TimeLimit, r.Status);
        Assert.Equal(7, r.Objective);
        // Limit, then the grace after SIGTERM, then SIGKILL: well under the 300 s the child would sleep.
        Assert.True(elapsed < TimeSpan.FromSeconds(1) + ExternalSolver.Grace + TimeSpan.FromSeconds(5), $"took {elapsed}");
        var child = int.Parse(File.ReadAllText(pidFile).Trim());
        Assert.True(ProcessIsGone(child), $"the program's child {child} survived it");
    }

    private static bool ProcessIsGone(int pid)
    {
        for (var i = 0; i < 50; i++)
        {
            // A killed child that its (also killed) parent never reaped is a zombie until init reaps it.
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat)) return true;
            try
            {
                if (File.ReadAllText(stat).Split(") ").Last().StartsWith('Z')) return true;
            }
            catch (IOException) { return true; }
            Thread.Sleep(100);
        }
        return false;
    }

    [Theory]
    [InlineData("format: qkdsched-solver/1\nname: Bad Name\ncommand: [sh]\nstrategies: [gd]\n", "solver.yaml:2: name 'Bad Name' must be")]
    [InlineData("format: qkdsched-solver/1\nname: x\ncommand: [sh]\nstrategies: [gd, xd]\n", "solver.yaml:4: strategy 'xd' is not one of gd, pd, td")]
    [InlineData("format: qkdsched-solver/2\nname: x\ncommand: [sh]\nstrategies: [gd]\n", "solver.yaml:1: format is 'qkdsched-solver/2'")]
    [InlineData("format: qkdsched-solver/1\nname: x\ncommand: [sh]\nstrategies: [gd]\ntimeout: 3\n", "timeout")]
    public void A_bad_manifest_is_one_line_naming_file_and_line(string yaml, string expected)
    {
        var folder = Path.Combine(_dir, "bad");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, SolverManifest.FileName), yaml);
        var e = Assert.Throws<InputException>(() => SolverDiscovery.Find([_dir], []));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Discovery_finds_a_folder_and_its_direct_subfolders_and_refuses_a_name_used_twice()
    {
        foreach (var sub in new[] { "a", "b" })
        {
            Directory.CreateDirectory(Path.Combine(_dir, sub));
            File.WriteAllText(Path.Combine(_dir, sub, SolverManifest.FileName), $"format: qkdsched-solver/1\nname: solver-{sub}\ncommand: [sh]\nstrategies: [gd]\n");
        }
        Directory.CreateDirectory(Path.Combine(_dir, "a", "deeper"));
        File.WriteAllText(Path.Combine(_dir, "a", "deeper", SolverManifest.FileName), "not read: two levels down\n");
        Assert.Equal(["solver-a", "solver-b"], SolverDiscovery.Find([_dir], []).Select(m => m.Name));
        Assert.Equal(["solver-b"], SolverDiscovery.Find([Path.Combine(_dir, "b")], []).Select(m => m.Name));

        File.WriteAllText(Path.Combine(_dir, "b", SolverManifest.FileName), "format: qkdsched-solver/1\nname: solver-a\ncommand: [sh]\nstrategies: [gd]\n");
        Assert.Contains("solver name 'solver-a' is also used by", Assert.Throws<InputException>(() => SolverDiscovery.Find([_dir], [])).Message);
        Assert.Contains("solver folder not found", Assert.Throws<InputException>(() => SolverDiscovery.Find([Path.Combine(_dir, "nope")], [Path.Combine(_dir, "nope")])).Message);
    }
}
