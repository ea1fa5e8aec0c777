namespace DrrsGateway.Simulator.Callers;

/// <summary>What <c>GET /_simulator/calls</c> answers: every user's counts and the totals.</summary>
/// <param name="Executed">Every call that ran, tracked user or not.</param>
/// <param name="Refused">Every call refused under the policy.</param>
/// <param name="Users">The counts of each tracked user.</param>
internal sealed record CallsReport(long Executed, long Refused, IReadOnlyDictionary<string, CallCounts> Users);
