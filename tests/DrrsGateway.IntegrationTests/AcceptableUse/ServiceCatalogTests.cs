using System.Net;
using System.Text.Json.Nodes;
using DrrsGateway.IntegrationTests.Infrastructure;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.AcceptableUse;

/// <summary>
/// The catalog bounds what one user can make the gateway store: names outside it write no lock in Redis and
/// never reach DRRS; the catalog follows a live settings change.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class ServiceCatalogTests(RedisFixture redis) : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("drrs-catalog-").FullName;
    private RecordingBackend _backend = null!;

    public async Task InitializeAsync() => _backend = await RecordingBackend.StartAsync();

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task JunkNames_FromOneUser_WriteNoLockAndReachNoBackend()
    {
        await using var gateway = new GatewayFactory(_backend.Address, redis.Server.ConnectionString);
        using var client = gateway.CreateClientFrom();
        var user = NewUser();

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => i % 2 == 0
            ? client.CallAsync(user, $"/sst/runtime.asvc/Junk{i}_v1")
            : client.SendAsync(SoapWire.Soap11(RuntimePath, user, SoapWire.Envelope(SoapWire.Soap11Namespace, $"Junk{i}_v1"), $"\"urn:junk-{i}\""))));
        using var real = await client.CallAsync(user, LocationsPath);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.Single(redis.Admin.Keys(pattern: gateway.KeyPrefix + "*"));
        Assert.Single(_backend.Requests);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Catalog_ChangedLive_FollowsTheChangeAndABadOneIsIgnored()
    {
        var file = Path.Combine(_directory, "live.json");
        await File.WriteAllTextAsync(file, "{}");
        await using var gateway = new GatewayFactory(_backend.Address) { ReloadableJsonFile = file };
        using var client = gateway.CreateClientFrom();
        using var before = await client.CallAsync(NewUser(), "/sst/runtime.asvc/NewDrrsOperation_v1");
        Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);

        await File.WriteAllTextAsync(file, new JsonObject { ["Aup"] = new JsonObject { ["Services"] = new JsonObject { ["Names"] = new JsonArray("NewDrrsOperation_v*", "RetrieveDRRSLocations_v*") } } }.ToJsonString());
        await EventuallyAsync(async () =>
        {
            using var response = await client.CallAsync(NewUser(), "/sst/runtime.asvc/NewDrrsOperation_v2");
            return response.StatusCode == HttpStatusCode.OK;
        }, "the new operation is catalogued");
        using var dropped = await client.CallAsync(NewUser(), "/sst/runtime.asvc/SubmitDRRSLocations_v1");
        Assert.Equal(HttpStatusCode.BadRequest, dropped.StatusCode);

        await File.WriteAllTextAsync(file, new JsonObject { ["Aup"] = new JsonObject { ["Services"] = new JsonObject { ["Pattern"] = "([unclosed" } } }.ToJsonString());
        await EventuallyAsync(() => Task.FromResult(gateway.Logs.WithEventId(EventIds.SettingsChangeRejected).Any()), "the bad catalog is rejected");
        using var stillNew = await client.CallAsync(NewUser(), "/sst/runtime.asvc/NewDrrsOperation_v2");
        Assert.Equal(HttpStatusCode.OK, stillNew.StatusCode);
    }
}
