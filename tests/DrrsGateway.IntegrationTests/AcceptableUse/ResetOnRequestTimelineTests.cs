using System.Diagnostics;
using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.AcceptableUse;

/// <summary>
/// The worked timeline of shared/DRRS.md through the whole gateway: on the embedded store at CAISO's
/// real 30 s with a fake clock, and on Redis (whose clock is the server's) scaled to a 3 s window.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class ResetOnRequestTimelineTests(RedisFixture redis) : BackendTests
{
    [Fact]
    public async Task Timeline_EmbeddedStoreWithFakeClock_MatchesCaisoSecondBySecond()
    {
        var time = new FakeTimeProvider();
        await using var gateway = new GatewayFactory(Backend.Address, configureServices: s => s.AddSingleton<TimeProvider>(time));
        using var client = gateway.CreateClientFrom();
        var start = time.GetUtcNow();

        async Task<HttpStatusCode> At(double second, string path)
        {
            time.Advance(start.AddSeconds(second) - time.GetUtcNow());
            using var response = await client.CallAsync("U", path);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await At(0, LocationsPath));
        Assert.Equal(HttpStatusCode.TooManyRequests, await At(10, LocationsPath));
        Assert.Equal(HttpStatusCode.OK, await At(12, RegistrationsPath));
        Assert.Equal(HttpStatusCode.TooManyRequests, await At(35, LocationsPath));
        Assert.Equal(HttpStatusCode.OK, await At(66, LocationsPath));
        Assert.Equal(2, Backend.CountFor(LocationsPath));
    }

    [Fact]
    public async Task Timeline_RedisStoreScaledToThreeSeconds_MatchesCaiso()
    {
        await using var gateway = new GatewayFactory(Backend.Address, redis.Server.ConnectionString,
            new Dictionary<string, string?> { ["Aup:WindowSeconds"] = "3" });
        using var client = gateway.CreateClientFrom();
        var user = NewUser();
        var clock = Stopwatch.StartNew();

        async Task<HttpStatusCode> At(double second, string path)
        {
            var wait = TimeSpan.FromSeconds(second) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            using var response = await client.CallAsync(user, path);
            return response.StatusCode;
        }

        // DRRS.md's 0 / 10 / 12 / 35 / 66 s, a tenth of the scale; the last call waits a little longer
        // (7.0 s, the window having ended at 6.5 s) to stay clear of scheduling jitter.
        Assert.Equal(HttpStatusCode.OK, await At(0, LocationsPath));
        Assert.Equal(HttpStatusCode.TooManyRequests, await At(1.0, LocationsPath));
        Assert.Equal(HttpStatusCode.OK, await At(1.2, RegistrationsPath));
        Assert.Equal(HttpStatusCode.TooManyRequests, await At(3.5, LocationsPath));
        Assert.Equal(HttpStatusCode.OK, await At(7.0, LocationsPath));
    }
}
