namespace DrrsGateway.Simulator.Callers;

/// <summary>What <c>GET /_simulator/calls?user=…</c> answers: one user's counts, by operation, and latest calls.</summary>
/// <param name="User">The user asked about.</param>
/// <param name="Executed">The user's calls that ran.</param>
/// <param name="Refused">The user's calls refused under the policy.</param>
/// <param name="Operations">The same counts per operation (lower-cased).</param>
/// <param name="Calls">The latest calls, oldest first, with the certificate each came with.</param>
internal sealed record UserCallsReport(
    string User,
    long Executed,
    long Refused,
    IReadOnlyDictionary<string, CallCounts> Operations,
    IReadOnlyList<CallRecord> Calls);
