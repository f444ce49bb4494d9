namespace QkdScheduler.KeyRates;

/// <summary>
/// A QKD protocol's secret key rate against the whole transmittance from source to detector click
/// (the <c>protocol:</c> section of a station scenario). Implementations register in the precompute's
/// model catalog by name.
/// </summary>
public interface IKeyRateModel
{
    string Name { get; }

    /// <summary>One line with every parameter, for an instance's provenance.</summary>
    string Description { get; }

    /// <summary>Secret bits per second at transmittance η (0..1), never negative.</summary>
    double BitsPerSecond(double transmittance);
}
