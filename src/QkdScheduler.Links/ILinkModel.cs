using QkdScheduler.Links.GaussianBeam;

namespace QkdScheduler.Links;

/// <summary>
/// A satellite-to-station downlink model (the <c>link:</c> section of a station scenario): the budget
/// term by term at a range, elevation and cloud loss. Implementations register in the precompute's
/// model catalog by name.
/// </summary>
public interface ILinkModel
{
    string Name { get; }

    /// <summary>One line with every parameter, for an instance's provenance.</summary>
    string Description { get; }

    LinkBudget Budget(double rangeKm, double elevationDeg, double cloudDb = 0.0);
}
