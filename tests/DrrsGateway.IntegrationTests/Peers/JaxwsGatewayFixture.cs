namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>The gateway in front of the JAX-WS RI endpoint.</summary>
public sealed class JaxwsGatewayFixture : PeerGatewayFixture
{
    protected override Task<JavaBackend> StartBackendAsync() => JavaBackend.StartJaxwsAsync();
}
