using System.Globalization;
using System.Runtime.InteropServices;
using QkdScheduler.Solvers.Mip.Model;

namespace QkdScheduler.Solvers.Mip.Cbc;

/// <summary>How a backend run ended, in backend-neutral terms.</summary>
public enum MipOutcome
{
    Optimal,
    Feasible,
    TimeLimitWithSolution,
    TimeLimitWithoutSolution,
    Infeasible,
    Failed,
}

/// <summary>Settings of one backend run.</summary>
/// <param name="RelativeGap">Stop when (bound − incumbent)/|bound| ≤ this (0 = prove optimality).</param>
public sealed record MipSettings(double? TimeLimitSeconds = null, double RelativeGap = 0, int Threads = 1, int LogLevel = 0);

/// <summary>The result of one run: outcome, objective of the incumbent, proven bound, variable values.</summary>
public sealed record MipSolution(MipOutcome Outcome, double? Objective, double? Bound, double[]? Values);

/// <summary>
/// Solves a <see cref="MipModel"/> with COIN-OR CBC through its C interface: the model is loaded
/// column-wise, integers marked, the objective maximised, time limit / relative gap / threads /
/// log level set, the MIP start passed, then the incumbent and CBC's best bound are read back.
/// </summary>
public static class CbcBackend
{
    public const string InstallHint = "mip unavailable: install coinor-libcbc3 (apt) / coin-or-cbc (conda, brew)";

    /// <summary>Null when CBC can be loaded here; otherwise the install hint and the loader's reason.</summary>
    public static string? UnavailableReason => CbcNative.Unavailable is { } why ? $"{InstallHint} ({why})" : null;

    /// <summary>How often the wait gives SIGINT back to the runtime while CBC solves.</summary>
    private const int InterruptPollMilliseconds = 100;

    /// <summary>
    /// Solves on a worker thread and waits until it finishes or <paramref name="cancellationToken"/>
    /// fires. CBC checks its time limit only between search steps, not inside its first LP, which
    /// can take minutes on a large S-TD model; at cancellation this returns
    /// <see cref="MipOutcome.TimeLimitWithoutSolution"/> at once and the abandoned native solve
    /// finishes (and frees its model) in the background.
    /// </summary>
    public static MipSolution Solve(MipModel model, MipSettings settings, CancellationToken cancellationToken)
    {
        var interrupt = InterruptHandler.Runtime;
        var work = Task.Factory.StartNew(() => Solve(model, settings), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            // CBC takes over SIGINT when its solve starts; keep giving it back so Ctrl-C still cancels.
            while (!work.Wait(InterruptPollMilliseconds, cancellationToken)) InterruptHandler.Restore(interrupt);
            return work.Result;
        }
        catch (OperationCanceledException)
        {
            return new MipSolution(MipOutcome.TimeLimitWithoutSolution, null, null, null);
        }
        finally
        {
            InterruptHandler.Restore(interrupt);
            // An abandoned solve may still take SIGINT over when it starts late: give it back when it ends.
            work.ContinueWith(_ => InterruptHandler.Restore(interrupt), TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Solves and checks the incumbent against every row and bound. CBC's preprocessing can return
    /// a point that breaks a row ("postprocessed model is infeasible - possible tolerance issue",
    /// seen on tiny S-TD models); then the model is solved again without preprocessing, and a
    /// point that still breaks a row is reported as a failure, never as a solution.
    /// </summary>
    public static MipSolution Solve(MipModel model, MipSettings settings)
    {
        var first = SolveOnce(model, settings, preprocess: true);
        if (first.Values == null || Violation(model, first.Values) is null) return first;
        var second = SolveOnce(model, settings, preprocess: false);
        if (second.Values == null || Violation(model, second.Values) is null) return second;
        return new MipSolution(MipOutcome.Failed, null, null, null);
    }

    /// <summary>The first row or bound a point breaks by more than 1e-6 (relative), or null.</summary>
    public static string? Violation(MipModel model, double[] x)
    {
        for (var j = 0; j < model.Variables.Count; j++)
        {
            var v = model.Variables[j];
            if (x[j] < v.Lower - 1e-6 || x[j] > v.Upper + 1e-6 || (v.IsInteger && Math.Abs(x[j] - Math.Round(x[j])) > 1e-6)) return v.Name;
        }

        foreach (var c in model.Constraints)
        {
            double lhs = 0, scale = Math.Abs(c.Rhs);
            foreach (var (j, a) in c.Terms)
            {
                lhs += a * x[j];
                scale = Math.Max(scale, Math.Abs(a * x[j]));
            }

            var tolerance = 1e-6 * Math.Max(1, scale);
            var ok = c.Sense switch
            {
                ConstraintSense.LessOrEqual => lhs <= c.Rhs + tolerance,
                ConstraintSense.GreaterOrEqual => lhs >= c.Rhs - tolerance,
                _ => Math.Abs(lhs - c.Rhs) <= tolerance,
            };
            if (!ok) return c.Name;
        }

        return null;
    }

    private static MipSolution SolveOnce(MipModel model, MipSettings settings, bool preprocess)
    {
        if (UnavailableReason is { } reason) throw new InvalidOperationException(reason);
        var n = model.Variables.Count;
        if (n == 0) return new MipSolution(MipOutcome.Optimal, 0, 0, []);

        // Column-wise (CSC) matrix.
        var counts = new int[n + 1];
        foreach (var c in model.Constraints)
            foreach (var (j, _) in c.Terms) counts[j + 1]++;
        for (var j = 0; j < n; j++) counts[j + 1] += counts[j];
        var start = (int[])counts.Clone();
        var index = new int[model.NonZeroCount];
        var value = new double[model.NonZeroCount];
        var fill = (int[])counts.Clone();
        for (var i = 0; i < model.Constraints.Count; i++)
            foreach (var (j, a) in model.Constraints[i].Terms)
            {
                index[fill[j]] = i;
                value[fill[j]++] = a;
            }

        var colLower = model.Variables.Select(v => v.Lower).ToArray();
        var colUpper = model.Variables.Select(v => double.IsPositiveInfinity(v.Upper) ? double.MaxValue : v.Upper).ToArray();
        var obj = model.Variables.Select(v => v.Objective).ToArray();
        var rowLower = model.Constraints.Select(c => c.Sense == ConstraintSense.LessOrEqual ? -double.MaxValue : c.Rhs).ToArray();
        var rowUpper = model.Constraints.Select(c => c.Sense == ConstraintSense.GreaterOrEqual ? double.MaxValue : c.Rhs).ToArray();

        return WithCbcModel(cbc =>
        {
            CbcNative.Cbc_loadProblem(cbc, n, model.Constraints.Count, start, index, value, colLower, colUpper, obj, rowLower, rowUpper);
            for (var j = 0; j < n; j++)
                if (model.Variables[j].IsInteger) CbcNative.Cbc_setInteger(cbc, j);
            CbcNative.Cbc_setObjSense(cbc, -1); // maximise
            if (model.Start is { Count: > 0 } warm)
                CbcNative.Cbc_setMIPStartI(cbc, warm.Count, warm.Keys.ToArray(), warm.Values.ToArray());
            if (!preprocess) CbcNative.Cbc_setParameter(cbc, "preprocess", "off");
            return Run(cbc, settings, n);
        });
    }

    /// <summary>Reads an LP or MPS file into CBC and solves it (for checking written models). MPS files minimise −objective.</summary>
    public static MipSolution SolveFile(string path, MipSettings settings)
    {
        if (UnavailableReason is { } reason) throw new InvalidOperationException(reason);
        return WithCbcModel(cbc =>
        {
            var status = path.EndsWith(".mps", StringComparison.OrdinalIgnoreCase) ? CbcNative.Cbc_readMps(cbc, path) : CbcNative.Cbc_readLp(cbc, path);
            if (status != 0) throw new InvalidOperationException($"CBC could not read {path} (status {status})");
            return Run(cbc, settings, CbcNative.Cbc_getNumCols(cbc));
        });
    }

    // One CBC model alive at a time per process: CBC's C interface is not documented as
    // thread-safe, and parallel solves (xunit runs test classes in parallel) failed at random.
    private static readonly object NativeLock = new();

    private static MipSolution WithCbcModel(Func<IntPtr, MipSolution> work)
    {
        lock (NativeLock)
        {
            var cbc = CbcNative.Cbc_newModel();
            try
            {
                return work(cbc);
            }
            finally
            {
                CbcNative.Cbc_deleteModel(cbc);
            }
        }
    }

    private static MipSolution Run(IntPtr cbc, MipSettings settings, int columns)
    {
        CbcNative.Cbc_setLogLevel(cbc, settings.LogLevel);
        if (settings.TimeLimitSeconds is { } seconds) CbcNative.Cbc_setMaximumSeconds(cbc, Math.Max(seconds, 0.01));
        CbcNative.Cbc_setAllowableFractionGap(cbc, settings.RelativeGap);
        if (settings.Threads > 1) CbcNative.Cbc_setParameter(cbc, "threads", settings.Threads.ToString(CultureInfo.InvariantCulture));
        CbcNative.Cbc_solve(cbc);

        var pointer = CbcNative.Cbc_bestSolution(cbc);
        double[]? values = null;
        if (pointer != IntPtr.Zero)
        {
            values = new double[columns];
            Marshal.Copy(pointer, values, 0, columns);
        }

        double? objective = values != null ? CbcNative.Cbc_getObjValue(cbc) : null;
        var bound = CbcNative.Cbc_getBestPossibleObjValue(cbc);
        double? provenBound = double.IsFinite(bound) && Math.Abs(bound) < 1e30 ? bound : null;
        var outcome =
            CbcNative.Cbc_isProvenOptimal(cbc) != 0 && values != null ? MipOutcome.Optimal
            : CbcNative.Cbc_isProvenInfeasible(cbc) != 0 ? MipOutcome.Infeasible
            : CbcNative.Cbc_isSecondsLimitReached(cbc) != 0 ? values != null ? MipOutcome.TimeLimitWithSolution : MipOutcome.TimeLimitWithoutSolution
            : CbcNative.Cbc_isAbandoned(cbc) != 0 ? MipOutcome.Failed
            : values != null ? MipOutcome.Feasible : MipOutcome.Failed;
        if (outcome == MipOutcome.Optimal && settings.RelativeGap == 0 && objective is { } o) provenBound = o;
        return new MipSolution(outcome, objective, provenBound, values);
    }
}
