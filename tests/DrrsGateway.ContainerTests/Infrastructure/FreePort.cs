using System.Net;
using System.Net.Sockets;

namespace DrrsGateway.ContainerTests.Infrastructure;

/// <summary>Loopback ports nobody listens on: the containers share the host's network.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
