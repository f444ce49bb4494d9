using System.CommandLine;
using QkdScheduler.Core.IO;

namespace QkdScheduler.Cli.Commands;

/// <summary>
/// <c>qkdsched rehash DIR</c>: accepts a deliberate edit of an instance's keys.csv or geometry.csv. Every value is
/// checked as on any read; then instance.yaml records the files' new SHA-256 and non-zero count, and when they were
/// rehashed (provenance.hashed_utc). Without it, an edited instance is refused.
/// </summary>
public static class RehashCommand
{
    public static Command Create(CliContext ctx)
    {
        var dir = new Argument<string>("DIR") { Description = "the instance folder whose data files were edited on purpose" };
        var cmd = new Command("rehash", "Accept a deliberate edit of an instance's keys.csv or geometry.csv by recording their new hashes in instance.yaml") { dir };
        cmd.SetAction(parse =>
        {
            var problem = InstanceFiles.Rehash(parse.GetValue(dir)!, DateTime.UtcNow);
            ctx.Out.WriteLine($"rehashed {problem.Name}: {InstanceFiles.InstanceFileName} now records the data files as they are");
            return CliApp.Ok;
        });
        return cmd;
    }
}
