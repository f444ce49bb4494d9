namespace QkdScheduler.Core.Model;

/// <summary>
/// One scheduling instance (docs/architecture.md, "The scheduling problem"): nodes, a timeline of M
/// equal intervals of length Δt from <see cref="StartUtc"/>, the key matrix K and the switching
/// rule S (idle intervals needed between serving two different nodes). A constellation instance
/// (<see cref="Constellation"/> not null) has one key matrix per satellite instead of <see cref="Keys"/>;
/// code that serves both reads <see cref="KeysOf"/> for s in 0..<see cref="SatelliteCount"/>−1.
/// </summary>
public sealed class Problem
{
    private readonly Dictionary<string, int> _nodeIndex;

    public Problem(
        string name,
        DateTime startUtc,
        double intervalSeconds,
        int switchIntervals,
        IReadOnlyList<Node> nodes,
        KeyMatrix keys,
        string description = "",
        string keyUnit = "bits",
        IReadOnlyDictionary<string, string>? provenance = null,
        IReadOnlyDictionary<string, double>? finiteKey = null,
        Constellation? constellation = null,
        int minContactIntervals = 1,
        ScenarioSpec? scenarios = null)
    {
        if (startUtc.Kind != DateTimeKind.Utc) throw new ArgumentException("start must be UTC", nameof(startUtc));
        if (!(intervalSeconds > 0) || !double.IsFinite(intervalSeconds))
            throw new ArgumentOutOfRangeException(nameof(intervalSeconds), "interval length must be a positive number of seconds");
        ArgumentOutOfRangeException.ThrowIfNegative(switchIntervals);
        if (keys.NodeCount != nodes.Count) throw new ArgumentException("key matrix and node list disagree on the node count");
        if (constellation != null && (constellation.Keys[0].NodeCount != nodes.Count || constellation.Keys[0].IntervalCount != keys.IntervalCount))
            throw new ArgumentException("the satellites' key matrices and the node list or timeline disagree");
        if (nodes.Count == 0) throw new ArgumentException("a problem needs at least one node", nameof(nodes));
        ArgumentOutOfRangeException.ThrowIfLessThan(minContactIntervals, 1);

        _nodeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
            if (!_nodeIndex.TryAdd(nodes[i].Id, i)) throw new ArgumentException($"node id '{nodes[i].Id}' is used twice");

        Name = name;
        Description = description;
        KeyUnit = keyUnit;
        Provenance = provenance ?? new Dictionary<string, string>();
        FiniteKey = finiteKey ?? new Dictionary<string, double>();
        StartUtc = startUtc;
        IntervalSeconds = intervalSeconds;
        SwitchIntervals = switchIntervals;
        Nodes = nodes;
        _keys = keys;
        Constellation = constellation;
        MinContactIntervals = minContactIntervals;
        Scenarios = scenarios;
    }

    /// <summary>The instance's weather ensemble, when it has one (docs/architecture.md, "Weather scenarios and risk"); keys.csv is its mean.</summary>
    public ScenarioSpec? Scenarios { get; }

    /// <summary>
    /// L (docs/architecture.md, "Minimum contact length"): with L &gt; 1 every contact lasts at least L intervals and
    /// serves its node only where K &gt; 0; 1 = no rule.
    /// </summary>
    public int MinContactIntervals { get; }

    /// <summary>
    /// The same instance under the minimum contact length <paramref name="intervals"/> (e.g. from <c>--min-contact-seconds</c>),
    /// named <paramref name="name"/> (by default its own name).
    /// </summary>
    public Problem WithMinContactIntervals(int intervals, string? name = null) => intervals == MinContactIntervals
        ? this
        : new(name ?? Name, StartUtc, IntervalSeconds, SwitchIntervals, Nodes, _keys, Description, KeyUnit, Provenance, FiniteKey, Constellation, intervals, Scenarios);

    /// <summary>
    /// The stretches of a one-satellite instance that can be scheduled on their own (<see cref="KeyMatrix.IndependentStretches"/>):
    /// separated by at least S intervals without keys, and under a minimum contact length by at least one (a contact runs
    /// through consecutive intervals, so one without keys ends it).
    /// </summary>
    public IReadOnlyList<RowRange> IndependentStretches() =>
        Keys.IndependentStretches(MinContactIntervals > 1 ? Math.Max(SwitchIntervals, 1) : SwitchIntervals);

    /// <summary>Whole intervals of <paramref name="intervalSeconds"/> that cover <paramref name="seconds"/> (rounded up; at least 1).</summary>
    public static int IntervalsCovering(double seconds, double intervalSeconds) => Math.Max(1, (int)Math.Ceiling(seconds / intervalSeconds - 1e-9));

    private readonly KeyMatrix _keys;

    /// <summary>The satellites, their key matrices and the stations' receivers; null for a one-satellite instance.</summary>
    public Constellation? Constellation { get; }

    public bool IsConstellation => Constellation != null;

    /// <summary>1 for a one-satellite instance.</summary>
    public int SatelliteCount => Constellation?.Satellites.Count ?? 1;

    /// <summary>K of satellite <paramref name="satellite"/>; for a one-satellite instance, satellite 0 is <see cref="Keys"/>.</summary>
    public KeyMatrix KeysOf(int satellite) => Constellation?.Keys[satellite] ?? (satellite == 0 ? _keys : throw new ArgumentOutOfRangeException(nameof(satellite)));

    /// <summary>Non-zero entries of K over every satellite.</summary>
    public int NonZeroCount => Enumerable.Range(0, SatelliteCount).Sum(s => KeysOf(s).NonZeroCount);

    /// <summary>Σ_s Σ_m K[s,m,n] per node: what node n could get if every satellite served it whenever it can.</summary>
    public double[] TotalPerNode()
    {
        var total = new double[Nodes.Count];
        for (var s = 0; s < SatelliteCount; s++)
        {
            var perNode = KeysOf(s).TotalPerNode();
            for (var n = 0; n < total.Length; n++) total[n] += perNode[n];
        }

        return total;
    }

    /// <summary>Satellite <paramref name="satellite"/> alone: a one-satellite instance with its keys (no receivers rule, the same minimum contact length).</summary>
    public Problem OneSatellite(int satellite) =>
        new(Name, StartUtc, IntervalSeconds, SwitchIntervals, Nodes, KeysOf(satellite), Description, KeyUnit, Provenance, FiniteKey, minContactIntervals: MinContactIntervals);

    /// <summary>The satellite's id in files; null for a one-satellite instance.</summary>
    public string? SatelliteId(int satellite) => Constellation?.Satellites[satellite];

    public string Name { get; }
    public string Description { get; }
    public string KeyUnit { get; }
    public IReadOnlyDictionary<string, string> Provenance { get; }

    /// <summary>
    /// For entanglement instances: the finite-key settings (seed 004 eq. 11) by parameter name, so the
    /// finite key of each node's total pairs can be computed after a solve; empty otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, double> FiniteKey { get; }
    public DateTime StartUtc { get; }

    /// <summary>Interval length Δt in seconds.</summary>
    public double IntervalSeconds { get; }

    /// <summary>Number of intervals M.</summary>
    public int IntervalCount => _keys.IntervalCount;

    /// <summary>S: idle intervals required between serving two different nodes.</summary>
    public int SwitchIntervals { get; }

    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>
    /// K of a one-satellite instance. A constellation has one per satellite (<see cref="KeysOf"/>): asking
    /// it for one matrix is a bug in the caller, not something to answer with one satellite's keys.
    /// </summary>
    public KeyMatrix Keys => Constellation == null
        ? _keys
        : throw new InvalidOperationException($"instance '{Name}' is a constellation of {Constellation.Satellites.Count} satellites: read each satellite's keys (KeysOf)");

    public bool TryGetNodeIndex(string id, out int index) => _nodeIndex.TryGetValue(id, out index);

    public DateTime IntervalStartUtc(int interval) => StartUtc.AddSeconds(interval * IntervalSeconds);
}
