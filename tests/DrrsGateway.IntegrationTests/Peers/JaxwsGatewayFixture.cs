namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// The gateway, with its defaults, in front of the JAX-WS RI endpoint. The JDK http server answers every
/// path below the endpoint's address, which is why the default <c>EnvelopeCheck=Always</c> matters here.
/// </summary>
public sealed class JaxwsGatewayFixture : PeerGatewayFixture
{
    protected override Task<JavaBackend> StartBackendAsync() => JavaBackend.StartJaxwsAsync();
}
