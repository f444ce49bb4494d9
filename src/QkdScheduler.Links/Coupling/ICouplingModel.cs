namespace QkdScheduler.Links.Coupling;

/// <summary>
/// Single-mode-fibre coupling efficiency of a ground receiver (seed 004 section III.1, Appendix B):
/// a linear transmittance from the aperture into the fibre.
/// </summary>
public interface ICouplingModel
{
    string Name { get; }

    /// <summary>One line for provenance.</summary>
    string Description { get; }

    /// <param name="apertureM">Receiver aperture diameter D_r in metres.</param>
    /// <param name="friedParameterM">r₀ at the receiver in metres (∞ above the atmosphere).</param>
    double Efficiency(double apertureM, double friedParameterM);
}
