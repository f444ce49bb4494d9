using System.CommandLine;
using QkdScheduler.Core;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Cli.Commands;

/// <summary>The solver options shared by <c>solve</c> and <c>bench</c>, declared once (with the run's minimum contact length).</summary>
public sealed class SolverOptionSet
{
    public Option<double> ShareTolerance { get; } = CreateShareTolerance();

    /// <summary>ε of the S-TD share rule, [0, 1): the one definition <c>solve</c>, <c>bench</c> and <c>validate</c> use.</summary>
    public static Option<double> CreateShareTolerance()
    {
        var option = new Option<double>("--share-tolerance")
        {
            Description = "S-TD share tolerance ε: each node must get (1±ε)·q_n of the keys, 0 ≤ ε < 1",
            DefaultValueFactory = _ => SolverOptions.DefaultShareTolerance,
        };
        OptionRange.Require(option, v => v is >= 0 and < 1, "--share-tolerance must be at least 0 and below 1 (0.05 means ±5 %)");
        return option;
    }

    /// <summary>The longest time limit: 10⁶ s (11.6 days); longer ones overflow the timers.</summary>
    public const double MaxTimeLimitSeconds = 1e6;

    /// <summary>The most threads a solver may be given (CBC aborts on thousands).</summary>
    public const int MaxThreads = 64;

    public Option<double?> TimeLimit { get; } = new("--time-limit") { Description = $"wall-clock limit per solve, in seconds (above 0, at most {MaxTimeLimitSeconds:0e0})" };

    public Option<int> Threads { get; } = new("--threads") { Description = $"threads a solver may use (1 to {MaxThreads})", DefaultValueFactory = _ => 1 };

    public Option<string[]> SolverParameters { get; } = new("--solver-option")
    {
        Description = "solver-specific setting KEY=VALUE (repeatable), e.g. td-sweeps=100 (dp) or generations=500 (ga); 'qkdsched solvers --options' lists them",
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

    /// <summary><c>--min-contact-seconds</c>: a rule of the instance, but given per run like the share tolerance.</summary>
    public Option<double?> MinContact { get; } = MinContactOption.Create();

    /// <summary>The instance under <c>--min-contact-seconds</c> when given.</summary>
    public Problem Apply(ParseResult parse, Problem problem) => MinContactOption.Apply(parse, MinContact, problem);

    public SolverOptionSet()
    {
        OptionRange.Require(Gap, v => v is >= 0 and < 1, "--gap must be at least 0 and below 1 (0.01 means 1 %)");
        WarmStart.AcceptOnlyFromAmong("dp", "greedy", "none");
        OptionRange.Require(TimeLimit, v => v is not { } t || t is > 0 and <= MaxTimeLimitSeconds, $"--time-limit must be above 0 and at most {MaxTimeLimitSeconds:0e0} seconds");
        OptionRange.Require(Threads, v => v is >= 1 and <= MaxThreads, $"--threads must be a whole number from 1 to {MaxThreads}");
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
        command.Options.Add(MinContact);
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

    /// <summary>
    /// Parses a comma-separated list option such as <c>--seeds 1,2,3</c>; <paramref name="rule"/> says what a valid item is.
    /// Not given: <paramref name="fallback"/>. Given but empty (<c>--solvers ''</c>), or naming an item twice, is refused: an
    /// empty list is not "all of them", and a repeated item would only run the same cases again.
    /// </summary>
    public static IReadOnlyList<T> ParseList<T>(string? text, string optionName, Func<string, (bool Ok, T Value)> parse, IReadOnlyList<T> fallback, string? rule = null) where T : notnull
    {
        if (text == null) return fallback;
        var result = new List<T>();
        var seen = new Dictionary<T, string>();
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.All(p => p.Length == 0)) throw new InputException(null, null, $"{optionName} is empty; give at least one value, or leave the option out for the default");
        foreach (var part in parts)
        {
            if (part.Length == 0) throw new InputException(null, null, $"{optionName} '{text}' has an empty item; give values separated by single commas");
            var (ok, value) = parse(part);
            if (!ok) throw new InputException(null, null, $"{optionName}: '{part}' is not valid" + (rule is null ? "" : $"; it must be {rule}"));
            if (!seen.TryAdd(value, part)) throw new InputException(null, null, $"{optionName} lists '{seen[value]}' twice ('{part}'); give each once");
            result.Add(value);
        }

        return result;
    }
}
