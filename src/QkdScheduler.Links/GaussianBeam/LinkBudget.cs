namespace QkdScheduler.Links.GaussianBeam;

/// <summary>
/// Every term of a downlink budget in dB (positive = loss), as seed 000 lists them: geometric
/// (eq. 1–2), atmospheric (Λ_A0 / sin θ), fixed pointing, coupling and detection losses, and cloud
/// (eq. 3). The total is their sum (seed 000 eq. 5 adds losses in dB); a blocked link has
/// <see cref="CloudDb"/> and <see cref="TotalDb"/> = +∞.
/// </summary>
public readonly record struct LinkBudget(double GeometricDb, double AtmosphericDb, double PointingDb, double CouplingDb, double DetectionDb, double CloudDb)
{
    public double TotalDb => GeometricDb + AtmosphericDb + PointingDb + CouplingDb + DetectionDb + CloudDb;

    /// <summary>η = 10^(−total/10): source to detector click (seed 000 eq. 5).</summary>
    public double Transmittance => Decibels.ToTransmittance(TotalDb);

    public bool Blocked => double.IsPositiveInfinity(TotalDb);
}
