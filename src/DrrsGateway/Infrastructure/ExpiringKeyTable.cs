using System.Collections.Concurrent;

namespace DrrsGateway.Infrastructure;

/// <summary>
/// Keys with an expiry time on the injected clock, swept on a timer so memory follows the number of live
/// keys: the one expiring map of the gateway. The embedded lock store and the flood shield keep locks in it;
/// the log throttles keep the quiet time of each key whose line was just written.
/// </summary>
internal sealed class ExpiringKeyTable<TKey> : IDisposable
    where TKey : notnull
{
    // Often enough that expired keys never outnumber live ones by much, cheap enough at a million keys.
    private static readonly TimeSpan DefaultSweepInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<TKey, long> _expiries = new();
    private readonly ITimer _sweeper;

    /// <param name="time">The clock every expiry is on.</param>
    /// <param name="sweepInterval">How often expired keys are removed (they count as absent from the moment they expire); 5 s when null.</param>
    public ExpiringKeyTable(TimeProvider time, TimeSpan? sweepInterval = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        Time = time;

        // The timer holds the table weakly: a table its owner drops without disposing (a middleware lives as
        // long as its pipeline) stops its timer instead of being kept alive by it.
        var sweep = new Sweep(new WeakReference<ExpiringKeyTable<TKey>>(this));
        var interval = sweepInterval ?? DefaultSweepInterval;
        _sweeper = time.CreateTimer(static state => ((Sweep)state!).Run(), sweep, interval, interval);
        sweep.Timer = _sweeper;
    }

    public TimeProvider Time { get; }

    /// <summary>Number of keys held, expired ones not yet swept included.</summary>
    public int Count => _expiries.Count;

    /// <summary>Now, in <see cref="TimeProvider.GetTimestamp"/> ticks.</summary>
    public long Now => Time.GetTimestamp();

    /// <summary><paramref name="span"/> in timestamp ticks.</summary>
    public long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Time.TimestampFrequency);

    /// <summary>The keys held with their expiry timestamps, expired ones not yet swept included.</summary>
    public IEnumerable<KeyValuePair<TKey, long>> Entries => _expiries;

    /// <summary>Whether <paramref name="key"/> has not expired at the timestamp <paramref name="now"/>.</summary>
    public bool IsLive(TKey key, long now) => _expiries.TryGetValue(key, out var expiry) && expiry > now;

    /// <summary>Sets the expiry timestamp of <paramref name="key"/>, live or not.</summary>
    public void Set(TKey key, long expiry) => _expiries[key] = expiry;

    /// <summary>Removes <paramref name="key"/>; true when it was held, with the expiry it had.</summary>
    public bool Remove(TKey key, out long expiry) => _expiries.TryRemove(key, out expiry);

    /// <summary>Removes every key, live or not.</summary>
    public void Clear() => _expiries.Clear();

    /// <summary>
    /// Gives <paramref name="key"/> <paramref name="span"/> from now whether or not it was live, and says
    /// whether it was: the embedded store's lock, restarted by every request.
    /// </summary>
    public bool Restart(TKey key, TimeSpan span) => Start(key, span, restartLive: true);

    /// <summary>
    /// Gives <paramref name="key"/> <paramref name="span"/> from now unless it is live, and says whether it
    /// did: once per key and span, as a log throttle needs.
    /// </summary>
    public bool TryStart(TKey key, TimeSpan span) => !Start(key, span, restartLive: false);

    /// <summary>Removes every key whose expiry has passed.</summary>
    public void SweepExpired()
    {
        var now = Now;
        foreach (var entry in _expiries)
        {
            if (entry.Value <= now)
            {
                // Removes only if unchanged: a key that was just extended stays.
                _expiries.TryRemove(entry);
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();

    // Whether the key was live; only the caller whose swap lands decides against the value it saw, so racing
    // callers cannot both find the key expired.
    private bool Start(TKey key, TimeSpan span, bool restartLive)
    {
        var now = Now;
        var expiry = now + Ticks(span);
        while (true)
        {
            if (!_expiries.TryGetValue(key, out var current))
            {
                if (_expiries.TryAdd(key, expiry))
                {
                    return false;
                }

                continue;
            }

            var live = current > now;
            if (live && !restartLive)
            {
                return true;
            }

            if (_expiries.TryUpdate(key, expiry, current))
            {
                return live;
            }
        }
    }

    private sealed class Sweep(WeakReference<ExpiringKeyTable<TKey>> table)
    {
        public ITimer? Timer { get; set; }

        public void Run()
        {
            if (table.TryGetTarget(out var target))
            {
                target.SweepExpired();
            }
            else
            {
                Timer?.Dispose();
            }
        }
    }
}
