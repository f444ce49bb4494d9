using System.CommandLine;
using QkdScheduler.Core;
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

    public SolverOptionSet()
    {
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
            Parameters: parameters);
    }

    /// <summary>Parses a comma-separated list option such as <c>--seeds 1,2,3</c>.</summary>
    public static IReadOnlyList<T> ParseList<T>(string? text, string optionName, Func<string, (bool Ok, T Value)> parse, IReadOnlyList<T> fallback)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        var result = new List<T>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (ok, value) = parse(part);
            if (!ok) throw new InputException(null, null, $"{optionName}: '{part}' is not valid");
            result.Add(value);
        }

        return result;
    }
}
