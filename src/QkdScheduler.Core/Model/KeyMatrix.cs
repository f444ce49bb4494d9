namespace QkdScheduler.Core.Model;

/// <summary>
/// The sparse key matrix K[m,n] >= 0: bits node n receives if served during the whole interval m.
/// Stored row-compressed over the <em>active</em> intervals only (those where some node has K > 0),
/// because a week of 1-second intervals has ~600 000 intervals of which ~1 % are servable.
/// </summary>
public sealed class KeyMatrix
{
    private readonly int[] _activeIntervals;
    private readonly int[] _rowStart;
    private readonly int[] _nodes;
    private readonly double[] _bits;

    private KeyMatrix(int intervalCount, int nodeCount, int[] activeIntervals, int[] rowStart, int[] nodes, double[] bits)
    {
        IntervalCount = intervalCount;
        NodeCount = nodeCount;
        _activeIntervals = activeIntervals;
        _rowStart = rowStart;
        _nodes = nodes;
        _bits = bits;
    }

    /// <summary>Number of intervals M of the timeline (not only the active ones).</summary>
    public int IntervalCount { get; }
    public int NodeCount { get; }

    /// <summary>Number of active intervals (rows).</summary>
    public int RowCount => _activeIntervals.Length;
    public int NonZeroCount => _bits.Length;

    /// <summary>Interval index m of each row, strictly increasing.</summary>
    public ReadOnlySpan<int> ActiveIntervals => _activeIntervals;

    public int IntervalOfRow(int row) => _activeIntervals[row];

    /// <summary>Index of the first entry of a row; entries of row r are [RowStart(r), RowStart(r+1)).</summary>
    public int RowStart(int row) => _rowStart[row];

    /// <summary>Node index of each entry, increasing within a row.</summary>
    public ReadOnlySpan<int> EntryNodes => _nodes;

    /// <summary>Bits of each entry, all strictly positive.</summary>
    public ReadOnlySpan<double> EntryBits => _bits;

    /// <summary>K[m,n], zero when not stored.</summary>
    public double this[int interval, int node]
    {
        get
        {
            var row = Array.BinarySearch(_activeIntervals, interval);
            if (row < 0) return 0;
            for (var e = _rowStart[row]; e < _rowStart[row + 1]; e++)
                if (_nodes[e] == node) return _bits[e];
            return 0;
        }
    }

    /// <summary>First row whose interval is >= <paramref name="interval"/> (RowCount when none).</summary>
    public int FirstRowAtOrAfter(int interval)
    {
        var row = Array.BinarySearch(_activeIntervals, interval);
        return row >= 0 ? row : ~row;
    }

    /// <summary>
    /// Splits the rows into stretches separated by at least <paramref name="switchIntervals"/>
    /// intervals without keys. A switch between two stretches is always allowed (the gap already
    /// holds S idle intervals), so for objectives that add up over nodes each stretch can be
    /// scheduled on its own.
    /// </summary>
    public IReadOnlyList<RowRange> IndependentStretches(int switchIntervals)
    {
        var result = new List<RowRange>();
        var from = 0;
        for (var r = 1; r <= RowCount; r++)
        {
            if (r < RowCount && (long)_activeIntervals[r] - _activeIntervals[r - 1] - 1 < switchIntervals) continue;
            result.Add(new RowRange(from, r));
            from = r;
        }

        return result;
    }

    /// <summary>Sum of K over all intervals, per node.</summary>
    public double[] TotalPerNode()
    {
        var totals = new double[NodeCount];
        for (var e = 0; e < _bits.Length; e++) totals[_nodes[e]] += _bits[e];
        return totals;
    }

    /// <summary>
    /// Builds the matrix from (interval, node, bits) entries. Zero entries are dropped; negative,
    /// non-finite, out-of-range or repeated entries are programming errors here (readers report
    /// them to the user with a file and line before calling this).
    /// </summary>
    public static KeyMatrix FromEntries(int intervalCount, int nodeCount, IEnumerable<KeyEntry> entries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(intervalCount);
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        var list = entries.Where(e => e.Bits != 0).ToList();
        foreach (var e in list)
        {
            if (e.Interval < 0 || e.Interval >= intervalCount)
                throw new ArgumentOutOfRangeException(nameof(entries), $"interval {e.Interval} is outside 0..{intervalCount - 1}");
            if (e.Node < 0 || e.Node >= nodeCount)
                throw new ArgumentOutOfRangeException(nameof(entries), $"node {e.Node} is outside 0..{nodeCount - 1}");
            if (!double.IsFinite(e.Bits) || e.Bits < 0)
                throw new ArgumentOutOfRangeException(nameof(entries), $"K[{e.Interval},{e.Node}] = {e.Bits} is not a finite non-negative number");
        }

        list.Sort((a, b) => a.Interval != b.Interval ? a.Interval.CompareTo(b.Interval) : a.Node.CompareTo(b.Node));
        var active = new List<int>();
        var rowStart = new List<int>();
        var nodes = new int[list.Count];
        var bits = new double[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            var e = list[i];
            if (i > 0 && list[i - 1].Interval == e.Interval && list[i - 1].Node == e.Node)
                throw new ArgumentException($"K[{e.Interval},{e.Node}] is given twice", nameof(entries));
            if (active.Count == 0 || active[^1] != e.Interval)
            {
                active.Add(e.Interval);
                rowStart.Add(i);
            }

            nodes[i] = e.Node;
            bits[i] = e.Bits;
        }

        rowStart.Add(list.Count);
        return new KeyMatrix(intervalCount, nodeCount, active.ToArray(), rowStart.ToArray(), nodes, bits);
    }

    /// <summary>All stored entries in interval-then-node order.</summary>
    public IEnumerable<KeyEntry> Entries()
    {
        for (var r = 0; r < _activeIntervals.Length; r++)
            for (var e = _rowStart[r]; e < _rowStart[r + 1]; e++)
                yield return new KeyEntry(_activeIntervals[r], _nodes[e], _bits[e]);
    }
}

/// <summary>One stored value K[Interval, Node] = Bits.</summary>
public readonly record struct KeyEntry(int Interval, int Node, double Bits);

/// <summary>Rows [From, To) of a <see cref="KeyMatrix"/>.</summary>
public readonly record struct RowRange(int From, int To)
{
    public int Count => To - From;
}
