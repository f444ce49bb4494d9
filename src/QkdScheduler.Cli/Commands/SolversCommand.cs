using System.CommandLine;
using Spectre.Console;

namespace QkdScheduler.Cli.Commands;

/// <summary><c>qkdsched solvers</c>: the registered solver plugins and whether they can run here.</summary>
public static class SolversCommand
{
    public static Command Create(CliContext ctx)
    {
        var cmd = new Command("solvers", "List the solver plugins and whether each can run on this machine");
        cmd.SetAction(_ =>
        {
            var table = new Table().AddColumns("solver", "available", "description");
            foreach (var s in ctx.Solvers.All)
                table.AddRow(s.Name, s.UnavailableReason is null ? "yes" : Markup.Escape("no: " + s.UnavailableReason), Markup.Escape(s.Description));
            ctx.Console.Write(table);
            return CliApp.Ok;
        });
        return cmd;
    }
}
