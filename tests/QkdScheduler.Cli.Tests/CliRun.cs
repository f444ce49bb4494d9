using QkdScheduler.Cli.Commands;
using QkdScheduler.Core.Solving;
using QkdScheduler.Solvers.BuiltIn;

namespace QkdScheduler.Cli.Tests;

/// <summary>The CLI in process, with captured stdout and stderr, and the check of a user error's one line.</summary>
internal static class CliRun
{
    public static readonly SolverCatalog Catalog =
        BuiltInSolvers.Catalog();

    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, Catalog, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Exit code 2, exactly one line on stderr containing <paramref name="expected"/>, no stack trace.</summary>
    public static void AssertOneLineUserError((int Code, string Out, string Err) r, string expected)
    {
        Assert.Equal(CliApp.UserError, r.Code);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(expected, lines[0]);
        Assert.DoesNotContain("   at ", r.Err);
    }
}
