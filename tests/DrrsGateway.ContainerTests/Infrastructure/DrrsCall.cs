using System.Net.Sockets;
using System.Text;

namespace DrrsGateway.ContainerTests.Infrastructure;

/// <summary>A call to one DRRS operation, shaped as CAISO's clients send it: a named access point, SOAP 1.1.</summary>
internal static class DrrsCall
{
    public const string AccessPoint = "/sst/drrs/RetrieveDRLocations_DRRSv1_AP";
    public const string Action = "http://www.caiso.com/soa/retrieveDRLocations_v1";
    public const string UserHeader = "X-Drrs-User";

    public static readonly byte[] Envelope = Encoding.UTF8.GetBytes(
        "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body>"
        + "<ns0:RequestDRRegistrationData xmlns:ns0=\"http://www.caiso.com/soa/RequestDRRegistrationData_v1.xsd#\"><ns0:MessagePayload/></ns0:RequestDRRegistrationData>"
        + "</SOAP-ENV:Body></SOAP-ENV:Envelope>");

    public static async Task<(int Status, string Body)> SendAsync(HttpClient client, Uri gateway, string user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, AccessPoint))
        {
            Content = new ByteArrayContent(Envelope),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/xml; charset=utf-8");
        request.Headers.TryAddWithoutValidation("SOAPAction", Action);
        request.Headers.TryAddWithoutValidation(UserHeader, user);
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Starts a call and sends only half of its body, so that it is still in flight (the gateway is reading
    /// it) when the test stops the container; <see cref="InFlightCall.FinishAsync"/> sends the rest.
    /// </summary>
    public static async Task<InFlightCall> StartAsync(Uri gateway, string user)
    {
        var client = new TcpClient();
        await client.ConnectAsync(gateway.Host, gateway.Port);
        var stream = client.GetStream();
        var head = $"POST {AccessPoint} HTTP/1.1\r\nHost: {gateway.Authority}\r\nContent-Type: text/xml; charset=utf-8\r\n"
            + $"SOAPAction: {Action}\r\n{UserHeader}: {user}\r\nContent-Length: {Envelope.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(Envelope.AsMemory(0, Envelope.Length / 2));
        await stream.FlushAsync();
        return new InFlightCall(client, Envelope.AsMemory(Envelope.Length / 2));
    }
}

/// <summary>A call whose body is half sent.</summary>
internal sealed class InFlightCall(TcpClient client, ReadOnlyMemory<byte> rest) : IDisposable
{
    /// <summary>Sends the rest of the body and returns the response's status code, or 0 when the connection closed first.</summary>
    public async Task<int> FinishAsync()
    {
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(rest);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            var statusLine = await reader.ReadLineAsync();
            return statusLine is { } line && line.Split(' ') is [_, var code, ..] ? int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public void Dispose() => client.Dispose();
}
