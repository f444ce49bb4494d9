using System.Text;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Core.Benchmarking;

/// <summary>
/// The best result known for an instance, strategy and share tolerance: the best objective any validated
/// schedule reached, the least bound any solver proved (null when none), who found the objective, when, and
/// the command that did. <c>instances/best-known.csv</c> holds them; <c>bench --against</c> takes ratios
/// against them, and <c>bench --write-best-known</c> adds a bench's results to them.
/// </summary>
public sealed record BestKnownResult(
    string Instance,
    Strategy Strategy,
    double ShareTolerance,
    double Objective,
    double? Bound,
    string Solver,
    DateOnly Date,
    string Command);

/// <summary>Reads, updates and writes a best-known file (CSV with the columns of <see cref="Header"/>).</summary>
public static class BestKnown
{
    public const string DefaultName = "best-known";
    public static readonly string[] Header = ["instance", "strategy", "share_tolerance", "objective", "bound", "solver", "date", "command"];

    /// <summary>Share tolerances equal to this are the same key (they come from the command line in decimal).</summary>
    private const double ToleranceSlack = 1e-12;

    public static IReadOnlyList<BestKnownResult> Read(string path)
    {
        var (columns, rows) = CsvLines.ReadTable(path, Header);
        var results = new List<BestKnownResult>();
        foreach (var row in rows)
        {
            string Field(string name) => row.Fields[columns[name]].Trim();
            var strategyText = Field("strategy");
            if (!StrategyNames.TryParse(strategyText, out var strategy))
                throw new InputException(path, row.Line, $"strategy '{strategyText}' is not one of gd, pd, td");
            var tolerance = Number(path, row.Line, Field("share_tolerance"), "share_tolerance");
            if (tolerance is < 0 or >= 1) throw new InputException(path, row.Line, $"share_tolerance {Field("share_tolerance")} is outside [0, 1)");
            var objective = Number(path, row.Line, Field("objective"), "objective");
            double? bound = Field("bound").Length == 0 ? null : Number(path, row.Line, Field("bound"), "bound");
            if (bound < objective * (1 - SolverRunner.NumericalTolerance))
                throw new InputException(path, row.Line, $"bound {bound} is below the objective {objective}; a proven bound cannot be");
            if (!DateOnly.TryParseExact(Field("date"), "yyyy-MM-dd", out var date))
                throw new InputException(path, row.Line, $"date '{Field("date")}' is not YYYY-MM-DD");
            var result = new BestKnownResult(Field("instance"), strategy, tolerance, objective, bound, Field("solver"), date, Field("command"));
            if (Find(results, result.Instance, result.Strategy, result.ShareTolerance) != null)
                throw new InputException(path, row.Line, $"{result.Instance} {strategyText} at share tolerance {tolerance} is listed twice");
            results.Add(result);
        }
        return results;
    }

    public static BestKnownResult? Find(IEnumerable<BestKnownResult> known, string instance, Strategy strategy, double shareTolerance) =>
        known.FirstOrDefault(k => k.Instance == instance && k.Strategy == strategy && Math.Abs(k.ShareTolerance - shareTolerance) <= ToleranceSlack);

    /// <summary>
    /// <paramref name="known"/> with a bench's results added: per instance and strategy, a better objective
    /// replaces the old one (with its solver, date and command), and a lower accepted bound replaces the old bound.
    /// </summary>
    public static IReadOnlyList<BestKnownResult> Update(IReadOnlyList<BestKnownResult> known, BenchSummary summary, double shareTolerance, DateOnly date, string command)
    {
        var result = known.ToList();
        foreach (var g in summary.Rows.GroupBy(r => (r.Instance, r.Strategy)))
        {
            var solved = g.Where(r => BenchSummary.CountsAsSolution(r.Status)).OrderByDescending(r => r.Objective).FirstOrDefault();
            var bound = g.Where(r => !r.Status.IsFailure() && r.Bound is { } b && double.IsFinite(b)).Select(r => r.Bound).Min();
            if (solved == null && bound == null) continue;
            var old = Find(result, g.Key.Instance, g.Key.Strategy, shareTolerance);
            var entry = old ?? new BestKnownResult(g.Key.Instance, g.Key.Strategy, shareTolerance, 0, null, "", date, command);
            if (solved != null && (old == null || solved.Objective > old.Objective))
                entry = entry with { Objective = solved.Objective, Solver = solved.Solver, Date = date, Command = command };
            if (bound is { } bb && (entry.Bound == null || bb < entry.Bound)) entry = entry with { Bound = bb };
            if (old != null) result[result.IndexOf(old)] = entry;
            else result.Add(entry);
        }
        return result.OrderBy(r => r.Instance, StringComparer.Ordinal).ThenBy(r => r.Strategy).ThenBy(r => r.ShareTolerance).ToList();
    }

    public static void Write(string path, IReadOnlyList<BestKnownResult> known)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', Header).Append('\n');
        foreach (var k in known)
            text.AppendJoin(',', TextFormat.CsvField(k.Instance), k.Strategy.ToName(), TextFormat.Number(k.ShareTolerance), TextFormat.Number(k.Objective),
                k.Bound is { } b ? TextFormat.Number(b) : "", TextFormat.CsvField(k.Solver), k.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                TextFormat.CsvField(k.Command)).Append('\n');
        AtomicFile.WriteAllText(path, text.ToString());
    }

    private static double Number(string path, int line, string text, string name) =>
        TextFormat.TryParseDouble(text, out var v) && double.IsFinite(v) && v >= 0
            ? v
            : throw new InputException(path, line, $"{name} '{text}' is not a finite number of 0 or more");
}
