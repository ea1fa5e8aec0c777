using System.Diagnostics;
using System.Globalization;
using System.ServiceModel;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Clients;

/// <summary>
/// Real WCF clients, one per binding a DRRS caller might use, through the published gateway process in front
/// of the simulator process: what a participant's .NET stack sees of the policy.
/// </summary>
public sealed class WcfClientTests(WcfGatewayFixture fixture) : IClassFixture<WcfGatewayFixture>
{
    private const string Repeated = "RetrieveDRRSLocations_v1";
    private const string Other = "RetrieveDRRSRegistrations_v1";

    [Theory]
    [InlineData(WcfClientKind.Soap11, DrrsEndpoint.OperationPath)]
    [InlineData(WcfClientKind.Soap11, DrrsEndpoint.Generic)]
    [InlineData(WcfClientKind.Soap12, DrrsEndpoint.OperationPath)]
    [InlineData(WcfClientKind.Soap12, DrrsEndpoint.Generic)]
    [InlineData(WcfClientKind.Soap12WSAddressing10, DrrsEndpoint.OperationPath)]
    [InlineData(WcfClientKind.Soap12WSAddressing10, DrrsEndpoint.Generic)]
    [InlineData(WcfClientKind.MtomSoap11, DrrsEndpoint.OperationPath)]
    [InlineData(WcfClientKind.MtomSoap11, DrrsEndpoint.Generic)]
    [InlineData(WcfClientKind.MtomSoap12, DrrsEndpoint.OperationPath)]
    [InlineData(WcfClientKind.MtomSoap12, DrrsEndpoint.Generic)]
    public async Task Call_SameOperationAgainWithinWindow_FaultsWithCaisoMessageWhileOtherOperationsPass(WcfClientKind kind, DrrsEndpoint endpoint)
    {
        using var client = new WcfDrrsClient(kind, endpoint, fixture.GatewayAddress, NewUser());

        var first = await client.CallAsync(Repeated);
        var refusal = await Assert.ThrowsAsync<FaultException>(() => client.CallAsync(Repeated));
        var other = await client.CallAsync(Other);

        AssertAnswered(Repeated, first);
        AssertCaisoFault(WcfGatewayFixture.WindowSeconds, refusal);
        AssertAnswered(Other, other);
        // The simulator numbers every request it sees: nothing reached it between the two answers.
        Assert.Equal(first.SimulatorRequest + 1, other.SimulatorRequest);
    }

    [Theory]
    [InlineData(WcfClientKind.Soap11, DrrsEndpoint.OperationPath)]
    [InlineData(WcfClientKind.Soap12, DrrsEndpoint.Generic)]
    public async Task Call_RetriedBeforeWindowEnds_StaysRefusedPastTheFirstWindowUntilTheCallerWaits(WcfClientKind kind, DrrsEndpoint endpoint)
    {
        // The short route's window is 2 s: retrying every 0.7 s for 3 s outlives the first window, and every
        // retry is still refused because each one restarted it.
        using var client = new WcfDrrsClient(kind, endpoint, fixture.GatewayAddress, NewUser(), WcfGatewayFixture.ShortWindowPrefix);
        var window = TimeSpan.FromSeconds(WcfGatewayFixture.ShortWindowSeconds);

        var first = await client.CallAsync(Repeated);
        var clock = Stopwatch.StartNew();
        var refusals = new List<FaultException>();
        var lastRetry = TimeSpan.Zero;
        while (clock.Elapsed < window * 1.5)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(700));
            lastRetry = clock.Elapsed;
            refusals.Add(await Assert.ThrowsAsync<FaultException>(() => client.CallAsync(Repeated)));
        }

        await Task.Delay(window + TimeSpan.FromMilliseconds(500));
        var afterQuiet = await client.CallAsync(Repeated);

        AssertAnswered(Repeated, first);
        Assert.True(lastRetry > window, $"The last retry, at {lastRetry}, came before the first window ended.");
        Assert.All(refusals, refusal => AssertCaisoFault(WcfGatewayFixture.ShortWindowSeconds, refusal));
        AssertAnswered(Repeated, afterQuiet);
        Assert.Equal(first.SimulatorRequest + 1, afterQuiet.SimulatorRequest);
    }

    [Theory]
    [InlineData(WcfClientKind.Soap11, DrrsEndpoint.OperationPath)]
    [InlineData(WcfClientKind.Soap12, DrrsEndpoint.Generic)]
    public async Task Call_SixteenAtOnceBySameUser_ExactlyOnePassesAndTheRestFault(WcfClientKind kind, DrrsEndpoint endpoint)
    {
        const int callers = 16;
        using var client = new WcfDrrsClient(kind, endpoint, fixture.GatewayAddress, NewUser());
        // An awaited gate, not a Barrier: sixteen blocked pool threads would starve a two-core machine's pool.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, callers)
            .Select(_ => Task.Run(async () =>
            {
                await start.Task;
                try
                {
                    return (Reply: await client.CallAsync(Repeated), Fault: (FaultException?)null);
                }
                catch (FaultException fault)
                {
                    return (Reply: (DrrsReply?)null, Fault: fault);
                }
            }))
            .ToArray();
        start.SetResult();
        var results = await Task.WhenAll(calls);
        var other = await client.CallAsync(Other);

        var passed = Assert.Single(results, result => result.Reply is not null).Reply!;
        AssertAnswered(Repeated, passed);
        var faults = results.Where(result => result.Fault is not null).Select(result => result.Fault!).ToList();
        Assert.Equal(callers - 1, faults.Count);
        Assert.All(faults, fault => AssertCaisoFault(WcfGatewayFixture.WindowSeconds, fault));
        AssertAnswered(Other, other);
        Assert.Equal(passed.SimulatorRequest + 1, other.SimulatorRequest);
    }

    private static void AssertAnswered(string operation, DrrsReply reply)
    {
        Assert.Equal(operation + "Response", reply.BodyElement);
        Assert.NotNull(reply.SimulatorRequest);
    }

    private static void AssertCaisoFault(int windowSeconds, FaultException fault)
    {
        var expected = string.Format(
            CultureInfo.InvariantCulture,
            "CAISO DRRS Acceptable Use Policy Violation. Please retry your request again in {0} seconds from now. Note: Time resets each time you request before expiration.",
            windowSeconds);
        Assert.Equal(expected, fault.Reason.GetMatchingTranslation().Text);
    }
}
