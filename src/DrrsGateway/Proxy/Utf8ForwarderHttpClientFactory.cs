using System.Text;
using Yarp.ReverseProxy.Forwarder;

namespace DrrsGateway.Proxy;

/// <summary>
/// YARP's HTTP client, told to send header values as UTF-8: a non-ASCII identity header that the gateway
/// accepted must also reach DRRS, instead of failing the forward with a 502.
/// </summary>
internal class Utf8ForwarderHttpClientFactory : ForwarderHttpClientFactory
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.RequestHeaderEncodingSelector ??= (_, _) => Encoding.UTF8;
    }
}
