using Google.OrTools.Sat;
using QkdScheduler.Solvers.Mip.Model;

namespace QkdScheduler.Solvers.Mip.Engines;

/// <summary>
/// OR-Tools' CP-SAT on a <see cref="MipModel"/>. CP-SAT works in integers, so the model is translated:
/// <list type="bullet">
/// <item>every variable gets a finite integer domain; an unbounded one (the key totals E_n, E of
/// the flow model) gets the bound its defining equality row implies (Σ |a_j|·ub_j);</item>
/// <item>a row with integral coefficients and right-hand side is kept exactly; an equality row must
/// be integral (the key rows are, as key matrices count whole bits), otherwise the solve fails with
/// the row's name; an inequality row with fractional coefficients (the share rows
/// E_n ≤ q_n(1+ε)E of S-TD) is multiplied by 2^k, k as large as int64 allows, and rounded so that it
/// only gets stricter (coefficients up for ≤ on non-negative variables, the right side down; the
/// mirror for ≥): every point CP-SAT returns meets the original row. The optimum of the stricter
/// model is no bound for the original one, so such a run reports no bound and never "optimal";</item>
/// <item>an integral objective is kept exactly; a fractional one (pd's weights) is CP-SAT's
/// floating-point objective, whose bound CP-SAT reports (the runner checks it against the objective).</item>
/// </list>
/// Threads are CP-SAT workers, the time limit and relative gap are CP-SAT's, the MIP start is a
/// solution hint, and cancellation stops the search (CP-SAT returns its incumbent and bound).
/// </summary>
public sealed class CpSatEngine : IMipEngine
{
    public static readonly CpSatEngine Instance = new();

    public string Name => "cpsat";

    public string? UnavailableReason
    {
        get
        {
            try
            {
                var model = new CpModel();
                model.NewBoolVar("probe");
                return new CpSolver().Solve(model) == CpSolverStatus.Optimal ? null : "CP-SAT could not solve a one-variable model";
            }
            catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException)
            {
                return $"OR-Tools' native library could not be loaded ({e.Message.Split('\n')[0]})";
            }
        }
    }

    /// <summary>The largest activity a scaled row may reach: well inside int64.</summary>
    private const double MaxActivity = 1L << 61;

    public MipSolution Solve(MipModel model, MipSettings settings, CancellationToken cancellationToken)
    {
        if (model.Variables.Count == 0) return new MipSolution(MipOutcome.Optimal, 0, 0, []);
        var engineClock = System.Diagnostics.Stopwatch.StartNew();
        var upper = ImpliedUpperBounds(model);
        if (Array.FindIndex(upper, double.IsPositiveInfinity) is var free and >= 0)
            return new MipSolution(MipOutcome.Failed, null, null, null, $"cpsat: variable {model.Variables[free].Name} has no finite bound");

        var cp = new CpModel();
        var x = new IntVar[model.Variables.Count];
        for (var j = 0; j < x.Length; j++)
        {
            var v = model.Variables[j];
            x[j] = cp.NewIntVar((long)Math.Ceiling(v.Lower - 1e-9), (long)Math.Floor(upper[j] + 1e-9), v.Name);
        }

        var rounded = 0;
        foreach (var c in model.Constraints)
        {
            if (!AddRow(cp, x, c, upper, ref rounded))
                return new MipSolution(MipOutcome.Failed, null, null, null, $"cpsat: equality row {c.Name} has fractional coefficients; CP-SAT needs whole numbers (key matrices in whole bits)");
        }

        var objective = model.Variables.Select(v => v.Objective).ToArray();
        var integralObjective = objective.All(IsWhole);
        if (integralObjective)
            cp.Maximize(LinearExpr.WeightedSum(x, objective.Select(a => (long)Math.Round(a))));
        else
        {
            var proto = new FloatObjectiveProto { Maximize = true };
            for (var j = 0; j < x.Length; j++)
                if (objective[j] != 0)
                {
                    proto.Vars.Add(x[j].GetIndex());
                    proto.Coeffs.Add(objective[j]);
                }

            cp.Model.FloatingPointObjective = proto;
        }

        if (model.Start is { } start)
            foreach (var (j, hint) in start) cp.AddHint(x[j], (long)Math.Round(hint));

        // Building the CP-SAT model counts against the limit.
        var given = settings.TimeLimitSeconds;
        if (given is { } g) settings = settings with { TimeLimitSeconds = Math.Max(0.01, g - engineClock.Elapsed.TotalSeconds) };
        var solver = new CpSolver { StringParameters = Parameters(settings) };
        CpSolverStatus status;
        using (cancellationToken.Register(solver.StopSearch)) status = solver.Solve(cp);

        var hasPoint = status is CpSolverStatus.Optimal or CpSolverStatus.Feasible;
        var values = hasPoint ? x.Select(v => (double)solver.Value(v)).ToArray() : null;
        double? value = hasPoint ? model.Variables.Select((v, j) => v.Objective * values![j]).Sum() : null;
        var note = rounded > 0 ? $"cpsat: {rounded} row(s) with fractional coefficients made slightly stricter, so no bound is claimed" : null;
        var stopped = cancellationToken.IsCancellationRequested || (settings.TimeLimitSeconds is { } limit && solver.WallTime() >= limit * 0.99);
        var outcome = status switch
        {
            CpSolverStatus.Optimal when rounded == 0 && settings.RelativeGap == 0 => MipOutcome.Optimal,
            CpSolverStatus.Optimal => MipOutcome.Feasible,
            CpSolverStatus.Feasible => stopped ? MipOutcome.TimeLimitWithSolution : MipOutcome.Feasible,
            CpSolverStatus.Infeasible when rounded == 0 => MipOutcome.Infeasible,
            // UNKNOWN: no solution and no proof, which only a limit or an interruption causes; the wall-clock test
            // above can miss CP-SAT's own time limit by a hair (seen: a 1-s stretch solve ending UNKNOWN as "failed").
            CpSolverStatus.Unknown when stopped || settings.TimeLimitSeconds != null || settings.WorkLimit != null => MipOutcome.TimeLimitWithoutSolution,
            _ => MipOutcome.Failed,
        };
        // A bound only where CP-SAT proved one: with a solution (OPTIMAL, FEASIBLE). UNKNOWN proves nothing, and its
        // best_objective_bound can read 0 then (an 11-node week with S = M stopped after 5 s), which is no bound.
        double? bound = rounded > 0 || !hasPoint ? null
            : solver.BestObjectiveBound is var b && double.IsFinite(b) && Math.Abs(b) < 1e30 ? b : null;
        if (bound is { } low && value is { } incumbent && low < incumbent - 1e-6 * Math.Max(1, Math.Abs(incumbent)))
        {
            note = (note == null ? "" : note + "; ") + $"cpsat reported a bound of {low:G9} below its own incumbent {incumbent:G9}: not a bound, dropped";
            bound = null;
        }
        // OPTIMAL is the proof. With a floating-point objective (pd's weights) CP-SAT proves it on the objective scaled to
        // integers, and its best_objective_bound can stay at an earlier, looser value (seen: 18 against a proven 14 with
        // the minimum contact rows), so the optimum stands as the bound there too.
        if (outcome == MipOutcome.Optimal) bound = value;
        if (outcome == MipOutcome.Failed) note = $"cpsat ended with status {status}" + (note == null ? "" : "; " + note);
        return new MipSolution(outcome, value, bound, values, note);
    }

    private static string Parameters(MipSettings s)
    {
        var p = new List<string>
        {
            $"num_workers:{Math.Max(1, s.Threads)}",
            $"relative_gap_limit:{s.RelativeGap.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}",
            $"log_search_progress:{(s.Log ? "true" : "false")}",
        };
        if (s.TimeLimitSeconds is { } t) p.Add($"max_time_in_seconds:{Math.Max(t, 0.01).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
        if (s.Seed is { } seed) p.Add($"random_seed:{seed}");
        // CP-SAT's deterministic time, and interleave_search, which its parameter documentation (sat_parameters.proto)
        // describes as a deterministic parallel search: workers' tasks run in batches and synchronise between them.
        if (s.WorkLimit is { } work)
        {
            p.Add($"max_deterministic_time:{work.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
            p.Add("interleave_search:true");
        }

        return string.Join(", ", p);
    }

    private static bool IsWhole(double a) => Math.Abs(a - Math.Round(a)) <= 1e-9 * Math.Max(1, Math.Abs(a)) && Math.Abs(a) < 1L << 53;

    /// <summary>Adds the row exactly when it is integral, or made stricter by rounding when it is an inequality; false for a fractional equality.</summary>
    private static bool AddRow(CpModel cp, IntVar[] x, MipConstraint c, double[] upper, ref int rounded)
    {
        var vars = c.Terms.Select(t => x[t.Variable]).ToArray();
        if (c.Terms.All(t => IsWhole(t.Coefficient)) && IsWhole(c.Rhs))
        {
            var expr = LinearExpr.WeightedSum(vars, c.Terms.Select(t => (long)Math.Round(t.Coefficient)));
            var rhs = (long)Math.Round(c.Rhs);
            cp.AddLinearConstraint(expr,
                c.Sense == ConstraintSense.LessOrEqual ? long.MinValue : rhs,
                c.Sense == ConstraintSense.GreaterOrEqual ? long.MaxValue : rhs);
            return true;
        }

        if (c.Sense == ConstraintSense.Equal) return false;
        // Σ a_j x_j ≤ b, x ≥ 0: ⌈2^k a_j⌉ ≥ 2^k a_j and ⌊2^k b⌋ ≤ 2^k b, so the scaled row implies the
        // original one (mirrored for ≥). 2^k keeps Σ |2^k a_j| ub_j within MaxActivity.
        var activity = c.Terms.Sum(t => Math.Abs(t.Coefficient) * upper[t.Variable]) + Math.Abs(c.Rhs);
        var scale = Math.Pow(2, Math.Min(40, Math.Floor(Math.Log2(MaxActivity / Math.Max(activity, 1)))));
        var up = c.Sense == ConstraintSense.LessOrEqual;
        var coefficients = c.Terms.Select(t => (long)(up ? Math.Ceiling(t.Coefficient * scale) : Math.Floor(t.Coefficient * scale)));
        var bound = (long)(up ? Math.Floor(c.Rhs * scale) : Math.Ceiling(c.Rhs * scale));
        cp.AddLinearConstraint(LinearExpr.WeightedSum(vars, coefficients), up ? long.MinValue : bound, up ? bound : long.MaxValue);
        rounded++;
        return true;
    }

    /// <summary>
    /// Finite upper bounds: a variable's own, or for one with none, what an equality row
    /// a·v = Σ a_j x_j (|a| = 1, non-negative variables) implies: Σ |a_j| ub_j. Repeated until no
    /// bound improves (E is the sum of the E_n, which are sums of bounded arcs).
    /// </summary>
    private static double[] ImpliedUpperBounds(MipModel model)
    {
        var upper = model.Variables.Select(v => v.Upper).ToArray();
        if (model.Variables.Any(v => v.Lower < 0)) return upper;
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var c in model.Constraints)
            {
                if (c.Sense != ConstraintSense.Equal || c.Rhs != 0) continue;
                foreach (var (j, a) in c.Terms)
                {
                    if (!double.IsPositiveInfinity(upper[j]) || Math.Abs(a) != 1) continue;
                    var implied = c.Terms.Where(t => t.Variable != j).Sum(t => Math.Abs(t.Coefficient) * upper[t.Variable]);
                    if (double.IsFinite(implied))
                    {
                        upper[j] = implied;
                        changed = true;
                    }
                }
            }
        }

        return upper;
    }
}
