using System.Globalization;

namespace QkdScheduler.Core;

/// <summary>
/// Long work is estimated before it starts and refused beyond a cap, so a ten-year GEO search or a precompute that would
/// need more memory than the machine has stops in seconds with a one-line estimate instead of running for an hour or
/// dying of out-of-memory. Caps (docs/commands.md, "Long work"): <see cref="MaxEvaluations"/> orbit evaluations in a pass
/// search, and <see cref="MemoryCapBytes"/> for the samples a precompute holds and the td model mip and cpsat build. The CLI's <c>--allow-long</c> lifts both
/// (<see cref="Lifted"/>), for a machine and a wait that can take it. One process runs one command, so this is process-wide.
/// </summary>
public static class WorkCap
{
    /// <summary>Orbit evaluations (grid points × (stations + satellite + Sun)) a pass search may make: about ten seconds of work.</summary>
    public const double MaxEvaluations = 40e6;

    /// <summary>Set by <c>--allow-long</c>.</summary>
    public static bool Lifted { get; set; }

    /// <summary>Half the memory this process may use, at most 8 GiB.</summary>
    public static long MemoryCapBytes => Math.Min(8L << 30, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2);

    public static void CheckEvaluations(double evaluations, string what)
    {
        if (Lifted || evaluations <= MaxEvaluations) return;
        throw new InputException(null, null, string.Create(CultureInfo.InvariantCulture,
            $"{what} would evaluate the orbit {evaluations / 1e6:0.#} million times (the cap is {MaxEvaluations / 1e6:0} million, about ten seconds); shorten the period, or add --allow-long to run it anyway"));
    }

    /// <summary>Whether work estimated at <paramref name="bytes"/> may run (for work with a fallback instead of a refusal).</summary>
    public static bool Fits(double bytes) => Lifted || bytes <= MemoryCapBytes;

    public static void CheckMemory(double bytes, string what)
    {
        if (Lifted || bytes <= MemoryCapBytes) return;
        throw new InputException(null, null, string.Create(CultureInfo.InvariantCulture,
            $"{what} would hold about {bytes / (1L << 30):0.0} GiB (the cap is {MemoryCapBytes / (double)(1L << 30):0.0} GiB, half of this machine's memory up to 8); shorten the period, lengthen integration_seconds, or add --allow-long to run it anyway"));
    }
}
