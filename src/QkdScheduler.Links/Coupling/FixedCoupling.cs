using System.Globalization;
using QkdScheduler.Core;

namespace QkdScheduler.Links.Coupling;

/// <summary>
/// One coupling efficiency for every sample, as seed 004 Table 1 does: 10 % for its 1 m ground
/// apertures, 73 % for the 30 cm apertures below HAPs (Table 3).
/// </summary>
public sealed class FixedCoupling : ICouplingModel
{
    public const string ModelName = "fixed";
    public static readonly ParameterRule EfficiencyRule = new("efficiency", 0.1, v => v is > 0 and <= 1, "a transmittance within (0, 1] (seed 004: 0.10 for 1 m, 0.73 for 30 cm)");
    public static IReadOnlyList<ParameterRule> Rules { get; } = [EfficiencyRule];

    public FixedCoupling(ParameterValues values) => Value = values[EfficiencyRule];

    public double Value { get; }
    public string Name => ModelName;
    public string Description => string.Create(CultureInfo.InvariantCulture, $"fixed SMF coupling {Value}");
    public double Efficiency(double apertureM, double friedParameterM) => Value;
}
