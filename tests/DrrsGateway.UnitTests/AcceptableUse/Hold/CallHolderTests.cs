using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Hold;
using DrrsGateway.AcceptableUse.Stores.InMemory;
using DrrsGateway.UnitTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace DrrsGateway.UnitTests.AcceptableUse.Hold;

/// <summary>Holding calls on a fake clock over the embedded slots: waits, refusals, give-ups and shutdown.</summary>
public sealed class CallHolderTests : IDisposable
{
    private static readonly AupKey Key = new("alice", "retrievedrrslocations_v1");
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private static readonly HoldPolicy Policy = HoldPolicy.Default;

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly StoppingLifetime _lifetime = new();
    private readonly CallHolder _holder;

    public CallHolderTests() => _holder = new CallHolder(new InMemoryHoldSlots(_time), _time, _lifetime);

    public void Dispose() => _lifetime.Dispose();

    [Fact]
    public async Task WaitForSlot_SecondCall_IsHeldUntilWindowPlusMarginAfterTheFirst()
    {
        Assert.Equal(HoldResultKind.Now, (await _holder.WaitForSlotAsync(Key, Window, Policy, default)).Kind);
        _time.Advance(TimeSpan.FromSeconds(10));

        var second = _holder.WaitForSlotAsync(Key, Window, Policy, default);
        _time.Advance(TimeSpan.FromSeconds(20.999));
        Assert.False(second.IsCompleted);
        Assert.Equal(1, _holder.Held);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        var result = await second;
        Assert.Equal(HoldResultKind.Held, result.Kind);
        Assert.Equal(TimeSpan.FromSeconds(21), result.Wait);
        Assert.Equal(0, _holder.Held);
    }

    [Fact]
    public async Task WaitForSlot_PreviousCallAnsweredLate_WaitsASpacingFromItsAnswer()
    {
        await _holder.WaitForSlotAsync(Key, Window, Policy, default);
        var second = _holder.WaitForSlotAsync(Key, Window, Policy, default);

        // The first call reached the backend late (a cold connection): it was answered 0.5 s after its slot.
        _time.Advance(TimeSpan.FromSeconds(0.5));
        await _holder.ForwardedAsync(Key, Window, Policy);
        _time.Advance(TimeSpan.FromSeconds(30.5));
        await Task.Yield();
        Assert.False(second.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(0.5));
        var result = await second;
        Assert.Equal(HoldResultKind.Held, result.Kind);
        Assert.Equal(TimeSpan.FromSeconds(31.5), result.Wait);
    }

    [Fact]
    public async Task WaitForSlot_ThirdCallWhileOneIsHeld_IsFull()
    {
        await _holder.WaitForSlotAsync(Key, Window, Policy, default);
        var second = _holder.WaitForSlotAsync(Key, Window, Policy, default);

        var third = await _holder.WaitForSlotAsync(Key, Window, Policy, default);

        Assert.Equal(HoldResultKind.Full, third.Kind);
        Assert.False(second.IsCompleted);
    }

    [Fact]
    public async Task WaitForSlot_CallerGivesUp_HandsItsSlotBack()
    {
        await _holder.WaitForSlotAsync(Key, Window, Policy, default);
        using var aborted = new CancellationTokenSource();
        var second = _holder.WaitForSlotAsync(Key, Window, Policy, aborted.Token);

        await aborted.CancelAsync();
        Assert.Equal(HoldResultKind.Abandoned, (await second).Kind);

        // The next call takes the slot the abandoned one had, 31 s after the first, not 62 s.
        var third = _holder.WaitForSlotAsync(Key, Window, Policy, default);
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HoldResultKind.Held, (await third).Kind);
    }

    [Fact]
    public async Task WaitForSlot_GatewayStops_AnswersTheHeldCallWithItsRemainingWait()
    {
        await _holder.WaitForSlotAsync(Key, Window, Policy, default);
        var second = _holder.WaitForSlotAsync(Key, Window, Policy, default);
        _time.Advance(TimeSpan.FromSeconds(11));

        _lifetime.StopApplication();

        var result = await second;
        Assert.Equal(HoldResultKind.ShuttingDown, result.Kind);
        Assert.Equal(TimeSpan.FromSeconds(20), result.Wait);
    }

    [Fact]
    public async Task WaitForSlot_GatewayBoundReached_IsFullAndHandsTheSlotBack()
    {
        var policy = Policy with { MaxHeld = 1 };
        var other = new AupKey("bob", Key.Service);
        await _holder.WaitForSlotAsync(Key, Window, policy, default);
        await _holder.WaitForSlotAsync(other, Window, policy, default);
        var held = _holder.WaitForSlotAsync(Key, Window, policy, default);

        Assert.Equal(HoldResultKind.Full, (await _holder.WaitForSlotAsync(other, Window, policy, default)).Kind);

        // bob's slot was handed back: once alice's wait is over, bob's next call is held, not refused.
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HoldResultKind.Held, (await held).Kind);
        Assert.Equal(HoldResultKind.Now, (await _holder.WaitForSlotAsync(other, Window, policy, default)).Kind);
    }
}
