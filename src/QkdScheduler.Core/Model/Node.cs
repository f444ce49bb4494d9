namespace QkdScheduler.Core.Model;

/// <summary>
/// Something the satellite can serve in one interval: one ground station (trusted-node downlink,
/// seed 000) or a pair of stations served at once (entanglement dual downlink, seed 004).
/// </summary>
/// <param name="Id">Unique id used in every file.</param>
/// <param name="Stations">Station names this node stands for.</param>
/// <param name="Weight">Priority weight w_n for S-PD; weights of a problem sum to 1.</param>
/// <param name="Share">Target share q_n of all keys for S-TD; shares of a problem sum to 1.</param>
/// <param name="Qber">For a pair node of an entanglement instance (key unit "pairs"): the modelled QBER of the
/// pairs it receives, from which the finite key and the Bell parameter of its total are computed.</param>
public sealed record Node(string Id, IReadOnlyList<string> Stations, double Weight, double Share, double? Qber = null);
