using QkdScheduler.Core;
using QkdScheduler.KeyRates;
using QkdScheduler.Links;
using QkdScheduler.KeyRates.DecoyBb84;
using QkdScheduler.Links.Coupling;
using QkdScheduler.Links.GaussianBeam;

namespace QkdScheduler.Precompute.Scenarios;

/// <summary>
/// Every model a scenario section can name, registered in one place: a new link, protocol or
/// coupling model is one class plus one line here.
/// </summary>
public static class Models
{
    /// <summary>The seed 000 downlink (<c>link:</c> of a station scenario).</summary>
    public static readonly ModelCatalog<ILinkModel> Links = new("link",
    [
        new(GaussianBeamLink.ModelName, GaussianBeamLink.Rules, v => GaussianBeamLink.From(v)),
    ]);

    /// <summary>Key-rate models of a station scenario (<c>protocol:</c>).</summary>
    public static readonly ModelCatalog<IKeyRateModel> Protocols = new("protocol",
    [
        new(DecoyBb84Protocol.ModelName, DecoyBb84Protocol.Rules, v => DecoyBb84Protocol.From(v)),
    ]);

    /// <summary>Single-mode-fibre coupling at the ground receivers of a pair scenario (<c>coupling:</c>).</summary>
    public static readonly ModelCatalog<ICouplingModel> Couplings = new("coupling",
    [
        new(FixedCoupling.ModelName, FixedCoupling.Rules, v => new FixedCoupling(v)),
        new(AdaptiveOpticsCoupling.ModelName, AdaptiveOpticsCoupling.Rules, v => new AdaptiveOpticsCoupling(v)),
    ]);
}
