using QkdScheduler.Solvers.Genetic.Chromosomes;

namespace QkdScheduler.Solvers.Genetic.Mutations;

/// <summary>Changes a chromosome in place (the engine repairs it afterwards).</summary>
public interface IMutation
{
    void Mutate(ScheduleChromosome chromosome, Random random);
}

/// <summary>One random row gets a random entry or goes idle.</summary>
public sealed class GeneMutation : IMutation
{
    public void Mutate(ScheduleChromosome c, Random random)
    {
        if (c.Genes.Length == 0) return;
        var r = random.Next(c.Genes.Length);
        var options = c.Layout.EntryCount(r);
        var pick = random.Next(options + 1);
        c.Genes[r] = pick == options ? ScheduleChromosome.Idle : pick;
    }
}

/// <summary>
/// Moves a contact boundary: a random served row's contact grows (the neighbouring rows take its
/// node, where that node has K) or shrinks at a random end, by 1 to S + 1 rows, so one move can
/// open or close a whole switching gap.
/// </summary>
public sealed class ContactBoundaryMutation : IMutation
{
    public void Mutate(ScheduleChromosome c, Random random)
    {
        var served = RandomServedRow(c, random);
        if (served < 0) return;
        var node = c.Layout.NodeOf(served, c.Genes[served]);
        var (first, last) = c.ContactAt(served);
        var atStart = random.Next(2) == 0;
        var length = 1 + random.Next(c.Layout.SwitchIntervals + 1);
        if (random.Next(2) == 0)
        {
            for (var k = 1; k <= length; k++)
            {
                var r = atStart ? first - k : last + k;
                if (r < 0 || r >= c.Genes.Length) break;
                var g = c.Layout.GeneOf(r, node);
                if (g == ScheduleChromosome.Idle) break;
                c.Genes[r] = g;
            }
        }
        else
        {
            for (var k = 0; k < length && first <= last; k++)
            {
                if (atStart) c.Genes[first++] = ScheduleChromosome.Idle;
                else c.Genes[last--] = ScheduleChromosome.Idle;
            }
        }
    }

    /// <summary>A random row with a served gene (a few tries), or −1.</summary>
    public static int RandomServedRow(ScheduleChromosome c, Random random)
    {
        for (var attempt = 0; attempt < 16 && c.Genes.Length > 0; attempt++)
        {
            var r = random.Next(c.Genes.Length);
            if (c.Genes[r] != ScheduleChromosome.Idle) return r;
        }

        return -1;
    }
}

/// <summary>
/// Reassigns a whole contact: every row of a random contact goes to one other node (picked among
/// those with K in the contact's first row), or idle where that node has no K.
/// </summary>
public sealed class ContactReassignMutation : IMutation
{
    public void Mutate(ScheduleChromosome c, Random random)
    {
        var served = ContactBoundaryMutation.RandomServedRow(c, random);
        if (served < 0) return;
        var (first, last) = c.ContactAt(served);
        var options = c.Layout.EntryCount(first);
        var node = c.Layout.NodeOf(first, random.Next(options));
        for (var r = first; r <= last; r++) c.Genes[r] = c.Layout.GeneOf(r, node);
    }
}

/// <summary>Applies one of several mutations, chosen uniformly.</summary>
public sealed class MixedMutation(params IMutation[] mutations) : IMutation
{
    public void Mutate(ScheduleChromosome c, Random random) => mutations[random.Next(mutations.Length)].Mutate(c, random);
}
