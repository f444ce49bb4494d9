using QkdScheduler.Core;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Solvers.Mip.Engines;
using QkdScheduler.Solvers.Mip.Formulation;

namespace QkdScheduler.Solvers.Mip;

/// <summary>
/// <c>cpsat</c>: the <see cref="ScheduleFlowModel"/> (the unit-flow model in 0/1 integers) solved by
/// OR-Tools' CP-SAT (<see cref="CpSatEngine"/>) through <see cref="FlowModelSolve"/>:
/// <c>--threads</c> are CP-SAT's workers, <c>--warm-start</c> its solution hint. The flow model was
/// kept over an interval model with no-overlap and transition gaps because its LP relaxation is
/// integral for gd and pd, which CP-SAT's LP-based workers use to prove the optimum at the root.
/// <c>--seed</c> is CP-SAT's random seed; <c>--solver-option deterministic-seconds=X</c> stops each solve by
/// CP-SAT's deterministic time instead of the clock and makes its parallel search deterministic, so a run
/// repeats exactly for a seed and thread count (a test runs it twice on 2 threads).
/// </summary>
public sealed class CpSatSolver : ISolver
{
    public const string SolverName = "cpsat";

    public string Name => SolverName;
    public string Description => "CP-SAT (OR-Tools) on the unit-flow model; gd/pd per independent stretch, td with the share rule (made slightly stricter, no bound); proven bound and gap";
    public bool UsesSeed => true;

    public static readonly SolverParameter DeterministicSeconds = SolverParameter.Number(
        new ParameterRule("deterministic-seconds", 0, v => v is >= 0 and <= 1e6, "0 to 1e6"),
        "stop each solve after this much CP-SAT deterministic time, with a deterministic parallel search (0 = off: wall clock only)");

    public IReadOnlyList<SolverParameter> Parameters { get; } = [FlowModelSolve.LogLevel, DeterministicSeconds];
    public string? UnavailableReason => CpSatEngine.Instance.UnavailableReason;

    /// <summary>Constellations: the time-indexed <see cref="ConstellationModel"/> in 0/1 integers (no equality rows).</summary>
    public bool SolvesConstellations => true;

    /// <summary>A minimum contact length: its min-up rows in either model (<see cref="MinContactRows"/>).</summary>
    public bool SolvesMinContact => true;

    public SolveResult Solve(Problem problem, SolverOptions options, CancellationToken cancellationToken) => problem.IsConstellation
        ? ConstellationSolve.Run(problem, options, CpSatEngine.Instance, options.WholeNumber(FlowModelSolve.LogLevel) == 1, cancellationToken,
            options.Number(DeterministicSeconds) is > 0 and var w ? w : null)
        : FlowModelSolve.Run(problem, options, CpSatEngine.Instance, options.WholeNumber(FlowModelSolve.LogLevel) == 1, cancellationToken,
            options.Number(DeterministicSeconds) is > 0 and var work ? work : null);
}
