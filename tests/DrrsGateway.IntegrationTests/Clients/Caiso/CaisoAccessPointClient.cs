using System.ServiceModel;

namespace DrrsGateway.IntegrationTests.Clients.Caiso;

/// <summary>
/// A generated-style WCF proxy of one CAISO access point through the gateway, as one user: SOAP 1.1 over
/// <c>BasicHttpBinding</c> (CAISO's access points speak nothing else), the user in the gateway's trusted header.
/// </summary>
public sealed class CaisoAccessPointClient<TContract> : IDisposable
    where TContract : class
{
    private readonly ChannelFactory<TContract> _factory;

    /// <param name="gateway">The gateway's base address.</param>
    /// <param name="accessPoint">The access point's path, e.g. <c>/sst/drrs/RetrieveDRLocations_DRRSv1_AP</c>.</param>
    /// <param name="user">Sent in the gateway's trusted user header on every call.</param>
    public CaisoAccessPointClient(Uri gateway, string accessPoint, string user)
    {
        _factory = new ChannelFactory<TContract>(WcfBindings.Create(WcfClientKind.Soap11), new EndpointAddress(new Uri(gateway, accessPoint)));
        _factory.Endpoint.EndpointBehaviors.Add(new DrrsUserHeaderBehavior(user));
        Channel = _factory.CreateChannel();
    }

    public TContract Channel { get; }

    public void Dispose()
    {
        ((IClientChannel)Channel).Abort();
        _factory.Abort();
    }
}
