namespace QkdScheduler.Solvers.Mip.Model;

public enum ConstraintSense
{
    LessOrEqual,
    GreaterOrEqual,
    Equal,
}

/// <summary>A variable: bounds, integrality and its objective coefficient.</summary>
public sealed record MipVariable(string Name, double Lower, double Upper, bool IsInteger, double Objective);

/// <summary>A linear constraint Σ a_j x_j (sense) rhs, with terms by variable index.</summary>
public sealed record MipConstraint(string Name, IReadOnlyList<(int Variable, double Coefficient)> Terms, ConstraintSense Sense, double Rhs);

/// <summary>
/// A backend-neutral mixed-integer program: maximise Σ c_j x_j over bounded variables (some
/// integer) subject to linear constraints, with an optional starting solution. The engines
/// (<see cref="Engines.MipEngine"/>) and the LP/MPS writers read it; nothing in it is specific to one solver.
/// </summary>
public sealed class MipModel(string name)
{
    private readonly List<MipVariable> _variables = [];
    private readonly List<MipConstraint> _constraints = [];

    public string Name { get; } = name;
    public IReadOnlyList<MipVariable> Variables => _variables;
    public IReadOnlyList<MipConstraint> Constraints => _constraints;

    /// <summary>Values of some variables for a MIP start (a feasible solution), or null.</summary>
    public IReadOnlyDictionary<int, double>? Start { get; set; }

    public int NonZeroCount => _constraints.Sum(c => c.Terms.Count);

    public int AddBinary(string name, double objective = 0) => AddVariable(new MipVariable(name, 0, 1, true, objective));

    public int AddVariable(MipVariable v)
    {
        _variables.Add(v);
        return _variables.Count - 1;
    }

    public void AddConstraint(string name, IReadOnlyList<(int Variable, double Coefficient)> terms, ConstraintSense sense, double rhs) =>
        _constraints.Add(new MipConstraint(name, terms, sense, rhs));
}
