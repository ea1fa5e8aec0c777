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
}
