namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>One operation a client script called: its result, or the fault (or other error) its stack raised.</summary>
internal sealed record PeerClientCall(string Operation, string? Result, string? Fault, string? FaultCode, string? Error, int? Status);
