using System.CommandLine;
using System.Globalization;
using System.Text;
using QkdScheduler.Core;
using QkdScheduler.Core.IO;
using QkdScheduler.KeyRates.DecoyBb84;
using QkdScheduler.Links;
using Spectre.Console;

namespace QkdScheduler.Cli.Commands;

/// <summary>
/// <c>qkdsched keyrate --loss-db FROM:TO:STEP</c>: decoy-state BB84 secret key rate against the whole
/// loss from source to detector click (η = 10^(−loss/10), detector efficiency included).
/// </summary>
public static class KeyRateCommand
{
    public const string CsvHeader = "loss_db,rate_bps";

    public static Command Create(CliContext ctx)
    {
        var loss = new Option<string>("--loss-db") { Description = "FROM:TO:STEP in dB (e.g. 20:50:1), or one value", Required = true };
        var format = new Option<string>("--format") { Description = "table or csv", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv");
        var output = new Option<string?>("--out") { Description = "write the CSV to this file (atomically)" };
        var parameters = new ParameterOptions(DecoyBb84Protocol.Rules);
        var cmd = new Command("keyrate", "Secret key rate of decoy-state BB84 (GLLP, vacuum + weak decoy) against total loss") { loss, format, output };
        parameters.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var protocol = DecoyBb84Protocol.From(parameters.Read(parse));
            var points = LossRange(parse.GetValue(loss)!).Select(db => (Db: db, Rate: protocol.BitsPerSecond(Decibels.ToTransmittance(db)))).ToList();
            var fmt = parse.GetValue(format);
            var outPath = parse.GetValue(output);
            if (fmt == "csv")
            {
                var sb = new StringBuilder(CsvHeader).Append('\n');
                foreach (var (db, rate) in points) sb.Append(TextFormat.Number(Math.Round(db, 9))).Append(',').Append(TextFormat.Number(rate)).Append('\n');
                if (outPath != null) OutputFile.Write(ctx, outPath, sb.ToString());
                else ctx.Out.Write(sb.ToString());
                return CliApp.Ok;
            }

            if (outPath != null) throw new InputException(null, null, "--out needs --format csv");
            var table = new Table().AddColumns("loss (dB)", "η", "Q_μ", "E_μ", "Y₁ lower", "e₁ upper", "secret bits/s");
            foreach (var (db, _) in points)
            {
                var p = protocol.Evaluate(Decibels.ToTransmittance(db));
                table.AddRow(F(db, "0.###"), F(p.Transmittance, "0.###e+0"), F(p.SignalGain, "0.###e+0"), F(p.SignalErrorRate, "0.0000"),
                    F(p.SinglePhotonYieldLower, "0.###e+0"), F(p.SinglePhotonErrorUpper, "0.0000"), F(p.BitsPerSecond, "N1"));
            }

            ctx.Console.Write(table);
            return CliApp.Ok;
        });
        return cmd;
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Parses FROM:TO:STEP (inclusive of TO when the steps land on it) or a single value, in dB.</summary>
    public static IReadOnlyList<double> LossRange(string text) => NumberRange.Parse(text, "--loss-db", v => v >= 0, "0 dB or more");
}
