using System.Globalization;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.KeyRates.Entanglement;
using QkdScheduler.Precompute.Pipeline;

namespace QkdScheduler.Precompute.Pairs;

/// <summary>One row of the best pass of a pair (seed 004 Fig. 6): both arms at one sample.</summary>
public readonly record struct PassRow(DateTime Utc, double ElevationADeg, double ElevationBDeg, double LossADb, double LossBDb, double DualLossDb, double PairsPerSecond);

/// <summary>
/// What a pair link delivers over the period (seed 004 Table 1): access time, mean dual-link loss,
/// aperture-collected and SMF-coupled pairs, the modelled QBER (eq. 7–10), and from a year's pairs
/// the finite key per year (eq. 11) and S − 3ΔS (eq. 12) at the modelled and the reference QBER (5 %).
/// Times and pair counts are totals over the period (<see cref="PerYear"/> scales them).
/// </summary>
public sealed record PairLinkSummary(
    string Pair,
    double AccessSeconds,
    double AvailableSeconds,
    double MeanDualLossDb,
    double AperturePairs,
    double CoupledPairs,
    double MeanCouplingA,
    double MeanCouplingB,
    double ModelledQber,
    double ReferenceQber,
    double SecretBitsModelledPerYear,
    double SecretBitsReferencePerYear,
    ChshPoint? BellModelled,
    ChshPoint? BellReference,
    long NearFieldSamples,
    IReadOnlyList<PassRow> BestPass,
    double PeriodYears)
{
    public double PerYear(double value) => value / PeriodYears;

    /// <summary>The seed 004 Table 1 columns of <see cref="Table1Row"/> (after scenario and pair), in order.</summary>
    public static readonly string[] Table1Columns =
    [
        "access_s_per_year", "available_s_per_year", "mean_dual_loss_db", "aperture_pairs_per_year", "smf_pairs_per_year",
        "mean_coupling_a", "mean_coupling_b", "modelled_qber", "secret_bits_modelled_per_year", "reference_qber", "secret_bits_reference_per_year",
        "bell_s_minus_3ds_modelled", "bell_s_minus_3ds_reference",
    ];

    /// <summary>This pair's seed 004 Table 1 row (null where a value is undefined), in the order of <see cref="Table1Columns"/>.</summary>
    public IReadOnlyList<double?> Table1Row() =>
    [
        PerYear(AccessSeconds), PerYear(AvailableSeconds), Finite(MeanDualLossDb), PerYear(AperturePairs), PerYear(CoupledPairs),
        Finite(MeanCouplingA), Finite(MeanCouplingB), Finite(ModelledQber), SecretBitsModelledPerYear, ReferenceQber, SecretBitsReferencePerYear,
        BellModelled?.SMinus3DeltaS, BellReference?.SMinus3DeltaS,
    ];

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}

/// <summary>The instance of a pair scenario (nodes = station pairs, K = SMF-coupled pairs) and each pair's summary.</summary>
public sealed record PairPrecomputeResult(Problem Problem, IReadOnlyList<GeometryRow> Geometry, IReadOnlyList<PairLinkSummary> Links);

/// <summary>
/// The pair pipeline: dual-link samples (<see cref="DualLinkSampler"/>) → per interval the
/// SMF-coupled pairs R η_A c_A η_B c_B h (R the pair rate, η the arm transmittances, c the fibre
/// couplings, h the integration step; seed 004 section III.1 "integrating over the channel losses"),
/// not rounded — a LEO relay interval holds far less than one pair — and per pair the Table 1
/// quantities. The QBER of a pair is Σ QG / Σ G over its samples (eq. 7–8 per pulse, with η including
/// the coupling and Y₀ of eq. 9–10 at each station), the ratio of erroneous to all coincidences.
/// </summary>
public static class PairPrecompute
{
    public const string KeyUnit = "pairs";

    public static PairPrecomputeResult Run(PairScenario s, IProgress<double>? progress = null)
    {
        var sampler = new DualLinkSampler(s);
        var perInterval = s.Period.SamplesPerInterval;
        var h = s.IntegrationSeconds;
        var rate = s.PairSource.PairRateHz;
        var pulses = s.PairSource.PulseRateHz * h;
        var entries = new List<KeyEntry>();
        var geometry = new List<GeometryRow>();
        var summaries = new List<PairLinkSummary>();
        var wavelength = s.Link.WavelengthNm;
        // Every station has the same aperture and optics, so the same background per window (eq. 9–10).
        var y0 = s.Background.BackgroundProbability(s.StationApertureM, wavelength, s.Optics.ReceiveEfficiency, s.Optics.DetectorEfficiency);

        for (var pair = 0; pair < s.Pairs.Count; pair++)
        {
            var p = s.Pairs[pair];
            var windows = sampler.Windows(pair);
            progress?.Report((pair + 0.3) / s.Pairs.Count);
            double access = 0, available = 0, lossSum = 0, aperture = 0, coupled = 0, couplingA = 0, couplingB = 0, gain = 0, errorGain = 0;
            long nearField = 0;
            var currentInterval = -1;
            var bucket = new IntervalBucket();
            var pass = new List<PassRow>();
            List<PassRow> best = [];
            double passPairs = 0, bestPairs = -1;
            long lastStep = -2;

            void FlushInterval()
            {
                if (currentInterval < 0 || bucket.Count == 0) return;
                if (bucket.Pairs > 0) entries.Add(new KeyEntry(currentInterval, pair, bucket.Pairs));
                geometry.Add(new GeometryRow(currentInterval, s.Stations[p.StationA].Name, bucket.ElevationA / bucket.Count, bucket.RangeA / bucket.Count, bucket.LossA / bucket.Count, bucket.CloudA / bucket.Count));
                geometry.Add(new GeometryRow(currentInterval, s.Stations[p.StationB].Name, bucket.ElevationB / bucket.Count, bucket.RangeB / bucket.Count, bucket.LossB / bucket.Count, bucket.CloudB / bucket.Count));
                bucket = new IntervalBucket();
            }

            void ClosePass()
            {
                if (pass.Count > 0 && passPairs > bestPairs)
                {
                    best = pass;
                    bestPairs = passPairs;
                }

                pass = [];
                passPairs = 0;
            }

            foreach (var x in sampler.Samples(pair, windows))
            {
                if (x.Step != lastStep + 1) ClosePass();
                lastStep = x.Step;
                var interval = (int)(x.Step / perInterval);
                if (interval != currentInterval)
                {
                    FlushInterval();
                    currentInterval = interval;
                }

                access += h;
                if (!x.FarField) nearField++;
                var collected = rate * x.DualTransmittance;
                var intoFibre = collected * x.A.Coupling * x.B.Coupling;
                bucket.Add(x, intoFibre * h);
                pass.Add(new PassRow(s.Period.SampleUtc(x.Step), x.A.ElevationDeg, x.B.ElevationDeg, x.A.LossDb, x.B.LossDb,
                    Links.Decibels.FromTransmittance(x.DualTransmittance), collected));
                passPairs += collected * h;
                if (x.Blocked) continue;
                available += h;
                lossSum += Links.Decibels.FromTransmittance(x.DualTransmittance) * h;
                aperture += collected * h;
                coupled += intoFibre * h;
                couplingA += x.A.Coupling * h;
                couplingB += x.B.Coupling * h;
                var c = s.PairSource.Evaluate(x.A.Transmittance * x.A.Coupling, x.B.Transmittance * x.B.Coupling, y0, y0);
                gain += c.Gain * pulses;
                errorGain += c.ErrorGain * pulses;
            }

            FlushInterval();
            ClosePass();
            var qber = gain > 0 ? errorGain / gain : double.NaN;
            summaries.Add(Summarise(s, p.Id, access, available, lossSum, aperture, coupled, couplingA, couplingB, qber, nearField, best));
            progress?.Report((pair + 1.0) / s.Pairs.Count);
        }

        var (weightSum, shareSum) = (s.Pairs.Sum(p => p.Weight), s.Pairs.Sum(p => p.Share));
        var nodes = s.Pairs.Select((p, i) => new Node(p.Id, [s.Stations[p.StationA].Name, s.Stations[p.StationB].Name], p.Weight / weightSum, p.Share / shareSum,
            double.IsFinite(summaries[i].ModelledQber) && summaries[i].ModelledQber < 0.5 ? summaries[i].ModelledQber : null)).ToList();
        var ordered = entries.OrderBy(e => e.Interval).ThenBy(e => e.Node).ToList();
        var problem = new Problem(s.Name, s.StartUtc, s.IntervalSeconds, s.SwitchIntervals, nodes, KeyMatrix.FromEntries(s.Period.IntervalCount, nodes.Count, ordered),
            s.Description, KeyUnit, Provenance(s), FiniteKeySettings(s), minContactIntervals: s.MinContactIntervals);
        // A station in several pairs appears once per interval in geometry.csv (the first pair's arm).
        var rows = geometry.GroupBy(g => (g.Interval, g.Station)).Select(g => g.First())
            .OrderBy(g => g.Interval).ThenBy(g => g.Station, StringComparer.Ordinal).ToList();
        return new PairPrecomputeResult(problem, rows, summaries);
    }

    /// <summary>The finite-key settings by name, stored in the instance so a solve can turn E_n into a key.</summary>
    public static IReadOnlyDictionary<string, double> FiniteKeySettings(PairScenario s) => new Dictionary<string, double>
    {
        [FiniteKey.BasisProbability.Key] = s.FiniteKey.PX,
        [FiniteKey.ErrorCorrection.Key] = s.FiniteKey.Xi,
        [FiniteKey.EpsilonSecrecy.Key] = s.FiniteKey.EpsSec,
        [FiniteKey.EpsilonCorrectness.Key] = s.FiniteKey.EpsCor,
        [FiniteKey.SourceQuality.Key] = s.FiniteKey.Q,
        ["reference_qber"] = s.ReferenceQber,
    };

    /// <remarks>
    /// The key and the Bell value are for a year of such operation: eq. (11) and (12) are not linear
    /// in N, so the pairs are first scaled to a year, then turned into a key (for a one-year period,
    /// exactly the period's pairs).
    /// </remarks>
    private static PairLinkSummary Summarise(PairScenario s, string id, double access, double available, double lossSum, double aperture, double coupled,
        double couplingA, double couplingB, double qber, long nearField, IReadOnlyList<PassRow> best)
    {
        var modelledOk = double.IsFinite(qber) && qber < 0.5;
        var yearly = coupled / s.PeriodYears;
        return new PairLinkSummary(id, access, available, available > 0 ? lossSum / available : double.NaN, aperture, coupled,
            available > 0 ? couplingA / available : double.NaN, available > 0 ? couplingB / available : double.NaN, qber, s.ReferenceQber,
            modelledOk ? s.FiniteKey.SecretBits(yearly, qber) : 0,
            s.FiniteKey.SecretBits(yearly, s.ReferenceQber),
            modelledOk && yearly > 0 ? Chsh.Evaluate(yearly, qber) : null,
            yearly > 0 ? Chsh.Evaluate(yearly, s.ReferenceQber) : null,
            nearField, best, s.PeriodYears);
    }

    private static Dictionary<string, string> Provenance(PairScenario s)
    {
        var inv = CultureInfo.InvariantCulture;
        var provenance = new Dictionary<string, string>
        {
            ["generator"] = $"{KeyMatrixBuilder.Generator} {typeof(PairPrecompute).Assembly.GetName().Version?.ToString(3)}",
            ["scenario"] = s.Path,
            ["scenario_sha256"] = s.Sha256,
            ["source_satellite"] = s.Source.Spec.Description,
            ["relays"] = s.Relays.Kind switch
            {
                RelayKind.None => "none (direct downlinks)",
                RelayKind.Satellites => string.Join("; ", s.Relays.Satellites.Select(r => $"{r.Name}: {r.Spec.Description}")),
                _ => string.Create(inv, $"HAPs {s.Relays.HapAltitudeKm} km above each station, path >= {s.Relays.MinPathAltitudeKm} km"),
            },
            ["visibility"] = string.Create(inv, $"both stations at elevation >= {s.MinElevationDeg} deg, night {s.Night}"),
            ["link"] = string.Create(inv, $"seed 004 Friis/Gaussian beam: {s.Link.WavelengthNm} nm, sigma_p {s.Link.PointingErrorUrad} urad, eta_zen {s.Link.ZenithTransmittance}, H-V 5/7 Cn2(0) {s.Link.Profile.GroundCn2M23}, v {s.Link.Profile.WindSpeedMs} m/s; apertures: source {s.SourceApertureM} m, stations {s.StationApertureM} m"),
            ["coupling"] = s.Coupling.Description,
            ["pair_source"] = string.Create(inv, $"SPDC {s.PairSource.PairRateHz} pairs/s, mu' {s.PairSource.MeanPairs}, e_d {s.PairSource.MisalignmentError}; sky {s.Background.SkyRadianceWm2SrUm} W/(m2 sr um), FOV {s.Background.FieldOfViewUrad} urad, window {s.Background.CoincidenceWindowPs} ps"),
            ["weather"] = s.Weather.Description,
            ["integration_seconds"] = TextFormat.Number(s.IntegrationSeconds),
        };
        if (s.Reference.Length > 0) provenance["source_paper"] = s.Reference;
        if (s.Overrides.Count > 0) provenance["overrides"] = string.Join("; ", s.Overrides);
        if (s.StationRules.Count > 0)
            provenance["station_rules"] = string.Join("; ", s.StationRules.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}: {kv.Value.Describe()}"));
        // Direct downlinks only: behind relays a station points at its relay, which the record does not describe.
        if (s.Relays.Kind == RelayKind.None)
            foreach (var (k, v) in OrbitRecord.Entries([(null, s.Source.Spec.Elements)], PointingStations(s))) provenance[k] = v;
        return provenance;
    }

    /// <summary>The pair scenario's stations with its one elevation mask, for the pointing record.</summary>
    internal static IEnumerable<PointingStation> PointingStations(PairScenario s) => s.Stations.Select(g =>
    {
        var rule = s.StationRules.GetValueOrDefault(g.Name);
        return new PointingStation(g, Math.Max(s.MinElevationDeg, rule?.MinElevationDeg ?? double.NegativeInfinity), rule?.Horizon ?? []);
    });

    private sealed class IntervalBucket
    {
        public int Count;
        public double Pairs, ElevationA, ElevationB, RangeA, RangeB, LossA, LossB, CloudA, CloudB;

        public void Add(DualSample x, double pairs)
        {
            Count++;
            Pairs += pairs;
            ElevationA += x.A.ElevationDeg;
            ElevationB += x.B.ElevationDeg;
            RangeA += x.A.RangeKm;
            RangeB += x.B.RangeKm;
            LossA += x.A.LossDb;
            LossB += x.B.LossDb;
            CloudA += x.A.CloudDb;
            CloudB += x.B.CloudDb;
        }
    }
}
