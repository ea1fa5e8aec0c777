using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Hold;
using DrrsGateway.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DrrsGateway.IntegrationTests.Stores;

/// <summary>
/// Hold mode's slot rule lives twice: in C# for the embedded store and in a Lua script on the Redis
/// server's clock. The same sequences run against both, as each store module wires them, must give the same
/// slots: a contract between the two homes of one rule.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class HoldSlotsContractTests(RedisFixture redis) : BackendTests
{
    private static readonly TimeSpan Spacing = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    // Both clocks run while the steps do: a delay may be short by the steps' own duration, never long.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(900);

    public static TheoryData<string> Stores => ["embedded", "redis"];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Reserve_BackToBack_NowThenASpacingLaterThenFull(string store)
    {
        await using var gateway = Gateway(store);
        var slots = SlotsOf(gateway);
        var key = Key();

        var first = await slots.ReserveAsync(key, Spacing, MaxWait, maxQueued: 1);
        var second = await slots.ReserveAsync(key, Spacing, MaxWait, maxQueued: 1);
        var third = await slots.ReserveAsync(key, Spacing, MaxWait, maxQueued: 1);

        Assert.Equal(HoldSlotKind.Now, first.Kind);
        Assert.Equal(HoldSlotKind.Later, second.Kind);
        Assert.InRange(second.Delay, Spacing - Slack, Spacing);
        Assert.Equal(HoldSlotKind.Full, third.Kind);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Reserve_TwoMayQueue_SecondWaitsTwoSpacingsThenFullBeyondTheLongestWait(string store)
    {
        await using var gateway = Gateway(store);
        var slots = SlotsOf(gateway);
        var key = Key();

        await slots.ReserveAsync(key, Spacing, MaxWait, maxQueued: 2);
        var second = await slots.ReserveAsync(key, Spacing, MaxWait, maxQueued: 2);
        var third = await slots.ReserveAsync(key, Spacing, MaxWait, maxQueued: 2);
        var beyond = await slots.ReserveAsync(key, Spacing, TimeSpan.FromSeconds(3), maxQueued: 5);

        Assert.Equal(HoldSlotKind.Later, second.Kind);
        Assert.Equal(HoldSlotKind.Later, third.Kind);
        Assert.InRange(third.Delay, (2 * Spacing) - Slack, 2 * Spacing);
        Assert.Equal(HoldSlotKind.Full, beyond.Kind);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Release_TheLastReservation_HandsItsSlotToTheNextCall(string store)
    {
        await using var gateway = Gateway(store);
        var slots = SlotsOf(gateway);
        var key = Key();
        await slots.ReserveAsync(key, Spacing, MaxWait, maxQueued: 1);
        var held = await slots.ReserveAsync(key, Spacing, MaxWait, maxQueued: 1);

        await slots.ReleaseAsync(key, held, Spacing);
        var next = await slots.ReserveAsync(key, Spacing, MaxWait, maxQueued: 1);

        Assert.Equal(HoldSlotKind.Later, next.Kind);
        Assert.InRange(next.Delay, Spacing - Slack, Spacing);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Forwarded_Answered_NextSlotAndRemainingCountFromTheAnswer(string store)
    {
        await using var gateway = Gateway(store);
        var slots = SlotsOf(gateway);
        var key = Key();
        Assert.Equal(TimeSpan.Zero, await slots.RemainingAsync(key, Spacing));

        await slots.ForwardedAsync(key, Spacing);
        var remaining = await slots.RemainingAsync(key, Spacing);
        var next = await slots.ReserveAsync(key, Spacing, MaxWait, maxQueued: 1);

        Assert.InRange(remaining, Spacing - Slack, Spacing);
        Assert.Equal(HoldSlotKind.Later, next.Kind);
        Assert.InRange(next.Delay, Spacing - Slack, Spacing);
    }

    private GatewayFactory Gateway(string store) => store == "redis"
        ? new GatewayFactory(Backend.Address, redis.Server.ConnectionString, new Dictionary<string, string?> { ["Aup:KeyPrefix"] = $"contract:{Guid.NewGuid():N}:" })
        : new GatewayFactory(Backend.Address);

    // The slots as the store module wires them (Redis: behind the breaker), once the host has started.
    private static IHoldSlots SlotsOf(GatewayFactory gateway)
    {
        using var client = gateway.CreateClientFrom();
        return gateway.Services.GetRequiredService<IHoldSlots>();
    }

    private static AupKey Key() => new(GatewayRequests.NewUser(), "retrievedrlocations_v1");
}
