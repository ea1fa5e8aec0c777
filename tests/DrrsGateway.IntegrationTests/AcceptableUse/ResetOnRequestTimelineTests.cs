using System.Diagnostics;
using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.AcceptableUse;

/// <summary>
/// The worked timeline of shared/DRRS.md through the whole gateway: on the embedded store at CAISO's
/// real 30 s with a fake clock, and on Redis (whose clock is the server's) scaled to a 6 s window.
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
    public async Task Timeline_RedisStoreScaledToSixSeconds_MatchesCaiso()
    {
        await using var gateway = new GatewayFactory(Backend.Address, redis.Server.ConnectionString,
            new Dictionary<string, string?> { ["Aup:WindowSeconds"] = "6" });
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

        // DRRS.md's 0 / 10 / 12 / 35 / 66 s at a fifth of the scale, each call a second clear of a window's
        // end (35 s becomes 7.0 s, the window ending at 8.0 s; the last waits until 14.0 s, a second after
        // 13.0 s), so a loaded machine's scheduling stalls cannot move a call across one.
        Assert.Equal(HttpStatusCode.OK, await At(0, LocationsPath));
        Assert.Equal(HttpStatusCode.TooManyRequests, await At(2.0, LocationsPath));
        Assert.Equal(HttpStatusCode.OK, await At(2.4, RegistrationsPath));
        Assert.Equal(HttpStatusCode.TooManyRequests, await At(7.0, LocationsPath));
        Assert.Equal(HttpStatusCode.OK, await At(14.0, LocationsPath));
    }
}
