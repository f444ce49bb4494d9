using System.CommandLine;
using QkdScheduler.Core.IO;
using QkdScheduler.Precompute.Pipeline;
using QkdScheduler.Precompute.Reports;
using QkdScheduler.Precompute.Scenarios;
using QkdScheduler.Links.GaussianBeam;

namespace QkdScheduler.Cli.Commands;

/// <summary>
/// <c>qkdsched link-table SCENARIO.yaml...</c>: seed 000 Table 2 from our model, per scenario
/// (orbit) and divergence: the total visible duration and each station's min–max link budget.
/// </summary>
public static class LinkTableCommand
{
    public static Command Create(CliContext ctx)
    {
        var scenarios = new Argument<string[]>("SCENARIO") { Description = "scenario files, one per orbit", Arity = ArgumentArity.OneOrMore };
        var divergences = new Option<string?>("--divergence-urad") { Description = "comma-separated divergences in µrad, e.g. 1,3,5,10 (default: each scenario's own)" };
        var overrides = ScenarioOverrides.Create();
        var format = new Option<string>("--format") { Description = "markdown or csv", DefaultValueFactory = _ => "markdown" };
        format.AcceptOnlyFromAmong("markdown", "csv");
        var output = new Option<string?>("--out") { Description = "write to this file (atomically) instead of the console" };
        var cmd = new Command("link-table", "Seed 000 Table 2 from our model: visible duration and per-station link budget range per orbit and divergence")
        {
            scenarios, divergences, overrides, format, output,
        };
        cmd.SetAction(parse =>
        {
            var rule = GaussianBeamLink.Divergence;
            var list = SolverOptionSet.ParseList<double>(parse.GetValue(divergences), "--divergence-urad",
                part => (TextFormat.TryParseDouble(part, out var v) && rule.Accepts(v), v), [], rule.Rule);
            var rows = new List<LinkTableRow>();
            foreach (var path in parse.GetValue(scenarios)!)
            {
                var s = ScenarioFile.Read(path, parse.GetValue(overrides) ?? []);
                var visibility = Progress.Run(ctx, "passes " + s.Name, p => VisibilitySampler.Sample(s, p));
                rows.AddRange(LinkTable.Compute(s, visibility, list.Count > 0 ? list : [LinkTable.SweptLink(s).DivergenceUrad]));
            }

            var rendered = parse.GetValue(format) == "csv" ? LinkTable.ToCsv(rows) : LinkTable.ToMarkdown(rows);
            if (parse.GetValue(output) is { } outPath) OutputFile.Write(ctx, outPath, rendered);
            else ctx.Out.Write(rendered);
            return CliApp.Ok;
        });
        return cmd;
    }
}
