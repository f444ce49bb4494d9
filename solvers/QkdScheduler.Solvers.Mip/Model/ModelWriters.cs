using System.Globalization;
using System.Text;
using QkdScheduler.Core;
using QkdScheduler.Core.IO;

namespace QkdScheduler.Solvers.Mip.Model;

/// <summary>
/// Writes a <see cref="MipModel"/> as a CPLEX-LP or a free-format MPS file, so any MIP solver
/// (CBC, HiGHS, Gurobi, CPLEX, SCIP) can solve the same model. MPS has no portable objective
/// sense, so the MPS file minimises −objective (said in its first comment line); the LP file
/// maximises. Files are written atomically.
/// </summary>
public static class ModelWriters
{
    public static void Write(MipModel model, string path)
    {
        var text = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".lp" => ToLp(model),
            ".mps" => ToMps(model),
            _ => throw new InputException(path, null, "the model file must end in .lp (CPLEX LP) or .mps (free MPS)"),
        };
        try
        {
            AtomicFile.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The path is the user's (--write-model): a bad one is their input, not a solver failure.
            throw new InputException(path, null, $"cannot write the model file: {e.Message}");
        }
    }

    private static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public static string ToLp(MipModel m)
    {
        var sb = new StringBuilder();
        sb.Append(@"\ ").Append(m.Name).Append(": written by qkdsched\n");
        sb.Append("Maximize\n obj:");
        var any = false;
        for (var j = 0; j < m.Variables.Count; j++)
        {
            if (m.Variables[j].Objective == 0) continue;
            AppendTerm(sb, m.Variables[j].Objective, m.Variables[j].Name);
            any = true;
        }

        if (!any) sb.Append(" 0 ").Append(m.Variables.Count > 0 ? m.Variables[0].Name : "");
        sb.Append("\nSubject To\n");
        foreach (var c in m.Constraints)
        {
            sb.Append(' ').Append(c.Name).Append(':');
            if (c.Terms.Count == 0) sb.Append(" 0 ").Append(m.Variables[0].Name);
            foreach (var (j, a) in c.Terms) AppendTerm(sb, a, m.Variables[j].Name);
            sb.Append(c.Sense switch { ConstraintSense.LessOrEqual => " <= ", ConstraintSense.GreaterOrEqual => " >= ", _ => " = " }).Append(N(c.Rhs)).Append('\n');
        }

        sb.Append("Bounds\n");
        foreach (var v in m.Variables)
            sb.Append(' ').Append(N(v.Lower)).Append(" <= ").Append(v.Name).Append(" <= ").Append(double.IsPositiveInfinity(v.Upper) ? "+inf" : N(v.Upper)).Append('\n');
        var integers = m.Variables.Where(v => v.IsInteger).Select(v => v.Name).ToList();
        if (integers.Count > 0)
        {
            sb.Append("General\n");
            for (var i = 0; i < integers.Count; i += 8) sb.Append(' ').Append(string.Join(' ', integers.Skip(i).Take(8))).Append('\n');
        }

        sb.Append("End\n");
        return sb.ToString();
    }

    private static void AppendTerm(StringBuilder sb, double a, string name) =>
        sb.Append(a < 0 ? " - " : " + ").Append(N(Math.Abs(a))).Append(' ').Append(name);

    public static string ToMps(MipModel m)
    {
        var sb = new StringBuilder();
        sb.Append("* ").Append(m.Name).Append(": written by qkdsched; minimises -objective (the model maximises objective)\n");
        sb.Append("NAME ").Append(m.Name).Append('\n');
        sb.Append("ROWS\n N obj\n");
        foreach (var c in m.Constraints)
            sb.Append(c.Sense switch { ConstraintSense.LessOrEqual => " L ", ConstraintSense.GreaterOrEqual => " G ", _ => " E " }).Append(c.Name).Append('\n');

        var columns = new List<(int Row, double A)>[m.Variables.Count];
        for (var j = 0; j < columns.Length; j++) columns[j] = [];
        for (var i = 0; i < m.Constraints.Count; i++)
            foreach (var (j, a) in m.Constraints[i].Terms) columns[j].Add((i, a));

        sb.Append("COLUMNS\n");
        var inInteger = false;
        for (var j = 0; j < m.Variables.Count; j++)
        {
            var v = m.Variables[j];
            if (v.IsInteger != inInteger)
            {
                sb.Append(v.IsInteger ? " MARKER 'MARKER' 'INTORG'\n" : " MARKER 'MARKER' 'INTEND'\n");
                inInteger = v.IsInteger;
            }

            sb.Append(' ').Append(v.Name).Append(" obj ").Append(N(-v.Objective)).Append('\n');
            foreach (var (row, a) in columns[j]) sb.Append(' ').Append(v.Name).Append(' ').Append(m.Constraints[row].Name).Append(' ').Append(N(a)).Append('\n');
        }

        if (inInteger) sb.Append(" MARKER 'MARKER' 'INTEND'\n");
        sb.Append("RHS\n");
        foreach (var c in m.Constraints)
            if (c.Rhs != 0) sb.Append(" rhs ").Append(c.Name).Append(' ').Append(N(c.Rhs)).Append('\n');
        sb.Append("BOUNDS\n");
        foreach (var v in m.Variables)
        {
            if (v.Lower != 0) sb.Append(" LO bnd ").Append(v.Name).Append(' ').Append(N(v.Lower)).Append('\n');
            sb.Append(double.IsPositiveInfinity(v.Upper) ? " PL bnd " + v.Name + "\n" : $" UP bnd {v.Name} {N(v.Upper)}\n");
        }

        sb.Append("ENDATA\n");
        return sb.ToString();
    }
}
