using System.Net.Http.Headers;
using System.Text;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>Requests shaped like the Java peers expect: wrapped document/literal bodies in the service's namespace.</summary>
internal static class PeerRequests
{
    public const string UserHeader = "X-Drrs-User";

    /// <summary>The generic endpoint: JAX-WS RI's SOAP 1.1 address, and the Tomcat servlet's prefix.</summary>
    public const string RuntimePath = "/sst/runtime.asvc";

    /// <summary>JAX-WS RI's SOAP 1.2 endpoint.</summary>
    public const string Soap12Path = "/sst/soap12/runtime.asvc";

    /// <summary>JAX-WS RI's bare-style service, whose Body elements are named after requests (<see cref="BareRequest"/>).</summary>
    public const string BarePath = "/sst/bare/runtime.asvc";

    private const string Namespace = "http://www.caiso.com/soa/drrs/";

    public static string NewUser(string scenario) => $"peer-{scenario}-{Guid.NewGuid().ToString("N")[..12]}";

    /// <summary>The Body element of the bare-style service's request for <paramref name="operation"/>: <c>RetrieveDRRSLocationsRequest</c>.</summary>
    public static string BareRequest(string operation) => operation.Replace("_v1", "Request", StringComparison.Ordinal);

    /// <summary>A SOAP 1.1 envelope whose first Body child is the wrapper element of <paramref name="bodyOperation"/>.</summary>
    public static string Soap11Envelope(string bodyOperation) =>
        $"<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><d:{bodyOperation} xmlns:d=\"{Namespace}\"><request>peer</request></d:{bodyOperation}></s:Body></s:Envelope>";

    public static string Soap12Envelope(string bodyOperation) =>
        $"<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><d:{bodyOperation} xmlns:d=\"{Namespace}\"><request>peer</request></d:{bodyOperation}></s:Body></s:Envelope>";

    /// <summary>A SOAP 1.1 POST; <paramref name="soapAction"/> is sent as given (quotes included), or not at all when null.</summary>
    public static HttpRequestMessage Soap11(string user, string path, string? soapAction, string bodyOperation)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(Soap11Envelope(bodyOperation), Encoding.UTF8, "text/xml"),
        };
        if (soapAction is not null)
        {
            request.Headers.TryAddWithoutValidation("SOAPAction", soapAction);
        }

        request.Headers.Add(UserHeader, user);
        return request;
    }

    /// <summary>A SOAP 1.2 POST with <paramref name="action"/> as the content type's action parameter.</summary>
    public static HttpRequestMessage Soap12(string user, string path, string action, string bodyOperation)
    {
        var content = new StringContent(Soap12Envelope(bodyOperation), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"application/soap+xml; charset=utf-8; action=\"{action}\"");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add(UserHeader, user);
        return request;
    }

    /// <summary>
    /// A SOAP 1.1 POST with <paramref name="path"/> exactly as given and the body of <paramref name="bodyOperation"/>;
    /// each of <paramref name="soapActions"/> goes on a SOAPAction line of its own.
    /// </summary>
    public static Task<int> RawSoap11Async(Uri server, string path, string user, string bodyOperation, params string[] soapActions) =>
        RawHttp.PostAsync(
            server,
            path,
            ["Content-Type: text/xml; charset=utf-8", $"{UserHeader}: {user}", .. soapActions.Select(action => "SOAPAction: " + action)],
            Soap11Envelope(bodyOperation));

    /// <summary>Sends and reads the whole answer, so the backend has finished counting when this returns.</summary>
    public static async Task<(System.Net.HttpStatusCode Status, string Body)> SendAsync(this HttpClient client, Func<HttpRequestMessage> request)
    {
        using var message = request();
        using var response = await client.SendAsync(message);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
