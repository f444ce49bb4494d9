using System.CommandLine;

namespace QkdScheduler.Cli.Commands;

/// <summary>The repeatable <c>--set KEY.PATH=VALUE</c> option of the scenario commands.</summary>
public static class ScenarioOverrides
{
    public static Option<string[]> Create() => new("--set")
    {
        Description = "override a scenario value, e.g. --set link.divergence_urad=3 or --set weather.seed=7 (repeatable)",
        AllowMultipleArgumentsPerToken = false,
    };
}
