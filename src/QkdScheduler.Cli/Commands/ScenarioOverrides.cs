using System.CommandLine;

namespace QkdScheduler.Cli.Commands;

/// <summary>The repeatable <c>--set KEY.PATH=VALUE</c> option of the scenario commands.</summary>
public static class ScenarioOverrides
{
    public static Option<string[]> Create() => new("--set")
    {
        Description = "override a scenario value, e.g. --set link.divergence_urad=3 or --set period.end=2016-09-20T00:00:00Z (repeatable; the instance is named NAME+KEY=VALUE unless --set name=... is given)",
        AllowMultipleArgumentsPerToken = false,
    };
}
