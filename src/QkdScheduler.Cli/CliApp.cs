using System.CommandLine;
using QkdScheduler.Cli.Commands;
using QkdScheduler.Core;
using QkdScheduler.Core.Solving;
using Spectre.Console;

namespace QkdScheduler.Cli;

/// <summary>
/// The <c>qkdsched</c> command tree. Exit codes: 0 done; 1 the work ran but failed (a schedule
/// the validator rejects, a solver error); 2 the user's input is wrong (bad option, bad file) —
/// always reported as one line, never as a stack trace.
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int UserError = 2;

    public static int Run(string[] args, SolverCatalog solvers, TextWriter stdout, TextWriter stderr, Interruption? interruption = null)
    {
        var console = CreateConsole(stdout);
        var context = new CliContext(solvers, console, stdout, stderr, interruption ?? Interruption.None);
        var root = new RootCommand("qkdsched: plan satellite QKD downlinks — precompute key matrices, solve and benchmark schedules.")
        {
            InfoCommand.Create(context),
            SolveCommand.Create(context),
            ValidateCommand.Create(context),
            PlanCommand.Create(context),
            ReportCommand.Create(context),
            SweepCommand.Create(context),
            MergeCommand.Create(context),
            BenchCommand.Create(context),
            ImportCommand.Create(context),
            PassesCommand.Create(context),
            LinkLossCommand.Create(context),
            KeyRateCommand.Create(context),
            PairCalculatorCommands.FiniteKey(context),
            PairCalculatorCommands.Chsh(context),
            PairCalculatorCommands.Coupling(context),
            PrecomputeCommand.Create(context),
            EntanglementCommand.Create(context),
            LinkTableCommand.Create(context),
            SolversCommand.Create(context),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var message = string.Join(' ', parsed.Errors[0].Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
            stderr.WriteLine($"qkdsched: {message} (see 'qkdsched {string.Join(' ', CommandPath(parsed))} --help')");
            return UserError;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (InputException e)
        {
            stderr.WriteLine($"qkdsched: {e.Message}");
            return UserError;
        }
        catch (IOException e)
        {
            stderr.WriteLine($"qkdsched: {e.Message}");
            return UserError;
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"qkdsched: {e.Message}");
            return UserError;
        }
    }

    private static IEnumerable<string> CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var r = parsed.CommandResult; r != null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            if (r.Command is not RootCommand) names.Insert(0, r.Command.Name);
        return names;
    }

    private static IAnsiConsole CreateConsole(TextWriter stdout)
    {
        var isTerminal = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Redirected output (files, CI logs) has no width; do not wrap tables at 80 columns.
        if (!isTerminal) console.Profile.Width = 240;
        return console;
    }
}

/// <summary>What every command needs: the solvers, where to write, and Ctrl-C/SIGTERM.</summary>
public sealed record CliContext(SolverCatalog Solvers, IAnsiConsole Console, TextWriter Out, TextWriter Error, Interruption Interruption);
