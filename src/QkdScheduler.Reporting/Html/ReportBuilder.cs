using System.Globalization;
using System.Text.Json.Nodes;
using QkdScheduler.Core;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.KeyRates.Entanglement;
using QkdScheduler.Links;
using QkdScheduler.Precompute.Pairs;
using QkdScheduler.Precompute.Reports;
using QkdScheduler.Reporting.Charts;
using QkdScheduler.Reporting.Exporters;
using QkdScheduler.Reporting.Plans;

namespace QkdScheduler.Reporting.Html;

/// <summary>
/// <c>qkdsched report</c>'s page: one section per input folder (instance, solve, bench), each with its tables and
/// the charts that belong to them. A solve is drawn on the instance of the same name among the inputs.
/// </summary>
public static class ReportBuilder
{
    /// <summary>Contacts listed in a solve's table; the rest are in contacts.csv.</summary>
    public const int ContactRows = 200;

    /// <param name="provenOptimum">An exact optimum where one is cheap to prove (the CLI passes the dp's for one satellite, gd and pd), to check "optimal" and bound claims; null otherwise.</param>
    public static string Build(IReadOnlyList<ReportInput> inputs, DateTime createdUtc, IProgress<double>? progress = null, Func<Problem, Strategy, double?>? provenOptimum = null)
    {
        var instances = inputs.OfType<InstanceInput>().ToList();
        foreach (var solve in inputs.OfType<SolveInput>())
            if (!instances.Any(i => Serves(i, solve)))
                throw new InputException(solve.Dir, null,
                    $"is a solve of instance '{solve.Instance}', which is not among the report's folders; give its instance folder too (qkdsched report INSTANCE_DIR {solve.Dir})");

        var doc = new HtmlDocument("QkdScheduler report");
        doc.Paragraph($"Created {createdUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC from: {string.Join(", ", inputs.Select(i => i.Dir))}.", "note");
        // What an operator needs first: the plans' first day per station, their key, their risks; research tables follow.
        foreach (var solve in inputs.OfType<SolveInput>()) Operations(doc, solve, InstanceOf(solve, instances));
        for (var i = 0; i < inputs.Count; i++)
        {
            switch (inputs[i])
            {
                case InstanceInput instance:
                    Instance(doc, instance);
                    break;
                case SolveInput solve:
                    Solve(doc, solve, InstanceOf(solve, instances), provenOptimum);
                    break;
                case BenchInput bench:
                    Bench(doc, bench);
                    break;
                case SweepInput sweep:
                    Sweep(doc, sweep);
                    break;
                case EntanglementInput entanglement:
                    doc.Heading(2, "Entanglement links (seed 004 Table 1)");
                    doc.Paragraph($"From {entanglement.Dir}: one row per station pair.", "note");
                    doc.Table(entanglement.Columns, entanglement.Rows);
                    if (entanglement.BestPassFiles.Count > 0)
                        doc.Paragraph($"The best pass of each pair, second by second: {string.Join(", ", entanglement.BestPassFiles)}.");
                    break;
            }

            progress?.Report((i + 1.0) / inputs.Count);
        }

        return doc.Render();
    }

    /// <summary>
    /// Whether <paramref name="instance"/> is the instance <paramref name="solve"/> ran on: the folder its result.json names,
    /// or an instance of its name (a solve under <c>--min-contact-seconds</c> names its instance <c>NAME@min-contact-L</c>).
    /// </summary>
    public static bool Serves(InstanceInput instance, SolveInput solve) =>
        (solve.InstanceDir is { } dir && Path.GetFullPath(dir) == Path.GetFullPath(instance.Dir))
        || instance.Problem.Name == solve.Instance || solve.Instance.StartsWith(instance.Problem.Name + "@min-contact-", StringComparison.Ordinal);

    /// <summary>The solve's instance under the rules it ran with (its minimum contact length).</summary>
    private static InstanceInput InstanceOf(SolveInput solve, IReadOnlyList<InstanceInput> instances)
    {
        var instance = instances.Where(i => Serves(i, solve)).OrderByDescending(i => i.Problem.Name == solve.Instance).First();
        return solve.MinContactIntervals is { } l && l != instance.Problem.MinContactIntervals
            ? instance with { Problem = instance.Problem.WithMinContactIntervals(l, solve.Instance) }
            : instance;
    }

    /// <summary>Contacts shorter than this are flagged as a risk in the operations summary: acquisition takes tens of seconds.</summary>
    public const double ShortContactSeconds = 60;

    /// <summary>Contacts whose highest elevation is below this are flagged: long air paths, terrain and buildings.</summary>
    public const double LowElevationDeg = 20;

    /// <summary>
    /// The operations summary of a solve: per station the contacts of the plan's first 24 hours (when, which satellite,
    /// how much key, how high), the key each station gets over the whole plan, and the risks an operator should see:
    /// short contacts, low passes, elements far from the period.
    /// </summary>
    private static void Operations(HtmlDocument doc, SolveInput input, InstanceInput instance)
    {
        var p = instance.Problem;
        if (!Validator.Check(p, input.Schedule).IsValid) return; // the solve's own section says why
        var pointing = Plans.Pointing.For(p, Path.Combine(instance.Dir, InstanceFiles.InstanceFileName));
        var plan = ContactPlan.Build(p, input.Schedule, instance.Geometry, pointing);
        doc.Heading(2, $"Operations: {input.Solver} / {input.Strategy.ToName()} on {p.Name}");
        var dayEnd = p.StartUtc.AddDays(1);
        var first = plan.Contacts.Where(c => c.StartUtc < dayEnd).ToList();
        doc.Paragraph($"The first 24 hours ({TextFormat.Utc(p.StartUtc)} to {TextFormat.Utc(dayEnd)}): {first.Count} contacts. Times in UTC; the key in {p.KeyUnit}.");
        doc.Table(["station", "start", "end", "satellite", "expected key", "highest elevation (deg)", "AOS / LOS azimuth (deg)"],
            first.SelectMany(c => c.Stations.Select(g => (Station: g, Contact: c)))
                .OrderBy(x => x.Station, StringComparer.Ordinal).ThenBy(x => x.Contact.StartUtc)
                .Select(x =>
                {
                    var pass = x.Contact.Geometry?.FirstOrDefault(g => g.Station == x.Station);
                    return (IReadOnlyList<string>)[x.Station, Clock(x.Contact.StartUtc), Clock(x.Contact.EndUtc), x.Contact.SatelliteName ?? "-",
                        ContactCalendar.Key(x.Contact.Keys, p.KeyUnit), pass != null ? F(pass.MaxElevationDeg, "0.0") : "-",
                        pass?.AosAzimuthDeg is { } a && pass.LosAzimuthDeg is { } b ? $"{F(a, "0")} / {F(b, "0")}" : "-"];
                }));
        var perStation = plan.Contacts.SelectMany(c => c.Stations.Select(g => (Station: g, c.Keys, c.DurationSeconds)))
            .GroupBy(x => x.Station, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        doc.Table(["station", "contacts", "time (min)", $"expected key over the plan"],
            perStation.Select(g => (IReadOnlyList<string>)[g.Key, g.Count().ToString(CultureInfo.InvariantCulture), F(g.Sum(x => x.DurationSeconds) / 60, "0.0"),
                ContactCalendar.Key(g.Sum(x => x.Keys), p.KeyUnit)]));

        var risks = new List<string>();
        var shortOnes = plan.Contacts.Count(c => c.DurationSeconds < ShortContactSeconds);
        if (shortOnes > 0)
            risks.Add($"{shortOnes} of {plan.Contacts.Count} contacts last less than {ShortContactSeconds:0} s; a telescope may not acquire in time (solve with --min-contact-seconds)");
        var low = plan.Contacts.Count(c => c.Geometry is { Count: > 0 } g && g.Max(x => x.MaxElevationDeg) < LowElevationDeg);
        if (low > 0) risks.Add($"{low} contacts never rise above {LowElevationDeg:0}° elevation: long air paths, and terrain or buildings may block them");
        if (pointing != null)
        {
            var end = p.IntervalStartUtc(p.IntervalCount);
            foreach (var e in pointing.Satellites)
                if (Orbits.Tle.ElementAge.Of(e.Name, "element set", e.EpochUtc, p.StartUtc, end) is { NeedsWarning: true } age)
                    risks.Add($"{age.Text}: positions drift with the distance from the epoch; use fresher elements before flying the plan");
        }
        else risks.Add("the instance records no orbit: contact azimuths and times come from geometry.csv, if at all, and no pointing file can be made");
        doc.Paragraph(risks.Count == 0 ? "Risks: none flagged." : "Risks: " + string.Join("; ", risks) + ".", risks.Count == 0 ? "note" : "warning");
    }

    private static string Clock(DateTime t) => t.ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// A sweep: its table, and for a constellation sweep (a <c>satellites</c> column) the key against constellation
    /// size: the most the stations could get in total (K summed over satellites) and what each solver delivered.
    /// </summary>
    private static void Sweep(HtmlDocument doc, SweepInput sweep)
    {
        doc.Heading(2, $"Sweep {sweep.Name}");
        doc.Table(sweep.Columns, sweep.Rows);
        var size = sweep.Column("satellites");
        if (size < 0) return;
        static double Number(string text) => TextFormat.TryParseDouble(text, out var v) ? v : double.NaN;
        var x = sweep.Rows.Select(r => Number(r[size])).ToArray();
        var series = new List<(string Label, double[] Y)>();
        if (sweep.Column("total_key_bits") is var total and >= 0) series.Add(("most key (K over all satellites)", sweep.Rows.Select(r => Number(r[total])).ToArray()));
        foreach (var (column, i) in sweep.Columns.Select((c, i) => (c, i)).Where(c => c.c.EndsWith("_objective", StringComparison.Ordinal)))
            series.Add((column[..^"_objective".Length].Replace('_', ' ') + " delivered", sweep.Rows.Select(r => Number(r[i])).ToArray()));
        doc.Chart("constellation-size", SweepCharts.KeyAgainstSize(x, series, "bits"),
            "Each point is one Walker shell; several shells of one size (different planes) stand one above the other. Delivered key counts the receivers and slew; the most key does not.");

        if (SweepCharts.PerStation(sweep.Columns, sweep.Rows) is not { } perStation) return;
        doc.Chart("constellation-size-per-station", SweepCharts.KeyAgainstSize(x, perStation.Series, "bits", "Key per station against constellation size"),
            $"What {perStation.Solve.Replace('_', ' ')} delivers to each station against constellation size: where another satellite stops paying, and for whom.");
    }

    private static void Instance(HtmlDocument doc, InstanceInput input)
    {
        var p = input.Problem;
        doc.Heading(2, $"Instance {p.Name}");
        if (p.Description.Length > 0) doc.Paragraph(p.Description);
        doc.Facts([
            ("period", $"{TextFormat.Utc(p.StartUtc)}, {p.IntervalCount:N0} intervals of {p.IntervalSeconds:0.###} s"),
            ("switch intervals S", p.SwitchIntervals.ToString(CultureInfo.InvariantCulture)),
            ("key unit", p.KeyUnit),
            ("non-zeros of K", p.NonZeroCount.ToString("N0", CultureInfo.InvariantCulture)),
            .. p.Constellation is { } fleet
                ? (IEnumerable<(string, string)>)[
                    ("satellites", string.Join(", ", fleet.Satellites)),
                    ("receivers", string.Join(", ", p.Nodes.SelectMany(n => n.Stations).Distinct().Select(g => $"{g} {fleet.Receivers(g)}"))),
                    ("station switch intervals S_st", fleet.StationSwitchIntervals.ToString(CultureInfo.InvariantCulture)),
                    ("contended intervals", Contention.Of(p).Intervals.ToString("N0", CultureInfo.InvariantCulture))]
                : [],
            .. p.Provenance.Where(kv => kv.Key is "satellite" or "link" or "protocol" or "weather" or "visibility").Select(kv => (kv.Key, kv.Value)),
        ]);
        var runs = Enumerable.Range(0, p.Nodes.Count).Select(n => ScheduleCharts.VisibleRuns(p, n)).ToList();
        var available = p.TotalPerNode();
        doc.Table(["node", "stations", "weight w_n", "target q_n", "visible intervals", $"most key ({p.KeyUnit})"],
            p.Nodes.Select((n, i) => (IReadOnlyList<string>)[n.Id, string.Join(" + ", n.Stations), F(n.Weight, "0.####"), F(n.Share, "0.00%"),
                N(runs[i].Sum(r => r.Last - r.First + 1)), N(available[i])]));

        doc.Chart("visibility", ScheduleCharts.Timeline(p, null), p.IsConstellation
            ? "One lane per satellite, shaded where it could serve some node (K > 0)."
            : "Shaded: intervals in which the node could get key (K > 0).");
        var daily = DailyKeys.Compute(p);
        doc.Chart("available-per-day", ScheduleCharts.KeysPerDay(daily.Days, daily.Nodes, daily.Bits, p.KeyUnit, "Most key each node could get per day"),
            "Σ K[m, n] over the intervals starting each UTC day: the key a node gets if served whenever it is visible (seed 000 Fig. 7).");
        if (input.Geometry is { Count: > 0 } all)
        {
            // A constellation's pass and key-rate charts are those of its satellite with the most key, as its own instance.
            var geometry = all;
            var title = "";
            if (p.Constellation is { } constellation)
            {
                var s = Enumerable.Range(0, p.SatelliteCount).MaxBy(x => p.KeysOf(x).TotalPerNode().Sum());
                var id = constellation.Satellites[s];
                geometry = all.Where(g => g.Satellite == id).Select(g => g with { Satellite = null }).ToList();
                p = p.OneSatellite(s);
                runs = Enumerable.Range(0, p.Nodes.Count).Select(n => ScheduleCharts.VisibleRuns(p, n)).ToList();
                input = input with { Problem = p };
                title = $" (satellite {id}, the one with the most key)";
                doc.Paragraph($"The pass and key-rate charts below are those of {id}, the satellite with the most key.", "note");
            }

            var (node, first, last) = BestPass(p, runs);
            var stations = p.Nodes[node].Stations;
            var rows = geometry.Where(g => g.Interval >= first && g.Interval <= last && stations.Contains(g.Station)).ToList();
            if (rows.Count > 0)
                doc.Chart("pass", LinkCharts.Pass(rows, p.StartUtc, p.IntervalSeconds, $"The pass with the most key: {p.Nodes[node].Id}{title}"),
                    $"Link loss and elevation over the run of visible intervals with the most key ({p.Nodes[node].Id}, intervals {first}–{last}); seed 000 Fig. 5, seed 004 Fig. 6.");
            if (p.KeyUnit != PairPrecompute.KeyUnit) KeyRate(doc, input, geometry);
        }
        else
        {
            doc.Paragraph("No geometry.csv in this instance: no pass or key-rate charts.", "note");
        }

        if (p.KeyUnit == PairPrecompute.KeyUnit) FiniteKey(doc, p, null);
    }

    private static void KeyRate(HtmlDocument doc, InstanceInput input, IReadOnlyList<GeometryRow> geometry)
    {
        var p = input.Problem;
        var single = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < p.Nodes.Count; i++)
            if (p.Nodes[i].Stations.Count == 1) single[p.Nodes[i].Stations[0]] = i;
        var realised = geometry.Where(g => single.ContainsKey(g.Station) && double.IsFinite(g.LossDb))
            .Select(g => (g.LossDb, Rate: p.Keys[g.Interval, single[g.Station]] / p.IntervalSeconds)).ToList();
        List<(double, double)>? model = null;
        if (input.Protocol is { } protocol && realised.Count > 0)
        {
            var lo = Math.Floor(realised.Min(r => r.LossDb));
            var hi = Math.Ceiling(realised.Max(r => r.LossDb));
            model = Enumerable.Range(0, 101).Select(k => lo + (hi - lo) * k / 100.0).Select(db => (db, protocol.BitsPerSecond(Decibels.ToTransmittance(db)))).ToList();
        }

        doc.Chart("keyrate", LinkCharts.KeyRateAgainstLoss(realised, model, p.KeyUnit),
            "Points: K[m, n] / Δt against the interval's mean link loss. " +
            (model != null ? $"Line: the scenario's protocol at η = 10^(−loss/10) (seed 000 eq. 4), {input.Protocol!.Description}." : $"No model line: {input.ProtocolNote}."));
    }

    /// <summary>The run of visible intervals (K &gt; 0) with the most key over all nodes: (node, first, last).</summary>
    private static (int Node, int First, int Last) BestPass(Problem p, IReadOnlyList<IReadOnlyList<(int First, int Last)>> runs)
    {
        var best = (Node: 0, First: 0, Last: 0, Keys: -1.0);
        for (var n = 0; n < p.Nodes.Count; n++)
            foreach (var (first, last) in runs[n])
            {
                var keys = 0.0;
                for (var m = first; m <= last; m++) keys += p.Keys[m, n];
                if (keys > best.Keys) best = (n, first, last, keys);
            }

        return (best.Node, best.First, best.Last);
    }

    private static void Solve(HtmlDocument doc, SolveInput input, InstanceInput instance, Func<Problem, Strategy, double?>? provenOptimum)
    {
        var p = instance.Problem;
        var strategy = input.Strategy;
        var eps = input.ShareTolerance;
        var metrics = MetricsCalculator.Compute(p, input.Schedule, eps);
        var check = Validator.Check(p, input.Schedule, strategy, eps);
        doc.Heading(2, $"Solve {input.Solver} / {strategy.ToName()} on {p.Name}");
        if (!check.IsValid) doc.Paragraph($"The validator rejects this schedule: {check.Violation}", "warning");
        var wrong = SolveClaims.Check(input, p, metrics, provenOptimum);
        foreach (var claim in wrong) doc.Paragraph($"result.json does not match the schedule: {claim}.", "warning");
        var claimsHold = wrong.Count == 0;
        var objective = metrics.Objective(strategy);
        doc.Facts([
            ("folder", input.Dir),
            ("status", (claimsHold ? input.Status : $"{input.Status} (claimed; see the warnings above)") + (input.Message is { } m ? $" ({m})" : "")),
            ("objective", N(objective)),
            ("bound / gap", input.Bound is { } b && claimsHold
                ? $"{N(b)} / {(b != 0 ? (b - objective) / Math.Abs(b) : 0).ToString("0.####%", CultureInfo.InvariantCulture)}"
                : input.Bound is { } claimed ? $"- ({N(claimed)} claimed, not shown as a bound)" : "- (no proven bound)"),
            ($"total E ({p.KeyUnit})", N(metrics.TotalBits)),
            ("KL(p‖q)", metrics.KlDivergence is { } kl ? F(kl, "0.######") : "-"),
            ("traffic index", N(metrics.TrafficIndex)),
            ("switches", metrics.Switches.ToString(CultureInfo.InvariantCulture)),
            ("wall time", $"{input.WallSeconds:0.000} s"),
        ]);
        var total = metrics.TotalBits;
        doc.Table(["node", $"E_n ({p.KeyUnit})", "share p_n", "target q_n"],
            p.Nodes.Select((n, i) => (IReadOnlyList<string>)[n.Id, N(metrics.PerNodeBits[i]), total > 0 ? F(metrics.PerNodeBits[i] / total, "0.00%") : "-", F(n.Share, "0.00%")]));

        doc.Chart("timeline", ScheduleCharts.Timeline(p, input.Schedule), p.IsConstellation
            ? "One lane per satellite. Grey: the satellite could serve some node (K > 0); coloured: its contacts, by node."
            : "Grey: visible (K > 0); dark: the schedule's contacts.");
        doc.Chart("shares", ScheduleCharts.SharesAgainstTargets(p, metrics, strategy == Strategy.Td ? eps : null),
            strategy == Strategy.Td ? "S-TD keeps every share within the band q_n(1 ± ε)." : "Shares of the delivered key against the target shares (not a constraint of this strategy).");
        var delivered = DailyKeys.Delivered(p, input.Schedule);
        doc.Chart("delivered-per-day", ScheduleCharts.KeysPerDay(delivered.Days, delivered.Nodes, delivered.Bits, p.KeyUnit, "Key delivered per node per day"),
            "Σ K[m, n] over the served intervals starting each UTC day (seed 000 Fig. 8 shape).");
        if (input.History is { Count: > 0 } history)
        {
            var second = SecondSeries(input.Solver);
            doc.Chart("convergence", ScheduleCharts.Convergence([(input.Solver, history)], ObjectiveUnit(p, strategy), "Convergence", second),
                $"Best objective so far and the {second} per iteration.");
        }

        if (p.KeyUnit == PairPrecompute.KeyUnit) FiniteKey(doc, p, metrics);

        if (!check.IsValid) return; // no contact plan for a schedule the validator rejects
        var plan = ContactPlan.Build(p, input.Schedule, instance.Geometry);
        doc.Heading(3, $"Contact plan ({plan.Contacts.Count} contacts)");
        doc.Table(["node", "stations", "start (UTC)", "end (UTC)", "duration (s)", $"key ({p.KeyUnit})", "max elevation (deg)"],
            plan.Contacts.Take(ContactRows).Select(c => (IReadOnlyList<string>)[c.Node, string.Join(" + ", c.Stations), TextFormat.Utc(c.StartUtc), TextFormat.Utc(c.EndUtc),
                F(c.DurationSeconds, "0.###"), N(c.Keys), c.Geometry is { Count: > 0 } g ? string.Join(" / ", g.Select(x => F(x.MaxElevationDeg, "0.0"))) : "-"]));
        if (plan.Contacts.Count > ContactRows) doc.Paragraph($"The first {ContactRows} of {plan.Contacts.Count} contacts; all are in contacts.csv.", "note");
    }

    /// <summary>Finite key and S − 3ΔS against pairs for each distinct QBER of the pair nodes (seed 004 Fig. 7), with delivered totals marked.</summary>
    private static void FiniteKey(HtmlDocument doc, Problem p, Metrics? metrics)
    {
        foreach (var group in p.Nodes.Select((n, i) => (Node: n, Index: i)).Where(x => x.Node.Qber != null).GroupBy(x => x.Node.Qber!.Value))
        {
            var curve = Enumerable.Range(0, 61).Select(k => Math.Pow(10, 3 + k * 0.1))
                .Select(pairs => PairDelivery.Of(pairs, group.Key, p.FiniteKey))
                .Select(d => (d.Pairs, d.SecretBits, d.Bell?.SMinus3DeltaS)).ToList();
            var marks = metrics == null ? [] : group.Select(x => (x.Node.Id, metrics.PerNodeBits[x.Index])).ToList();
            doc.Chart("finite-key", LinkCharts.FiniteKeyAndBell(curve, marks, $"Finite key and Bell test at QBER {F(group.Key, "0.00%")}: {string.Join(", ", group.Select(x => x.Node.Id))}"),
                "Finite-size secret key (seed 004 eq. 11) and S − 3ΔS of the CHSH test (eq. 12) against the pairs a node receives" +
                (metrics == null ? "." : "; dashed: the pairs this schedule delivers to each node."));
        }
    }

    private static void Bench(HtmlDocument doc, BenchInput input)
    {
        var s = input.Summary;
        doc.Heading(2, $"Bench {input.Dir}");
        doc.Paragraph($"{s.Rows.Count} cases; {s.Environment}.", "note");
        doc.Table(MarkdownBenchExporter.Header, MarkdownBenchExporter.Cells(s));
        doc.Chart("bench-ratio", BenchCharts.Ratios(s), "objective / best known objective for the instance and strategy (the best case of the bench, or the best-known file it was run against); a case without a solution counts 0.");
        doc.Chart("bench-time", BenchCharts.Times(s), $"Mean wall time of the cases; times below {BenchCharts.TimeFloorSeconds * 1000:0} ms are drawn at {BenchCharts.TimeFloorSeconds * 1000:0} ms.");
        doc.Chart("bench-profile", BenchCharts.PerformanceProfile(s),
            $"Dolan–Moré (2002): a problem is an instance × strategy; a solver solves it when all its runs reach the best known objective (relative {BenchCharts.SolvedTolerance:0e0}), " +
            "its time is their mean; ρ_s(τ) is the share of problems it solves within τ times the fastest solver's time.");
        foreach (var g in s.Rows.Where(r => r.History is { Count: > 0 }).GroupBy(r => (r.Instance, r.Strategy, r.Solver)))
            doc.Chart("bench-convergence", ScheduleCharts.Convergence(g.Select(r => ($"{r.Solver}{(r.Seed is { } seed ? $" seed {seed}" : "")}", r.History!)).ToList(),
                    g.Key.Strategy == Strategy.Pd ? "Σ w E" : "key unit", $"Convergence of {g.Key.Solver} on {g.Key.Instance}, {g.Key.Strategy.ToName()}", SecondSeries(g.Key.Solver)),
                $"Best objective so far and the {SecondSeries(g.Key.Solver)} per iteration.");
    }

    /// <summary>What an iterative solver records beside its best objective (<see cref="ProgressPoint.Mean"/>): lagrange its bound.</summary>
    private static string SecondSeries(string solver) => solver == "lagrange" ? "least Lagrangian bound" : "population mean";

    private static string ObjectiveUnit(Problem p, Strategy strategy) => strategy == Strategy.Pd ? $"Σ w E, {p.KeyUnit}" : p.KeyUnit;

    private static string N(double v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
