namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// One operation a client script called: its result, or the fault (or other error) its stack raised. The access-point
/// scripts also say where they called (<paramref name="AccessPoint"/>), which Body element they sent
/// (<paramref name="Request"/>) and what the fault's StandardOutput detail held (<paramref name="Detail"/>).
/// </summary>
internal sealed record PeerClientCall(
    string Operation,
    string? Result,
    string? Fault,
    string? FaultCode,
    string? Error,
    int? Status,
    string? AccessPoint = null,
    string? Request = null,
    PeerFaultDetail? Detail = null);
