namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>Tests sharing one embedded Tomcat backend and its gateway.</summary>
[CollectionDefinition(Name)]
public sealed class TomcatPeersCollection : ICollectionFixture<TomcatGatewayFixture>
{
    public const string Name = "Peers: Tomcat";
}
