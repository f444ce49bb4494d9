using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using QkdScheduler.Core;

namespace QkdScheduler.Links.Weather;

/// <summary>A station as the weather generator sees it: name and position on the globe.</summary>
public readonly record struct WeatherSite(string Name, double LatitudeDeg, double LongitudeDeg);

/// <summary>
/// Settings of <see cref="SyntheticWeather"/>.
/// </summary>
/// <param name="Seed">Seed of the random generator: the same seed gives the same weather.</param>
/// <param name="MeanCloudFraction">Per station, the long-run fraction of slots with cloud (α &gt; 0).</param>
/// <param name="OpaqueFraction">Fraction of the cloudy slots whose cloud blocks the link (α = 150).</param>
/// <param name="PersistenceHours">e-folding time τ of the weather at one station.</param>
/// <param name="CorrelationLengthKm">L of the inter-station correlation exp(−d/L); 0 = independent stations.</param>
/// <param name="Slot">Length of one weather slot (seed 000: 10 minutes, like Himawari-8).</param>
public sealed record SyntheticWeatherSettings(
    int Seed,
    IReadOnlyList<double> MeanCloudFraction,
    double OpaqueFraction,
    double PersistenceHours,
    double CorrelationLengthKm,
    TimeSpan Slot)
{
    public const string SourceName = "synthetic";
    public static readonly ParameterRule CloudFraction = new("mean_cloud_fraction", 0.5, v => v is >= 0 and <= 1, "within 0..1 (a fraction, not a percentage)");
    public static readonly ParameterRule Opaque = new("opaque_fraction", 0.5, v => v is >= 0 and <= 1, "within 0..1");
    public static readonly ParameterRule Persistence = new("persistence_hours", 6, v => v > 0, "a positive number of hours");
    public static readonly ParameterRule CorrelationLength = new("correlation_length_km", 500, v => v >= 0, "0 (independent stations) or more km");
}

/// <summary>
/// A seeded stochastic cloud generator, so a plan can be evaluated over many weather draws. Per
/// station s and slot k a latent standard-normal z_s(k) follows a first-order autoregression
/// z(k) = ρ z(k−1) + √(1−ρ²) C ε(k), ρ = exp(−slot/τ), ε(k) independent N(0, I), C the Cholesky
/// factor of the inter-station correlation Σ_ij = exp(−d_ij/L) (d the chord between the stations on
/// a 6371 km sphere; the exponential kernel is positive definite in 3-D, so C exists). z is
/// stationary N(0, Σ) with lag correlation ρ^k. The slot's cloud index α follows from u = Φ(z_s):
/// clear (α = 0) when u &lt; 1 − p_s; otherwise v = (u − (1 − p_s))/p_s ∈ [0, 1) and α = 150 (opaque)
/// when v ≥ 1 − f, else α = ⌈149 v/(1 − f)⌉ ∈ 1..149. So a fraction p_s of slots is cloudy, p_s·f
/// opaque, and thicker cloud comes with a larger latent value. α becomes a loss by seed 000 eq. 3.
/// </summary>
public static class SyntheticWeather
{
    private const double EarthRadiusKm = 6371.0;

    public static SlotSeries Generate(SyntheticWeatherSettings settings, IReadOnlyList<WeatherSite> sites, DateTime startUtc, DateTime endUtc)
    {
        if (settings.MeanCloudFraction.Count != sites.Count) throw new ArgumentException("one mean cloud fraction per station is needed");
        var sigma = CorrelationMatrix(sites, settings.CorrelationLengthKm);
        var series = sites.Select(_ => new List<(DateTime, double)>()).ToArray();
        foreach (var (start, u) in LatentUniforms(settings.Seed, sigma, settings.PersistenceHours, settings.Slot, startUtc, endUtc))
            for (var s = 0; s < sites.Count; s++)
                series[s].Add((start, CloudLoss.FromIndexDb(CloudIndex(u[s], settings.MeanCloudFraction[s], settings.OpaqueFraction))));

        var description = $"synthetic weather (seed {settings.Seed}, τ {settings.PersistenceHours:0.###} h, L {settings.CorrelationLengthKm:0.###} km, " +
                          $"opaque fraction {settings.OpaqueFraction:0.###}, {settings.Slot.TotalMinutes:0.##}-minute slots)";
        return new SlotSeries(description, SyntheticWeatherSettings.SourceName, sites.Select(s => s.Name).ToList(), series, settings.Slot, MissingWeather.Error);
    }

    /// <summary>The cloud index α of a slot from the uniform variate u = Φ(z) (see the class summary).</summary>
    public static int CloudIndex(double u, double cloudFraction, double opaqueFraction)
    {
        if (u < 1 - cloudFraction || cloudFraction <= 0) return 0;
        var v = (u - (1 - cloudFraction)) / cloudFraction;
        if (v >= 1 - opaqueFraction) return CloudLoss.Overcast;
        return Math.Clamp((int)Math.Ceiling((CloudLoss.Overcast - 1) * v / (1 - opaqueFraction)), 1, CloudLoss.Overcast - 1);
    }

    /// <summary>
    /// Per slot, the uniform variates u_s = Φ(z_s) of the latent AR(1) field described above, with
    /// inter-station correlation <paramref name="sigma"/>: the engine shared by the cloud-index and
    /// cloud-fraction generators.
    /// </summary>
    public static IEnumerable<(DateTime Start, double[] U)> LatentUniforms(int seed, Matrix<double> sigma, double persistenceHours, TimeSpan slot, DateTime startUtc, DateTime endUtc)
    {
        var n = sigma.RowCount;
        var slots = (int)Math.Ceiling((endUtc - startUtc).Ticks / (double)slot.Ticks);
        var rho = Math.Exp(-slot.TotalHours / persistenceHours);
        var innovation = Math.Sqrt(1 - rho * rho);
        var c = CholeskyFactor(sigma);
        var random = new Random(seed);
        var z = c.Multiply(StandardNormals(random, n));
        for (var k = 0; k < slots; k++)
        {
            if (k > 0) z = z.Multiply(rho) + c.Multiply(StandardNormals(random, n)).Multiply(innovation);
            var u = new double[n];
            for (var s = 0; s < n; s++) u[s] = Normal.CDF(0, 1, z[s]);
            yield return (startUtc.AddTicks(k * slot.Ticks), u);
        }
    }

    /// <summary>Σ_ij = exp(−d_ij/L) (d the chord on a 6371 km sphere); the identity for L = 0.</summary>
    public static Matrix<double> CorrelationMatrix(IReadOnlyList<WeatherSite> sites, double lengthKm) =>
        Matrix<double>.Build.Dense(sites.Count, sites.Count, (i, j) =>
            i == j ? 1.0 : lengthKm <= 0 ? 0.0 : Math.Exp(-ChordKm(sites[i], sites[j]) / lengthKm));

    private static Matrix<double> CholeskyFactor(Matrix<double> sigma)
    {
        try
        {
            return sigma.Cholesky().Factor;
        }
        catch (ArgumentException)
        {
            // Only when two stations coincide (Σ singular): the user has to merge or move them.
            throw new InputException(null, null, "synthetic weather: the station correlation matrix is singular (two stations at the same place, or a correlation of 1); merge the stations or lower the correlation");
        }
    }

    private static double ChordKm(WeatherSite a, WeatherSite b)
    {
        static (double, double, double) Unit(WeatherSite s)
        {
            var lat = s.LatitudeDeg * Math.PI / 180;
            var lon = s.LongitudeDeg * Math.PI / 180;
            return (Math.Cos(lat) * Math.Cos(lon), Math.Cos(lat) * Math.Sin(lon), Math.Sin(lat));
        }

        var (ax, ay, az) = Unit(a);
        var (bx, by, bz) = Unit(b);
        return EarthRadiusKm * Math.Sqrt((ax - bx) * (ax - bx) + (ay - by) * (ay - by) + (az - bz) * (az - bz));
    }

    /// <summary>Independent N(0,1) draws by the Box–Muller transform (our own, so a seed means the same weather on every platform).</summary>
    private static Vector<double> StandardNormals(Random random, int n)
    {
        var v = Vector<double>.Build.Dense(n);
        for (var i = 0; i < n; i += 2)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var r = Math.Sqrt(-2.0 * Math.Log(u1));
            v[i] = r * Math.Cos(2 * Math.PI * u2);
            if (i + 1 < n) v[i + 1] = r * Math.Sin(2 * Math.PI * u2);
        }

        return v;
    }
}
