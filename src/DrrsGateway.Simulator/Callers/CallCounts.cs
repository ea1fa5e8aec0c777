namespace DrrsGateway.Simulator.Callers;

/// <summary>How many calls were executed and how many refused.</summary>
internal sealed record CallCounts(long Executed, long Refused);
