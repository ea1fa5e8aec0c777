using System.Collections.Concurrent;
using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Decisions;
using DrrsGateway.AcceptableUse.Stores;
using Microsoft.Extensions.Options;

namespace DrrsGateway.Monitoring;

/// <summary>
/// Finds clients stuck in the reset loop: (user, service) pairs this replica keeps refusing, every refusal
/// restarting the window, with no call let through for <see cref="MonitoringOptions.StuckClientSeconds"/>.
/// A streak starts at a pair's first refusal and ends when this replica lets the pair through, or when it
/// has not refused the pair for two windows (the client may be calling other replicas meanwhile).
/// </summary>
/// <remarks>
/// Only refused pairs are remembered, and <see cref="StuckClients"/> is one number: the metric has no user
/// label, so its cardinality does not grow with the users; the log names each stuck pair once.
/// </remarks>
internal sealed partial class RefusalStreaks : IAupOutcomeObserver, IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<AupKey, Streak> _streaks = new();
    private readonly TimeProvider _time;
    private readonly long _stuckTicks;
    private readonly ILogger<RefusalStreaks> _logger;
    private readonly ITimer _sweeper;
    private int _stuck;

    public RefusalStreaks(IOptions<MonitoringOptions> options, TimeProvider time, ILogger<RefusalStreaks> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _time = time;
        _stuckTicks = options.Value.StuckClientSeconds * time.TimestampFrequency;
        _logger = logger;
        _sweeper = time.CreateTimer(static state => ((RefusalStreaks)state!).SweepQuiet(), this, SweepInterval, SweepInterval);
    }

    /// <summary>Pairs refused here over and over for at least the threshold, now.</summary>
    public int StuckClients => Volatile.Read(ref _stuck);

    /// <summary>Pairs with a refusal streak in progress here.</summary>
    public int Count => _streaks.Count;

    /// <summary>Takes note of what the store decided for an enforced request of <paramref name="key"/>.</summary>
    public void Observe(AupKey key, StoreAnswer decision, TimeSpan window)
    {
        if (decision == StoreAnswer.Rejected)
        {
            OnRefused(key, window);
        }
        else if (decision == StoreAnswer.Allowed)
        {
            OnAllowed(key);
        }

        // A store failure says nothing about the pair: its streak neither grows nor ends.
    }

    /// <summary>Ends the streaks of pairs not refused here for two windows.</summary>
    public void SweepQuiet()
    {
        var now = _time.GetTimestamp();
        foreach (var (key, streak) in _streaks)
        {
            if (Volatile.Read(ref streak.QuietAfter) < now)
            {
                lock (streak)
                {
                    if (streak.QuietAfter < now)
                    {
                        End(key, streak, now, StreakEnd.Quiet);
                    }
                }
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();

    private void OnRefused(AupKey key, TimeSpan window)
    {
        var now = _time.GetTimestamp();
        var quietAfter = now + (2 * (long)(window.TotalSeconds * _time.TimestampFrequency));
        while (true)
        {
            var streak = _streaks.GetOrAdd(key, static (_, started) => new Streak(started), now);

            // A flood refuses one pair over and over: counting it must not take a lock each time. Only a
            // refusal that may end, start or mark the streak stuck takes the slow path below. A count that
            // races with the streak's end is lost, which only shortens an ended streak's total.
            if (!Volatile.Read(ref streak.Ended) && Volatile.Read(ref streak.QuietAfter) >= now
                && (Volatile.Read(ref streak.IsStuck) || now - streak.Started < _stuckTicks))
            {
                Interlocked.Increment(ref streak.Refusals);
                Volatile.Write(ref streak.QuietAfter, quietAfter);
                return;
            }

            lock (streak)
            {
                if (streak.Ended)
                {
                    // Ended by another thread between the lookup and the lock: this refusal starts a new one.
                    continue;
                }

                if (streak.QuietAfter < now)
                {
                    End(key, streak, now, StreakEnd.Quiet);
                    continue;
                }

                Interlocked.Increment(ref streak.Refusals);
                Volatile.Write(ref streak.QuietAfter, quietAfter);
                if (!streak.IsStuck && now - streak.Started >= _stuckTicks)
                {
                    Volatile.Write(ref streak.IsStuck, true);
                    Interlocked.Increment(ref _stuck);
                    Log.Stuck(_logger, key.User, key.Service, streak.Refusals, Seconds(streak, now), (int)window.TotalSeconds);
                }

                return;
            }
        }
    }

    private void OnAllowed(AupKey key)
    {
        // A lock-free read first: most allowed pairs were never refused.
        if (_streaks.TryGetValue(key, out var streak))
        {
            lock (streak)
            {
                End(key, streak, _time.GetTimestamp(), StreakEnd.Allowed);
            }
        }
    }

    // Called holding the streak's lock, so a streak ends once and its refusals never go to a removed entry.
    private void End(AupKey key, Streak streak, long now, string how)
    {
        if (streak.Ended)
        {
            return;
        }

        Volatile.Write(ref streak.Ended, true);
        _streaks.TryRemove(new KeyValuePair<AupKey, Streak>(key, streak));
        if (streak.IsStuck)
        {
            Interlocked.Decrement(ref _stuck);
            Log.Unstuck(_logger, key.User, key.Service, how, streak.Refusals, Seconds(streak, now));
        }
    }

    private double Seconds(Streak streak, long now) => (now - streak.Started) / (double)_time.TimestampFrequency;

    private static class StreakEnd
    {
        public const string Allowed = "Allowed";
        public const string Quiet = "Quiet";
    }

    private sealed class Streak(long started)
    {
        public readonly long Started = started;

        // Until the first refusal is counted, never quiet.
        public long QuietAfter = long.MaxValue;
        public long Refusals;
        public bool IsStuck;
        public bool Ended;
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.ClientStuck, LogLevel.Warning, "AUP client stuck in the reset loop: {User} was refused {Refusals} times calling {Service} over {StreakSeconds:0} s, each refusal restarting the window; it gets through only after {WindowSeconds} s without calling")]
        public static partial void Stuck(ILogger logger, string user, string service, long refusals, double streakSeconds, int windowSeconds);

        [LoggerMessage(EventIds.ClientNoLongerStuck, LogLevel.Information, "AUP client no longer stuck: {User} calling {Service} ended its refusal streak ({StreakEnd}) after {Refusals} refusals over {StreakSeconds:0} s")]
        public static partial void Unstuck(ILogger logger, string user, string service, string streakEnd, long refusals, double streakSeconds);
    }
}
