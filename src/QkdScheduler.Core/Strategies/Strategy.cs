namespace QkdScheduler.Core.Strategies;

/// <summary>
/// What a schedule is optimised for (seed 000 Sec. 4, defined precisely in docs/architecture.md).
/// </summary>
public enum Strategy
{
    /// <summary>S-GD, general delivery: maximise total keys E = Σ_n E_n.</summary>
    Gd,

    /// <summary>S-PD, prioritised delivery: maximise Σ_n w_n E_n.</summary>
    Pd,

    /// <summary>
    /// S-TD, targeted delivery: maximise E subject to |E_n − q_n E| ≤ ε q_n E for every node with
    /// q_n > 0 (ε = share tolerance).
    /// </summary>
    Td,
}

public static class StrategyNames
{
    public static string ToName(this Strategy strategy) => strategy switch
    {
        Strategy.Gd => "gd",
        Strategy.Pd => "pd",
        Strategy.Td => "td",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy)),
    };

    public static bool TryParse(string text, out Strategy strategy)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "gd" or "s-gd": strategy = Strategy.Gd; return true;
            case "pd" or "s-pd": strategy = Strategy.Pd; return true;
            case "td" or "s-td": strategy = Strategy.Td; return true;
            default: strategy = default; return false;
        }
    }

    public static Strategy Parse(string text) =>
        TryParse(text, out var s) ? s : throw new InputException(null, null, $"unknown strategy '{text}': use gd, pd or td");
}
