using System.Net.Http.Json;
using System.Text.Json;

namespace DrrsGateway.Simulator.Tests;

/// <summary>Calls as a named user, and what the simulator's control endpoint says it did with them.</summary>
internal static class AupCalls
{
    public const string UserHeader = "X-Drrs-User";
    public const string RetrieveLocations = "RetrieveDRLocations_DRRSv1_AP";
    public const string RetrieveRegistrations = "RetrieveDRRegistrations_DRRSv1_AP";

    public const string Message =
        "CAISO DRRS Acceptable Use Policy Violation. Please retry your request again in 30 seconds from now. Note: Time resets each time you request before expiration.";

    /// <summary>CAISO's plain SOAP 1.1 retrieve at <paramref name="accessPoint"/>, as <paramref name="user"/> (none when <c>null</c>).</summary>
    public static HttpRequestMessage Retrieve(string accessPoint, string? user)
    {
        var operation = char.ToLowerInvariant(accessPoint[0]) + accessPoint[1..accessPoint.IndexOf("_DRRS", StringComparison.Ordinal)] + "_v1";
        var request = CaisoMessages.Plain(
            CaisoMessages.Path(accessPoint), CaisoMessages.ActionPrefix + operation, CaisoMessages.BodyElement(CaisoRequestBody.RegistrationQuery));
        As(request, user);
        return request;
    }

    public static HttpRequestMessage As(HttpRequestMessage request, string? user)
    {
        if (user is not null)
        {
            request.Headers.Add(UserHeader, user);
        }

        return request;
    }

    /// <summary>The status of the answer to <paramref name="request"/>.</summary>
    public static async Task<int> StatusAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request);
            return (int)response.StatusCode;
        }
    }

    /// <summary><c>GET /_simulator/calls?user=…</c>, parsed.</summary>
    public static async Task<JsonElement> ReportAsync(HttpClient client, string user) =>
        await client.GetFromJsonAsync<JsonElement>(new Uri($"/_simulator/calls?user={Uri.EscapeDataString(user)}", UriKind.Relative));

    /// <summary>(executed, refused) of <paramref name="user"/>.</summary>
    public static async Task<(long Executed, long Refused)> CountsAsync(HttpClient client, string user)
    {
        var report = await ReportAsync(client, user);
        return (report.GetProperty("executed").GetInt64(), report.GetProperty("refused").GetInt64());
    }
}
