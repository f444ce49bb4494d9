using System.Diagnostics;
using System.Globalization;
using QkdScheduler.Core;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Solvers.Exact;

/// <summary>
/// S-TD heuristic of the <c>dp</c> solver (no bound is claimed).
/// </summary>
/// <remarks>
/// The timeline falls apart into stretches separated by at least S empty intervals
/// (<see cref="Problem.IndependentStretches"/>); what is served in one stretch never constrains
/// another. The search keeps one DP schedule per stretch and scores the whole by
/// <see cref="ShareTrimmer.MaxTotal"/>: the largest total that trimming can keep under the share
/// rule. It starts in time order, solving each stretch's DP with the values
/// <see cref="NodeValues.ForShareDeficit"/> of the keys already planned (nodes behind their share
/// are worth more), then sweeps over the stretches,
/// replacing each one's schedule by the best of: the current one, "serve only node n" for each n
/// with q_n &gt; 0, and the DP with the λ of the other stretches, until a sweep improves nothing.
/// Finally <see cref="ShareTrimmer"/> makes the schedule meet the rule exactly. A multiplier
/// search over the whole week was tried first and oscillated: stations that see the same passes
/// made every DP solution serve one node per pass, leaving some node with nothing.
/// </remarks>
public static class TargetedDeliverySearch
{
    /// <summary>Solver parameter: the largest number of improvement sweeps.</summary>
    public static readonly SolverParameter Sweeps = SolverParameter.Number(
        new ParameterRule("td-sweeps", 50, v => v is >= 0 and <= 1_000_000, "0 to 1 000 000"), "td: the largest number of improvement sweeps of the heuristic", whole: true);
    private const double RelativeImprovement = 1e-9;

    public static SolveResult Solve(Problem problem, SolverOptions options, CancellationToken cancellationToken)
    {
        var maxSweeps = options.WholeNumber(Sweeps);

        var keys = problem.Keys;
        var n = problem.Nodes.Count;
        var shares = problem.Nodes.Select(x => x.Share).ToArray();
        var eps = options.ShareTolerance;
        var stretches = problem.IndependentStretches();
        var chosen = new IReadOnlyList<Assignment>[stretches.Count];
        var contribution = new double[stretches.Count][];
        var totals = new double[n];
        var history = new List<ProgressPoint>();
        var clock = Stopwatch.StartNew();

        double[] Delivered(IReadOnlyList<Assignment> part)
        {
            var d = new double[n];
            foreach (var a in part) d[a.Node] += keys[a.Interval, a.Node];
            return d;
        }

        double Score(double[] rest, double[] part)
        {
            var sum = new double[n];
            for (var i = 0; i < n; i++) sum[i] = rest[i] + part[i];
            return ShareTrimmer.MaxTotal(sum, shares, eps);
        }

        try
        {
            for (var s = 0; s < stretches.Count; s++)
            {
                chosen[s] = IntervalDp.Maximise(keys, problem.SwitchIntervals, NodeValues.ForShareDeficit(totals, shares), stretches[s], problem.MinContactIntervals, cancellationToken).Assignments;
                contribution[s] = Delivered(chosen[s]);
                for (var i = 0; i < n; i++) totals[i] += contribution[s][i];
            }

            var score = ShareTrimmer.MaxTotal(totals, shares, eps);
            history.Add(new ProgressPoint(0, score, score, clock.Elapsed.TotalSeconds));
            for (var sweep = 1; sweep <= maxSweeps; sweep++)
            {
                var improved = false;
                for (var s = 0; s < stretches.Count; s++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var rest = new double[n];
                    for (var i = 0; i < n; i++) rest[i] = totals[i] - contribution[s][i];
                    var best = (Schedule: chosen[s], Delivered: contribution[s], Score: Score(rest, contribution[s]));
                    foreach (var values in CandidateValues(rest, shares))
                    {
                        var candidate = IntervalDp.Maximise(keys, problem.SwitchIntervals, values, stretches[s], problem.MinContactIntervals, cancellationToken).Assignments;
                        var delivered = Delivered(candidate);
                        var candidateScore = Score(rest, delivered);
                        if (candidateScore > best.Score * (1 + RelativeImprovement) + RelativeImprovement)
                            best = (candidate, delivered, candidateScore);
                    }

                    if (ReferenceEquals(best.Schedule, chosen[s])) continue;
                    chosen[s] = best.Schedule;
                    contribution[s] = best.Delivered;
                    for (var i = 0; i < n; i++) totals[i] = rest[i] + best.Delivered[i];
                    improved = true;
                }

                score = ShareTrimmer.MaxTotal(totals, shares, eps);
                history.Add(new ProgressPoint(sweep, score, score, clock.Elapsed.TotalSeconds));
                if (!improved) break;
            }
        }
        catch (OperationCanceledException)
        {
            return Finish(problem, chosen, eps, SolveStatus.TimeLimit, history);
        }

        return Finish(problem, chosen, eps, SolveStatus.Feasible, history);
    }

    private static SolveResult Finish(Problem problem, IReadOnlyList<Assignment>?[] chosen, double eps, SolveStatus status, List<ProgressPoint> history)
    {
        // Stretches not reached before a time limit stay empty, which is feasible.
        var all = chosen.Where(c => c != null).SelectMany(c => c!).ToList();
        var trimmed = ShareTrimmer.Trim(problem, all, eps);
        return new SolveResult(Schedule.FromAssignments(problem, trimmed), status, History: history);
    }

    private static IEnumerable<double[]> CandidateValues(double[] rest, double[] shares)
    {
        yield return NodeValues.ForShareDeficit(rest, shares);
        for (var i = 0; i < shares.Length; i++)
        {
            if (shares[i] <= 0) continue;
            var only = new double[shares.Length];
            only[i] = 1;
            yield return only;
        }
    }
}
