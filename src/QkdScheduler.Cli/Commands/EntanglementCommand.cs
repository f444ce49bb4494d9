using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using QkdScheduler.Core;
using QkdScheduler.Core.IO;
using QkdScheduler.KeyRates.Entanglement;
using QkdScheduler.Links.Friis;
using QkdScheduler.Links.Weather;
using QkdScheduler.Precompute.Pairs;
using QkdScheduler.Reporting.Html;
using Spectre.Console;

namespace QkdScheduler.Cli.Commands;

/// <summary>
/// <c>qkdsched entanglement SCENARIO.yaml</c>: seed 004's Table 1 row for each station pair of a pair
/// scenario (access time, mean dual-link loss, aperture-collected and SMF-coupled pairs per year,
/// finite key at the modelled QBER and at the reference QBER, S − 3ΔS) and, with <c>--out DIR</c>,
/// <c>table1.csv</c> and <c>best-pass-PAIR.csv</c> (seed 004 Fig. 6: loss and elevation at both
/// stations over the best pass).
/// </summary>
public static class EntanglementCommand
{
    public const string TableFileName = ReportInputs.EntanglementTableFileName;
    public const string BestPassPrefix = ReportInputs.BestPassPrefix;
    public const string BestPassHeader = "time_utc,elevation_a_deg,elevation_b_deg,loss_a_db,loss_b_db,dual_loss_db,aperture_pairs_per_s";

    public static readonly string[] TableColumns = ["scenario", "pair", .. PairLinkSummary.Table1Columns];

    public static Command Create(CliContext ctx)
    {
        var scenario = new Argument<string>("SCENARIO") { Description = "a pair scenario (format qkdsched-pair-scenario/1)" };
        var overrides = ScenarioOverrides.Create();
        var output = new Option<string?>("--out") { Description = $"folder for {TableFileName} and the best passes ({BestPassPrefix}PAIR.csv)" };
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var cmd = new Command("entanglement", "Seed 004 Table 1 for a pair scenario: dual-link access, loss, pairs, finite key and Bell test per year") { scenario, overrides, output, format };
        cmd.SetAction(parse =>
        {
            var s = PairScenarioFile.Read(parse.GetValue(scenario)!, parse.GetValue(overrides) ?? []);
            if (parse.GetValue(output) is { } target) AtomicFolder.CheckUsable(target);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = Progress.Run(ctx, "entanglement " + s.Name, p => s.Sources != null ? PairConstellation.Run(s, p) : PairPrecompute.Run(s, p));
            var seconds = clock.Elapsed.TotalSeconds;
            foreach (var l in result.Links.Where(l => l.NearFieldSamples > 0))
                ctx.Error.WriteLine($"qkdsched: warning: {l.Pair}: {l.NearFieldSamples} samples have a Friis hop with Λ₀ < {FriisLink.FarFieldMinimum} (not far field, seed 004 footnote 4); their budget is approximate");
            if (parse.GetValue(output) is { } dir) WriteFiles(dir, s, result);
            if (parse.GetValue(format) == "json") ctx.Out.WriteLine(ScheduleFiles.ToJson(Json(s, result, seconds)));
            else WriteTable(ctx.Console, s, result, seconds, parse.GetValue(output));
            return CliApp.Ok;
        });
        return cmd;
    }


    private static void WriteFiles(string dir, PairScenario s, PairPrecomputeResult r)
    {
        var table = new StringBuilder(string.Join(',', TableColumns)).Append('\n');
        foreach (var l in r.Links)
            table.Append(s.Name).Append(',').Append(l.Pair).Append(',').Append(string.Join(',', l.Table1Row().Select(v => v is { } x ? TextFormat.Number(x) : ""))).Append('\n');
        AtomicFolder.Write(dir, name => name == TableFileName || (name.StartsWith(BestPassPrefix, StringComparison.Ordinal) && name.EndsWith(".csv", StringComparison.Ordinal)),
            staging => Write(staging, r, table.ToString()));
    }

    private static void Write(string dir, PairPrecomputeResult r, string table)
    {
        AtomicFile.WriteAllText(Path.Combine(dir, TableFileName), table);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var l in r.Links)
        {
            var sb = new StringBuilder(BestPassHeader).Append('\n');
            foreach (var row in l.BestPass)
                sb.Append(TextFormat.Utc(row.Utc)).Append(',').Append(string.Join(',', new[] { row.ElevationADeg, row.ElevationBDeg, row.LossADb, row.LossBDb, row.DualLossDb, row.PairsPerSecond }
                    .Select(v => double.IsPositiveInfinity(v) ? "inf" : TextFormat.Number(Math.Round(v, 6))))).Append('\n');
            AtomicFile.WriteAllText(Path.Combine(dir, BestPassFileName(l.Pair, used)), sb.ToString());
        }
    }

    /// <summary>
    /// best-pass-A-B.csv from a pair id: station names may hold characters no file name may (a slash,
    /// a colon), so anything but letters, digits, '.', '_' and '-' becomes '_'; a name taken already
    /// (two pairs that read the same after that) gets a number.
    /// </summary>
    public static string BestPassFileName(string pair, ISet<string> used)
    {
        var safe = new string(pair.Replace('|', '-').Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_').ToArray()).Trim('.');
        var name = BestPassPrefix + safe + ".csv";
        for (var i = 2; !used.Add(name); i++) name = $"{BestPassPrefix}{safe}-{i}.csv";
        return name;
    }

    private static JsonObject Json(PairScenario s, PairPrecomputeResult r, double seconds)
    {
        var pairs = new JsonArray();
        foreach (var l in r.Links)
        {
            var o = new JsonObject { ["pair"] = l.Pair };
            var values = l.Table1Row();
            for (var i = 0; i < values.Count; i++) o[TableColumns[i + 2]] = values[i];
            o["best_pass_start"] = l.BestPass.Count > 0 ? TextFormat.Utc(l.BestPass[0].Utc) : null;
            o["best_pass_seconds"] = l.BestPass.Count * s.IntegrationSeconds;
            o["near_field_samples"] = l.NearFieldSamples;
            if (Weather(s, l) is { } w)
                o["weather"] = new JsonObject
                {
                    ["days"] = w.Days, ["threshold_percent"] = s.CloudThresholdPercent, ["p_clear_a"] = w.ClearA, ["p_clear_b"] = w.ClearB,
                    ["p_clear_both"] = w.ClearBoth, ["pearson"] = double.IsFinite(w.Pearson) ? w.Pearson : null, ["dual_link_days_per_year"] = w.DualDaysPerYear,
                };
            pairs.Add(o);
        }

        var json = new JsonObject { ["scenario"] = s.Name, ["period_years"] = s.PeriodYears, ["pairs"] = pairs, ["wall_seconds"] = seconds };
        if (HapOptimum(s) is { } hap) json["hap_optimum"] = new JsonObject { ["w0_m"] = hap.W0, ["w_l_m"] = hap.WL };
        return json;
    }

    /// <summary>Seed 004 Appendix C for a pair, when the scenario has a cloud cover.</summary>
    private static DualWeatherStatistics? Weather(PairScenario s, PairLinkSummary l)
    {
        if (s.Cover == null) return null;
        var pair = s.Pairs.First(p => p.Id == l.Pair);
        return DualWeatherStatistics.Compute(s.Cover, pair.StationA, pair.StationB, s.StartUtc, s.EndUtc, s.CloudThresholdPercent);
    }

    /// <summary>Seed 004 eq. (5): the HAP transmit waist that minimises the long-term waist on the ground.</summary>
    private static (double W0, double WL)? HapOptimum(PairScenario s)
    {
        if (s.Relays.Kind != RelayKind.Haps) return null;
        var height = s.Relays.HapAltitudeKm;
        var (w0, wl) = LongTermBeam.Optimum(s.Relays.HapLink!, height, height, 0);
        return (w0, wl);
    }

    private static void WriteTable(IAnsiConsole c, PairScenario s, PairPrecomputeResult r, double seconds, string? dir)
    {
        var inv = CultureInfo.InvariantCulture;
        c.WriteLine($"{s.Name}: source {s.Source.Spec.Description}");
        var table = new Table().AddColumns("pair", "access (s/yr)", "mean dual loss (dB)", "aperture pairs/yr", "SMF pairs/yr", "QBER (model)",
            "key/yr (model)", $"key/yr at {s.ReferenceQber:0.#%}", $"S − 3ΔS at {s.ReferenceQber:0.#%}");
        foreach (var l in r.Links)
            table.AddRow(Markup.Escape(l.Pair), l.PerYear(l.AccessSeconds).ToString("0.###e+0", inv), l.MeanDualLossDb.ToString("0.0", inv),
                l.PerYear(l.AperturePairs).ToString("0.##e+0", inv), l.PerYear(l.CoupledPairs).ToString("0.##e+0", inv),
                double.IsFinite(l.ModelledQber) ? l.ModelledQber.ToString("0.00%", inv) : "-",
                l.SecretBitsModelledPerYear.ToString("0.##e+0", inv), l.SecretBitsReferencePerYear.ToString("0.##e+0", inv),
                l.BellReference is { } b ? b.SMinus3DeltaS.ToString("0.00", inv) : "-");
        c.Write(table);
        foreach (var l in r.Links)
            if (Weather(s, l) is { } w)
                c.WriteLine(string.Create(inv,
                    $"{l.Pair} weather ({s.Cover!.Description}): days below {s.CloudThresholdPercent} % cloud: {w.ClearA:0.0%} and {w.ClearB:0.0%}, both {w.ClearBoth:0.0%} = {w.DualDaysPerYear:0} days/year; Pearson ρ = {w.Pearson:0.000} (Appendix C)"));
        if (HapOptimum(s) is { } hap)
            c.WriteLine(string.Create(inv, $"HAP downlink (eq. 5): the long-term waist is smallest, W_L = {hap.WL * 100:0.0} cm, at W₀ = {hap.W0 * 100:0.0} cm"));
        c.WriteLine(string.Create(inv, $"{s.PeriodYears:0.##} years, {s.IntegrationSeconds} s steps, {seconds:0.0} s{(dir != null ? $"; wrote {Path.Combine(dir, TableFileName)} and the best passes" : "")}"));
    }
}
