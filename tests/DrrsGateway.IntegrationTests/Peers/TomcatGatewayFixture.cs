namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>The gateway in front of the embedded Tomcat servlet.</summary>
public sealed class TomcatGatewayFixture : PeerGatewayFixture
{
    protected override Task<JavaBackend> StartBackendAsync() => JavaBackend.StartTomcatAsync();
}
