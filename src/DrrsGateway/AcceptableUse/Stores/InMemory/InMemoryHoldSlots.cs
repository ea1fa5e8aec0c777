using DrrsGateway.AcceptableUse.Hold;

namespace DrrsGateway.AcceptableUse.Stores.InMemory;

/// <summary>Hold mode's slots in this process, under one lock: per key, when its next slot opens and when a call was last answered; swept once the slot has passed.</summary>
internal sealed class InMemoryHoldSlots(TimeProvider time) : IHoldSlots
{
    private const int SweepEvery = 4096;

    private readonly Dictionary<AupKey, long> _next = [];
    private readonly Dictionary<AupKey, long> _answered = [];
    private readonly Lock _lock = new();
    private int _reservations;

    public ValueTask<HoldSlot> ReserveAsync(AupKey key, TimeSpan spacing, TimeSpan maxWait, int maxQueued)
    {
        var now = Now();
        lock (_lock)
        {
            if (++_reservations % SweepEvery == 0)
            {
                Sweep(now);
            }

            var slot = HoldSlot.Reserve(now, _next.GetValueOrDefault(key), (long)spacing.TotalMilliseconds, (long)maxWait.TotalMilliseconds, maxQueued, out var next);
            _next[key] = next;
            return ValueTask.FromResult(slot);
        }
    }

    public ValueTask ForwardedAsync(AupKey key, TimeSpan spacing)
    {
        var now = Now();
        lock (_lock)
        {
            _answered[key] = now;
            _next[key] = Math.Max(_next.GetValueOrDefault(key), now + (long)spacing.TotalMilliseconds);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<TimeSpan> RemainingAsync(AupKey key, TimeSpan spacing)
    {
        var now = Now();
        lock (_lock)
        {
            var answered = _answered.GetValueOrDefault(key, long.MinValue / 2);
            return ValueTask.FromResult(TimeSpan.FromMilliseconds(Math.Max(0, answered + (long)spacing.TotalMilliseconds - now)));
        }
    }

    public ValueTask ReleaseAsync(AupKey key, HoldSlot slot, TimeSpan spacing)
    {
        lock (_lock)
        {
            // Only the last reservation can be handed back; a later one keeps its place.
            if (_next.TryGetValue(key, out var next) && next == slot.Start + (long)spacing.TotalMilliseconds)
            {
                _next[key] = slot.Start;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The slots of <paramref name="user"/> whose next slot is still ahead, with the time until it (for the admin API).</summary>
    internal IReadOnlyList<(string Service, TimeSpan UntilNextSlot)> SlotsOf(string user)
    {
        var now = Now();
        lock (_lock)
        {
            return [.. _next
                .Where(entry => entry.Value > now && string.Equals(entry.Key.User, user, StringComparison.Ordinal))
                .Select(entry => (entry.Key.Service, TimeSpan.FromMilliseconds(entry.Value - now)))];
        }
    }

    /// <summary>Forgets the slot of <paramref name="key"/> (for the admin API); true when its next slot was still ahead.</summary>
    internal bool Clear(AupKey key)
    {
        var now = Now();
        lock (_lock)
        {
            _answered.Remove(key);
            return _next.Remove(key, out var next) && next > now;
        }
    }

    /// <summary>Forgets every slot of <paramref name="user"/> (for the admin API); returns how many were still ahead.</summary>
    internal int ClearUser(string user)
    {
        var now = Now();
        lock (_lock)
        {
            var keys = _next.Keys.Where(key => string.Equals(key.User, user, StringComparison.Ordinal)).ToList();
            var cleared = keys.Count(key => _next[key] > now);
            foreach (var key in keys)
            {
                _next.Remove(key);
                _answered.Remove(key);
            }

            return cleared;
        }
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private void Sweep(long now)
    {
        foreach (var (key, next) in _next)
        {
            if (next <= now)
            {
                _next.Remove(key);
                _answered.Remove(key);
            }
        }
    }
}
