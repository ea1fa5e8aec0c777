using System.Net;
using DrrsGateway.IntegrationTests.Clients;
using DrrsGateway.IntegrationTests.Infrastructure;
using static DrrsGateway.IntegrationTests.Infrastructure.CaisoWire;

namespace DrrsGateway.IntegrationTests.AcceptableUse;

/// <summary>
/// Hold mode where it is meant to run: in front of a DRRS that enforces the policy itself (the simulator
/// with its own AUP and clock), on the published gateway configured by environment variables. A retrying
/// job gets every call answered and is never refused by DRRS; when something else called DRRS with the same
/// identity first, DRRS's refusal is absorbed, on one replica or two on one Redis.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class HoldInFrontOfDrrsTests(RedisFixture redis) : IAsyncLifetime
{
    private const string Operation = "retrieveDRLocations_v1";
    private SimulatorProcess _drrs = null!;

    public async Task InitializeAsync() => _drrs = await SimulatorProcess.StartAsync(new Dictionary<string, string>
    {
        ["Simulator__Aup__Enabled"] = "true",
        ["Simulator__Aup__WindowSeconds"] = "1",
    });

    public async Task DisposeAsync() => await _drrs.DisposeAsync();

    [Fact]
    public async Task Hold_RetryingJob_EveryCallAnsweredNeverRefusedByDrrs()
    {
        await using var gateway = await GatewayProcess.StartAsync(Environment());
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        var user = GatewayRequests.NewUser();

        var statuses = new List<HttpStatusCode>();
        for (var call = 0; call < 4; call++)
        {
            using var response = await client.SendAsync(Call(user));
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal((4, 0), await _drrs.CallsOfAsync(user));
    }

    [Fact]
    public async Task Hold_SomethingElseCalledDrrsFirst_RefusalAbsorbedAndCallAnswered()
    {
        await using var gateway = await GatewayProcess.StartAsync(Environment());
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        var user = GatewayRequests.NewUser();
        await WarmAsync(client);
        await CallDrrsDirectlyAsync(user);

        using var response = await client.SendAsync(Call(user));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Acceptable Use Policy", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((2, 1), await _drrs.CallsOfAsync(user));
    }

    [Fact]
    public async Task Hold_TwoReplicasOnRedis_AbsorbedRefusalMovesTheSlotForBoth()
    {
        var environment = Environment();
        environment["ConnectionStrings__Redis"] = redis.Server.ConnectionString;
        environment["Aup__KeyPrefix"] = $"drrs-hold:{Guid.NewGuid():N}:";
        await using var first = await GatewayProcess.StartAsync(environment);
        await using var second = await GatewayProcess.StartAsync(environment);
        using var toFirst = new HttpClient { BaseAddress = first.BaseAddress };
        using var toSecond = new HttpClient { BaseAddress = second.BaseAddress };
        var user = GatewayRequests.NewUser();
        await WarmAsync(toFirst);
        await WarmAsync(toSecond);
        await CallDrrsDirectlyAsync(user);

        using var absorbed = await toFirst.SendAsync(Call(user));
        using var next = await toSecond.SendAsync(Call(user));
        using var last = await toFirst.SendAsync(Call(user));

        Assert.All(new[] { absorbed, next, last }, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal((4, 1), await _drrs.CallsOfAsync(user));
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["ReverseProxy__Clusters__drrs__Destinations__primary__Address"] = _drrs.BaseAddress.ToString(),
        ["Aup__Mode"] = "Hold",
        ["Aup__WindowSeconds"] = "1",
        ["Aup__Hold__MarginMilliseconds"] = "300",
        ["Aup__Identity__TrustedHeader"] = GatewayFactory.UserHeader,
    };

    private static HttpRequestMessage Call(string user) => Plain(AccessPoint(Operation), user, Action(Operation), RetrieveBody);

    // DRRS's window here is a second: a fresh gateway's first call (JIT, first connections) on a loaded
    // machine can take that long, and would then reach DRRS after the window the test means to hit.
    private static async Task WarmAsync(HttpClient gateway)
    {
        using var response = await gateway.SendAsync(Call(GatewayRequests.NewUser()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // Another program with the same CAISO identity, calling DRRS without the gateway.
    private async Task CallDrrsDirectlyAsync(string user)
    {
        using var direct = new HttpClient { BaseAddress = _drrs.BaseAddress };
        using var response = await direct.SendAsync(Call(user));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
