using System.Globalization;
using System.Text;
using QkdScheduler.Core;
using QkdScheduler.Links.GaussianBeam;
using QkdScheduler.Orbits.Sgp4;
using QkdScheduler.Precompute.Pipeline;
using QkdScheduler.Precompute.Scenarios;

namespace QkdScheduler.Precompute.Reports;

/// <summary>Minimum and maximum total link budget (dB) of one station over its visible samples.</summary>
public sealed record StationBudgetRange(string Station, int Samples, double MinDb, double MaxDb);

/// <summary>One row of seed 000 Table 2: an orbit and a divergence, the visible time and each station's budget range.</summary>
public sealed record LinkTableRow(string Scenario, double AltitudeKm, double DivergenceUrad, double VisibleSeconds, IReadOnlyList<StationBudgetRange> Stations);

/// <summary>
/// Seed 000 Table 2 from our model: per scenario (orbit) and divergence, the total visible duration
/// (union over stations of the passes) and each station's min–max link budget over the samples
/// inside its passes, clouds included (∞ = blocked, the paper's "Inf").
/// </summary>
public static class LinkTable
{
    public const string CsvHeader = "scenario,altitude_km,divergence_urad,visible_s,station,samples,min_db,max_db";

    /// <summary>Seed 000 Table 2 sweeps the divergence of its Gaussian beam, so the table needs that link model.</summary>
    public static GaussianBeamLink SweptLink(Scenario s) => s.Link as GaussianBeamLink
        ?? throw new InputException(s.Path, null, $"link-table sweeps the divergence of the {GaussianBeamLink.ModelName} link; this scenario's link is {s.Link.Name}");

    public static IReadOnlyList<LinkTableRow> Compute(Scenario s, Visibility visibility, IReadOnlyList<double> divergencesUrad)
    {
        var n = new Sgp4Propagator(s.Satellite.Elements).MeanMotion / 60.0;
        var altitude = Math.Cbrt(GravityModel.Wgs72.Mu / (n * n)) - GravityModel.Wgs72.RadiusKm;
        // The weather does not depend on the divergence: look it up once per sample.
        var cloudDb = visibility.Samples.Select(sample => s.Weather.CloudLossDb(sample.Station, s.SampleUtc(sample.Step))).ToArray();
        var rows = new List<LinkTableRow>();
        foreach (var divergence in divergencesUrad)
        {
            var link = SweptLink(s).WithDivergence(divergence);
            var min = Enumerable.Repeat(double.PositiveInfinity, s.Stations.Count).ToArray();
            var max = Enumerable.Repeat(double.NegativeInfinity, s.Stations.Count).ToArray();
            var count = new int[s.Stations.Count];
            for (var i = 0; i < visibility.Samples.Length; i++)
            {
                var sample = visibility.Samples[i];
                var total = link.Budget(sample.RangeKm, sample.ElevationDeg, cloudDb[i]).TotalDb;
                min[sample.Station] = Math.Min(min[sample.Station], total);
                max[sample.Station] = Math.Max(max[sample.Station], total);
                count[sample.Station]++;
            }

            rows.Add(new LinkTableRow(s.Name, altitude, divergence, visibility.UnionSeconds,
                s.Stations.Select((st, i) => new StationBudgetRange(st.Name, count[i], min[i], max[i])).ToList()));
        }

        return rows;
    }

    public static string ToCsv(IEnumerable<LinkTableRow> rows)
    {
        var sb = new StringBuilder(CsvHeader).Append('\n');
        foreach (var r in rows)
            foreach (var st in r.Stations)
                sb.Append(r.Scenario).Append(',').Append(F(r.AltitudeKm, "0.#")).Append(',').Append(F(r.DivergenceUrad, "0.###")).Append(',')
                  .Append(F(r.VisibleSeconds, "0.#")).Append(',').Append(st.Station).Append(',').Append(st.Samples).Append(',')
                  .Append(st.Samples == 0 ? "" : Db(st.MinDb)).Append(',').Append(st.Samples == 0 ? "" : Db(st.MaxDb)).Append('\n');
        return sb.ToString();
    }

    /// <summary>The layout of seed 000 Table 2: one line per orbit and divergence, one column per station ("min-max" dB).</summary>
    public static string ToMarkdown(IReadOnlyList<LinkTableRow> rows)
    {
        var stations = rows.SelectMany(r => r.Stations.Select(s => s.Station)).Distinct().ToList();
        var sb = new StringBuilder();
        sb.Append("| orbit | altitude (km) | total visible duration (s) | divergence (µrad) | ").Append(string.Join(" | ", stations)).Append(" |\n");
        sb.Append("|---|---:|---:|---:|").Append(string.Concat(stations.Select(_ => "---|"))).Append('\n');
        foreach (var r in rows)
        {
            sb.Append("| ").Append(r.Scenario).Append(" | ").Append(F(r.AltitudeKm, "0")).Append(" | ").Append(F(r.VisibleSeconds, "0")).Append(" | ")
              .Append(F(r.DivergenceUrad, "0.###")).Append(" | ");
            foreach (var name in stations)
            {
                var st = r.Stations.FirstOrDefault(s => s.Station == name);
                sb.Append(st is null || st.Samples == 0 ? "-" : $"{Db(st.MinDb)}-{Db(st.MaxDb)}").Append(" | ");
            }

            sb.Length--;
            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    private static string Db(double v) => double.IsPositiveInfinity(v) ? "Inf" : F(v, "0.00");
}
