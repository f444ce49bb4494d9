using System.Globalization;
using QkdScheduler.Solvers.Mip.Model;

namespace QkdScheduler.Solvers.Mip.Formulation;

/// <summary>
/// The minimum contact length L (docs/architecture.md, "Minimum contact length") as min-up rows over one satellite's
/// service of one node: with x_t the served indicator in interval t (0 where the node has no key, which has no
/// variable), a contact that starts at t (x_t = 1, x_{t−1} = 0) must go on for L intervals:
/// <code>
///   x_t − x_{t−1} ≤ x_τ      for τ = t + 1 … t + L − 1
/// </code>
/// the minimum up-time rows of unit commitment, a unit that is switched on staying on (the form of Takriti, Birge &amp;
/// Long 1996, <i>IEEE Trans. Power Systems</i> 11(3), 1497–1508; the convex hull with start-up variables is Rajan &amp;
/// Takriti 2005, IBM Research Report RC23628). Why they are exact here: at a start the left side is 1, so every
/// x_τ of the next L − 1 intervals is 1; anywhere else the left side is at most 0 and the row is void. Where some τ has
/// no variable the row is x_t − x_{t−1} ≤ 0: no contact may start at t. Contacts of the node that touch are one, as in
/// the definition; a contact cannot pad with intervals without key, as those have no variable.
/// </summary>
internal static class MinContactRows
{
    /// <summary>
    /// Adds the rows for one satellite and node; <paramref name="served"/> maps each interval with a variable to the
    /// terms whose sum is x_t (the flow model's x is the sum of its two arcs into the serve vertex).
    /// </summary>
    public static void Add(MipModel model, SortedDictionary<int, (int Variable, double Coefficient)[]> served, int minContact, string tag)
    {
        if (minContact <= 1) return;
        foreach (var (t, x) in served)
        {
            var terms = new List<(int, double)>(x);
            if (served.TryGetValue(t - 1, out var before)) terms.AddRange(before.Select(v => (v.Variable, -v.Coefficient)));
            for (var k = 1; k < minContact; k++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"minc_{tag}_{t}_{k}");
                if (!served.TryGetValue(t + k, out var later))
                {
                    model.AddConstraint(name, terms, ConstraintSense.LessOrEqual, 0);
                    break;
                }

                model.AddConstraint(name, [.. terms, .. later.Select(v => (v.Variable, -v.Coefficient))], ConstraintSense.LessOrEqual, 0);
            }
        }
    }
}
