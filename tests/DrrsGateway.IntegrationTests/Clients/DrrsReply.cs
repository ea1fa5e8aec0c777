namespace DrrsGateway.IntegrationTests.Clients;

/// <summary>
/// A successful answer as the WCF client received it: the local name of the body's first element and the
/// simulator's number for the request (its <c>X-Drrs-Simulator-Request</c> header), if the answer carried one.
/// </summary>
public sealed record DrrsReply(string BodyElement, long? SimulatorRequest);
