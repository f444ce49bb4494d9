using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using QkdScheduler.Core.IO;
using QkdScheduler.Testing;

namespace QkdScheduler.Core.Tests.IO;

/// <summary>
/// The output-path guard (<see cref="AtomicFolder"/>, <see cref="AtomicFile"/>), the input-file guard (<see cref="InputFile"/>)
/// and the data hashes (<see cref="DataHash"/>): qkdsched writes only the files it owns, opens only regular files, and notices
/// an edited data file.
/// </summary>
public sealed class FileGuardTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-guard-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void WriteOutput(string dir, params string[] names) =>
        AtomicFolder.Write(dir, n => n.EndsWith(".out", StringComparison.Ordinal), staging =>
        {
            foreach (var n in names) AtomicFile.WriteAllText(Path.Combine(staging, n), "new " + n);
        });

    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static string Inode(string path)
    {
        using var p = Process.Start(new ProcessStartInfo("stat", ["-c", "%i", path]) { RedirectStandardOutput = true })!;
        var inode = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return inode;
    }

    private static void Mkfifo(string path)
    {
        using var p = Process.Start("mkfifo", [path])!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    [Fact]
    public void A_folder_with_foreign_content_is_refused_and_left_as_it_was()
    {
        var dir = Path.Combine(_dir, "work");
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(dir, "sub", "deep.txt"), "mine too");
        var before = Snapshot(dir);
        var e = Assert.Throws<InputException>(() => WriteOutput(dir, "a.out"));
        Assert.Contains("holds files qkdsched did not write", e.Message);
        Assert.Equal(before, Snapshot(dir));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir, ".qkdsched-*"));
    }

    [Fact]
    public void A_folder_qkdsched_wrote_gets_exactly_its_files_replaced()
    {
        var dir = Path.Combine(_dir, "run");
        WriteOutput(dir, "a.out", "b.out");
        Assert.Equal("# files qkdsched wrote in this folder; it replaces only these and never touches anything else\na.out\nb.out\n",
            File.ReadAllText(Path.Combine(dir, AtomicFolder.ManifestFileName)));
        var inode = Inode(dir);
        WriteOutput(dir, "a.out", "c.out");
        // b.out was this kind of output and the new one lacks it: it goes; the folder itself is the same folder.
        Assert.Equal(["a.out", "c.out"], Directory.GetFiles(dir).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).Order(StringComparer.Ordinal));
        Assert.Equal(inode, Inode(dir));
        Assert.Equal("new a.out", File.ReadAllText(Path.Combine(dir, "a.out")));
    }

    [Fact]
    public void A_file_output_written_later_into_a_qkdsched_folder_is_listed_and_kept()
    {
        var dir = Path.Combine(_dir, "solve");
        WriteOutput(dir, "a.out");
        AtomicFile.WriteAllText(Path.Combine(dir, "report.html"), "<html/>");
        WriteOutput(dir, "a.out"); // not refused: report.html is qkdsched's; not removed: it is not this output's kind
        Assert.Equal("<html/>", File.ReadAllText(Path.Combine(dir, "report.html")));
    }

    [Fact]
    public async Task A_fifo_in_the_folder_is_refused_without_being_opened()
    {
        var dir = Path.Combine(_dir, "fifo");
        WriteOutput(dir, "a.out");
        Mkfifo(Path.Combine(dir, "pipe"));
        var write = Task.Run(() => WriteOutput(dir, "a.out"));
        Assert.Same(write, await Task.WhenAny(write, Task.Delay(TimeSpan.FromSeconds(20))));
        await Assert.ThrowsAsync<InputException>(() => write);
    }

    [Theory]
    [InlineData("/dev/null")]
    [InlineData("/dev/zero")]
    public void A_device_is_never_replaced(string device)
    {
        var e = Assert.Throws<InputException>(() => AtomicFile.WriteAllText(device, "x"));
        Assert.Contains("not a regular file", e.Message);
        Assert.Equal(FileKind.Special, FileKinds.Of(device));
    }

    [Fact]
    public void Links_are_followed_and_dangling_links_and_loops_refused()
    {
        var real = Path.Combine(_dir, "real.txt");
        File.WriteAllText(real, "old");
        var link = Path.Combine(_dir, "link.txt");
        File.CreateSymbolicLink(link, real);
        AtomicFile.WriteAllText(link, "new");
        Assert.Equal("new", File.ReadAllText(real));
        Assert.NotNull(new FileInfo(link).LinkTarget); // the link stays a link

        var dangling = Path.Combine(_dir, "dangling.txt");
        File.CreateSymbolicLink(dangling, Path.Combine(_dir, "nowhere"));
        Assert.Contains("does not exist", Assert.Throws<InputException>(() => AtomicFile.WriteAllText(dangling, "x")).Message);
        var loop = Path.Combine(_dir, "loop.txt");
        File.CreateSymbolicLink(loop, loop);
        Assert.Contains("loop", Assert.Throws<InputException>(() => AtomicFile.WriteAllText(loop, "x")).Message);
        Assert.Contains("loop", Assert.Throws<InputException>(() => AtomicFolder.Write(loop, _ => true, _ => { })).Message);
        Assert.False(File.Exists(Path.Combine(_dir, "nowhere")));
    }

    [Fact]
    public void A_long_folder_name_is_not_lengthened_past_the_file_system_limit()
    {
        var dir = Path.Combine(_dir, new string('n', 250));
        WriteOutput(dir, "a.out");
        WriteOutput(dir, "a.out");
        Assert.Equal("new a.out", File.ReadAllText(Path.Combine(dir, "a.out")));
    }

    [Theory]
    [InlineData("/dev/zero", "not a regular file")]
    [InlineData("/dev/null", "not a regular file")]
    public void Inputs_must_be_regular_files(string path, string expected) =>
        Assert.Contains(expected, Assert.Throws<InputException>(() => InputFile.ReadAllText(path)).Message);

    [Fact]
    public async Task A_fifo_given_as_input_is_refused_without_blocking()
    {
        var fifo = Path.Combine(_dir, "in.fifo");
        Mkfifo(fifo);
        var read = Task.Run(() => InputFile.ReadAllText(fifo));
        Assert.Same(read, await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(20))));
        await Assert.ThrowsAsync<InputException>(() => read);
    }

    [Fact]
    public void Utf16_without_a_mark_and_cr_only_line_ends_are_named()
    {
        var utf16 = Path.Combine(_dir, "u16.csv");
        File.WriteAllBytes(utf16, Encoding.Unicode.GetBytes("interval,node,bits\n0,A,1\n")); // UTF-16 LE, no BOM
        Assert.Contains("UTF-16", Assert.Throws<InputException>(() => InputFile.Lines(utf16).ToList()).Message);
        var cr = Path.Combine(_dir, "cr.csv");
        File.WriteAllText(cr, "interval,node,bits\r0,A,1\r");
        Assert.Contains("CR line ends", Assert.Throws<InputException>(() => InputFile.Lines(cr).ToList()).Message);
        Assert.Contains("CR line ends", Assert.Throws<InputException>(() => InputFile.ReadAllText(cr)).Message);
    }

    [Fact]
    public void Property_foreign_files_are_never_touched()
    {
        // Any mix of foreign names beside a qkdsched folder's files: the write is refused and every byte stays.
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var rng = new Random(seed);
            var dir = Path.Combine(_dir, "p" + seed);
            WriteOutput(dir, "a.out", "b.out");
            var foreign = Enumerable.Range(0, rng.Next(1, 4)).Select(i => rng.Next(3) switch
            {
                0 => $"user{i}.txt",
                1 => $".hidden{i}",
                _ => $"x{i}.out", // named like an output, but not listed: still not ours
            }).ToList();
            foreach (var f in foreign) File.WriteAllText(Path.Combine(dir, f), "user data " + rng.Next());
            var before = Snapshot(dir);
            var refused = false;
            try
            {
                WriteOutput(dir, rng.Next(2) == 0 ? ["a.out"] : ["c.out"]);
            }
            catch (InputException)
            {
                refused = true;
            }

            var same = before.Count == Snapshot(dir).Count && before.All(kv => Snapshot(dir)[kv.Key] == kv.Value);
            Directory.Delete(dir, recursive: true);
            return refused && same;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Property_a_qkdsched_folder_keeps_foreign_free_and_complete()
    {
        // Any sequence of writes of subsets of outputs: the folder holds exactly the last write's files plus the manifest.
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var rng = new Random(seed);
            var dir = Path.Combine(_dir, "q" + seed);
            string[] last = [];
            for (var k = 0; k < rng.Next(1, 5); k++)
            {
                last = new[] { "a.out", "b.out", "c.out", "d.out" }.Where(_ => rng.Next(2) == 0).DefaultIfEmpty("a.out").ToArray();
                WriteOutput(dir, last);
            }

            var now = Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Directory.Delete(dir, recursive: true);
            return now.SequenceEqual(last.Append(AtomicFolder.ManifestFileName).Order(StringComparer.Ordinal));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Property_input_lines_read_back_as_written()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var rng = new Random(seed);
            var lines = Enumerable.Range(0, rng.Next(1, 200)).Select(_ => new string('x', rng.Next(0, 300)) + rng.Next()).ToList();
            var eol = rng.Next(2) == 0 ? "\n" : "\r\n";
            var path = Path.Combine(_dir, $"l{seed}.txt");
            File.WriteAllText(path, string.Join(eol, lines) + (rng.Next(2) == 0 ? eol : ""));
            var read = InputFile.Lines(path).ToList();
            File.Delete(path);
            return read.Select(l => l.Text).SequenceEqual(lines) && read.Take(read.Count - 1).All(l => l.Ended);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Property_data_hash_ignores_crlf_and_sees_every_other_change()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var rng = new Random(seed);
            var text = string.Concat(Enumerable.Range(0, rng.Next(1, 5000)).Select(_ => "ab,1\n"[rng.Next(5)]));
            var lf = Path.Combine(_dir, $"h{seed}.csv");
            var crlf = Path.Combine(_dir, $"h{seed}-crlf.csv");
            var edited = Path.Combine(_dir, $"h{seed}-edit.csv");
            File.WriteAllText(lf, text);
            File.WriteAllText(crlf, text.Replace("\n", "\r\n"));
            var at = rng.Next(text.Length);
            File.WriteAllText(edited, text[..at] + (text[at] == '1' ? '2' : '1') + text[(at + 1)..]);
            var ok = DataHash.Of(lf) == DataHash.Of(crlf) && DataHash.Of(lf) != DataHash.Of(edited)
                     && DataHash.Of(lf) == "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
            foreach (var f in new[] { lf, crlf, edited }) File.Delete(f);
            return ok;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void An_edited_keys_file_is_refused_until_rehashed()
    {
        var dir = Path.Combine(_dir, "inst");
        InstanceFiles.Write(TestProblems.AThenB(), dir);
        var keys = Path.Combine(dir, InstanceFiles.KeysFileName);
        var lines = File.ReadAllLines(keys);
        lines[1] = lines[1][..lines[1].LastIndexOf(',')] + ",9999999999";
        File.WriteAllLines(keys, lines);
        var e = Assert.Throws<InputException>(() => InstanceFiles.Read(dir));
        Assert.Contains("does not match the SHA-256", e.Message);
        Assert.Contains("qkdsched rehash", e.Message);
        InstanceFiles.Rehash(dir, new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc));
        var p = InstanceFiles.Read(dir);
        Assert.Equal(9999999999, p.Keys.Entries().Max(x => x.Bits));
        Assert.Equal("2026-12-04T00:00:00.000Z", p.Provenance["hashed_utc"]);
        // A data file deleted after the hashes were recorded is named.
        File.Delete(keys);
        Assert.Contains("is missing", Assert.Throws<InputException>(() => InstanceFiles.Read(dir)).Message);
    }
}
