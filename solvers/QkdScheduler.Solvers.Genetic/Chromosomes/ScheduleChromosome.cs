using QkdScheduler.Core.Model;

namespace QkdScheduler.Solvers.Genetic.Chromosomes;

/// <summary>
/// The decoding context shared by all chromosomes of a run: the active rows (intervals where some
/// node has K &gt; 0) and their entries. A gene per active row holds the entry served in that row
/// (0..entries−1) or <see cref="ScheduleChromosome.Idle"/>; rows where nobody can be served have
/// no gene at all.
/// </summary>
public sealed class ScheduleLayout
{
    public ScheduleLayout(Problem problem)
    {
        Problem = problem;
        var keys = problem.Keys;
        Rows = keys.RowCount;
        Intervals = keys.ActiveIntervals.ToArray();
        RowStart = Enumerable.Range(0, Rows + 1).Select(keys.RowStart).ToArray();
        EntryNodes = keys.EntryNodes.ToArray();
        EntryBits = keys.EntryBits.ToArray();
        SwitchIntervals = problem.SwitchIntervals;
    }

    public Problem Problem { get; }
    public int Rows { get; }
    public int[] Intervals { get; }
    public int[] RowStart { get; }
    public int[] EntryNodes { get; }
    public double[] EntryBits { get; }
    public int SwitchIntervals { get; }

    public int EntryCount(int row) => RowStart[row + 1] - RowStart[row];

    public int NodeOf(int row, int gene) => EntryNodes[RowStart[row] + gene];

    public double BitsOf(int row, int gene) => EntryBits[RowStart[row] + gene];

    /// <summary>The gene of <paramref name="node"/> in a row, or Idle when it has no K there.</summary>
    public int GeneOf(int row, int node)
    {
        for (var e = RowStart[row]; e < RowStart[row + 1]; e++)
            if (EntryNodes[e] == node) return e - RowStart[row];
        return ScheduleChromosome.Idle;
    }
}

/// <summary>
/// One individual: a gene per active row. <see cref="Repair"/> makes any gene string feasible
/// (switching rule and minimum contact length), so every individual in a population is a valid schedule.
/// </summary>
public sealed class ScheduleChromosome
{
    public const int Idle = -1;

    public ScheduleChromosome(ScheduleLayout layout, int[] genes)
    {
        Layout = layout;
        Genes = genes;
    }

    public ScheduleLayout Layout { get; }
    public int[] Genes { get; }

    /// <summary>Set by the fitness evaluation.</summary>
    public double Fitness { get; set; } = double.NaN;

    /// <summary>KL divergence of the delivered shares (S-TD), set by the fitness evaluation.</summary>
    public double Divergence { get; set; } = double.NaN;

    public ScheduleChromosome Clone() => new(Layout, (int[])Genes.Clone()) { Fitness = Fitness, Divergence = Divergence };

    /// <summary>
    /// Enforces the switching rule in time order: a row whose node differs from the last served
    /// one too soon (fewer than S idle intervals) keeps serving the last node if that node has K
    /// there, and goes idle otherwise. Rows never change to a node without K.
    /// </summary>
    public ScheduleChromosome Repair()
    {
        var l = Layout;
        var lastNode = -1;
        var lastInterval = int.MinValue;
        for (var r = 0; r < l.Rows; r++)
        {
            var g = Genes[r];
            if (g == Idle) continue;
            var node = l.NodeOf(r, g);
            if (lastNode >= 0 && node != lastNode && (long)l.Intervals[r] - lastInterval - 1 < l.SwitchIntervals)
            {
                g = l.GeneOf(r, lastNode);
                Genes[r] = g;
                if (g == Idle) continue;
                node = lastNode;
            }

            lastNode = node;
            lastInterval = l.Intervals[r];
        }

        DropShortContacts();
        Fitness = double.NaN;
        return this;
    }

    /// <summary>
    /// Under a minimum contact length L: idles every contact (a run of rows of one node in consecutive intervals; rows are
    /// entries with K &gt; 0, so no contact pads) shorter than L. Idling only widens gaps, so the switching rule still holds.
    /// </summary>
    private void DropShortContacts()
    {
        var l = Layout;
        var minimum = l.Problem.MinContactIntervals;
        if (minimum <= 1) return;
        for (var r = 0; r < l.Rows;)
        {
            if (Genes[r] == Idle)
            {
                r++;
                continue;
            }

            var node = l.NodeOf(r, Genes[r]);
            var end = r + 1;
            while (end < l.Rows && Genes[end] != Idle && l.NodeOf(end, Genes[end]) == node && l.Intervals[end] == l.Intervals[end - 1] + 1) end++;
            if (end - r < minimum)
                for (var k = r; k < end; k++) Genes[k] = Idle;
            r = end;
        }
    }

    /// <summary>Keys delivered to each node.</summary>
    public double[] Delivered()
    {
        var l = Layout;
        var perNode = new double[l.Problem.Nodes.Count];
        for (var r = 0; r < l.Rows; r++)
            if (Genes[r] != Idle) perNode[l.NodeOf(r, Genes[r])] += l.BitsOf(r, Genes[r]);
        return perNode;
    }

    public IEnumerable<Assignment> Assignments()
    {
        for (var r = 0; r < Layout.Rows; r++)
            if (Genes[r] != Idle) yield return new Assignment(Layout.Intervals[r], Layout.NodeOf(r, Genes[r]));
    }

    /// <summary>The rows [first, last] of the contact (run of one node, idle rows of no K inside allowed) containing row r.</summary>
    public (int First, int Last) ContactAt(int r)
    {
        var node = Layout.NodeOf(r, Genes[r]);
        int first = r, last = r;
        while (first > 0 && Genes[first - 1] != Idle && Layout.NodeOf(first - 1, Genes[first - 1]) == node) first--;
        while (last < Layout.Rows - 1 && Genes[last + 1] != Idle && Layout.NodeOf(last + 1, Genes[last + 1]) == node) last++;
        return (first, last);
    }
}
