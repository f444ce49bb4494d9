using System.Globalization;
using QkdScheduler.Solvers.Mip.Model;

namespace QkdScheduler.Solvers.Tests.Mip;

/// <summary>
/// Reads back the LP and MPS files <see cref="ModelWriters"/> writes, written here independently of
/// the writer from the formats' definitions (CPLEX LP: objective, "Subject To" rows "name: ± a x … op
/// rhs", "Bounds" "l &lt;= x &lt;= u", "General"; free MPS: ROWS, COLUMNS with INTORG/INTEND markers,
/// RHS, BOUNDS UP/LO/PL), so a test can solve what was written. The MPS objective is negated back
/// (the file minimises −objective). Only the subset the writer uses is understood.
/// </summary>
internal static class ModelFileReader
{
    private static double D(string s) => s switch
    {
        "+inf" or "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(s, CultureInfo.InvariantCulture),
    };

    public static MipModel Lp(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => !l.StartsWith('\\')).ToList();
        var objective = new Dictionary<string, double>();
        var rows = new List<(string Name, List<(string Var, double A)> Terms, string Op, double Rhs)>();
        var bounds = new Dictionary<string, (double L, double U)>();
        var integers = new HashSet<string>();
        var order = new List<string>();
        var section = "";
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line is "Maximize" or "Subject To" or "Bounds" or "General" or "End") { section = line; continue; }
            var tokens = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (section)
            {
                case "Maximize":
                    foreach (var (v, a) in Terms(tokens.Skip(1).ToArray())) objective[v] = a;
                    break;
                case "Subject To":
                    var op = Array.FindIndex(tokens, t => t is "<=" or ">=" or "=");
                    rows.Add((tokens[0].TrimEnd(':'), Terms(tokens[1..op]).ToList(), tokens[op], D(tokens[op + 1])));
                    break;
                case "Bounds":
                    bounds[tokens[2]] = (D(tokens[0]), D(tokens[4]));
                    order.Add(tokens[2]);
                    break;
                case "General":
                    integers.UnionWith(tokens);
                    break;
            }
        }

        var model = new MipModel("lp");
        var index = order.ToDictionary(v => v, v => model.AddVariable(new MipVariable(v, bounds[v].L, bounds[v].U, integers.Contains(v), objective.GetValueOrDefault(v))));
        foreach (var (name, terms, op, rhs) in rows)
            model.AddConstraint(name, terms.Select(t => (index[t.Var], t.A)).ToList(), Sense(op), rhs);
        return model;
    }

    /// <summary>"+ 2 x - 3 y" (or "0 x") as (variable, coefficient) pairs.</summary>
    private static IEnumerable<(string Var, double A)> Terms(string[] t)
    {
        for (var i = 0; i < t.Length;)
        {
            var sign = 1.0;
            if (t[i] is "+" or "-") sign = t[i++] == "-" ? -1 : 1;
            yield return (t[i + 1], sign * D(t[i]));
            i += 2;
        }
    }

    private static ConstraintSense Sense(string op) => op switch
    {
        "<=" or "L" => ConstraintSense.LessOrEqual,
        ">=" or "G" => ConstraintSense.GreaterOrEqual,
        _ => ConstraintSense.Equal,
    };

    public static MipModel Mps(string path)
    {
        var rowSense = new Dictionary<string, string>();
        var rowOrder = new List<string>();
        var columns = new List<string>();
        var objective = new Dictionary<string, double>();
        var terms = new Dictionary<string, List<(string Var, double A)>>();
        var rhs = new Dictionary<string, double>();
        var integer = new HashSet<string>();
        var lower = new Dictionary<string, double>();
        var upper = new Dictionary<string, double>();
        var section = "";
        var inInteger = false;
        foreach (var raw in File.ReadAllLines(path))
        {
            if (raw.StartsWith('*')) continue;
            var t = raw.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (t.Length == 0) continue;
            if (!raw.StartsWith(' ')) { section = t[0]; continue; }
            switch (section)
            {
                case "ROWS":
                    if (t[0] == "N") break;
                    rowSense[t[1]] = t[0];
                    rowOrder.Add(t[1]);
                    terms[t[1]] = [];
                    break;
                case "COLUMNS":
                    if (t[0] == "MARKER") { inInteger = t[2].Contains("INTORG"); break; }
                    if (columns.Count == 0 || columns[^1] != t[0]) columns.Add(t[0]);
                    if (inInteger) integer.Add(t[0]);
                    if (t[1] == "obj") objective[t[0]] = -D(t[2]);
                    else terms[t[1]].Add((t[0], D(t[2])));
                    break;
                case "RHS":
                    rhs[t[1]] = D(t[2]);
                    break;
                case "BOUNDS":
                    if (t[0] == "UP") upper[t[2]] = D(t[3]);
                    else if (t[0] == "LO") lower[t[2]] = D(t[3]);
                    else if (t[0] == "PL") upper[t[2]] = double.PositiveInfinity;
                    break;
            }
        }

        var model = new MipModel("mps");
        var index = columns.ToDictionary(v => v, v => model.AddVariable(new MipVariable(v, lower.GetValueOrDefault(v), upper.GetValueOrDefault(v, double.PositiveInfinity),
            integer.Contains(v), objective.GetValueOrDefault(v))));
        foreach (var r in rowOrder)
            model.AddConstraint(r, terms[r].Select(x => (index[x.Var], x.A)).ToList(), Sense(rowSense[r]), rhs.GetValueOrDefault(r));
        return model;
    }
}
