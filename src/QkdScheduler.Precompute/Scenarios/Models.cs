using QkdScheduler.Core;
using QkdScheduler.KeyRates;
using QkdScheduler.Links;
using QkdScheduler.KeyRates.DecoyBb84;
using QkdScheduler.Links.Coupling;
using QkdScheduler.Links.Friis;
using QkdScheduler.Links.GaussianBeam;
using QkdScheduler.Links.Weather;

namespace QkdScheduler.Precompute.Scenarios;

/// <summary>
/// Every model a scenario section can name, registered in one place: a new link, protocol,
/// coupling model or weather source is one class plus one line here.
/// </summary>
public static class Models
{
    /// <summary>Downlinks of a station scenario (<c>link:</c>): the seed 000 Gaussian beam, or the seed 004 Friis link.</summary>
    public static readonly ModelCatalog<ILinkModel> Links = new("link",
    [
        new(GaussianBeamLink.ModelName, GaussianBeamLink.Rules, v => GaussianBeamLink.From(v)),
        new(FriisLink.ModelName, FriisLink.StationRules, v => new FriisLink(v)),
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

    /// <summary>Weather of a station scenario (<c>weather: source: NAME</c>): the cloud loss each station sees.</summary>
    public static readonly WeatherCatalog<IWeatherSource> StationWeather = new(
    [
        new(ClearSky.SourceName, (_, _) => new ClearSky()),
        new(CloudCsv.IndexSourceName, (y, c) => CloudCsv.ReadIndex(ScenarioFile.ExistingFile(y, "file", c.Dir, "weather file"), c.Names,
            ScenarioFile.ReadSlot(y, 10), ScenarioFile.ReadMissing(y))),
        new(CloudCsv.FractionSourceName, (y, c) => CloudCsv.ReadFraction(ScenarioFile.ExistingFile(y, "file", c.Dir, "weather file"), c.Names,
            ScenarioFile.ReadSlot(y, 10), ScenarioFile.ReadMissing(y), y.RequiredDouble(CloudCsv.Threshold.Key, CloudCsv.Threshold.Valid, CloudCsv.Threshold.Rule))),
        new(SyntheticWeatherSettings.SourceName, (y, c) => SyntheticWeather.Generate(
            new SyntheticWeatherSettings(y.RequiredInt("seed"), ScenarioFile.ReadCloudFractions(y, c.Names), y.Parameter(SyntheticWeatherSettings.Opaque),
                y.Parameter(SyntheticWeatherSettings.Persistence), y.Parameter(SyntheticWeatherSettings.CorrelationLength), ScenarioFile.ReadSlot(y, 10)),
            c.Stations.Select(s => new WeatherSite(s.Name, s.LatitudeDeg, s.LongitudeDeg)).ToList(), c.StartUtc, c.EndUtc)),
    ]);

    /// <summary>Cloud cover of a pair scenario (seed 004): cloud fractions, from which the threshold gives each arm's availability.</summary>
    public static readonly WeatherCatalog<CloudCover?> PairCloudCover = new(
    [
        new(ClearSky.SourceName, (_, _) => null),
        new(CloudCsv.FractionSourceName, (y, c) => CloudCsv.ReadCover(ScenarioFile.ExistingFile(y, "file", c.Dir, "weather file"), c.Names,
            ScenarioFile.ReadSlot(y, 60), ScenarioFile.ReadMissing(y))),
        new(CloudCover.SyntheticSourceName, (y, c) => CloudCover.Synthetic(y.RequiredInt("seed"), c.Names, ScenarioFile.ReadCloudFractions(y, c.Names),
            y.Parameter(CloudCover.Persistence), y.Parameter(CloudCover.Correlation), ScenarioFile.ReadSlot(y, 60), c.StartUtc, c.EndUtc)),
    ]);
}
