using System.CommandLine;
using QkdScheduler.Core;
using QkdScheduler.Core.Benchmarking;
using QkdScheduler.Core.IO;

namespace QkdScheduler.Cli.Commands;

/// <summary>The best-known file options of bench and merge: a CSV path, or <c>best-known</c> for the repository's instances/best-known.csv.</summary>
public static class BestKnownFiles
{
    public static Option<string?> AgainstOption() => new("--against")
    {
        Description = "take each ratio against a best-known CSV instead of the best case of this run ('best-known' = instances/best-known.csv)",
    };

    /// <summary>The file a value names; <c>best-known</c> is the repository's instances/best-known.csv.</summary>
    public static string Resolve(string value, bool mustExist)
    {
        var path = value;
        if (value == BestKnown.DefaultName)
        {
            var root = Checkout.Root(AppContext.BaseDirectory)
                       ?? throw new InputException(null, null, "'best-known' means instances/best-known.csv of a QkdScheduler checkout, and none is above this program; give the file's path");
            path = Path.Combine(root, "instances", "best-known.csv");
        }
        if (mustExist && !File.Exists(path)) throw new InputException(path, null, "best-known file not found");
        return path;
    }

    public static BestKnownReference? Reference(string? value, double shareTolerance) =>
        value is null ? null : new BestKnownReference(BestKnown.Read(Resolve(value, mustExist: true)), shareTolerance);
}
