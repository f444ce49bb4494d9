using System.Reflection;
using System.Runtime.InteropServices;

namespace QkdScheduler.Solvers.Mip.Cbc;

/// <summary>
/// P/Invoke declarations for COIN-OR CBC's C interface (<c>Cbc_C_Interface.h</c>, CBC 2.10;
/// <c>CoinBigIndex</c> is <c>int</c> there). The library is looked up under the names it has on
/// Debian/Ubuntu (<c>libCbcSolver.so.3</c>, package coinor-libcbc3), conda and Homebrew
/// (<c>libCbcSolver.so</c>, <c>libCbcSolver.dylib</c>, <c>libCbcSolver.3.dylib</c>) and Windows
/// (<c>CbcSolver.dll</c>, <c>libCbcSolver-3.dll</c>).
/// </summary>
internal static partial class CbcNative
{
    private const string Library = "CbcSolver";
    private static readonly string[] Candidates =
        ["libCbcSolver.so.3", "libCbcSolver.so", "libCbcSolver.3.dylib", "libCbcSolver.dylib", "CbcSolver.dll", "libCbcSolver-3.dll", "libCbcSolver.dll"];

    private static readonly Lazy<string?> LoadError = new(() =>
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(CbcNative).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // A resolver is already set (tests load the assembly once per process): fine.
        }

        try
        {
            return Marshal.PtrToStringAnsi(Cbc_getVersion()) is { Length: > 0 } ? null : "CBC returned no version";
        }
        catch (DllNotFoundException e)
        {
            return e.Message.Split('\n')[0];
        }
        catch (EntryPointNotFoundException e)
        {
            return e.Message.Split('\n')[0];
        }
        catch (BadImageFormatException e)
        {
            // A CBC built for another architecture.
            return e.Message.Split('\n')[0];
        }
    });

    /// <summary>Null when CBC can be called; otherwise why not.</summary>
    public static string? Unavailable => LoadError.Value;

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library) return IntPtr.Zero;
        foreach (var candidate in Candidates)
            if (NativeLibrary.TryLoad(candidate, assembly, path, out var handle)) return handle;
        return IntPtr.Zero;
    }

    [LibraryImport(Library)] internal static partial IntPtr Cbc_getVersion();
    [LibraryImport(Library)] internal static partial IntPtr Cbc_newModel();
    [LibraryImport(Library)] internal static partial void Cbc_deleteModel(IntPtr model);

    [LibraryImport(Library)]
    internal static partial void Cbc_loadProblem(IntPtr model, int numCols, int numRows, int[] start, int[] index, double[] value,
        double[] colLower, double[] colUpper, double[] obj, double[] rowLower, double[] rowUpper);

    [LibraryImport(Library)] internal static partial void Cbc_setInteger(IntPtr model, int column);
    [LibraryImport(Library)] internal static partial void Cbc_setObjSense(IntPtr model, double sense);
    [LibraryImport(Library)] internal static partial void Cbc_setMaximumSeconds(IntPtr model, double seconds);
    [LibraryImport(Library)] internal static partial void Cbc_setAllowableFractionGap(IntPtr model, double gap);
    [LibraryImport(Library)] internal static partial void Cbc_setLogLevel(IntPtr model, int level);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] internal static partial void Cbc_setParameter(IntPtr model, string name, string value);
    [LibraryImport(Library)] internal static partial void Cbc_setMIPStartI(IntPtr model, int count, int[] columns, double[] values);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] internal static partial int Cbc_readLp(IntPtr model, string file);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] internal static partial int Cbc_readMps(IntPtr model, string file);
    [LibraryImport(Library)] internal static partial int Cbc_solve(IntPtr model);
    [LibraryImport(Library)] internal static partial int Cbc_isProvenOptimal(IntPtr model);
    [LibraryImport(Library)] internal static partial int Cbc_isProvenInfeasible(IntPtr model);
    [LibraryImport(Library)] internal static partial int Cbc_isSecondsLimitReached(IntPtr model);
    [LibraryImport(Library)] internal static partial int Cbc_isAbandoned(IntPtr model);
    [LibraryImport(Library)] internal static partial double Cbc_getObjValue(IntPtr model);
    [LibraryImport(Library)] internal static partial double Cbc_getBestPossibleObjValue(IntPtr model);
    [LibraryImport(Library)] internal static partial IntPtr Cbc_bestSolution(IntPtr model);
    [LibraryImport(Library)] internal static partial int Cbc_getNumCols(IntPtr model);
}
