using QkdScheduler.Core;
using QkdScheduler.Links.Weather;

namespace QkdScheduler.Links.Tests.Weather;

public sealed class CloudCsvTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-weather-").FullName;
    private static readonly DateTime T0 = new(2016, 9, 19, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Stations = ["Beijing", "Lhasa"];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string text)
    {
        var path = Path.Combine(_dir, "clouds.csv");
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Index_values_hold_for_their_10_minute_slot()
    {
        var path = File("time_utc,station,cloud_index\n2016-09-19T00:00:00Z,Beijing,75\n2016-09-19T00:10:00Z,Beijing,150\n2016-09-19 00:00:00,Lhasa,0\n");
        var w = CloudCsv.ReadIndex(path, Stations, TimeSpan.FromMinutes(10), MissingWeather.Error);
        Assert.Equal(3.0103, w.CloudLossDb(0, T0.AddMinutes(9.99)), 4);
        Assert.Equal(double.PositiveInfinity, w.CloudLossDb(0, T0.AddMinutes(10)));
        Assert.Equal(0.0, w.CloudLossDb(1, T0.AddMinutes(5)));
        var e = Assert.Throws<InputException>(() => w.CloudLossDb(1, T0.AddMinutes(10)));
        Assert.Contains("no weather value for station 'Lhasa' at 2016-09-19T00:10:00Z", e.Message);
    }

    [Fact]
    public void Missing_clear_and_blocked_fill_gaps_only_when_asked()
    {
        var path = File("time_utc,station,cloud_index\n2016-09-19T00:00:00Z,Beijing,0\n");
        Assert.Equal(0.0, CloudCsv.ReadIndex(path, Stations, TimeSpan.FromMinutes(10), MissingWeather.Clear).CloudLossDb(1, T0));
        Assert.Equal(double.PositiveInfinity, CloudCsv.ReadIndex(path, Stations, TimeSpan.FromMinutes(10), MissingWeather.Blocked).CloudLossDb(0, T0.AddHours(1)));
        var e = Assert.Throws<InputException>(() => CloudCsv.ReadIndex(path, Stations, TimeSpan.FromMinutes(10), MissingWeather.Error));
        Assert.Contains("no rows for station 'Lhasa'", e.Message);
    }

    [Theory]
    [InlineData("0.35", "whole number 0..150")]
    [InlineData("151", "whole number 0..150")]
    [InlineData("NaN", "whole number 0..150")]
    public void Bad_index_names_file_and_line(string value, string expected)
    {
        var path = File($"time_utc,station,cloud_index\n2016-09-19T00:00:00Z,Beijing,0\n2016-09-19T00:00:00Z,Lhasa,{value}\n");
        var e = Assert.Throws<InputException>(() => CloudCsv.ReadIndex(path, Stations, TimeSpan.FromMinutes(10), MissingWeather.Error));
        Assert.Equal(3, e.Line);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Duplicate_rows_and_bad_times_are_errors()
    {
        var dup = File("time_utc,station,cloud_index\n2016-09-19T00:00:00Z,Beijing,0\n2016-09-19T00:00:00Z,Beijing,3\n2016-09-19T00:00:00Z,Lhasa,0\n");
        Assert.Contains("appears twice", Assert.Throws<InputException>(() => CloudCsv.ReadIndex(dup, Stations, TimeSpan.FromMinutes(10), MissingWeather.Error)).Message);
        var time = File("time_utc,station,cloud_index\n19/09/2016,Beijing,0\n");
        Assert.Contains("ISO 8601", Assert.Throws<InputException>(() => CloudCsv.ReadIndex(time, Stations, TimeSpan.FromMinutes(10), MissingWeather.Error)).Message);
    }

    [Fact]
    public void Fraction_file_gives_availability_against_the_threshold()
    {
        var path = File("time_utc,station,cloud_percent\n2016-09-19T00:00:00Z,Beijing,49.9\n2016-09-19T00:00:00Z,Lhasa,50\n");
        var w = CloudCsv.ReadFraction(path, Stations, TimeSpan.FromHours(1), MissingWeather.Error, thresholdPercent: 50);
        Assert.Equal(0.0, w.CloudLossDb(0, T0.AddMinutes(59)));
        Assert.Equal(double.PositiveInfinity, w.CloudLossDb(1, T0));
        var bad = File("time_utc,station,cloud_percent\n2016-09-19T00:00:00Z,Beijing,120\n");
        Assert.Contains("within 0..100", Assert.Throws<InputException>(() => CloudCsv.ReadFraction(bad, Stations, TimeSpan.FromHours(1), MissingWeather.Clear, 50)).Message);
    }
}
