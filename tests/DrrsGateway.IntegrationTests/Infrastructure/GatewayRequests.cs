namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>Shorthands for DRRS-shaped requests.</summary>
public static class GatewayRequests
{
    public const string LocationsPath = "/sst/runtime.asvc/retrieveDRRSLocations_v1";
    public const string RegistrationsPath = "/sst/runtime.asvc/retrieveDRRSRegistrations_v1";

    public static Task<HttpResponseMessage> CallAsync(this HttpClient client, string user, string path = LocationsPath, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent("<soap/>", System.Text.Encoding.UTF8, "text/xml"),
        };
        request.Headers.Add(GatewayFactory.UserHeader, user);
        if (accept is not null)
        {
            request.Headers.Add("Accept", accept);
        }

        return client.SendAsync(request);
    }

    public static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A SOAP 1.1 call: <c>text/xml</c> with <paramref name="soapAction"/> as the SOAPAction header.</summary>
    public static Task<HttpResponseMessage> Soap11Async(this HttpClient client, string user, string path, string soapAction, string body = SoapEnvelope)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "text/xml") };
        request.Headers.TryAddWithoutValidation("SOAPAction", soapAction);
        request.Headers.Add(GatewayFactory.UserHeader, user);
        return client.SendAsync(request);
    }

    /// <summary>A SOAP 1.2 call: <c>application/soap+xml</c> with <paramref name="action"/> as its action parameter.</summary>
    public static Task<HttpResponseMessage> Soap12Async(this HttpClient client, string user, string path, string? action)
    {
        var content = new StringContent(SoapEnvelope, System.Text.Encoding.UTF8);
        var contentType = action is null ? "application/soap+xml; charset=utf-8" : $"application/soap+xml; charset=utf-8; action=\"{action}\"";
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add(GatewayFactory.UserHeader, user);
        return client.SendAsync(request);
    }

    public const string SoapEnvelope =
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body/></soap:Envelope>";

    public const string RuntimePath = "/sst/runtime.asvc";

    public static string CaisoAction(string operation) => $"\"http://www.caiso.com/soa/{operation}\"";

    /// <summary>Retries <paramref name="condition"/> until it holds: settings files reload asynchronously.</summary>
    public static Task EventuallyAsync(Func<Task<bool>> condition, string what) =>
        EventuallyAsync(condition, what, TimeSpan.FromSeconds(15));

    /// <summary>Retries <paramref name="condition"/> until it holds or <paramref name="limit"/> has passed.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still not true after {limit.TotalSeconds:0} s: {what}");
            }

            await Task.Delay(100);
        }
    }
}
