using System.Diagnostics;
using System.Net;
using System.Text;
using DrrsGateway.AcceptableUse;
using DrrsGateway.IntegrationTests.Infrastructure;
using static DrrsGateway.IntegrationTests.Infrastructure.CaisoWire;

namespace DrrsGateway.IntegrationTests.AcceptableUse;

/// <summary>
/// The backend's own AUP refusals, on the published gateway configured by environment variables: in hold
/// mode a refused call is held again and forwarded anew a spacing after the refusal, so the caller gets the
/// backend's real answer; in enforce mode, past the replay limit or when it cannot be held again, the
/// refusal reaches the caller unchanged. Either way it is counted and logged.
/// </summary>
public sealed class BackendRefusalTests : BackendTests
{
    private const int MarginMilliseconds = 200;
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(1000 + MarginMilliseconds);

    // What DRRS answers a call inside its own window: CAISO's message in a SOAP fault, HTTP 500.
    private static readonly ScriptedAnswer DrrsRefusal = new(500,
        "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body><SOAP-ENV:Fault>"
        + $"<faultcode>SOAP-ENV:Client</faultcode><faultstring>{Violation}</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>");

    [Fact]
    public async Task Hold_BackendRefusesWithItsFault_CallIsHeldAgainAndAnswered()
    {
        Backend.Scripted.Enqueue(DrrsRefusal);
        await using var gateway = await GatewayProcess.StartAsync(Environment("Hold"));
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        var user = GatewayRequests.NewUser();
        using var request = Call(user);
        var sent = await request.Content!.ReadAsByteArrayAsync();

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RecordingBackend.Body, await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.Contains(AupMiddleware.HeldHeader), "the re-held call carries no held header");
        Assert.Equal(2, Backend.Bodies.Count);
        Assert.All(Backend.Bodies, body => Assert.Equal(sent, body));
        AssertSpacedApart();
        await AssertLoggedAsync(gateway, "held the call again");
        await AssertCountedAsync(gateway, 1);
    }

    [Fact]
    public async Task Hold_BackendAnswers429WithoutBody_CallIsHeldAgainAndAnswered()
    {
        Backend.Scripted.Enqueue(new ScriptedAnswer(429, "", "text/html"));
        await using var gateway = await GatewayProcess.StartAsync(Environment("Hold"));
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };

        using var response = await client.SendAsync(Call(GatewayRequests.NewUser()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, Backend.Requests.Count);
        AssertSpacedApart();
    }

    [Fact]
    public async Task Hold_NextCallAfterAnAbsorbedRefusal_WaitsASpacingFromTheRefusal()
    {
        Backend.Scripted.Enqueue(DrrsRefusal);
        await using var gateway = await GatewayProcess.StartAsync(Environment("Hold"));
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        var user = GatewayRequests.NewUser();

        using var first = await client.SendAsync(Call(user));
        using var second = await client.SendAsync(Call(user));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(3, Backend.Requests.Count);
        AssertSpacedApart();
    }

    [Theory]
    [InlineData("Hold", "Aup__Hold__MaxReplayBodyBytes", "64")]
    [InlineData("Hold", "Aup__Hold__AbsorbBackendRefusals", "false")]
    [InlineData("Enforce", "Aup__Hold__AbsorbBackendRefusals", "true")]
    public async Task Refusal_NotAbsorbed_IsPassedOnUnchangedCountedAndLogged(string mode, string setting, string value)
    {
        Backend.Scripted.Enqueue(DrrsRefusal);
        var environment = Environment(mode);
        environment[setting] = value;
        await using var gateway = await GatewayProcess.StartAsync(environment);
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };

        using var response = await client.SendAsync(Call(GatewayRequests.NewUser()));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(DrrsRefusal.Body, await response.Content.ReadAsStringAsync());
        Assert.Single(Backend.Requests);
        await AssertLoggedAsync(gateway, "passed the refusal on");
        await AssertCountedAsync(gateway, 1);
    }

    [Theory]
    [InlineData("Hold", 500, 100)]
    [InlineData("Hold", 500, 200_000)]
    [InlineData("Hold", 200, 200_000)]
    [InlineData("Enforce", 503, 200_000)]
    public async Task OtherAnswers_AnySize_ReachTheCallerUnchangedOnce(string mode, int status, int length)
    {
        var body = new string('x', length);
        Backend.Scripted.Enqueue(new ScriptedAnswer(status, body, "text/plain"));
        await using var gateway = await GatewayProcess.StartAsync(Environment(mode));
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };

        using var response = await client.SendAsync(Call(GatewayRequests.NewUser()));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
        Assert.Single(Backend.Requests);
        await AssertCountedAsync(gateway, 0);
    }

    private Dictionary<string, string> Environment(string mode) => new()
    {
        ["ReverseProxy__Clusters__drrs__Destinations__primary__Address"] = Backend.Address,
        ["Aup__Mode"] = mode,
        ["Aup__WindowSeconds"] = "1",
        ["Aup__Hold__MarginMilliseconds"] = MarginMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Aup__Identity__TrustedHeader"] = GatewayFactory.UserHeader,
    };

    private static HttpRequestMessage Call(string user)
    {
        var request = Plain(AccessPoint("retrieveDRLocations_v1"), user, Action("retrieveDRLocations_v1"), RetrieveBody);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Envelope(RetrieveBody, user)));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/xml");
        return request;
    }

    private void AssertSpacedApart()
    {
        var arrivals = Backend.Arrivals.Select(arrival => arrival.Timestamp).ToList();
        for (var i = 1; i < arrivals.Count; i++)
        {
            var apart = Stopwatch.GetElapsedTime(arrivals[i - 1], arrivals[i]);
            Assert.True(apart >= Spacing - TimeSpan.FromMilliseconds(15), $"forwardings {i} and {i + 1} reached the backend {apart.TotalMilliseconds:0} ms apart, less than window + margin");
        }
    }

    private static Task AssertLoggedAsync(GatewayProcess gateway, string action) =>
        GatewayRequests.EventuallyAsync(
            () => Task.FromResult(gateway.Output.Any(line => line.Contains("\"Decision\":\"BackendRefused\"", StringComparison.Ordinal) && line.Contains(action, StringComparison.Ordinal) && line.Contains("Warning", StringComparison.Ordinal))),
            $"a Warning that the backend refused and the gateway {action}");

    private static async Task AssertCountedAsync(GatewayProcess gateway, int expected)
    {
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        var metrics = await client.GetStringAsync("/metrics");
        var counted = metrics.Split('\n')
            .Where(line => line.StartsWith("drrs_aup_decisions_total{", StringComparison.Ordinal) && line.Contains("outcome=\"backend_refused\"", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, counted);
    }
}
