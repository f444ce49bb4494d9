using QkdScheduler.Core;
using QkdScheduler.Orbits.Frames;
using QkdScheduler.Orbits.Sgp4;
using QkdScheduler.Orbits.Stations;
using QkdScheduler.Orbits.Sun;
using QkdScheduler.Orbits.Time;

namespace QkdScheduler.Orbits.Passes;

/// <summary>A visibility window of one station: elevation ≥ mask and the darkness rule holds throughout.</summary>
public sealed record Pass(
    string Station,
    DateTime Aos,
    DateTime Los,
    double MaxElevationDeg,
    DateTime MaxElevationUtc,
    double MinRangeKm)
{
    public double DurationSeconds => (Los - Aos).TotalSeconds;
}

/// <summary>Settings of a pass search.</summary>
/// <param name="MinElevationDeg">Elevation mask, degrees.</param>
/// <param name="Night">Darkness rule.</param>
/// <param name="StepSeconds">Coarse sampling step; null picks period/300 clamped to 5–120 s.</param>
public sealed record PassSearch(double MinElevationDeg = 10.0, NightRule? Night = null, double? StepSeconds = null)
{
    public NightRule NightRule => Night ?? NightRule.None;
}

/// <summary>
/// Finds passes of one satellite over ground stations. The satellite is sampled on a coarse grid
/// (shared by all stations); every sign change of elevation − mask (and of the darkness margin) is
/// root-found by bisection to 1e-4 s, and every local maximum of elevation that stays below the
/// mask on the grid is maximised by golden-section search, so short grazing passes between grid
/// points are not missed. Windows are the intersection of the elevation and darkness intervals;
/// maximum elevation and minimum range within each window are found by golden-section search.
/// </summary>
public sealed class PassFinder
{
    private const double EdgeToleranceSeconds = 1e-4;
    private const int MaxPeriodDays = 3653;
    private readonly Sgp4Propagator _satellite;
    private readonly PassSearch _search;
    private readonly string _source;

    /// <param name="source">Where the element set came from, named in propagation errors.</param>
    public PassFinder(Sgp4Propagator satellite, PassSearch search, string source)
    {
        _satellite = satellite;
        _search = search;
        _source = source;
    }

    public double StepSeconds => _search.StepSeconds
        ?? Math.Clamp(2 * Math.PI / _satellite.MeanMotion * 60.0 / 300.0, 5.0, 120.0);

    /// <summary>All passes over <paramref name="stations"/> in [from, to), sorted by AOS then station.</summary>
    public IReadOnlyList<Pass> Find(IReadOnlyList<GroundStation> stations, DateTime fromUtc, DateTime toUtc)
    {
        if (toUtc <= fromUtc) throw new InputException(null, null, $"the period is empty: --to {toUtc:O} is not after --from {fromUtc:O}");
        if (fromUtc < Limits.EarliestUtc || toUtc > Limits.LatestUtc)
            throw new InputException(null, null, $"the period must lie within {Limits.EarliestUtc:yyyy-MM-dd} and {Limits.LatestUtc:yyyy-MM-dd} (the range of the Julian-date and GMST formulas)");
        if ((toUtc - fromUtc).TotalDays > MaxPeriodDays)
            throw new InputException(null, null, $"the period is {(toUtc - fromUtc).TotalDays:F0} days; at most {MaxPeriodDays} days (10 years) per search: split it");
        var clock = new SatelliteClock(_satellite, fromUtc, _source);
        var span = (toUtc - fromUtc).TotalSeconds;
        var h = StepSeconds;
        var n = (int)Math.Ceiling(span / h) + 1;
        WorkCap.CheckEvaluations((double)n * (stations.Count + 1 + (_search.NightRule.Kind == NightRuleKind.None ? 0 : 1)),
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the pass search ({span / 86_400:0.#} days at {h:0.#}-s steps, {stations.Count} stations)"));
        var times = new double[n];
        for (var i = 0; i < n; i++) times[i] = Math.Min(i * h, span);

        var night = _search.NightRule;
        var satGrid = new Vec3[n];
        for (var i = 0; i < n; i++) satGrid[i] = clock.SatelliteEcef(times[i]);
        // The Sun is only needed by the darkness rules.
        var sunGrid = new Vec3[night.Kind == NightRuleKind.None ? 0 : n];
        for (var i = 0; i < sunGrid.Length; i++) sunGrid[i] = clock.SunEcef(times[i]);

        List<(double, double)>? shadow = null;
        if (night.Kind == NightRuleKind.Shadow)
        {
            double Margin(double t) => -EarthShadow.Margin(clock.SatelliteEcef(t), Unit(clock.SunEcef(t)));
            var grid = new double[n];
            for (var i = 0; i < n; i++) grid[i] = -EarthShadow.Margin(satGrid[i], Unit(sunGrid[i]));
            shadow = WindowsWhere(Margin, times, grid);
        }

        var passes = new List<Pass>();
        var mask = _search.MinElevationDeg;
        foreach (var station in stations)
        {
            var topo = new Topocentric(station.Geodetic);
            double Above(double t) => topo.Elevation(clock.SatelliteEcef(t)) - mask;
            var grid = new double[n];
            for (var i = 0; i < n; i++) grid[i] = topo.Elevation(satGrid[i]) - mask;
            var windows = WindowsWhere(Above, times, grid);

            if (night.Kind == NightRuleKind.SunBelow)
            {
                double Dark(double t) => night.SunElevationDeg - topo.Elevation(clock.SunEcef(t));
                var sunGridValues = new double[n];
                for (var i = 0; i < n; i++) sunGridValues[i] = night.SunElevationDeg - topo.Elevation(sunGrid[i]);
                windows = Intervals.Intersect(windows, WindowsWhere(Dark, times, sunGridValues));
            }
            else if (shadow != null)
            {
                windows = Intervals.Intersect(windows, shadow);
            }

            // The grid already holds the satellite at every step: the peaks of a window are bracketed from it
            // without propagating again, which keeps day-long windows (GEO, polar night) as cheap as short ones.
            var negRange = new double[n];
            for (var i = 0; i < n; i++) negRange[i] = -(satGrid[i] - topo.SiteEcef).Norm;
            foreach (var (a, b) in windows)
            {
                if (b - a <= 0) continue;
                var (tMax, elMax) = Maximise(t => topo.Elevation(clock.SatelliteEcef(t)), a, b, times, grid, mask);
                var (_, nearest) = Maximise(t => -(clock.SatelliteEcef(t) - topo.SiteEcef).Norm, a, b, times, negRange, 0);
                passes.Add(new Pass(station.Name, clock.Utc(a), clock.Utc(b), elMax, clock.Utc(tMax), -nearest));
            }
        }
        return passes.OrderBy(p => p.Aos).ThenBy(p => p.Station, StringComparer.Ordinal).ToList();
    }

    /// <summary>Total time (s) in the union of the passes: when at least one station can be served.</summary>
    public static double UnionSeconds(IEnumerable<Pass> passes)
    {
        var total = 0.0;
        DateTime? start = null, end = null;
        foreach (var p in passes.OrderBy(p => p.Aos))
        {
            if (end == null || p.Aos > end)
            {
                if (end != null) total += (end.Value - start!.Value).TotalSeconds;
                start = p.Aos;
                end = p.Los;
            }
            else if (p.Los > end) end = p.Los;
        }
        if (end != null) total += (end.Value - start!.Value).TotalSeconds;
        return total;
    }

    /// <summary>
    /// Intervals where f ≥ 0, from grid values and refinement: edges at sign changes by bisection;
    /// grid-local maxima below zero checked by golden-section search.
    /// </summary>
    private static List<(double, double)> WindowsWhere(Func<double, double> f, double[] t, double[] v)
    {
        var result = new List<(double, double)>();
        var n = t.Length;
        double? open = v[0] >= 0 ? t[0] : null;
        for (var i = 1; i < n; i++)
        {
            if (v[i - 1] < 0 && v[i] >= 0) open = Root(f, t[i - 1], t[i]);
            else if (v[i - 1] >= 0 && v[i] < 0)
            {
                result.Add((open!.Value, Root(f, t[i - 1], t[i])));
                open = null;
            }
        }
        if (open != null) result.Add((open.Value, t[n - 1]));

        // Grazing windows that start and end between two grid points.
        for (var i = 0; i < n; i++)
        {
            if (v[i] >= 0) continue;
            var left = i > 0 ? v[i - 1] : double.NegativeInfinity;
            var right = i < n - 1 ? v[i + 1] : double.NegativeInfinity;
            if (v[i] < left || v[i] < right) continue;
            var a = t[Math.Max(i - 1, 0)];
            var b = t[Math.Min(i + 1, n - 1)];
            var (tm, fm) = Maximise(f, a, b, t, v, 0);
            if (fm < 0) continue;
            // f < 0 at both ends of [a, b] (they are grid points below zero), so both edges are roots.
            var start = Root(f, a, tm);
            var end = Root(f, tm, b);
            if (!result.Any(r => r.Item1 <= tm && tm <= r.Item2)) result.Add((start, end));
        }
        result.Sort();
        return result;
    }

    /// <summary>Bisection for the sign change of f in [a, b] (f(a) and f(b) of opposite sign) to 1e-4 s.</summary>
    private static double Root(Func<double, double> f, double a, double b)
    {
        var fa = f(a);
        while (b - a > EdgeToleranceSeconds)
        {
            var m = 0.5 * (a + b);
            var fm = f(m);
            if ((fm >= 0) == (fa >= 0)) { a = m; fa = fm; }
            else b = m;
        }
        // Return the end inside the interval where f ≥ 0.
        return fa >= 0 ? a : b;
    }

    /// <summary>
    /// Maximum of f on [a, b]: the best of f(a), f(b) and the grid values inside (grid point i, at
    /// <paramref name="times"/>[i], holds <paramref name="grid"/>[i] + <paramref name="offset"/> = f there), then
    /// golden-section search (to 1e-3 s) between the grid points either side of the best one. The grid step is at most
    /// period/300, so each peak of a long window with several (GEO, polar night) shows on the grid and the search does
    /// not end in a lower one; no propagation is repeated for the samples.
    /// </summary>
    private static (double T, double F) Maximise(Func<double, double> f, double a, double b, double[] times, double[] grid, double offset)
    {
        var bestT = a;
        var bestF = f(a);
        var fb = f(b);
        if (fb > bestF) { bestF = fb; bestT = b; }
        var first = Array.BinarySearch(times, a);
        if (first < 0) first = ~first; // the first grid point at or after a
        for (var i = first; i < times.Length && times[i] <= b; i++)
        {
            var fi = grid[i] + offset;
            if (fi > bestF) { bestF = fi; bestT = times[i]; }
        }
        // The bracket: the grid points either side of the best (or a and b where they are nearer).
        var at = Array.BinarySearch(times, bestT);
        var below = at >= 0 ? at - 1 : ~at - 1;
        var above = at >= 0 ? at + 1 : ~at;
        var lo = below >= 0 ? Math.Max(a, times[below]) : a;
        var hi = above < times.Length ? Math.Min(b, times[above]) : b;
        var g = (Math.Sqrt(5) - 1) / 2;
        var x1 = hi - g * (hi - lo);
        var x2 = lo + g * (hi - lo);
        var f1 = f(x1);
        var f2 = f(x2);
        while (hi - lo > 1e-3)
        {
            if (f1 < f2) { lo = x1; x1 = x2; f1 = f2; x2 = lo + g * (hi - lo); f2 = f(x2); }
            else { hi = x2; x2 = x1; f2 = f1; x1 = hi - g * (hi - lo); f1 = f(x1); }
        }
        var tm = 0.5 * (lo + hi);
        var fmid = f(tm);
        return fmid >= bestF ? (tm, fmid) : (bestT, bestF);
    }

    private static Vec3 Unit(Vec3 v) => (1.0 / v.Norm) * v;
}
