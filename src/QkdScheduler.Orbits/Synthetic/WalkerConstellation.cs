using QkdScheduler.Core;

namespace QkdScheduler.Orbits.Synthetic;

/// <summary>
/// Walker-delta constellation i:t/p/f (J. G. Walker, "Satellite constellations", J. British
/// Interplanetary Society 37, 559-572, 1984): t satellites in p equally spaced planes
/// (RAAN_j = RAAN₀ + 360° j/p), t/p satellites evenly phased in each plane, and a phase offset of
/// f·360°/t between adjacent planes: M_jk = M₀ + 360° k·p/t + 360° f·j/t. Circular orbits.
/// </summary>
public static class WalkerConstellation
{
    public static IReadOnlyList<KeplerianOrbit> Delta(string prefix, double altitudeKm, double inclinationDeg,
        int total, int planes, int phasing, DateTime epochUtc, double raan0Deg = 0.0, double meanAnomaly0Deg = 0.0)
    {
        if (total < 1 || planes < 1 || total % planes != 0)
            throw new InputException(null, null, $"Walker {total}/{planes}/{phasing}: the number of satellites must be a positive multiple of the number of planes");
        if (phasing < 0 || phasing >= planes)
            throw new InputException(null, null, $"Walker {total}/{planes}/{phasing}: the phasing f must be within 0..{planes - 1}");
        var perPlane = total / planes;
        var orbits = new List<KeplerianOrbit>(total);
        for (var j = 0; j < planes; j++)
            for (var k = 0; k < perPlane; k++)
            {
                var raan = raan0Deg + 360.0 * j / planes;
                var m = meanAnomaly0Deg + 360.0 * k / perPlane + 360.0 * phasing * j / total;
                orbits.Add(KeplerianOrbit.Circular($"{prefix}-{j + 1}-{k + 1}", altitudeKm, inclinationDeg,
                    raan % 360.0, m % 360.0, epochUtc));
            }
        return orbits;
    }
}
