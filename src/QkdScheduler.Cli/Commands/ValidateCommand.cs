using System.CommandLine;
using System.Globalization;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Cli.Commands;

/// <summary><c>qkdsched validate INSTANCE_DIR SCHEDULE.csv</c>: the independent validator on a schedule file.</summary>
public static class ValidateCommand
{
    public static Command Create(CliContext ctx)
    {
        var dir = new Argument<string>("INSTANCE_DIR") { Description = "instance folder" };
        var file = new Argument<string>("SCHEDULE") { Description = "schedule.csv to check" };
        var strategy = new Option<string?>("--strategy") { Description = "also check the S-TD share rule when td" };
        var tolerance = SolverOptionSet.CreateShareTolerance();
        var minContact = MinContactOption.Create();
        var cmd = new Command("validate", "Check a schedule against an instance: known nodes, intervals in range, one node per interval, switching rule, receivers, minimum contact length")
            { dir, file, strategy, tolerance, minContact };
        cmd.SetAction(parse =>
        {
            var problem = MinContactOption.Apply(parse, minContact, InstanceFiles.Read(parse.GetValue(dir)!));
            var schedule = ScheduleFiles.ReadSchedule(parse.GetValue(file)!, problem);
            var s = parse.GetValue(strategy) is { } text ? StrategyNames.Parse(text) : Strategy.Gd;
            var eps = parse.GetValue(tolerance);
            var result = Validator.Check(problem, schedule, s, eps);
            if (!result.IsValid)
            {
                ctx.Error.WriteLine($"invalid: {result.Violation}");
                return CliApp.Failed;
            }

            var m = MetricsCalculator.Compute(problem, schedule, eps);
            ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"valid: {schedule.Contacts.Count} contacts, {m.Switches} switches, E = {m.TotalBits:N0} {problem.KeyUnit}, Σ w E = {m.WeightedBits:N1}"));
            return CliApp.Ok;
        });
        return cmd;
    }
}
