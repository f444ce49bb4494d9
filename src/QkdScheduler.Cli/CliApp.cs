using System.CommandLine;
using QkdScheduler.Cli.Commands;
using QkdScheduler.Core;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Solving;
using QkdScheduler.Solvers.External;
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
        try
        {
            solvers = WithExternalSolvers(solvers, SolverPathArguments(args));
        }
        catch (InputException e)
        {
            stderr.WriteLine($"qkdsched: {e.Message}");
            return UserError;
        }

        var context = new CliContext(solvers, console, stdout, stderr, interruption ?? Interruption.None);
        var root = Commands(context);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var message = Plain(string.Join(' ', parsed.Errors[0].Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim())));
            stderr.WriteLine($"qkdsched: {message} (see 'qkdsched {string.Join(' ', CommandPath(parsed))} --help')");
            return UserError;
        }

        WorkCap.Lifted = parsed.GetValue<bool>(AllowLongOption);
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (InputException e)
        {
            stderr.WriteLine($"qkdsched: {e.Message}");
            return UserError;
        }
        catch (OutputException e)
        {
            // A full disk is no fault of the input: the work ran and its result had nowhere to go.
            stderr.WriteLine($"qkdsched: {e.Message}");
            return e.DiskFull ? Failed : UserError;
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

    /// <summary>System.CommandLine's type errors in words: "--seed: '4294967296' is not a whole number from -2147483648 to 2147483647".</summary>
    internal static string Plain(string message)
    {
        var m = System.Text.RegularExpressions.Regex.Match(message, @"^Cannot parse argument '(.*)' for (?:option|argument) '(.*)' as expected type '(.*)'\.?$");
        if (!m.Success) return message;
        var type = m.Groups[3].Value;
        var inner = System.Text.RegularExpressions.Regex.Match(type, @"System\.Nullable`1\[(.*)\]");
        if (inner.Success) type = inner.Groups[1].Value;
        var expected = type switch
        {
            "System.Int32" => $"a whole number from {int.MinValue} to {int.MaxValue}",
            "System.Int64" => $"a whole number from {long.MinValue} to {long.MaxValue}",
            "System.Double" => "a number (with '.' as the decimal point)",
            "System.Boolean" => "true or false",
            _ => "a value of the documented form",
        };
        return $"{m.Groups[2].Value}: '{m.Groups[1].Value}' is not {expected}";
    }

    public const string SolverPathOption = "--solver-path";
    public const string AllowLongOption = "--allow-long";

    /// <summary>Every command and the global options: the CLI's whole tree (a test walks it for the examples in its help).</summary>
    public static RootCommand Commands(CliContext context)
    {
        var root = new RootCommand("qkdsched: plan satellite QKD downlinks — precompute key matrices, solve and benchmark schedules.")
        {
            InitCommand.Create(context),
            InfoCommand.Create(context),
            RehashCommand.Create(context),
            SolveCommand.Create(context),
            ValidateCommand.Create(context),
            EvaluateCommand.Create(context),
            PlanCommand.Create(context),
            PointingCommand.Create(context),
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
        root.Options.Add(new Option<bool>(AllowLongOption)
        {
            Description = "run work estimated beyond the caps (a pass search over millions of orbit points, a precompute above half the memory); see docs/commands.md, Limits",
            Recursive = true,
        });
        root.Options.Add(new Option<string[]>(SolverPathOption)
        {
            Description = "another folder of external solvers (solver.yaml, or subfolders with one); repeatable, also QKDSCHED_SOLVER_PATH",
            Recursive = true,
        });
        return root;
    }

    /// <summary>
    /// The built-in solvers plus the external ones (solver.yaml) under the repository's solvers/ and
    /// solvers/examples/, each QKDSCHED_SOLVER_PATH entry and each <paramref name="solverPaths"/>. The
    /// catalog has to exist before the command line is parsed, so --solver-path is read from the raw arguments.
    /// </summary>
    public static SolverCatalog WithExternalSolvers(SolverCatalog builtIn, IReadOnlyList<string> solverPaths)
    {
        var roots = SolverDiscovery.RepositoryFolders(AppContext.BaseDirectory)
            .Concat(SolverDiscovery.FromEnvironment(Environment.GetEnvironmentVariable(SolverDiscovery.PathVariable)))
            .Concat(solverPaths);
        var external = SolverDiscovery.Find(roots, solverPaths);
        if (external.Count == 0) return builtIn;
        foreach (var m in external)
            if (builtIn.All.Any(s => string.Equals(s.Name, m.Name, StringComparison.OrdinalIgnoreCase)))
                throw new InputException(m.Path, null, $"solver name '{m.Name}' is a built-in solver's; give the external solver another name");
        return new SolverCatalog(builtIn.All.Concat(external.Select(m => new ExternalSolver(m))));
    }

    /// <summary>The values of every <c>--solver-path DIR</c> and <c>--solver-path=DIR</c> before a <c>--</c>.</summary>
    private static IReadOnlyList<string> SolverPathArguments(string[] args)
    {
        var paths = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--") break;
            if (args[i] == SolverPathOption && i + 1 < args.Length) paths.Add(args[++i]);
            else if (args[i].StartsWith(SolverPathOption + "=", StringComparison.Ordinal)) paths.Add(args[i][(SolverPathOption.Length + 1)..]);
        }
        return paths;
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
