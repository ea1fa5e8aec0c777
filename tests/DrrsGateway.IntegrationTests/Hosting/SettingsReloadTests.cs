using System.Net;
using System.Text.Json.Nodes;
using DrrsGateway.IntegrationTests.Infrastructure;
using Serilog.Events;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Hosting;

/// <summary>
/// Settings and routes changed in a live JSON file take effect without a restart; a change that does not
/// validate is logged and leaves the previous settings (or routes) in force.
/// </summary>
public sealed class SettingsReloadTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("drrs-reload-").FullName;
    private RecordingBackend _backend = null!;
    private GatewayFactory _gateway = null!;
    private string _file = null!;

    public async Task InitializeAsync()
    {
        _backend = await RecordingBackend.StartAsync();
        _file = Path.Combine(_directory, "live.json");
        Write(new JsonObject());
        _gateway = new GatewayFactory(_backend.Address) { ReloadableJsonFile = _file };
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task ExemptUsers_AddedLive_TakeEffectWithoutRestart()
    {
        using var client = _gateway.CreateClientFrom();
        using var before = await client.CallAsync("monitor");

        Write(new JsonObject { ["Aup"] = new JsonObject { ["ExemptUsers"] = new JsonArray("monitor") } });

        await EventuallyAsync(async () =>
        {
            using var response = await client.CallAsync("monitor");
            return response.StatusCode == HttpStatusCode.OK;
        }, "the monitor account is exempt");
    }

    [Fact]
    public async Task TrustedProxies_ChangedLive_FollowTheChange()
    {
        using var proxy = _gateway.CreateClientFrom(IPAddress.Parse("10.1.2.3"));
        using var before = await proxy.CallAsync(NewUser());
        Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);

        Write(new JsonObject { ["Aup"] = new JsonObject { ["Identity"] = new JsonObject { ["TrustedProxies"] = "10.0.0.0/8" } } });

        await EventuallyAsync(async () =>
        {
            using var response = await proxy.CallAsync(NewUser());
            return response.StatusCode == HttpStatusCode.OK;
        }, "10.1.2.3 is a trusted proxy");
    }

    [Fact]
    public async Task SoapFaultStatus_ChangedLive_IsUsed()
    {
        using var client = _gateway.CreateClientFrom();
        var user = NewUser();
        using var first = await client.Soap11Async(user, RuntimePath, CaisoAction("submitDRRSLocations_v1"));

        Write(new JsonObject { ["Aup"] = new JsonObject { ["Soap"] = new JsonObject { ["Soap11FaultStatusCode"] = 429 } } });

        await EventuallyAsync(async () =>
        {
            using var response = await client.Soap11Async(user, RuntimePath, CaisoAction("submitDRRSLocations_v1"));
            return response.StatusCode == HttpStatusCode.TooManyRequests;
        }, "SOAP 1.1 faults are answered 429");
    }

    [Fact]
    public async Task RouteMode_ChangedLive_SwitchesTheRouteToShadow()
    {
        using var client = _gateway.CreateClientFrom();
        Write(Route("Enforce"));
        await EventuallyAsync(async () =>
        {
            using var response = await client.CallAsync(NewUser(), "/live/RetrieveDRRSLocations_v1");
            return response.Headers.Contains("RateLimit-Policy");
        }, "the live route exists");

        Write(Route("Shadow"));

        await EventuallyAsync(async () =>
        {
            using var first = await client.CallAsync("alice", "/live/RetrieveDRRSLocations_v1");
            using var second = await client.CallAsync("alice", "/live/RetrieveDRRSLocations_v1");
            return second.StatusCode == HttpStatusCode.OK;
        }, "the live route is in shadow mode");
    }

    [Fact]
    public async Task InvalidChange_IsLoggedAndTheLastGoodSettingsStay()
    {
        using var client = _gateway.CreateClientFrom();
        Write(new JsonObject { ["Aup"] = new JsonObject { ["WindowSeconds"] = 0, ["ExemptUsers"] = new JsonArray("monitor") } });

        await EventuallyAsync(() => Task.FromResult(_gateway.Logs.WithEventId(EventIds.SettingsChangeRejected).Any()), "the invalid change is logged");
        var error = _gateway.Logs.WithEventId(EventIds.SettingsChangeRejected).First();
        Assert.Equal(LogEventLevel.Error, error.Level);
        Assert.Contains("Aup:WindowSeconds", error.RenderMessage(), StringComparison.Ordinal);

        var user = NewUser();
        using var first = await client.CallAsync(user);
        using var second = await client.CallAsync(user);
        using var monitor = await client.CallAsync("monitor");
        using var monitorAgain = await client.CallAsync("monitor");
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), second.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, monitorAgain.StatusCode);
    }

    [Fact]
    public async Task InvalidRouteMetadata_ChangedLive_KeepsThePreviousRoutes()
    {
        using var client = _gateway.CreateClientFrom();
        Write(Route("Off"));
        await EventuallyAsync(async () =>
        {
            using var response = await client.PostAsync("/live/RetrieveDRRSLocations_v1", new StringContent("<soap/>"));
            return response.StatusCode == HttpStatusCode.OK;
        }, "the live route is off");

        Write(Route("Of"));
        await EventuallyAsync(
            () => Task.FromResult(_gateway.Logs.Events.Any(e => e.Exception?.ToString().Contains("Route 'live' has metadata AupMode = 'Of'", StringComparison.Ordinal) == true)),
            "YARP logged the rejected routes");

        using var stillOff = await client.PostAsync("/live/RetrieveDRRSLocations_v1", new StringContent("<soap/>"));
        Assert.Equal(HttpStatusCode.OK, stillOff.StatusCode);
    }

    private static JsonObject Route(string mode) => new()
    {
        ["ReverseProxy"] = new JsonObject
        {
            ["Routes"] = new JsonObject
            {
                ["live"] = new JsonObject
                {
                    ["ClusterId"] = "drrs",
                    ["Match"] = new JsonObject { ["Path"] = "/live/{**rest}" },
                    ["Metadata"] = new JsonObject { ["AupMode"] = mode },
                },
            },
        },
    };

    // Written to a temporary file then moved, so the watcher never reads a half-written file.
    private void Write(JsonObject settings)
    {
        var temporary = _file + ".tmp";
        File.WriteAllText(temporary, settings.ToJsonString());
        File.Move(temporary, _file, overwrite: true);
    }
}
