using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.Testing;

namespace QkdScheduler.Core.Tests.IO;

public sealed class InstanceFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string ValidYaml = """
        format: qkdsched-instance/1
        name: tiny
        start: 2020-01-01T00:00:00Z
        interval_seconds: 10
        intervals: 5
        switch_intervals: 1
        nodes:
          - id: A
            weight: 3
            share: 1
          - id: B
            stations: [B1, B2]
            weight: 1
            share: 1
        """;

    private const string ValidKeys = "interval,node,bits\n0,A,1.5\n2,B,2\n2,A,4\n";

    private string Write(string yaml, string keys)
    {
        File.WriteAllText(Path.Combine(_dir, "instance.yaml"), yaml);
        File.WriteAllText(Path.Combine(_dir, "keys.csv"), keys);
        return _dir;
    }

    private InputException ReadFails(string yaml, string keys) =>
        Assert.Throws<InputException>(() => InstanceFiles.Read(Write(yaml, keys)));

    [Fact]
    public void Read_ValidFiles_NormalisesWeightsAndShares()
    {
        var p = InstanceFiles.Read(Write(ValidYaml, ValidKeys));
        Assert.Equal(5, p.IntervalCount);
        Assert.Equal(1, p.SwitchIntervals);
        Assert.Equal(0.75, p.Nodes[0].Weight);
        Assert.Equal(0.5, p.Nodes[1].Share);
        Assert.Equal(["B1", "B2"], p.Nodes[1].Stations);
        Assert.Equal(["A"], p.Nodes[0].Stations);
        Assert.Equal(4, p.Keys[2, 0]);
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 20, DateTimeKind.Utc), p.IntervalStartUtc(2));
    }

    [Fact]
    public void WriteThenRead_RoundTrips()
    {
        var k = new[] { new[] { 0.1, 0 }, new[] { 1e-7, 3 }, new[] { 123456.789, 0 } };
        var original = TestProblems.FromDense(k, 2, [0.2, 0.8], [0.6, 0.4]);
        InstanceFiles.Write(original, _dir);
        var read = InstanceFiles.Read(_dir);
        Assert.Equal(original.Keys.Entries(), read.Keys.Entries());
        Assert.Equal(original.Nodes.Select(n => (n.Id, n.Weight, n.Share)), read.Nodes.Select(n => (n.Id, n.Weight, n.Share)));
        Assert.Equal(original.StartUtc, read.StartUtc);
        Assert.Equal(original.SwitchIntervals, read.SwitchIntervals);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp")); // atomic writes leave no temporary files
    }

    [Fact]
    public void Read_TruncatedKeys_NamesLastLine()
    {
        var e = ReadFails(ValidYaml, "interval,node,bits\n0,A,1.5\n2,B");
        Assert.Equal(3, e.Line);
        Assert.EndsWith("keys.csv", e.File);
    }

    [Fact]
    public void Read_KeysShorterThanDeclared_IsRejected()
    {
        var e = ReadFails(ValidYaml + "\nnonzeros: 3\n", "interval,node,bits\n0,A,1.5\n");
        Assert.Contains("nonzeros: 3", e.Message);
    }

    [Fact]
    public void Read_NegativeKey_NamesLine()
    {
        var e = ReadFails(ValidYaml, "interval,node,bits\n0,A,1.5\n1,B,-2\n");
        Assert.Equal(3, e.Line);
        Assert.Contains("0 or more", e.Reason);
    }

    [Theory]
    [InlineData("1,A,NaN\n", "not a finite number")]
    [InlineData("1,A,1e400\n", "not a finite number")]
    [InlineData("1,A,1,5\n", "expected 3")]
    [InlineData("x,A,1\n", "not a whole number")]
    [InlineData("5,A,1\n", "outside 0..4")]
    [InlineData("0,A,2\n", "appears twice")]
    public void Read_BadKeyRow_IsRejectedOnItsLine(string row, string reason)
    {
        var e = ReadFails(ValidYaml, "interval,node,bits\n0,A,1.5\n" + row);
        Assert.Equal(3, e.Line);
        Assert.Contains(reason, e.Reason);
    }

    [Fact]
    public void Read_UnknownNode_NamesLineAndNode()
    {
        var e = ReadFails(ValidYaml, "interval,node,bits\n0,C,1\n");
        Assert.Equal(2, e.Line);
        Assert.Contains("unknown node 'C'", e.Reason);
    }

    [Fact]
    public void Read_YamlTypo_NamesKeyAndLine()
    {
        var e = ReadFails(ValidYaml.Replace("switch_intervals", "switch_interval"), ValidKeys);
        Assert.Equal(6, e.Line);
        Assert.Contains("unknown key 'switch_interval'; did you mean 'switch_intervals'?", e.Reason);
    }

    [Fact]
    public void Read_ExtraKey_NamesKeyAndLine()
    {
        var e = ReadFails(ValidYaml.Replace("name: tiny", "name: tiny\nowner: me"), ValidKeys);
        Assert.Equal(3, e.Line);
        Assert.Contains("unknown key 'owner'", e.Reason);
    }

    [Fact]
    public void Read_TypoInNode_NamesLine()
    {
        var e = ReadFails(ValidYaml.Replace("    share: 1\n  - id: B", "    shares: 1\n  - id: B"), ValidKeys);
        Assert.Contains("share", e.Reason);
    }

    [Fact]
    public void Read_BadIndentation_NamesLine()
    {
        var e = ReadFails(ValidYaml.Replace("    weight: 3", "   weight: 3"), ValidKeys);
        Assert.Equal(9, e.Line);
        Assert.Contains("not valid YAML", e.Reason);
    }

    [Fact]
    public void Read_UnclosedBracket_IsAnInputError()
    {
        var e = ReadFails(ValidYaml.Replace("name: tiny", "name: [tiny"), ValidKeys);
        Assert.Contains("not valid YAML", e.Reason);
    }

    [Theory]
    [InlineData("interval_seconds: 10", "interval_seconds: -10", "positive")]
    [InlineData("intervals: 5", "intervals: five", "whole number")]
    [InlineData("start: 2020-01-01T00:00:00Z", "start: 2020-01-01 00:00", "UTC")]
    [InlineData("format: qkdsched-instance/1", "format: other/2", "this version reads")]
    public void Read_BadValue_NamesKey(string from, string to, string reason)
    {
        var e = ReadFails(ValidYaml.Replace(from, to), ValidKeys);
        Assert.Contains(reason, e.Reason);
        Assert.NotNull(e.Line);
    }

    [Fact]
    public void Min_contact_intervals_is_read_written_and_checked()
    {
        Assert.Equal(1, InstanceFiles.Read(Write(ValidYaml, ValidKeys)).MinContactIntervals);
        var p = InstanceFiles.Read(Write(ValidYaml.Replace("switch_intervals: 1", "switch_intervals: 1\nmin_contact_intervals: 3"), ValidKeys));
        Assert.Equal(3, p.MinContactIntervals);
        InstanceFiles.Write(p, _dir);
        Assert.Contains("min_contact_intervals: 3", File.ReadAllText(Path.Combine(_dir, "instance.yaml")));
        Assert.Equal(3, InstanceFiles.Read(_dir).MinContactIntervals);
        var e = ReadFails(ValidYaml.Replace("switch_intervals: 1", "switch_intervals: 1\nmin_contact_intervals: 0"), ValidKeys);
        Assert.Contains("min_contact_intervals", e.Reason);
        Assert.NotNull(e.Line);
    }

    [Fact]
    public void Read_MissingFolder_SaysSo()
    {
        var e = Assert.Throws<InputException>(() => InstanceFiles.Read(Path.Combine(_dir, "nope")));
        Assert.Contains("not found", e.Reason);
    }

    [Fact]
    public void Read_MissingKeysFile_SaysSo()
    {
        File.WriteAllText(Path.Combine(_dir, "instance.yaml"), ValidYaml);
        var e = Assert.Throws<InputException>(() => InstanceFiles.Read(_dir));
        Assert.Contains("not found", e.Reason);
        Assert.EndsWith("keys.csv", e.File);
    }
}
