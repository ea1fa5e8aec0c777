using System.Diagnostics;
using System.Net;
using DrrsGateway.AcceptableUse;
using DrrsGateway.IntegrationTests.Infrastructure;
using static DrrsGateway.IntegrationTests.Infrastructure.CaisoWire;

namespace DrrsGateway.IntegrationTests.AcceptableUse;

/// <summary>
/// What held on <c>/sst/runtime.asvc</c> holds on CAISO's access points: one decision across replicas on one
/// Redis whichever variant of an operation's access point a caller picks, metadata reads that never count,
/// the flood shield, and hold mode pacing an operation's plain and DocAttach calls as one service.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class CaisoWireSharedTests(RedisFixture redis) : BackendTests
{
    private const string Locations = "retrieveDRLocations_v1";
    private const string SubmitLocations = "submitDRLocations_v1";

    [Fact]
    public async Task AccessPoints_64SimultaneousVariantsAcrossTwoReplicas_AllowExactlyOne()
    {
        var prefix = $"caiso:{Guid.NewGuid():N}:";
        await using var first = Replica(prefix);
        await using var second = Replica(prefix);
        var clients = new[] { first.CreateClientFrom(), second.CreateClientFrom() };
        for (var round = 0; round < 3; round++)
        {
            var user = GatewayRequests.NewUser();

            // Plain, DocAttach and SwA calls of one operation, spread over both replicas: one service, one pass.
            var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => clients[i % 2].SendAsync((i % 3) switch
            {
                0 => Plain(AccessPoint(SubmitLocations), user, Action(SubmitLocations), DocAttachBody),
                1 => Plain(AccessPoint(SubmitLocations, docAttach: true), user, Action(SubmitLocations, docAttach: true), DocAttachBody),
                _ => SwaSubmit(AccessPoint(SubmitLocations), user, SubmitLocations),
            }))));

            Assert.Equal(1, responses.Count(response => response.StatusCode == HttpStatusCode.OK));
            Assert.Equal(63, responses.Count(response => response.StatusCode == HttpStatusCode.InternalServerError));
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }

        Assert.Equal(3, Backend.Requests.Count);
        Assert.Equal(3, redis.Admin.Keys(pattern: prefix + "*").Count());
    }

    [Fact]
    public async Task AccessPoint_WsdlReadWhileLocked_IsForwardedUncountedAndKeepsTheWindow()
    {
        await using var gateway = Replica($"caiso:{Guid.NewGuid():N}:");
        using var client = gateway.CreateClientFrom();
        var user = GatewayRequests.NewUser();
        using var allowed = await client.SendAsync(Plain(AccessPoint(Locations), user, Action(Locations), RetrieveBody));

        using var wsdl = await client.GetAsync(AccessPoint(Locations) + "?wsdl");
        using var docAttachWsdl = await client.GetAsync(AccessPoint(Locations, docAttach: true) + "?WSDL");
        using var refused = await client.SendAsync(Plain(AccessPoint(Locations), user, Action(Locations), RetrieveBody));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wsdl.StatusCode);
        Assert.Equal(HttpStatusCode.OK, docAttachWsdl.StatusCode);
        Assert.Equal(Violation, (await ReadFaultAsync(refused)).Description);
        Assert.Equal(3, Backend.Requests.Count);
    }

    [Fact]
    public async Task AccessPoint_FloodOnOneReplica_KeepsRefusingOnTheOther()
    {
        var prefix = $"caiso:{Guid.NewGuid():N}:";
        // Long enough a window that a stall of a loaded machine between two refusals cannot outlast it.
        await using var first = Replica(prefix, windowSeconds: 4);
        await using var second = Replica(prefix, windowSeconds: 4);
        using var toFirst = first.CreateClientFrom();
        using var toSecond = second.CreateClientFrom();
        var user = GatewayRequests.NewUser();
        using var allowed = await toFirst.SendAsync(Plain(AccessPoint(Locations), user, Action(Locations), RetrieveBody));
        var started = Stopwatch.GetTimestamp();

        // Refusals on the first replica for longer than a window: each restarts it, so the second still refuses.
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5))
        {
            using var refused = await toFirst.SendAsync(Plain(AccessPoint(Locations, docAttach: true), user, Action(Locations, docAttach: true), RetrieveBody));
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
            await Task.Delay(250);
        }

        using var onSecond = await toSecond.SendAsync(Plain(AccessPoint(Locations), user, Action(Locations), RetrieveBody));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, onSecond.StatusCode);
        Assert.Single(Backend.Requests);
    }

    [Fact]
    public async Task Hold_PlainThenDocAttachAccessPoint_BothForwardedAWindowApart()
    {
        const int windowMilliseconds = 1000;
        const int marginMilliseconds = 300;
        await using var gateway = await GatewayProcess.StartAsync(new Dictionary<string, string>
        {
            ["ReverseProxy__Clusters__drrs__Destinations__primary__Address"] = Backend.Address,
            ["Aup__Mode"] = "Hold",
            ["Aup__WindowSeconds"] = "1",
            ["Aup__Hold__MarginMilliseconds"] = marginMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Aup__Identity__TrustedHeader"] = GatewayFactory.UserHeader,
        });
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        var user = GatewayRequests.NewUser();

        using var plain = await client.SendAsync(SwaSubmit(AccessPoint(SubmitLocations), user, SubmitLocations));
        using var docAttach = await client.SendAsync(Plain(AccessPoint(SubmitLocations, docAttach: true), user, Action(SubmitLocations, docAttach: true), DocAttachBody));

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, docAttach.StatusCode);
        Assert.True(docAttach.Headers.Contains(AupMiddleware.HeldHeader), "the DocAttach call of the same operation was not held");
        var arrivals = Backend.Arrivals.Select(arrival => arrival.Timestamp).ToList();
        Assert.Equal(2, arrivals.Count);
        Assert.True(Stopwatch.GetElapsedTime(arrivals[0], arrivals[1]) >= TimeSpan.FromMilliseconds(windowMilliseconds + marginMilliseconds - 15), "the two calls reached DRRS less than window + margin apart");
    }

    private GatewayFactory Replica(string prefix, int windowSeconds = 30) => new(Backend.Address, redis.Server.ConnectionString,
        new Dictionary<string, string?>
        {
            ["Aup:KeyPrefix"] = prefix,
            ["Aup:WindowSeconds"] = windowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
