using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Solvers.Mip.Engines;
using QkdScheduler.Solvers.Mip.Formulation;

namespace QkdScheduler.Solvers.Mip;

/// <summary>
/// <c>mip</c>: the <see cref="ScheduleFlowModel"/> solved by one of OR-Tools' bundled MIP engines
/// (<c>--solver-option backend=scip|highs|cbc</c>, see <see cref="MipEngine"/>), through
/// <see cref="FlowModelSolve"/>.
/// </summary>
public sealed class MipSolver : ISolver
{
    public const string SolverName = "mip";
    /// <summary>
    /// The engine; <c>auto</c> picks by strategy from the measurements in docs/solvers.md (the MIP model):
    /// CBC for gd and pd (the fastest to the proven optimum on both weeks), SCIP for td (the only one
    /// of the three that proves a td bound there).
    /// </summary>
    public static readonly SolverParameter Backend = SolverParameter.Choice("backend", "auto", ["auto", .. MipEngine.All.Select(e => e.Name)],
        "the MIP engine (all bundled with OR-Tools); auto = cbc for gd/pd, scip for td (measured, docs/solvers.md)");

    public string Name => SolverName;
    public string Description => "MIP (unit-flow formulation, exact LP for gd/pd) solved by SCIP, HiGHS or CBC through OR-Tools; gd/pd per independent stretch, td with the share rule; proven bound and gap";
    public bool UsesSeed => false;
    public IReadOnlyList<SolverParameter> Parameters { get; } = [Backend, FlowModelSolve.LogLevel];
    public string? UnavailableReason => MipEngine.Scip.UnavailableReason ?? MipEngine.Cbc.UnavailableReason;

    private static MipEngine EngineFor(SolverOptions options) => options.Choice(Backend) switch
    {
        "auto" => options.Strategy == Strategy.Td ? MipEngine.Scip : MipEngine.Cbc,
        var name => MipEngine.Named(name),
    };

    /// <summary>Constellations: the time-indexed <see cref="ConstellationModel"/>, exact with the engine's proven bound.</summary>
    public bool SolvesConstellations => true;

    /// <summary>A minimum contact length: its min-up rows in either model (<see cref="MinContactRows"/>).</summary>
    public bool SolvesMinContact => true;

    public SolveResult Solve(Problem problem, SolverOptions options, CancellationToken cancellationToken) => problem.IsConstellation
        ? ConstellationSolve.Run(problem, options, EngineFor(options), options.WholeNumber(FlowModelSolve.LogLevel) == 1, cancellationToken)
        : FlowModelSolve.Run(problem, options, EngineFor(options), options.WholeNumber(FlowModelSolve.LogLevel) == 1, cancellationToken);
}
