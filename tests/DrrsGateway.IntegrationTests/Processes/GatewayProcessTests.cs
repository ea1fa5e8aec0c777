using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Processes;

/// <summary>
/// The acceptance shape: replicas of the built gateway as plain processes, configured only through
/// environment variables, sharing one Redis in front of an HTTP backend.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class GatewayProcessTests(RedisFixture redis) : IAsyncLifetime
{
    private RecordingBackend _backend = null!;

    public async Task InitializeAsync() => _backend = await RecordingBackend.StartAsync();

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    [Fact]
    public async Task TwoReplicas_ConfiguredByEnvironment_EnforceOnePolicy()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = redis.Server.ConnectionString,
            ["ReverseProxy__Clusters__drrs__Destinations__primary__Address"] = _backend.Address,
            ["Aup__WindowSeconds"] = "2",
            ["Aup__Identity__TrustedHeader"] = "X-Drrs-User",
            ["Aup__KeyPrefix"] = $"process:{Guid.NewGuid():N}:",
        };
        await using var first = await GatewayProcess.StartAsync(environment);
        await using var second = await GatewayProcess.StartAsync(environment);
        using var toFirst = new HttpClient { BaseAddress = first.BaseAddress };
        using var toSecond = new HttpClient { BaseAddress = second.BaseAddress };
        var user = NewUser();

        using var allowed = await toFirst.CallAsync(user);
        using var refused = await toSecond.CallAsync(user);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter!.Delta);
        Assert.Contains("retry your request again in 2 seconds from now", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, _backend.CountFor(LocationsPath));

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using var afterQuiet = await toSecond.CallAsync(user);
        Assert.Equal(HttpStatusCode.OK, afterQuiet.StatusCode);
        Assert.Contains(second.Output, line => line.Contains("\"Decision\":\"Rejected\"", StringComparison.Ordinal)
            && line.Contains($"\"User\":\"{user}\"", StringComparison.Ordinal));
    }
}
