using System.Diagnostics;
using System.Security.Cryptography;
using QkdScheduler.Core.IO;
using QkdScheduler.Testing;

namespace QkdScheduler.Cli.Tests;

/// <summary>
/// The output and input guards through the CLI: an --out folder with a user's files is refused and left alone, devices
/// and FIFOs are never opened, an edited data file is refused until rehashed, a full disk is exit 1 naming --out, parse
/// errors speak in words, and calendar file names keep any script.
/// </summary>
public sealed class OutputSafetyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-out-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Run(args);

    private string Instance(string name = "inst")
    {
        var dir = Path.Combine(_dir, name);
        InstanceFiles.Write(TestProblems.AThenB(), dir);
        return dir;
    }

    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Theory]
    [InlineData("solve")]
    [InlineData("plan")]
    [InlineData("bench")]
    [InlineData("precompute")]
    public void An_out_folder_with_the_users_files_is_refused_and_untouched(string command)
    {
        var inst = Instance();
        var work = Path.Combine(_dir, "work");
        Directory.CreateDirectory(Path.Combine(work, "src"));
        File.WriteAllText(Path.Combine(work, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(work, "src", "main.c"), "int main;");
        var before = Snapshot(work);
        var schedule = Path.Combine(_dir, "s.csv");
        Assert.Equal(0, Run("solve", inst, "--out", Path.Combine(_dir, "solved")).Code);
        File.Copy(Path.Combine(_dir, "solved", ScheduleFiles.ScheduleFileName), schedule);
        var r = command switch
        {
            "solve" => Run("solve", inst, "--out", work),
            "plan" => Run("plan", inst, schedule, "--out", work),
            "bench" => Run("bench", inst, "--solvers", "dp", "--strategies", "gd", "--out", work),
            _ => Run("precompute", Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38", "scenario.yaml"),
                "--set", "period.end=2016-09-19T01:00:00Z", "--out", work),
        };
        // Refused before the work (a warning about the scenario's elements may come first).
        Assert.Equal(2, r.Code);
        Assert.Contains("--out names a folder that holds files qkdsched did not write", r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        Assert.DoesNotContain("objective", r.Out + r.Err);
        Assert.Equal(before, Snapshot(work));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir, ".qkdsched-*"));
    }

    [Fact]
    public void A_scenario_beside_its_instance_is_an_input_not_foreign()
    {
        // The shipped layout: scenario.yaml in the folder precompute writes; precompute twice, as a script would.
        var folder = Path.Combine(_dir, "beside");
        Directory.CreateDirectory(folder);
        var scenario = Path.Combine(folder, "scenario.yaml");
        var shipped = Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38", "scenario.yaml");
        File.WriteAllText(scenario, File.ReadAllText(shipped).Replace("../micius2016-china11/", Path.Combine(RepositoryPaths.Root(), "instances", "micius2016-china11") + "/"));
        for (var k = 0; k < 2; k++)
        {
            var r = Run("precompute", scenario, "--set", "period.end=2016-09-19T01:00:00Z", "--out", folder);
            Assert.True(r.Code == 0, r.Err);
        }

        Assert.True(File.Exists(scenario));
        Assert.DoesNotContain("scenario.yaml", File.ReadAllText(Path.Combine(folder, AtomicFolder.ManifestFileName)));
    }

    [Theory]
    [InlineData("report")]
    [InlineData("keyrate")]
    [InlineData("finitekey")]
    [InlineData("link-table")]
    public void A_device_as_out_file_is_refused_and_stays_a_device(string command)
    {
        var inst = Instance();
        var micius = Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38", "scenario.yaml");
        var r = command switch
        {
            "report" => Run("report", inst, "--out", "/dev/null"),
            "keyrate" => Run("keyrate", "--loss-db", "20:30:5", "--format", "csv", "--out", "/dev/null"),
            "finitekey" => Run("finitekey", "--format", "csv", "--out", "/dev/null"),
            _ => Run("link-table", micius, "--set", "period.end=2016-09-19T01:00:00Z", "--format", "csv", "--out", "/dev/null"),
        };
        CliRun.AssertOneLineUserError(r, "/dev/null: is not a regular file");
        Assert.Equal(FileKind.Special, FileKinds.Of("/dev/null"));
    }

    [Fact]
    public void Dash_is_standard_output()
    {
        var r = Run("report", Instance(), "--out", "-");
        Assert.Equal(0, r.Code);
        Assert.StartsWith("<!DOCTYPE html>", r.Out.TrimStart());
        Assert.False(File.Exists("-"));
    }

    [Fact]
    public async Task A_fifo_in_the_solve_folder_does_not_hang_it()
    {
        var inst = Instance();
        var outDir = Path.Combine(_dir, "solve");
        Assert.Equal(0, Run("solve", inst, "--out", outDir).Code);
        using (var p = Process.Start("mkfifo", [Path.Combine(outDir, "pipe")])!) p.WaitForExit();
        var task = Task.Run(() => Run("solve", inst, "--out", outDir));
        Assert.True(task == await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(30))), "solve hung on a FIFO in its output folder");
        CliRun.AssertOneLineUserError(await task, "'pipe'");
    }

    [Fact]
    public void Stdin_a_fifo_or_a_device_as_input_is_refused_before_it_is_opened()
    {
        var inst = Instance();
        CliRun.AssertOneLineUserError(Run("validate", inst, "/dev/zero"), "/dev/zero: is not a regular file");
        var micius = Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38", "scenario.yaml");
        CliRun.AssertOneLineUserError(Run("precompute", micius, "--set", "stations.file=/dev/zero", "--out", Path.Combine(_dir, "z")), "/dev/zero: is not a regular file");
    }

    [Fact]
    public void An_edited_keys_file_is_refused_until_rehash()
    {
        var inst = Instance();
        var keys = Path.Combine(inst, InstanceFiles.KeysFileName);
        var lines = File.ReadAllLines(keys);
        lines[1] = lines[1][..lines[1].LastIndexOf(',')] + ",9999999999";
        File.WriteAllLines(keys, lines);
        CliRun.AssertOneLineUserError(Run("solve", inst), $"qkdsched rehash {inst}");
        Assert.Equal(0, Run("rehash", inst).Code);
        var solved = Run("solve", inst, "--format", "json");
        Assert.Equal(0, solved.Code);
        Assert.True((double)System.Text.Json.Nodes.JsonNode.Parse(solved.Out)!["objective"]! >= 9999999999);
    }

    [Fact]
    public void A_geometry_file_cut_at_a_line_break_is_refused()
    {
        var dir = Path.Combine(_dir, "geo");
        var micius = Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38", "scenario.yaml");
        Assert.Equal(0, Run("precompute", micius, "--set", "period.end=2016-09-20T00:00:00Z", "--out", dir).Code);
        var geometry = Path.Combine(dir, GeometryFiles.FileName);
        var text = File.ReadAllText(geometry);
        Assert.True(text.Split('\n').Length > 10, "the day has passes, so geometry.csv has rows to cut");
        File.WriteAllText(geometry, text[..(text.IndexOf('\n', text.Length / 2) + 1)]);
        CliRun.AssertOneLineUserError(Run("solve", dir, "--out", Path.Combine(_dir, "geo-solve")), "geometry.csv: does not match the SHA-256");
    }

    [Fact]
    public void A_failed_write_names_the_output_and_a_full_disk_is_not_bad_input()
    {
        var target = Path.Combine(_dir, "kept.txt");
        File.WriteAllText(target, "old");
        // What FileStream throws on ENOSPC (.NET keeps the errno in HResult on Unix).
        var e = Assert.Throws<OutputException>(() => AtomicFile.Write(target, (Stream _) => throw new IOException("No space left on device : '/x/.qkdsched-tmp-1'", 28)));
        Assert.True(e.DiskFull);
        Assert.StartsWith($"{target}: cannot be written: the disk is full", e.Message);
        Assert.DoesNotContain(".qkdsched-tmp", e.Message);
        Assert.Equal("old", File.ReadAllText(target));
        Assert.Empty(Directory.EnumerateFiles(_dir, ".qkdsched-*"));
    }

    [Theory]
    [InlineData("--time-limit", "abc", "--time-limit: 'abc' is not a number")]
    [InlineData("--seed", "4294967296", "--seed: '4294967296' is not a whole number from -2147483648 to 2147483647")]
    public void Parse_errors_speak_in_words(string option, string value, string expected)
    {
        var r = Run("solve", Instance(), option, value);
        CliRun.AssertOneLineUserError(r, expected);
        Assert.DoesNotContain("System.", r.Err);
    }

    [Fact]
    public void Calendar_files_keep_unicode_names_and_do_not_depend_on_node_order()
    {
        string[] Files(params string[] ids)
        {
            var dir = Path.Combine(_dir, string.Join("", ids));
            var p = TestProblems.FromDense(Enumerable.Range(0, 10).Select(m => ids.Select((_, n) => m % ids.Length == n ? 5.0 : 0).ToArray()).ToArray(), 0);
            InstanceFiles.Write(p, dir);
            var yaml = Path.Combine(dir, InstanceFiles.InstanceFileName);
            var text = File.ReadAllText(yaml);
            var keys = File.ReadAllText(Path.Combine(dir, InstanceFiles.KeysFileName));
            for (var n = 0; n < ids.Length; n++)
            {
                var id = ((char)('A' + n)).ToString();
                text = text.Replace($"\"{id}\"", $"\"{ids[n]}\"");
                keys = keys.Replace($",{id},", $",{ids[n]},");
            }

            File.WriteAllText(yaml, string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("checksum:", StringComparison.Ordinal) && l != "files:" && !l.StartsWith("  keys.csv:", StringComparison.Ordinal))));
            File.WriteAllText(Path.Combine(dir, InstanceFiles.KeysFileName), keys);
            var outDir = Path.Combine(dir, "plan");
            var r = Run("solve", dir, "--out", outDir);
            Assert.True(r.Code == 0, r.Err);
            return Directory.GetFiles(outDir, "contacts-*.ics").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();
        }

        Assert.Equal(["contacts-上海.ics", "contacts-北京.ics"], Files("北京", "上海"));
        // Two ids that map to one name: the suffix follows the ids' order, not the nodes'.
        Assert.Equal(Files("a b", "a_b", "a.b"), Files("a.b", "a b", "a_b"));
    }
}
