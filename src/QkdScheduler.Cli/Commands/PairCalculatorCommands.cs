using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using QkdScheduler.Core;
using QkdScheduler.Core.IO;
using QkdScheduler.KeyRates.Entanglement;
using QkdScheduler.Links.Coupling;
using QkdScheduler.Links.Friis;
using Spectre.Console;

namespace QkdScheduler.Cli.Commands;

/// <summary>
/// Seed 004's calculators over detected pairs N and QBER Q (its Fig. 7):
/// <c>qkdsched finitekey --pairs N --qber Q</c> (eq. 11) and <c>qkdsched chsh --pairs N --qber Q</c>
/// (eq. 12), each for a grid of N × Q (<see cref="NumberRange"/>), with the minimum N for a key or
/// a violation at each Q; <c>--format table|json|csv</c>.
/// </summary>
public static class PairCalculatorCommands
{
    private const string DefaultPairs = "1e3:1e8:x10";

    public static Command FiniteKey(CliContext ctx)
    {
        var (pairs, qber, format, output) = GridOptions();
        var parameters = new ParameterOptions(KeyRates.Entanglement.FiniteKey.Rules);
        var cmd = new Command("finitekey", "Finite secret key of entanglement-based QKD from N detected pairs at QBER Q (seed 004 eq. 11, Fig. 7a)") { pairs, qber, format, output };
        parameters.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var model = new FiniteKey(parameters.Read(parse));
            var (ns, qs) = Grid(parse, pairs, qber);
            var minimum = qs.ToDictionary(q => q, model.MinimumPairs);
            string[] columns = ["qber", "pairs", "sifted_pairs", "test_pairs", "mu", "leak_ec_bits", "secret_bits", "min_pairs_for_key"];
            var rows = (from q in qs
                        from n in ns
                        let p = model.Evaluate(n, q)
                        select new double?[] { q, n, p.SiftedPairs, p.TestPairs, p.StatisticalDeviation, p.ErrorCorrectionLeak, Math.Max(0, p.Length), minimum[q] }).ToList();
            return Write(ctx, parse, format, output, columns, rows,
                ["QBER", "pairs N", "n = P_X²N", "μ", "Leak_EC (bits)", "secret bits", "min N for a key"], [0, 1, 2, 4, 5, 6, 7]);
        });
        return cmd;
    }

    public static Command Chsh(CliContext ctx)
    {
        var (pairs, qber, format, output) = GridOptions();
        var cmd = new Command("chsh", "CHSH Bell test with 3σ from N detected pairs at QBER Q: S, ΔS, S − 3ΔS (seed 004 eq. 12, Fig. 7b)") { pairs, qber, format, output };
        cmd.SetAction(parse =>
        {
            var (ns, qs) = Grid(parse, pairs, qber);
            string[] columns = ["qber", "pairs", "visibility", "s", "delta_s", "s_minus_3delta_s", "violates", "min_pairs_for_violation"];
            var rows = (from q in qs
                        from n in ns
                        let p = KeyRates.Entanglement.Chsh.Evaluate(n, q)
                        select new double?[] { q, n, p.Visibility, p.S, p.DeltaS, p.SMinus3DeltaS, p.Violates ? 1 : 0, KeyRates.Entanglement.Chsh.MinimumPairs(q) }).ToList();
            return Write(ctx, parse, format, output, columns, rows,
                ["QBER", "pairs N", "V", "S", "ΔS", "S − 3ΔS", "violates", "min N for S − 3ΔS ≥ 2"], [0, 1, 2, 3, 4, 5, 6, 7]);
        });
        return cmd;
    }

    /// <summary>
    /// <c>qkdsched coupling</c>: seed 004 Fig. 9 — the Fried parameter r₀ (eq. 13) and the mean SMF
    /// coupling behind AO correcting J modes, without (eq. 16) and with (eq. 18) the fitting error, over
    /// the elevations of a downlink from a satellite at <c>--altitude-km</c>.
    /// </summary>
    public static Command Coupling(CliContext ctx)
    {
        var elevation = new Option<string>("--elevation-deg") { Description = "elevations: a value or FROM:TO:STEP (default 30:90:10)", DefaultValueFactory = _ => "30:90:10" };
        var altitude = new Option<double>("--altitude-km") { Description = "transmitter altitude above the station, km (default 1200)", DefaultValueFactory = _ => 1200 };
        OptionRange.Require(altitude, v => v is > 0 and <= 1e6, "--altitude-km must be above 0 and at most 1e6 km");
        var transmitter = new Option<double>("--transmitter-aperture-m") { Description = "transmit aperture D_t, m (default 0.5)", DefaultValueFactory = _ => 0.5 };
        OptionRange.Require(transmitter, v => v is > 0 and <= 100, "--transmitter-aperture-m must be above 0 and at most 100 m");
        var receiver = new Option<double>("--aperture-m") { Description = "receiver aperture D_r, m (default 1)", DefaultValueFactory = _ => 1.0 };
        OptionRange.Require(receiver, v => v is > 0 and <= 100, "--aperture-m must be above 0 and at most 100 m");
        var (format, output) = FormatOptions();
        var link = new ParameterOptions(FriisLink.Rules);
        var modes = new ParameterOptions([AdaptiveOpticsCoupling.Modes]);
        var cmd = new Command("coupling", "Fried parameter and AO fibre coupling against elevation (seed 004 eq. 13, 16, 18; Fig. 9)") { elevation, altitude, transmitter, receiver, format, output };
        link.AddTo(cmd);
        modes.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var friis = new FriisLink(link.Read(parse));
            var j = (int)modes.Read(parse)[AdaptiveOpticsCoupling.Modes];
            var withoutFitting = new AdaptiveOpticsCoupling(j, fittingError: false);
            var withFitting = new AdaptiveOpticsCoupling(j, fittingError: true);
            var heightKm = parse.GetValue(altitude);
            var dr = parse.GetValue(receiver);
            var rows = new List<double?[]>();
            foreach (var el in NumberRange.Parse(parse.GetValue(elevation)!, "--elevation-deg", v => v is > 0 and <= 90, "above 0 and at most 90").Distinct())
            {
                var range = heightKm / Math.Sin(el * Math.PI / 180); // flat-Earth slant range: r₀ hardly depends on it
                var beam = friis.Beam(range, parse.GetValue(transmitter));
                var r0 = friis.FriedParameterM(beam, el, heightKm, 0);
                rows.Add([el, r0 * 100, friis.TurbulenceT(beam, el, heightKm, 0), withoutFitting.Efficiency(dr, r0), withFitting.Efficiency(dr, r0)]);
            }

            string[] columns = ["elevation_deg", "r0_cm", "turbulence_t", "coupling_eq16", "coupling_eq18"];
            return Write(ctx, parse, format, output, columns, rows,
                ["elevation (°)", "r₀ (cm)", "T (eq. 4)", $"η_SMF eq. 16 (J = {j})", $"η_SMF eq. 18 (n_r = {withFitting.RadialOrder})"], [0, 1, 2, 3, 4]);
        });
        return cmd;
    }

    private static (Option<string> Pairs, Option<string> Qber, Option<string> Format, Option<string?> Output) GridOptions()
    {
        var pairs = new Option<string>("--pairs") { Description = $"detected pairs N: a value, FROM:TO:STEP or FROM:TO:xFACTOR (default {DefaultPairs})", DefaultValueFactory = _ => DefaultPairs };
        var qber = new Option<string>("--qber") { Description = "QBER Q within [0, 0.5): a value or a range such as 0.01:0.09:0.01 (default 0.05)", DefaultValueFactory = _ => "0.05" };
        var (format, output) = FormatOptions();
        return (pairs, qber, format, output);
    }

    private static (Option<string> Format, Option<string?> Output) FormatOptions()
    {
        var format = new Option<string>("--format") { Description = "table, json or csv", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var output = new Option<string?>("--out") { Description = "write the csv or json to this file (atomically)" };
        return (format, output);
    }

    private static (IReadOnlyList<double> Pairs, IReadOnlyList<double> Qbers) Grid(ParseResult parse, Option<string> pairs, Option<string> qber)
    {
        var ns = NumberRange.Parse(parse.GetValue(pairs)!, "--pairs", v => v >= 1 && v <= KeyRates.Entanglement.FiniteKey.MaxPairs, "at least 1 and at most 1e18").Distinct().ToList();
        var qs = NumberRange.Parse(parse.GetValue(qber)!, "--qber", v => v is >= 0 and < 0.5, "within [0, 0.5)").Distinct().ToList();
        if ((long)ns.Count * qs.Count > NumberRange.MaxPoints)
            throw new InputException(null, null, $"--pairs × --qber makes {(long)ns.Count * qs.Count} points; at most {NumberRange.MaxPoints}");
        return (ns, qs);
    }

    private static int Write(CliContext ctx, ParseResult parse, Option<string> format, Option<string?> output, string[] columns, List<double?[]> rows, string[] headings, int[] shown)
    {
        var fmt = parse.GetValue(format);
        var outPath = parse.GetValue(output);
        if (fmt == "table")
        {
            if (outPath != null) throw new InputException(null, null, "--out needs --format csv or json");
            var table = new Table();
            foreach (var h in headings) table.AddColumn(new TableColumn(Markup.Escape(h)).RightAligned());
            foreach (var r in rows) table.AddRow(shown.Select(i => Markup.Escape(Show(columns[i], r[i]))).ToArray());
            ctx.Console.Write(table);
            return CliApp.Ok;
        }

        string text;
        if (fmt == "csv")
        {
            var sb = new StringBuilder(string.Join(',', columns)).Append('\n');
            foreach (var r in rows) sb.Append(string.Join(',', r.Select(v => v is { } x ? TextFormat.Number(x) : ""))).Append('\n');
            text = sb.ToString();
        }
        else
        {
            var array = new JsonArray(rows.Select(r => (JsonNode)new JsonObject(columns.Select((c, i) => KeyValuePair.Create(c, r[i] is { } x ? (JsonNode?)x : null)))).ToArray());
            text = ScheduleFiles.ToJson(new JsonObject { ["points"] = array }) + "\n";
        }

        if (outPath != null) OutputFile.Write(ctx, outPath, text);
        else ctx.Out.Write(text);
        return CliApp.Ok;
    }

    private static string Show(string column, double? v) => v switch
    {
        null => "none",
        { } x when column == "violates" => x == 1 ? "yes" : "no",
        { } x when column is "qber" or "coupling_eq16" or "coupling_eq18" => x.ToString("0.###%", CultureInfo.InvariantCulture),
        { } x when column is "pairs" or "sifted_pairs" or "test_pairs" or "leak_ec_bits" or "secret_bits" or "min_pairs_for_key" or "min_pairs_for_violation" =>
            x >= 1e7 ? x.ToString("0.###e+0", CultureInfo.InvariantCulture) : x.ToString("N0", CultureInfo.InvariantCulture),
        { } x => x.ToString("0.#####", CultureInfo.InvariantCulture),
    };
}
