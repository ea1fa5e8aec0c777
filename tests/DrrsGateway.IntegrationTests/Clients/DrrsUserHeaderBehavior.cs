using System.ServiceModel.Channels;
using System.ServiceModel.Description;
using System.ServiceModel.Dispatcher;

namespace DrrsGateway.IntegrationTests.Clients;

/// <summary>
/// Names the user in the gateway's trusted header on every request of an endpoint, as a TLS-terminating hop
/// in front of the gateway would.
/// </summary>
public sealed class DrrsUserHeaderBehavior(string user) : IEndpointBehavior
{
    public const string HeaderName = "X-Drrs-User";

    public void AddBindingParameters(ServiceEndpoint endpoint, BindingParameterCollection bindingParameters)
    {
    }

    public void ApplyClientBehavior(ServiceEndpoint endpoint, ClientRuntime clientRuntime) =>
        clientRuntime.ClientMessageInspectors.Add(new DrrsUserHeaderInspector(HeaderName, user));

    public void ApplyDispatchBehavior(ServiceEndpoint endpoint, EndpointDispatcher endpointDispatcher) =>
        throw new NotSupportedException("The user header is a client behavior.");

    public void Validate(ServiceEndpoint endpoint)
    {
    }
}
