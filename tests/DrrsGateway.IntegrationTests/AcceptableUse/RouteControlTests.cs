using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Serilog.Events;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.AcceptableUse;

/// <summary>
/// Per-route and per-user control: routes in shadow or off mode, a route's own window, exempt users and
/// the RateLimit-Policy header. Routes: /shadow/*, /off/* and /short/* (5 s) beside the catch-all.
/// </summary>
public sealed class RouteControlTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly DateTimeOffset _start;
    private RecordingBackend _backend = null!;
    private GatewayFactory _gateway = null!;
    private HttpClient _client = null!;

    public RouteControlTests() => _start = _time.GetUtcNow();

    public async Task InitializeAsync()
    {
        _backend = await RecordingBackend.StartAsync();
        _gateway = Gateway();
        _client = _gateway.CreateClientFrom();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task Call_ShadowRouteSameServiceAgain_IsForwardedAndLoggedAsShadow()
    {
        using var first = await _client.CallAsync("alice", "/shadow/retrieveDRRSLocations_v1");
        using var second = await _client.CallAsync("alice", "/shadow/retrieveDRRSLocations_v1");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, _backend.CountFor("/shadow/retrieveDRRSLocations_v1"));
        Assert.Empty(_gateway.Logs.WithEventId(EventIds.Rejected));
        var shadow = Assert.Single(_gateway.Logs.WithEventId(EventIds.ShadowRejected));
        Assert.Equal(LogEventLevel.Information, shadow.Level);
        Assert.Equal("Shadow", Scalar(shadow, "Decision"));
        Assert.Equal("alice", Scalar(shadow, "User"));
        Assert.Equal("retrievedrrslocations_v1", Scalar(shadow, "Service"));
    }

    [Fact]
    public async Task Call_ShadowRoute_EveryRequestStillRestartsTheWindow()
    {
        // 0 s allowed; 20 s would be refused and restarts the window to 50 s; 45 s would be refused too.
        await At(0, "/shadow/RetrieveDRRSBatchStatus_v1");
        await At(20, "/shadow/RetrieveDRRSBatchStatus_v1");
        await At(45, "/shadow/RetrieveDRRSBatchStatus_v1");
        await At(76, "/shadow/RetrieveDRRSBatchStatus_v1");

        Assert.Equal(2, _gateway.Logs.WithEventId(EventIds.ShadowRejected).Count());
        Assert.Equal(4, _backend.CountFor("/shadow/RetrieveDRRSBatchStatus_v1"));
    }

    [Fact]
    public async Task Call_ShadowRouteWithoutIdentity_IsForwardedAndLogged()
    {
        using var response = await _client.PostAsync("/shadow/RetrieveDRRSBatchStatus_v1", new StringContent("<soap/>"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shadow = Assert.Single(_gateway.Logs.WithEventId(EventIds.ShadowRefusal));
        Assert.Equal(401, Scalar(shadow, "StatusCode"));
        Assert.Empty(_gateway.Logs.WithEventId(EventIds.Unidentified));
    }

    [Fact]
    public async Task Call_OffRoute_IsNeverCheckedNorKeyed()
    {
        using var anonymous = await _client.PostAsync("/off/x", new StringContent("<soap/>"));
        using var first = await _client.CallAsync("alice", "/off/y");
        using var second = await _client.CallAsync("alice", "/off/y");

        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(second.Headers.Contains("RateLimit-Policy"));
        Assert.DoesNotContain(_gateway.Logs.Events, e => e.Properties.ContainsKey("Decision"));
    }

    [Fact]
    public async Task Call_RouteWindowOverride_RefusesWithItsWindowAndFreesAfterIt()
    {
        using var first = await _client.CallAsync("alice", "/short/RetrieveDRRSLocations_v1");
        using var refused = await _client.CallAsync("alice", "/short/RetrieveDRRSLocations_v1");
        _time.Advance(TimeSpan.FromSeconds(6));
        using var afterWindow = await _client.CallAsync("alice", "/short/RetrieveDRRSLocations_v1");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter!.Delta);
        Assert.StartsWith("CAISO DRRS Acceptable Use Policy Violation. Please retry your request again in 5 seconds", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, afterWindow.StatusCode);
        Assert.Equal("1;w=5", first.Headers.GetValues("RateLimit-Policy").Single());
    }

    [Fact]
    public async Task Call_ExemptUser_IsNeverLimitedNorLoggedAtInformation()
    {
        for (var i = 0; i < 3; i++)
        {
            using var response = await _client.CallAsync("monitor");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var other = await _client.CallAsync("alice");
        using var otherAgain = await _client.CallAsync("alice");

        Assert.Equal(3 + 1, _backend.CountFor(LocationsPath));
        Assert.Equal(HttpStatusCode.TooManyRequests, otherAgain.StatusCode);
        // The request log has its one line per request; the policy itself says nothing above Debug.
        Assert.DoesNotContain(_gateway.Logs.Events, e => e.Level >= LogEventLevel.Information
            && e.Properties.TryGetValue("SourceContext", out var source) && source.ToString().Contains("AcceptableUse", StringComparison.Ordinal)
            && e.Properties.TryGetValue("User", out var user) && user.ToString() == "\"monitor\"");
    }

    [Fact]
    public async Task Call_Allowed_AdvertisesThePolicyAndRefusalCarriesRetryAfter()
    {
        using var allowed = await _client.CallAsync("alice");
        using var refused = await _client.CallAsync("alice");

        Assert.Equal("1;w=30", allowed.Headers.GetValues("RateLimit-Policy").Single());
        Assert.Equal(RecordingBackend.Body, await allowed.Content.ReadAsStringAsync());
        Assert.False(refused.Headers.Contains("RateLimit-Policy"));
        Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task Call_AdvertisePolicyOff_HasNoRateLimitPolicyHeader()
    {
        await using var gateway = Gateway(new() { ["Aup:AdvertisePolicy"] = "false" });
        using var client = gateway.CreateClientFrom();

        using var allowed = await client.CallAsync("alice");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.False(allowed.Headers.Contains("RateLimit-Policy"));
    }

    [Theory]
    [InlineData("AupMode", "Of")]
    [InlineData("AupWindowSeconds", "0")]
    [InlineData("AupWindowSeconds", "thirty")]
    public void Start_InvalidRouteMetadata_FailsNamingRouteAndKey(string key, string value)
    {
        using var gateway = Gateway(new() { [$"ReverseProxy:Routes:shadow:Metadata:{key}"] = value });

        var error = Assert.ThrowsAny<Exception>(() => gateway.CreateClient());

        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains("Route 'shadow'", messages, StringComparison.Ordinal);
        Assert.Contains(key, messages, StringComparison.Ordinal);
    }

    private GatewayFactory Gateway(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Aup:ExemptUsers:0"] = "monitor",
            ["ReverseProxy:Routes:shadow:ClusterId"] = "drrs",
            ["ReverseProxy:Routes:shadow:Match:Path"] = "/shadow/{**rest}",
            ["ReverseProxy:Routes:shadow:Metadata:AupMode"] = "Shadow",
            ["ReverseProxy:Routes:off:ClusterId"] = "drrs",
            ["ReverseProxy:Routes:off:Match:Path"] = "/off/{**rest}",
            ["ReverseProxy:Routes:off:Metadata:AupMode"] = "Off",
            ["ReverseProxy:Routes:short:ClusterId"] = "drrs",
            ["ReverseProxy:Routes:short:Match:Path"] = "/short/{**rest}",
            ["ReverseProxy:Routes:short:Metadata:AupWindowSeconds"] = "5",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new GatewayFactory(_backend.Address, settings: all, configureServices: s => s.AddSingleton<TimeProvider>(_time));
    }

    private async Task At(double second, string path)
    {
        _time.Advance(TimeSpan.FromSeconds(second) - (_time.GetUtcNow() - _start));
        using var response = await _client.CallAsync("alice", path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }

    private static object? Scalar(LogEvent logEvent, string name) =>
        Assert.IsType<ScalarValue>(logEvent.Properties[name]).Value;
}
