using System.Globalization;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Reporting.Html;

/// <summary>
/// What a solve's result.json claims, held against what the report recomputes from the instance and the schedule (the
/// report shows only recomputed figures): a status qkdsched never writes, an objective the schedule does not reach, a
/// bound below the schedule's objective, a gap the bound does not give, "optimal" without a matching bound, and, where an
/// exact optimum is cheap to prove (<paramref name="provenOptimum"/>: one satellite, gd or pd, by the dp), an "optimal"
/// objective or a bound that it contradicts (a td schedule relabelled gd). A hash of result.json would prove only that
/// it was not changed; these checks find a claim that is wrong however the file came to be.
/// </summary>
public static class SolveClaims
{
    public static IReadOnlyList<string> Check(SolveInput input, Problem problem, Metrics metrics, Func<Problem, Strategy, double?>? provenOptimum)
    {
        var wrong = new List<string>();
        var objective = metrics.Objective(input.Strategy);
        var slack = 1e-6 * Math.Max(1, Math.Abs(objective));
        var known = Enum.GetValues<SolveStatus>().FirstOrDefault(s => s.ToName() == input.Status);
        var statusKnown = Enum.GetValues<SolveStatus>().Any(s => s.ToName() == input.Status);
        if (!statusKnown) wrong.Add($"status '{input.Status}' is not one qkdsched writes ({string.Join(", ", Enum.GetValues<SolveStatus>().Select(s => s.ToName()))})");
        if (input.ClaimedObjective is { } claimed && Math.Abs(claimed - objective) > slack)
            wrong.Add($"objective {N(claimed)} is not what the schedule achieves under {input.Strategy.ToName()} ({N(objective)})");
        if (input.Bound is { } bound)
        {
            if (!double.IsFinite(bound) || bound < objective - slack)
                wrong.Add($"bound {N(bound)} is below the schedule's objective {N(objective)}, so it is no bound");
            else if (input.Gap is { } gap && bound != 0 && Math.Abs(gap - (bound - objective) / Math.Abs(bound)) > 1e-6)
                wrong.Add($"gap {gap.ToString("0.####%", CultureInfo.InvariantCulture)} is not (bound − objective) / bound = {((bound - objective) / Math.Abs(bound)).ToString("0.####%", CultureInfo.InvariantCulture)}");
        }

        if (statusKnown && known == SolveStatus.Optimal && input.Bound is not { })
            wrong.Add("'optimal' comes without a bound to prove it");
        if (statusKnown && known == SolveStatus.Optimal && input.Bound is { } b && b - objective > slack + 1e-4 * Math.Abs(b))
            wrong.Add($"'optimal', but its bound {N(b)} is above its objective {N(objective)}");

        if (provenOptimum?.Invoke(problem, input.Strategy) is { } optimum)
        {
            var tolerance = 1e-6 * Math.Max(1, Math.Abs(optimum));
            if (statusKnown && known == SolveStatus.Optimal && objective < optimum - tolerance)
                wrong.Add($"'optimal' for {input.Strategy.ToName()}, but the proven optimum is {N(optimum)} (dp) and this schedule reaches {N(objective)}");
            if (input.Bound is { } claimedBound && claimedBound < optimum - tolerance)
                wrong.Add($"bound {N(claimedBound)} is below the proven optimum {N(optimum)} (dp)");
        }

        return wrong;
    }

    private static string N(double v) => v.ToString("#,0.###", CultureInfo.InvariantCulture);
}
