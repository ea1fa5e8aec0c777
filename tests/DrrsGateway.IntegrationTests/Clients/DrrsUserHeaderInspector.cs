using System.ServiceModel;
using System.ServiceModel.Channels;
using System.ServiceModel.Dispatcher;

namespace DrrsGateway.IntegrationTests.Clients;

/// <summary>Adds one HTTP header to every outgoing request, keeping any HTTP headers already set on the message.</summary>
public sealed class DrrsUserHeaderInspector(string headerName, string value) : IClientMessageInspector
{
    public object? BeforeSendRequest(ref Message request, IClientChannel channel)
    {
        if (!request.Properties.TryGetValue(HttpRequestMessageProperty.Name, out var property)
            || property is not HttpRequestMessageProperty http)
        {
            http = new HttpRequestMessageProperty();
            request.Properties[HttpRequestMessageProperty.Name] = http;
        }

        http.Headers[headerName] = value;
        return null;
    }

    public void AfterReceiveReply(ref Message reply, object? correlationState)
    {
    }
}
