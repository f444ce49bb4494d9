using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using QkdScheduler.Core;
using QkdScheduler.Core.Benchmarking;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Precompute.Sweeps;

namespace QkdScheduler.Reporting.Exporters;

/// <summary>Where and how a run happened, stored with its rows.</summary>
/// <param name="Kind">bench, sweep or merge.</param>
/// <param name="Name">The sweep's name, or the bench's instances.</param>
/// <param name="Definition">The sweep's definition hash; for a bench, its solvers × strategies × seeds.</param>
/// <param name="Shard">"i/N", or null for a whole run.</param>
/// <param name="Options">The command line's options, as given.</param>
public sealed record RunInfo(string Kind, string Name, string Definition, string? Shard, string Options, DateTime StartedUtc)
{
    /// <summary>The build's version with its source revision (the SDK adds the commit to the informational version), if known.</summary>
    public static string Build =>
        typeof(RunInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The OR-Tools assembly shipped beside the program (loaded or not: a sweep without solves never loads it).</summary>
    public static string OrToolsVersion
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Google.OrTools.dll");
            return File.Exists(path) ? AssemblyName.GetAssemblyName(path).Version?.ToString() ?? "unknown" : "not present";
        }
    }

    public static string Machine =>
        $"{Environment.MachineName}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, .NET {Environment.Version}";
}

/// <summary>
/// <c>--db results.sqlite</c>: bench cases and sweep rows appended to one SQLite file with their run's metadata, so
/// many runs and shards can be queried together. Tables: <c>runs</c> (one row per command), <c>bench_cases</c> and
/// <c>sweep_rows</c> (each row's cells as a JSON object, column → text). Every run is one transaction.
/// </summary>
public static class ResultsDatabase
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS runs (
          id INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, definition TEXT NOT NULL, shard TEXT,
          options TEXT NOT NULL, started_utc TEXT NOT NULL, build TEXT NOT NULL, ortools TEXT NOT NULL, machine TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS bench_cases (
          run_id INTEGER NOT NULL REFERENCES runs(id), instance TEXT NOT NULL, solver TEXT NOT NULL, strategy TEXT NOT NULL, seed INTEGER,
          status TEXT NOT NULL, objective REAL NOT NULL, ratio REAL, bound REAL, gap REAL, total REAL NOT NULL, kl_divergence REAL,
          traffic_index REAL NOT NULL, switches INTEGER NOT NULL, wall_seconds REAL NOT NULL, message TEXT);
        CREATE TABLE IF NOT EXISTS sweep_rows (run_id INTEGER NOT NULL REFERENCES runs(id), point INTEGER NOT NULL, cells TEXT NOT NULL);
        """;

    // SQLite's result codes (sqlite.org/rescode.html) that say what went wrong in words.
    private const int SqliteReadOnly = 8, SqliteIoError = 10, SqliteCorrupt = 11, SqliteFull = 13, SqliteCantOpen = 14, SqliteNotADatabase = 26;

    /// <summary>
    /// Checked before the work: a --db path must be absent (in an existing folder) or a regular file that is a results
    /// database (or an empty SQLite file), so a bench does not run for an hour to end on "not a database".
    /// </summary>
    public static void CheckUsable(string path)
    {
        var kind = FileKinds.Of(path);
        if (FileKinds.NotAFile(kind) is { } why) throw new InputException(path, null, why);
        if (kind == FileKind.Missing)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (!Directory.Exists(folder)) throw new InputException(path, null, $"cannot be created: the folder {folder} does not exist");
            return;
        }
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var tables = connection.CreateCommand();
            tables.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = tables.ExecuteReader();
            var names = new List<string>();
            while (reader.Read()) names.Add(reader.GetString(0));
            if (names.Count > 0 && !names.Contains("runs"))
                throw new InputException(path, null, $"is a SQLite database but not a results database (its tables: {string.Join(", ", names.Take(5))}); give one qkdsched made, or a new file");
        }
        catch (SqliteException e)
        {
            throw Explain(path, e);
        }
    }

    /// <summary>SQLite's error in our terms: a full disk or an unwritable file is an output problem, a foreign file an input one.</summary>
    private static Exception Explain(string path, SqliteException e) => e.SqliteErrorCode switch
    {
        SqliteFull => new OutputException(path, "the disk is full (no space left on device); the database is unchanged", diskFull: true),
        SqliteReadOnly or SqliteCantOpen or SqliteIoError => new OutputException(path, $"{e.Message.TrimEnd('.')}; the database is unchanged", diskFull: false),
        SqliteNotADatabase or SqliteCorrupt => new InputException(path, null, $"is not a readable SQLite database ({e.Message.TrimEnd('.')}); give a results database qkdsched made, or a new file"),
        _ => new InputException(path, null, $"cannot append to this SQLite file ({e.Message.TrimEnd('.')}); give a results database qkdsched made, or a new file"),
    };

    public static long AppendBench(string path, RunInfo run, BenchSummary summary) =>
        Append(path, run, (connection, id) =>
        {
            foreach (var r in summary.Rows)
                Execute(connection, """
                    INSERT INTO bench_cases VALUES ($run, $instance, $solver, $strategy, $seed, $status, $objective, $ratio, $bound, $gap, $total,
                      $kl, $ti, $switches, $seconds, $message)
                    """, ("$run", id), ("$instance", r.Instance), ("$solver", r.Solver), ("$strategy", r.Strategy.ToName()), ("$seed", r.Seed),
                    ("$status", r.Status.ToName()), ("$objective", r.Objective), ("$ratio", Finite(r.Ratio)), ("$bound", Finite(r.Bound)),
                    ("$gap", Finite(r.Gap)), ("$total", r.TotalBits), ("$kl", Finite(r.KlDivergence)), ("$ti", r.TrafficIndex), ("$switches", r.Switches),
                    ("$seconds", r.WallSeconds), ("$message", r.Message));
        });

    public static long AppendSweep(string path, RunInfo run, IReadOnlyList<SweepRow> rows) =>
        Append(path, run, (connection, id) =>
        {
            foreach (var r in rows)
            {
                var cells = new JsonObject();
                foreach (var (column, value) in r.Cells) cells[column] = value;
                Execute(connection, "INSERT INTO sweep_rows VALUES ($run, $point, $cells)", ("$run", id), ("$point", r.Point), ("$cells", cells.ToJsonString()));
            }
        });

    private static long Append(string path, RunInfo run, Action<SqliteConnection, long> rows)
    {
        CheckUsable(path);
        var created = FileKinds.Of(path) == FileKind.Missing;
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 60000");
            using var transaction = connection.BeginTransaction();
            Execute(connection, Schema);
            Execute(connection, """
                INSERT INTO runs (kind, name, definition, shard, options, started_utc, build, ortools, machine)
                VALUES ($kind, $name, $definition, $shard, $options, $started, $build, $ortools, $machine)
                """, ("$kind", run.Kind), ("$name", run.Name), ("$definition", run.Definition), ("$shard", run.Shard), ("$options", run.Options),
                ("$started", run.StartedUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)),
                ("$build", RunInfo.Build), ("$ortools", RunInfo.OrToolsVersion), ("$machine", RunInfo.Machine));
            using var last = connection.CreateCommand();
            last.CommandText = "SELECT last_insert_rowid()";
            var id = (long)last.ExecuteScalar()!;
            rows(connection, id);
            transaction.Commit();
            return id;
        }
        catch (SqliteException e)
        {
            // The transaction rolled back. A file this call created that is still empty (a full disk leaves 0 bytes)
            // holds nothing of anyone's, so it goes with its journal; one another run has written to stays.
            if (created && FileKinds.Of(path) == FileKind.Regular && new FileInfo(path).Length == 0)
                foreach (var file in new[] { path, path + "-journal" })
                    if (FileKinds.Of(file) == FileKind.Regular) File.Delete(file);
            throw Explain(path, e);
        }
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    private static double? Finite(double? v) => v is { } x && double.IsFinite(x) ? x : null;
}
