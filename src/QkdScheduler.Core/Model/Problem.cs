namespace QkdScheduler.Core.Model;

/// <summary>
/// One scheduling instance (docs/architecture.md, "The scheduling problem"): nodes, a timeline of M
/// equal intervals of length Δt from <see cref="StartUtc"/>, the key matrix K and the switching
/// rule S (idle intervals needed between serving two different nodes).
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
        IReadOnlyDictionary<string, double>? finiteKey = null)
    {
        if (startUtc.Kind != DateTimeKind.Utc) throw new ArgumentException("start must be UTC", nameof(startUtc));
        if (!(intervalSeconds > 0) || !double.IsFinite(intervalSeconds))
            throw new ArgumentOutOfRangeException(nameof(intervalSeconds), "interval length must be a positive number of seconds");
        ArgumentOutOfRangeException.ThrowIfNegative(switchIntervals);
        if (keys.NodeCount != nodes.Count) throw new ArgumentException("key matrix and node list disagree on the node count");
        if (nodes.Count == 0) throw new ArgumentException("a problem needs at least one node", nameof(nodes));

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
        Keys = keys;
    }

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
    public int IntervalCount => Keys.IntervalCount;

    /// <summary>S: idle intervals required between serving two different nodes.</summary>
    public int SwitchIntervals { get; }

    public IReadOnlyList<Node> Nodes { get; }
    public KeyMatrix Keys { get; }

    public bool TryGetNodeIndex(string id, out int index) => _nodeIndex.TryGetValue(id, out index);

    public DateTime IntervalStartUtc(int interval) => StartUtc.AddSeconds(interval * IntervalSeconds);
}
