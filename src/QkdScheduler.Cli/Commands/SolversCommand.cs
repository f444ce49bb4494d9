using System.CommandLine;
using Spectre.Console;

namespace QkdScheduler.Cli.Commands;

/// <summary><c>qkdsched solvers</c>: the registered solver plugins and whether they can run here.</summary>
public static class SolversCommand
{
    public static Command Create(CliContext ctx)
    {
        var options = new Option<bool>("--options") { Description = "list each solver's --solver-option settings with their defaults and ranges" };
        var cmd = new Command("solvers", "List the solver plugins and whether each can run on this machine") { options };
        cmd.SetAction(parse =>
        {
            if (parse.GetValue(options))
            {
                var settings = new Table().AddColumns("solver", "--solver-option", "default", "valid values", "what it does");
                foreach (var s in ctx.Solvers.All)
                {
                    if (s.Parameters.Count == 0) settings.AddRow(s.Name, "(none)", "", "", "");
                    foreach (var p in s.Parameters)
                        settings.AddRow(s.Name, p.Key, Markup.Escape(p.DefaultText), Markup.Escape(p.Rule), Markup.Escape(p.Description));
                }

                ctx.Console.Write(settings);
                return CliApp.Ok;
            }

            var table = new Table().AddColumns("solver", "available", "description");
            foreach (var s in ctx.Solvers.All)
                table.AddRow(s.Name, s.UnavailableReason is null ? "yes" : Markup.Escape("no: " + s.UnavailableReason), Markup.Escape(s.Description));
            ctx.Console.Write(table);
            return CliApp.Ok;
        });
        return cmd;
    }
}
