using DrrsGateway.AcceptableUse.Hold;

namespace DrrsGateway.UnitTests.AcceptableUse.Hold;

/// <summary>The slot arithmetic of hold mode, on a clock in milliseconds: spacing 31 s (window 30 s + margin 1 s).</summary>
public sealed class HoldSlotTests
{
    private const long Spacing = 31_000;
    private const long MaxWait = 35_000;

    [Fact]
    public void Reserve_NeverReserved_IsNowAndOpensTheNextSlotASpacingLater()
    {
        var slot = HoldSlot.Reserve(now: 100_000, next: 0, Spacing, MaxWait, maxQueued: 1, out var next);

        Assert.Equal(new HoldSlot(HoldSlotKind.Now, TimeSpan.Zero, 100_000), slot);
        Assert.Equal(131_000, next);
    }

    [Fact]
    public void Reserve_InsideTheSpacing_WaitsUntilTheSlotOpens()
    {
        var slot = HoldSlot.Reserve(now: 110_000, next: 131_000, Spacing, MaxWait, maxQueued: 1, out var next);

        Assert.Equal(new HoldSlot(HoldSlotKind.Later, TimeSpan.FromMilliseconds(21_000), 131_000), slot);
        Assert.Equal(162_000, next);
    }

    [Fact]
    public void Reserve_AfterTheSlotOpened_IsNow()
    {
        var slot = HoldSlot.Reserve(now: 131_000, next: 131_000, Spacing, MaxWait, maxQueued: 1, out var next);

        Assert.Equal(HoldSlotKind.Now, slot.Kind);
        Assert.Equal(162_000, next);
    }

    [Fact]
    public void Reserve_OneAlreadyWaiting_IsFullAndMovesNothing()
    {
        // One call holds the 131 s slot; the key opens again at 162 s.
        var slot = HoldSlot.Reserve(now: 111_000, next: 162_000, Spacing, MaxWait, maxQueued: 1, out var next);

        Assert.Equal(HoldSlotKind.Full, slot.Kind);
        Assert.Equal(162_000, next);
    }

    [Fact]
    public void Reserve_TwoMayQueue_TakesTheSecondSlot()
    {
        var slot = HoldSlot.Reserve(now: 140_000, next: 162_000, Spacing, maxWaitMs: 60_000, maxQueued: 2, out var next);

        Assert.Equal(new HoldSlot(HoldSlotKind.Later, TimeSpan.FromMilliseconds(22_000), 162_000), slot);
        Assert.Equal(193_000, next);
    }

    [Fact]
    public void Reserve_SlotBeyondTheLongestWait_IsFull()
    {
        var slot = HoldSlot.Reserve(now: 100_000, next: 131_000, Spacing, maxWaitMs: 30_000, maxQueued: 1, out var next);

        Assert.Equal(HoldSlotKind.Full, slot.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(31_000), slot.Delay);
        Assert.Equal(131_000, next);
    }
}
