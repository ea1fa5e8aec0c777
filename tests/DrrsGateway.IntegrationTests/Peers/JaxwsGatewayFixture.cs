namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// The gateway in front of the JAX-WS RI endpoint, with its defaults and, as a second process, with
/// <c>EnvelopeCheck=Always</c>: the JDK http server answers every path below the endpoint's address.
/// </summary>
public sealed class JaxwsGatewayFixture : PeerGatewayFixture
{
    protected override bool StartsAlwaysCheckingGateway => true;

    protected override Task<JavaBackend> StartBackendAsync() => JavaBackend.StartJaxwsAsync();
}
