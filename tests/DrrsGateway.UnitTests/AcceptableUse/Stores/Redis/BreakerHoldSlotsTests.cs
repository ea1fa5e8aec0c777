using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Hold;
using DrrsGateway.AcceptableUse.Stores;
using DrrsGateway.AcceptableUse.Stores.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DrrsGateway.UnitTests.AcceptableUse.Stores.Redis;

public sealed class BreakerHoldSlotsTests
{
    private static readonly AupKey Key = new("u", "s");
    private static readonly TimeSpan Spacing = TimeSpan.FromSeconds(31);

    private readonly FakeTimeProvider _time = new();
    private readonly ScriptedSlots _inner = new();
    private readonly StoreCircuitBreaker _breaker;
    private readonly BreakerHoldSlots _slots;

    public BreakerHoldSlotsTests()
    {
        _breaker = new StoreCircuitBreaker(new UnusedStore(), BreakerPolicy.Default with { FailureThreshold = 3, BreakMilliseconds = 2000 }, _time, NullLogger<StoreCircuitBreaker>.Instance);
        _slots = new BreakerHoldSlots(_inner, _breaker);
    }

    [Fact]
    public async Task Reserve_ThresholdReached_OpensTheStoresCircuitAndAnswersUnavailableWithoutAsking()
    {
        _inner.Slot = HoldSlot.Unavailable;
        await Reserve(3);
        var slots = await Reserve(10);

        Assert.True(_breaker.IsOpen);
        Assert.Equal(3, _inner.Reservations);
        Assert.All(slots, slot => Assert.Equal(HoldSlotKind.StoreUnavailable, slot.Kind));
    }

    [Fact]
    public async Task Reserve_CircuitOpenedByDecisions_IsUnavailableAtOnce()
    {
        var failing = new StoreCircuitBreaker(new UnusedStore(StoreAnswer.StoreUnavailable), BreakerPolicy.Default with { FailureThreshold = 1 }, _time, NullLogger<StoreCircuitBreaker>.Instance);
        await failing.RecordRequestAsync(Key, Spacing);
        var slots = new BreakerHoldSlots(_inner, failing);

        var slot = await slots.ReserveAsync(Key, Spacing, TimeSpan.FromSeconds(60), 1);

        Assert.Equal(HoldSlotKind.StoreUnavailable, slot.Kind);
        Assert.Equal(0, _inner.Reservations);
    }

    [Fact]
    public async Task Reserve_AfterBreakWithStoreBack_ProbeClosesTheCircuit()
    {
        _inner.Slot = HoldSlot.Unavailable;
        await Reserve(3);
        _inner.Slot = new HoldSlot(HoldSlotKind.Now, TimeSpan.Zero, 1);
        _time.Advance(TimeSpan.FromMilliseconds(2000));

        var probe = await _slots.ReserveAsync(Key, Spacing, TimeSpan.FromSeconds(60), 1);

        Assert.Equal(HoldSlotKind.Now, probe.Kind);
        Assert.False(_breaker.IsOpen);
    }

    [Fact]
    public async Task BestEffortSteps_CircuitOpen_AreSkipped()
    {
        _inner.Slot = HoldSlot.Unavailable;
        await Reserve(3);

        await _slots.ForwardedAsync(Key, Spacing);
        var remaining = await _slots.RemainingAsync(Key, Spacing);
        await _slots.ReleaseAsync(Key, new HoldSlot(HoldSlotKind.Later, Spacing, 1), Spacing);

        Assert.Equal(TimeSpan.Zero, remaining);
        Assert.Equal(0, _inner.OtherCalls);
    }

    [Fact]
    public async Task BestEffortSteps_CircuitClosed_ReachTheStore()
    {
        await _slots.ForwardedAsync(Key, Spacing);
        await _slots.RemainingAsync(Key, Spacing);
        await _slots.ReleaseAsync(Key, new HoldSlot(HoldSlotKind.Later, Spacing, 1), Spacing);

        Assert.Equal(3, _inner.OtherCalls);
    }

    private async Task<List<HoldSlot>> Reserve(int count)
    {
        var slots = new List<HoldSlot>();
        for (var i = 0; i < count; i++)
        {
            slots.Add(await _slots.ReserveAsync(Key, Spacing, TimeSpan.FromSeconds(60), 1));
        }

        return slots;
    }

    private sealed class UnusedStore(StoreAnswer answer = StoreAnswer.Allowed) : IAupStore
    {
        public ValueTask<StoreAnswer> RecordRequestAsync(AupKey key, TimeSpan window) => ValueTask.FromResult(answer);
    }

    private sealed class ScriptedSlots : IHoldSlots
    {
        public HoldSlot Slot { get; set; } = new(HoldSlotKind.Now, TimeSpan.Zero, 1);

        public int Reservations { get; private set; }

        public int OtherCalls { get; private set; }

        public ValueTask<HoldSlot> ReserveAsync(AupKey key, TimeSpan spacing, TimeSpan maxWait, int maxQueued)
        {
            Reservations++;
            return ValueTask.FromResult(Slot);
        }

        public ValueTask ForwardedAsync(AupKey key, TimeSpan spacing)
        {
            OtherCalls++;
            return ValueTask.CompletedTask;
        }

        public ValueTask<TimeSpan> RemainingAsync(AupKey key, TimeSpan spacing)
        {
            OtherCalls++;
            return ValueTask.FromResult(TimeSpan.FromSeconds(1));
        }

        public ValueTask ReleaseAsync(AupKey key, HoldSlot slot, TimeSpan spacing)
        {
            OtherCalls++;
            return ValueTask.CompletedTask;
        }
    }
}
