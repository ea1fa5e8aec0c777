namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>The Event of a fault's StandardOutput detail, as a client script's stack exposed it.</summary>
internal sealed record PeerFaultDetail(string? Description, string? Id, string? Result);
