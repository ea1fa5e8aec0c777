using System.Collections.Concurrent;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// The flood shield's restarts of a window in Redis, at most one per key per <see cref="Interval"/>. The
/// first refusal of a key is sent at once; refusals within the interval after a send are folded into one
/// restart at its end, which gives the key the time left from the latest of them (a window less the time
/// since it), so Redis ends the lock when one restart per refusal would have. Meanwhile the lock stays in
/// Redis: each send gave it a window, far longer than the interval, so other replicas go on seeing it.
/// A client flooding at tens of thousands of calls a second costs Redis ten writes a second, not one per call.
/// </summary>
/// <remarks>
/// Not an <c>ExpiringKeyTable</c>, the gateway's one expiring map: that table only forgets keys when they
/// expire, and here a key's interval must end in an action (the folded restart), so each key has a timer.
/// Nothing to dispose: a key's timer ends itself an interval after its last send, so at most one interval
/// after the last refusal (shutdown included) nothing of it is left.
/// </remarks>
internal sealed class FloodRestarts
{
    /// <summary>The longest a refusal's restart waits to be sent.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<AupKey, Restarts> _keys = new();
    private readonly TimeProvider _time;
    private readonly Action<AupKey, TimeSpan> _send;
    private readonly Func<AupKey, long, bool> _stillLocked;
    private readonly long _intervalTicks;

    /// <param name="time">The clock refusals are timed on.</param>
    /// <param name="send">Restarts the key's lock in Redis for the given time; must not throw.</param>
    /// <param name="stillLocked">
    /// Whether the replica still knows the key locked at a timestamp: a lock an admin cleared meanwhile
    /// (the replica forgot it) must not be set again by refusals made before the clear.
    /// </param>
    public FloodRestarts(TimeProvider time, Action<AupKey, TimeSpan> send, Func<AupKey, long, bool> stillLocked)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(stillLocked);
        _time = time;
        _send = send;
        _stillLocked = stillLocked;
        _intervalTicks = (long)(Interval.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Keys with a restart sent within the interval or waiting to be sent.</summary>
    public int Count => _keys.Count;

    /// <summary>Restarts the window of <paramref name="key"/> from <paramref name="refusedAt"/> (a timestamp of the clock), now or at the interval's end.</summary>
    public void Restart(AupKey key, TimeSpan window, long refusedAt)
    {
        while (true)
        {
            var restarts = _keys.GetOrAdd(key, static (key, owner) => new Restarts(owner, key), this);
            lock (restarts)
            {
                // Dropped by its timer between the lookup and the lock: take the one that replaced it.
                if (restarts.Dropped)
                {
                    continue;
                }

                // A refusal a send already covered (its thread was late to the lock) changes nothing: sending it
                // would move the end of the window back.
                if (refusedAt <= restarts.Covered)
                {
                    return;
                }

                if (restarts.SentAt is { } sentAt && refusedAt - sentAt < _intervalTicks)
                {
                    // A later refusal only ever moves the end of the window on.
                    restarts.PendingFrom = Math.Max(restarts.PendingFrom ?? long.MinValue, refusedAt);
                    restarts.PendingWindow = window;
                    return;
                }

                restarts.SentAt = refusedAt;
                restarts.Covered = refusedAt;
                restarts.Timer.Change(Interval, Timeout.InfiniteTimeSpan);
            }

            _send(key, window);
            return;
        }
    }

    // The interval after a send has ended: send what was folded into it, or forget the key.
    private void IntervalEnded(Restarts restarts)
    {
        long refusedAt;
        TimeSpan window;
        lock (restarts)
        {
            if (restarts.PendingFrom is not { } pending)
            {
                restarts.Dropped = true;
                _keys.TryRemove(KeyValuePair.Create(restarts.Key, restarts));
                restarts.Timer.Dispose();
                return;
            }

            refusedAt = pending;
            window = restarts.PendingWindow;
            restarts.PendingFrom = null;
            restarts.Covered = pending;
            restarts.SentAt = _time.GetTimestamp();
            restarts.Timer.Change(Interval, Timeout.InfiniteTimeSpan);
        }

        if (!_stillLocked(restarts.Key, refusedAt))
        {
            return;
        }

        // Rounded up to Redis's millisecond: the lock may end a fraction of one late, never early.
        var left = window - _time.GetElapsedTime(refusedAt);
        if (left > TimeSpan.Zero)
        {
            _send(restarts.Key, TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds)));
        }
    }

    private sealed class Restarts
    {
        public Restarts(FloodRestarts owner, AupKey key)
        {
            Key = key;
            Owner = owner;
            Timer = owner._time.CreateTimer(static state => ((Restarts)state!).Owner.IntervalEnded((Restarts)state!), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public AupKey Key { get; }

        public FloodRestarts Owner { get; }

        public ITimer Timer { get; }

        /// <summary>When the last restart was sent.</summary>
        public long? SentAt { get; set; }

        /// <summary>The latest refusal a send gave its window to.</summary>
        public long Covered { get; set; } = long.MinValue;

        /// <summary>The latest refusal since, not sent yet.</summary>
        public long? PendingFrom { get; set; }

        public TimeSpan PendingWindow { get; set; }

        public bool Dropped { get; set; }
    }
}
