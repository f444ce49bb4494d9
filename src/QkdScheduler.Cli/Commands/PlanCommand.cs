using System.CommandLine;
using QkdScheduler.Core;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.Reporting.Plans;

namespace QkdScheduler.Cli.Commands;

/// <summary>
/// <c>qkdsched plan INSTANCE_DIR SCHEDULE.csv --out DIR</c>: the contact plan of a schedule (contacts.csv,
/// contacts.json, contacts-&lt;station&gt;.ics), as <c>solve --out</c> writes it. The schedule must pass the validator.
/// </summary>
public static class PlanCommand
{
    public static Command Create(CliContext ctx)
    {
        var dir = new Argument<string>("INSTANCE_DIR") { Description = "instance folder (geometry.csv, if there, adds elevation and range)" };
        var file = new Argument<string>("SCHEDULE") { Description = "schedule.csv (from solve --out)" };
        var output = new Option<string>("--out") { Description = "folder for contacts.csv, contacts.json and one contacts-<station>.ics per station", Required = true };
        var cmd = new Command("plan", "Write a schedule's contact plan for ground-station operators: CSV, JSON and an iCalendar file per station") { dir, file, output };
        cmd.SetAction(parse =>
        {
            var instanceDir = parse.GetValue(dir)!;
            var problem = InstanceFiles.Read(instanceDir);
            var path = parse.GetValue(file)!;
            var schedule = ScheduleFiles.ReadSchedule(path, problem);
            var check = Validator.Check(problem, schedule);
            if (!check.IsValid) throw new InputException(path, null, $"is not a valid schedule of {problem.Name}: {check.Violation}");
            var plan = ContactPlan.Build(problem, schedule, Geometry(instanceDir, problem), Pointing.For(problem, Path.Combine(instanceDir, InstanceFiles.InstanceFileName)));
            var outDir = parse.GetValue(output)!;
            IReadOnlyList<string> written = [];
            AtomicFolder.Write(outDir, ContactPlanFiles.Owns, staging => written = ContactPlanFiles.Write(staging, plan, DateTime.UtcNow));
            ctx.Out.WriteLine($"wrote {plan.Contacts.Count} contacts to {string.Join(", ", written.Select(w => Path.Combine(outDir, Path.GetFileName(w))))}");
            return CliApp.Ok;
        });
        return cmd;
    }

    /// <summary>The instance's geometry.csv, or null when it has none.</summary>
    public static IReadOnlyList<GeometryRow>? Geometry(string instanceDir, Problem problem)
    {
        var path = Path.Combine(instanceDir, GeometryFiles.FileName);
        if (!File.Exists(path)) return null;
        if (problem.IsConstellation != GeometryFiles.HasSatellites(path))
            throw new InputException(path, 1, problem.IsConstellation
                ? $"this geometry has no satellite column but the instance is a constellation; its header is '{string.Join(',', GeometryFiles.ConstellationHeader)}'"
                : "this geometry names satellites but the instance has one satellite and no satellite list");
        return GeometryFiles.Read(path);
    }
}
