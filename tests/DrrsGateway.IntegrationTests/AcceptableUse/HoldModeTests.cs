using System.Diagnostics;
using System.Net;
using DrrsGateway.AcceptableUse;
using DrrsGateway.IntegrationTests.Infrastructure;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.AcceptableUse;

/// <summary>
/// Hold mode on the published gateway, configured only by environment variables, with a short window:
/// the spacing of forwarded calls is measured where it matters, at the backend.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class HoldModeTests(RedisFixture redis) : BackendTests
{
    private const int WindowSeconds = 1;
    private const int MarginMilliseconds = 500;
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds((WindowSeconds * 1000) + MarginMilliseconds);

    // Timers never fire early but may fire late; the backend's clock reads a little after the gateway forwarded.
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(15);

    [Fact]
    public async Task Hold_TwoCallsBackToBack_BothSucceedWindowPlusMarginApart()
    {
        await using var gateway = await GatewayProcess.StartAsync(Environment());
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        var user = NewUser();

        using var first = await client.CallAsync(user);
        using var second = await client.CallAsync(user);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains(AupMiddleware.HeldHeader));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var held = TimeSpan.FromMilliseconds(int.Parse(second.Headers.GetValues(AupMiddleware.HeldHeader).Single(), System.Globalization.CultureInfo.InvariantCulture));
        // Held until a spacing after the first answer: up to one spacing, plus however late the timer fired.
        Assert.InRange(held, TimeSpan.FromMilliseconds(1000), Spacing + Tolerance);
        AssertSpacedApart(ArrivalsAt(LocationsPath), expected: 2);
    }

    [Fact]
    public async Task Hold_ThirdCallWhileOneIsHeld_IsRefusedWithCaisosMessageAndNeverForwarded()
    {
        await using var gateway = await GatewayProcess.StartAsync(Environment());
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        var user = NewUser();
        using var first = await client.CallAsync(user);
        var held = client.CallAsync(user);
        await AssertHeldAsync(held);

        using var third = await client.CallAsync(user);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("CAISO DRRS Acceptable Use Policy Violation. Please retry your request again in 1 seconds from now.", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var second = await held;
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        AssertSpacedApart(ArrivalsAt(LocationsPath), expected: 2);
    }

    [Fact]
    public async Task Hold_CallerGivesUpWhileHeld_FreesItsSlotForTheNextCall()
    {
        await using var gateway = await GatewayProcess.StartAsync(Environment());
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        var user = NewUser();
        using var first = await client.CallAsync(user);
        var firstArrival = Stopwatch.GetTimestamp();

        using (var giveUp = new CancellationTokenSource())
        {
            var abandoned = client.SendAsync(Request(user), giveUp.Token);
            await AssertHeldAsync(abandoned);
            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        }

        await EventuallyAsync(() => Task.FromResult(gateway.Output.Any(line => line.Contains("\"Decision\":\"HoldCancelled\"", StringComparison.Ordinal))), "the gateway saw the caller give up");

        // The next call takes the slot handed back: one spacing after the first call, not two.
        using var next = await client.CallAsync(user);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.True(Stopwatch.GetElapsedTime(firstArrival) < Spacing * 2, "the next call waited for the abandoned call's slot too");
        AssertSpacedApart(ArrivalsAt(LocationsPath), expected: 2);
    }

    [Fact]
    public async Task Hold_TwoReplicasOnOneRedis_KeepForwardedCallsApartUnder32SimultaneousCalls()
    {
        var environment = Environment();
        environment["ConnectionStrings__Redis"] = redis.Server.ConnectionString;
        environment["Aup__KeyPrefix"] = $"hold:{Guid.NewGuid():N}:";
        environment["Aup__Hold__MaxQueuedPerKey"] = "3";
        environment["Aup__Hold__MaxWaitSeconds"] = "10";
        await using var first = await GatewayProcess.StartAsync(environment);
        await using var second = await GatewayProcess.StartAsync(environment);
        using var toFirst = new HttpClient { BaseAddress = first.BaseAddress };
        using var toSecond = new HttpClient { BaseAddress = second.BaseAddress };
        var user = NewUser();

        var calls = Enumerable.Range(0, 32).Select(i => (i % 2 == 0 ? toFirst : toSecond).CallAsync(user)).ToList();
        var responses = await Task.WhenAll(calls);

        var forwarded = responses.Count(response => response.StatusCode == HttpStatusCode.OK);
        Assert.Equal(32 - forwarded, responses.Count(response => response.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.InRange(forwarded, 2, 4);
        AssertSpacedApart(ArrivalsAt(LocationsPath), expected: forwarded);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Hold_Shutdown_AnswersHeldCallsInsteadOfForwardingThemLate()
    {
        var environment = Environment();
        environment["Aup__WindowSeconds"] = "20";
        await using var gateway = await GatewayProcess.StartAsync(environment);
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        var user = NewUser();
        using var first = await client.CallAsync(user);
        var held = client.CallAsync(user);
        await AssertHeldAsync(held);
        var stopping = Stopwatch.GetTimestamp();

        var exitCode = await gateway.TerminateAsync(TimeSpan.FromSeconds(15));

        using var answered = await held;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answered.StatusCode);
        Assert.NotNull(answered.Headers.RetryAfter);
        Assert.True(Stopwatch.GetElapsedTime(stopping) < TimeSpan.FromSeconds(10), "the held call waited for its slot instead of being answered");
        Assert.Equal(0, exitCode);
        Assert.Single(ArrivalsAt(LocationsPath));
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["ReverseProxy__Clusters__drrs__Destinations__primary__Address"] = Backend.Address,
        ["Aup__Mode"] = "Hold",
        ["Aup__WindowSeconds"] = WindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Aup__Hold__MarginMilliseconds"] = MarginMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Aup__Identity__TrustedHeader"] = "X-Drrs-User",
    };

    private static HttpRequestMessage Request(string user)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, LocationsPath) { Content = new StringContent("<x/>") };
        request.Headers.Add(GatewayFactory.UserHeader, user);
        return request;
    }

    // A held call writes nothing until its wait ends: a moment after it was sent it must be neither answered nor forwarded.
    private async Task AssertHeldAsync(Task held)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(held.IsCompleted, "the call was answered at once instead of being held");
        Assert.Single(ArrivalsAt(LocationsPath));
    }

    private List<long> ArrivalsAt(string path) => [.. Backend.Arrivals.Where(arrival => arrival.Path == path).Select(arrival => arrival.Timestamp)];

    private static void AssertSpacedApart(List<long> arrivals, int expected)
    {
        Assert.Equal(expected, arrivals.Count);
        for (var i = 1; i < arrivals.Count; i++)
        {
            var apart = Stopwatch.GetElapsedTime(arrivals[i - 1], arrivals[i]);
            Assert.True(apart >= Spacing - Tolerance, $"forwarded calls {i} and {i + 1} reached the backend {apart.TotalMilliseconds:0} ms apart, less than window + margin ({Spacing.TotalMilliseconds:0} ms)");
        }
    }
}
