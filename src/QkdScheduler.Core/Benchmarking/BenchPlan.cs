using System.Security.Cryptography;
using System.Text;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Core.Benchmarking;

/// <summary>One case of a bench: a solver on an instance under a strategy, with a seed.</summary>
public sealed record BenchCase(Problem Problem, Strategy Strategy, ISolver Solver, int Seed);

/// <summary>
/// The cases of a bench, in the one order every shard enumerates them; the hash that identifies a bench's
/// definition across shards; and the loop that runs a selection of cases through <see cref="SolverRunner"/>.
/// </summary>
public static class BenchPlan
{
    /// <summary>
    /// Every instance × strategy × solver × seed, in that order of nesting: a solver only under the strategies it solves,
    /// and a solver whose seed does not matter with the first seed only. An empty plan is the user's error.
    /// </summary>
    public static IReadOnlyList<BenchCase> Cases(IReadOnlyList<Problem> problems, IReadOnlyList<Strategy> strategies, IReadOnlyList<ISolver> solvers, IReadOnlyList<int> seeds)
    {
        var cases = (from p in problems
                     from s in strategies
                     from solver in solvers
                     where solver.Solves(p, s)
                     from seed in solver.UsesSeed ? seeds : seeds.Take(1)
                     select new BenchCase(p, s, solver, seed)).ToList();
        if (cases.Count == 0)
            throw new InputException(null, null, $"no case to run: none of the solvers ({string.Join(", ", solvers.Select(p => p.Name))}) solves {string.Join(", ", strategies.Select(x => x.ToName()))}"
                + (problems.Any(p => p.IsConstellation) ? " on these instances (constellations need a solver that solves them)" : ""));
        return cases;
    }

    /// <summary>
    /// What decides a bench's cases, hashed so that merge can tell the shards of one bench from another's: each
    /// instance's name, size and key total (its content, not its path), the solvers, strategies and seeds, and the
    /// options that change results (<paramref name="optionTokens"/>, without where the results go).
    /// </summary>
    public static string Definition(IEnumerable<Problem> problems, IEnumerable<string> solvers, IEnumerable<Strategy> strategies, IEnumerable<int> seeds,
        IEnumerable<string> optionTokens)
    {
        var text = new StringBuilder();
        foreach (var p in problems)
            text.Append(p.Name).Append(' ').Append(p.IntervalCount).Append(' ').Append(p.NonZeroCount).Append(' ')
                .Append(TextFormat.Number(p.TotalPerNode().Sum())).Append('\n');
        text.AppendJoin(',', solvers).Append('\n').AppendJoin(',', strategies.Select(s => s.ToName())).Append('\n').AppendJoin(',', seeds).Append('\n');
        foreach (var token in optionTokens) text.Append(token).Append(' ');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Runs the <paramref name="selected"/> cases in order with the options <paramref name="optionsFor"/> gives each,
    /// reporting each finished one to <paramref name="finished"/> (its position in the selection, its index among all
    /// cases, and its report). A cancelled <paramref name="cancellationToken"/> stops the running case with its best
    /// schedule and starts no other.
    /// </summary>
    public static IReadOnlyList<SolveReport> Run(IReadOnlyList<BenchCase> cases, IReadOnlyList<int> selected, Func<BenchCase, SolverOptions> optionsFor,
        CancellationToken cancellationToken, Action<int, int, SolveReport>? finished = null)
    {
        var done = new List<SolveReport>();
        for (var n = 0; n < selected.Count; n++)
        {
            if (cancellationToken.IsCancellationRequested) break;
            var c = cases[selected[n]];
            var options = optionsFor(c);
            var report = SolverRunner.Run(c.Solver, c.Problem, options with { Parameters = SolverParameters.For(c.Solver, options.Parameters) }, cancellationToken);
            done.Add(report);
            finished?.Invoke(n, selected[n], report);
        }
        return done;
    }
}
