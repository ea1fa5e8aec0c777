namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>Tests sharing one JAX-WS RI backend and its gateway; they run in parallel with the Tomcat ones.</summary>
[CollectionDefinition(Name)]
public sealed class JaxwsPeersCollection : ICollectionFixture<JaxwsGatewayFixture>
{
    public const string Name = "Peers: JAX-WS RI";
}
