using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Stores;
using DrrsGateway.AcceptableUse.Stores.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DrrsGateway.UnitTests.AcceptableUse.Stores.Redis;

public sealed class StoreCircuitBreakerTests
{
    private static readonly AupKey Key = new("u", "s");
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();
    private readonly ScriptedStore _inner = new();
    private readonly StoreCircuitBreaker _breaker;

    public StoreCircuitBreakerTests() =>
        _breaker = new StoreCircuitBreaker(_inner, BreakerPolicy.Default with { FailureThreshold = 3, BreakMilliseconds = 2000 }, _time, NullLogger<StoreCircuitBreaker>.Instance);

    [Fact]
    public async Task Record_FailuresBelowThreshold_KeepsAskingTheStore()
    {
        _inner.Answer = StoreAnswer.StoreUnavailable;
        await Record(2);

        Assert.False(_breaker.IsOpen);
        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task Record_ThresholdReached_OpensAndStopsAskingTheStore()
    {
        _inner.Answer = StoreAnswer.StoreUnavailable;
        await Record(3);
        var decisions = await Record(100);

        Assert.True(_breaker.IsOpen);
        Assert.Equal(3, _inner.Calls);
        Assert.All(decisions, d => Assert.Equal(StoreAnswer.StoreUnavailable, d));
    }

    [Fact]
    public async Task Record_SuccessBetweenFailures_ResetsTheCount()
    {
        _inner.Answer = StoreAnswer.StoreUnavailable;
        await Record(2);
        _inner.Answer = StoreAnswer.Allowed;
        await Record(1);
        _inner.Answer = StoreAnswer.StoreUnavailable;
        await Record(2);

        Assert.False(_breaker.IsOpen);
    }

    [Fact]
    public async Task Record_AfterBreakWithStoreBack_ProbeClosesTheCircuit()
    {
        _inner.Answer = StoreAnswer.StoreUnavailable;
        await Record(3);
        _inner.Answer = StoreAnswer.Rejected;
        _time.Advance(TimeSpan.FromMilliseconds(2000));

        var probe = await _breaker.RecordRequestAsync(Key, Window);

        Assert.Equal(StoreAnswer.Rejected, probe);
        Assert.False(_breaker.IsOpen);
        Assert.Equal(4, _inner.Calls);
    }

    [Fact]
    public async Task Record_AfterBreakWithStoreStillDown_ReopensForAnotherBreak()
    {
        _inner.Answer = StoreAnswer.StoreUnavailable;
        await Record(3);
        _time.Advance(TimeSpan.FromMilliseconds(2000));
        await Record(1);
        await Record(10);

        Assert.True(_breaker.IsOpen);
        Assert.Equal(4, _inner.Calls);

        _time.Advance(TimeSpan.FromMilliseconds(2000));
        _inner.Answer = StoreAnswer.Allowed;
        await Record(1);
        Assert.False(_breaker.IsOpen);
    }

    [Fact]
    public async Task Record_BeforeBreakEnds_DoesNotProbe()
    {
        _inner.Answer = StoreAnswer.StoreUnavailable;
        await Record(3);
        _inner.Answer = StoreAnswer.Allowed;
        _time.Advance(TimeSpan.FromMilliseconds(1999));

        Assert.Equal(StoreAnswer.StoreUnavailable, await _breaker.RecordRequestAsync(Key, Window));
        Assert.Equal(3, _inner.Calls);
    }

    private async Task<StoreAnswer[]> Record(int count)
    {
        var decisions = new StoreAnswer[count];
        for (var i = 0; i < count; i++)
        {
            decisions[i] = await _breaker.RecordRequestAsync(Key, Window);
        }

        return decisions;
    }

    private sealed class ScriptedStore : IAupStore
    {
        public StoreAnswer Answer { get; set; } = StoreAnswer.Allowed;

        public int Calls { get; private set; }

        public ValueTask<StoreAnswer> RecordRequestAsync(AupKey key, TimeSpan window)
        {
            Calls++;
            return ValueTask.FromResult(Answer);
        }
    }
}
