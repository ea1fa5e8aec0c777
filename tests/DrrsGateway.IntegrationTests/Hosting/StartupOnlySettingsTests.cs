using System.Net;
using System.Text.Json.Nodes;
using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.TestSupport;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Hosting;

/// <summary>
/// Settings the store reads once (the breaker, timeouts, keys) cannot change while the gateway runs: a live
/// edit of one is said in a Warning, and what callers are told keeps following the store actually in use.
/// </summary>
public sealed class StartupOnlySettingsTests : BackendTests
{
    [Fact]
    public async Task BreakerPause_EditedLive_RetryAfterKeepsTheStoresPauseAndTheEditIsLogged()
    {
        var directory = Directory.CreateTempSubdirectory("drrs-startup-only-").FullName;
        var file = Path.Combine(directory, "live.json");
        File.WriteAllText(file, "{}");
        try
        {
            // No Redis listens there: every decision fails and Reject answers 503 with the breaker's pause.
            await using var gateway = new GatewayFactory(
                Backend.Address,
                $"127.0.0.1:{FreePort.Next()},abortConnect=false,connectTimeout=200",
                new Dictionary<string, string?> { ["Aup:OnStoreFailure"] = "Reject", ["Aup:Breaker:BreakMilliseconds"] = "2000" })
            {
                ReloadableJsonFile = file,
            };
            using var client = gateway.CreateClientFrom();
            using var before = await client.CallAsync(NewUser());

            File.WriteAllText(file, new JsonObject { ["Aup"] = new JsonObject { ["Breaker"] = new JsonObject { ["BreakMilliseconds"] = 10000 } } }.ToJsonString());
            await EventuallyAsync(() => Task.FromResult(gateway.Logs.WithEventId(EventIds.StartupOnlySettingChanged).Any()), "the edit of a start-up-only setting is logged");
            using var after = await client.CallAsync(NewUser());

            Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
            Assert.Equal("2", before.Headers.RetryAfter?.ToString());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
            Assert.Equal("2", after.Headers.RetryAfter?.ToString());
            var warning = Assert.Single(gateway.Logs.WithEventId(EventIds.StartupOnlySettingChanged));
            Assert.Equal("Aup:Breaker", LogCollector.Scalar(warning, "Setting"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
