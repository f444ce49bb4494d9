using System.CommandLine;
using QkdScheduler.Core;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Cli.Commands;

/// <summary>The solver options shared by <c>solve</c> and <c>bench</c>, declared once.</summary>
public sealed class SolverOptionSet
{
    public Option<double> ShareTolerance { get; } = new("--share-tolerance")
    {
        Description = "S-TD share tolerance ε: each node must get (1±ε)·q_n of the keys",
        DefaultValueFactory = _ => SolverOptions.DefaultShareTolerance,
    };

    public Option<double?> TimeLimit { get; } = new("--time-limit") { Description = "wall-clock limit per solve, in seconds" };

    public Option<int> Threads { get; } = new("--threads") { Description = "threads a solver may use", DefaultValueFactory = _ => 1 };

    public Option<string[]> SolverParameters { get; } = new("--solver-option")
    {
        Description = "solver-specific setting KEY=VALUE (repeatable), e.g. td-iterations=100",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<double> Gap { get; } = new("--gap")
    {
        Description = "relative gap at which solvers with a proven bound (mip) may stop: 0.01 = within 1 % of optimal; 0 = prove optimality",
        DefaultValueFactory = _ => 0.0,
    };

    public Option<string> WarmStart { get; } = new("--warm-start")
    {
        Description = "start from the schedule of another solver: dp, greedy or none (used by mip as a MIP start)",
        DefaultValueFactory = _ => "none",
    };

    public Option<string?> WriteModel { get; } = new("--write-model")
    {
        Description = "mip: also write the whole model as FILE.lp (CPLEX LP) or FILE.mps (free MPS) for other MIP solvers",
    };

    public SolverOptionSet()
    {
        Gap.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<double>();
            if (!(v >= 0 && v < 1)) r.AddError("--gap must be at least 0 and below 1 (0.01 means 1 %)");
        });
        WarmStart.AcceptOnlyFromAmong("dp", "greedy", "none");
        ShareTolerance.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<double>();
            if (!(v >= 0 && v < 1)) r.AddError("--share-tolerance must be at least 0 and below 1 (0.05 means ±5 %)");
        });
        TimeLimit.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<double?>();
            if (v is { } t && !(t > 0 && double.IsFinite(t))) r.AddError("--time-limit must be a positive number of seconds");
        });
        Threads.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1) r.AddError("--threads must be at least 1");
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(ShareTolerance);
        command.Options.Add(TimeLimit);
        command.Options.Add(Threads);
        command.Options.Add(SolverParameters);
        command.Options.Add(Gap);
        command.Options.Add(WarmStart);
        command.Options.Add(WriteModel);
    }

    public SolverOptions Read(ParseResult parse, Strategy strategy, int seed)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in parse.GetValue(SolverParameters) ?? [])
        {
            var eq = item.IndexOf('=');
            if (eq <= 0) throw new InputException(null, null, $"--solver-option '{item}' must look like KEY=VALUE");
            parameters[item[..eq].Trim()] = item[(eq + 1)..].Trim();
        }

        var limit = parse.GetValue(TimeLimit);
        return new SolverOptions(
            strategy,
            parse.GetValue(ShareTolerance),
            limit is { } s ? TimeSpan.FromSeconds(s) : null,
            seed,
            parse.GetValue(Threads),
            Parameters: parameters,
            RelativeGap: parse.GetValue(Gap),
            ModelFile: parse.GetValue(WriteModel));
    }

    /// <summary>
    /// Adds the <c>--warm-start</c> schedule: the chosen solver's validated schedule for the same
    /// strategy (for td only when it meets the share rule), or none.
    /// </summary>
    public SolverOptions WithWarmStart(ParseResult parse, SolverOptions options, Problem problem, SolverCatalog solvers)
    {
        var name = parse.GetValue(WarmStart);
        if (name is null or "none") return options;
        var report = SolverRunner.Run(solvers.Get(name), problem, options with { TimeLimit = null, Parameters = null, WarmStart = null });
        return report.Status is SolveStatus.Optimal or SolveStatus.Feasible ? options with { WarmStart = report.Schedule } : options;
    }

    /// <summary>Parses a comma-separated list option such as <c>--seeds 1,2,3</c>; <paramref name="rule"/> says what a valid item is.</summary>
    public static IReadOnlyList<T> ParseList<T>(string? text, string optionName, Func<string, (bool Ok, T Value)> parse, IReadOnlyList<T> fallback, string? rule = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        var result = new List<T>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (ok, value) = parse(part);
            if (!ok) throw new InputException(null, null, $"{optionName}: '{part}' is not valid" + (rule is null ? "" : $"; it must be {rule}"));
            result.Add(value);
        }

        return result;
    }
}
