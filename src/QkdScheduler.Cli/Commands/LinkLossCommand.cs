using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using QkdScheduler.Core;
using QkdScheduler.Core.IO;
using QkdScheduler.Links.GaussianBeam;
using QkdScheduler.Links.Weather;
using Spectre.Console;

namespace QkdScheduler.Cli.Commands;

/// <summary><c>qkdsched linkloss</c>: the seed 000 link budget at one range and elevation, term by term.</summary>
public static class LinkLossCommand
{
    public static Command Create(CliContext ctx)
    {
        var range = new Option<double>("--range-km") { Description = "slant range satellite–station, km", Required = true };
        var elevation = new Option<double>("--elevation-deg") { Description = "elevation of the satellite, degrees (0 < E <= 90)", Required = true };
        var cloud = new Option<double>("--cloud-index") { Description = "cloud optical thickness index α, 0 (clear) .. 150 (overcast, no link); seed 000 eq. 3", DefaultValueFactory = _ => 0 };
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var parameters = new ParameterOptions(GaussianBeamLink.Rules);
        var cmd = new Command("linkloss", "Downlink loss budget of the seed 000 Gaussian-beam model at one range and elevation") { range, elevation, cloud, format };
        parameters.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var rangeKm = parse.GetValue(range);
            var elevationDeg = parse.GetValue(elevation);
            var alpha = parse.GetValue(cloud);
            if (!(rangeKm > 0) || !double.IsFinite(rangeKm)) throw new InputException(null, null, $"--range-km {rangeKm} must be a positive number of km");
            if (!(elevationDeg > 0 && elevationDeg <= 90)) throw new InputException(null, null, $"--elevation-deg {elevationDeg} must be above 0 and at most 90 degrees");
            if (!(alpha >= 0 && alpha <= CloudLoss.Overcast)) throw new InputException(null, null, $"--cloud-index {alpha} must be within 0..150");
            var link = GaussianBeamLink.From(parameters.Read(parse));
            var b = link.Budget(rangeKm, elevationDeg, CloudLoss.FromIndexDb(alpha));
            (string Name, double Db)[] terms =
            [
                ("geometric_db", b.GeometricDb), ("atmospheric_db", b.AtmosphericDb), ("pointing_db", b.PointingDb),
                ("coupling_db", b.CouplingDb), ("detection_db", b.DetectionDb), ("cloud_db", b.CloudDb), ("total_db", b.TotalDb),
            ];
            if (parse.GetValue(format) == "json")
            {
                var json = new JsonObject();
                // JSON has no infinity: a blocked link (α = 150) is null.
                foreach (var (name, db) in terms) json[name] = double.IsFinite(db) ? Math.Round(db, 6) : null;
                json["transmittance"] = b.Transmittance;
                ctx.Out.WriteLine(ScheduleFiles.ToJson(json));
                return CliApp.Ok;
            }

            ctx.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"range {rangeKm} km, elevation {elevationDeg}°, divergence {link.DivergenceUrad} µrad, λ {link.WavelengthNm} nm, receiver {link.ReceiverDiameterM} m, beam radius {link.BeamRadiusM(rangeKm):0.###} m"));
            var table = new Table().AddColumns("term", "loss (dB)");
            foreach (var (name, db) in terms)
                table.AddRow(name, double.IsFinite(db) ? db.ToString("0.000", CultureInfo.InvariantCulture) : "inf (blocked)");
            ctx.Console.Write(table);
            return CliApp.Ok;
        });
        return cmd;
    }
}
