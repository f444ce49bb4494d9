using Spectre.Console;

namespace QkdScheduler.Cli.Commands;

/// <summary>A progress bar on a terminal's stderr for long runs; nothing when stderr is redirected (logs, tests).</summary>
public static class Progress
{
    public static T Run<T>(CliContext ctx, string label, Func<IProgress<double>?, T> work)
    {
        if (!ReferenceEquals(ctx.Error, Console.Error) || Console.IsErrorRedirected) return work(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        console.Progress().AutoClear(true).Start(p =>
        {
            var task = p.AddTask(Markup.Escape(label), maxValue: 1.0);
            result = work(new TaskProgress(task));
            task.Value = 1.0;
        });
        return result;
    }

    private sealed class TaskProgress(ProgressTask task) : IProgress<double>
    {
        public void Report(double value) => task.Value = value;
    }
}
