using System.Runtime.InteropServices;

namespace DrrsGateway.Infrastructure;

/// <summary>
/// Keys with an expiry time on the injected clock, swept on a timer so memory follows the number of live
/// keys: the one expiring map of the gateway. The embedded lock store and the flood shield keep locks in it;
/// the log throttles keep the quiet time of each key whose line was just written.
/// </summary>
/// <remarks>
/// Lock-protected <see cref="Dictionary{TKey, TValue}"/> shards rather than a
/// <c>ConcurrentDictionary</c>: a dictionary keeps its entries in one array, so a key costs its entry and
/// no object of its own (a concurrent dictionary allocates a node per key, which the GC then traces and
/// promotes: at a million live locks that was most of the table's memory), and deciding and restarting is
/// one hash lookup under the shard's lock instead of a read and a compare-and-swap.
/// </remarks>
internal sealed class ExpiringKeyTable<TKey> : IDisposable
    where TKey : notnull
{
    // Often enough that expired keys never outnumber live ones by much, cheap enough at a million keys.
    private static readonly TimeSpan DefaultSweepInterval = TimeSpan.FromSeconds(5);

    // A power of two (a shard is a hash's low bits); with two cores two callers rarely meet on one shard,
    // and a sweep holds one shard, a 64th of the keys, at a time.
    private const int ShardCount = 64;

    // A swept shard whose array is more than this many times its live keys gives the rest back.
    private const int TrimRatio = 4;
    private const int TrimFloor = 1024;

    private readonly Shard[] _shards;
    private readonly ITimer _sweeper;

    /// <param name="time">The clock every expiry is on.</param>
    /// <param name="sweepInterval">How often expired keys are removed (they count as absent from the moment they expire); 5 s when null.</param>
    public ExpiringKeyTable(TimeProvider time, TimeSpan? sweepInterval = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        Time = time;
        _shards = new Shard[ShardCount];
        for (var i = 0; i < _shards.Length; i++)
        {
            _shards[i] = new Shard();
        }

        // The timer holds the table weakly: a table its owner drops without disposing (a middleware lives as
        // long as its pipeline) stops its timer instead of being kept alive by it.
        var sweep = new Sweep(new WeakReference<ExpiringKeyTable<TKey>>(this));
        var interval = sweepInterval ?? DefaultSweepInterval;
        _sweeper = time.CreateTimer(static state => ((Sweep)state!).Run(), sweep, interval, interval);
        sweep.Timer = _sweeper;
    }

    public TimeProvider Time { get; }

    /// <summary>Number of keys held, expired ones not yet swept included.</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var shard in _shards)
            {
                lock (shard.Gate)
                {
                    count += shard.Expiries.Count;
                }
            }

            return count;
        }
    }

    /// <summary>Now, in <see cref="TimeProvider.GetTimestamp"/> ticks.</summary>
    public long Now => Time.GetTimestamp();

    /// <summary><paramref name="span"/> in timestamp ticks.</summary>
    public long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Time.TimestampFrequency);

    /// <summary>
    /// The keys held with their expiry timestamps, expired ones not yet swept included: a copy, one shard at
    /// a time, so callers may change the table while they read it.
    /// </summary>
    public IEnumerable<KeyValuePair<TKey, long>> Entries
    {
        get
        {
            foreach (var shard in _shards)
            {
                KeyValuePair<TKey, long>[] copy;
                lock (shard.Gate)
                {
                    copy = [.. shard.Expiries];
                }

                foreach (var entry in copy)
                {
                    yield return entry;
                }
            }
        }
    }

    /// <summary>Whether <paramref name="key"/> has not expired at the timestamp <paramref name="now"/>.</summary>
    public bool IsLive(TKey key, long now)
    {
        var shard = ShardOf(key);
        lock (shard.Gate)
        {
            return shard.Expiries.TryGetValue(key, out var expiry) && expiry > now;
        }
    }

    /// <summary>Sets the expiry timestamp of <paramref name="key"/>, live or not.</summary>
    public void Set(TKey key, long expiry)
    {
        var shard = ShardOf(key);
        lock (shard.Gate)
        {
            shard.Expiries[key] = expiry;
        }
    }

    /// <summary>Removes <paramref name="key"/>; true when it was held, with the expiry it had.</summary>
    public bool Remove(TKey key, out long expiry)
    {
        var shard = ShardOf(key);
        lock (shard.Gate)
        {
            return shard.Expiries.Remove(key, out expiry);
        }
    }

    /// <summary>Removes every key, live or not.</summary>
    public void Clear()
    {
        foreach (var shard in _shards)
        {
            lock (shard.Gate)
            {
                shard.Expiries.Clear();
                shard.Expiries.TrimExcess();
            }
        }
    }

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

    /// <summary>Removes every key whose expiry has passed, one shard at a time.</summary>
    public void SweepExpired()
    {
        foreach (var shard in _shards)
        {
            var now = Now;
            lock (shard.Gate)
            {
                var expiries = shard.Expiries;
                foreach (var (key, expiry) in expiries)
                {
                    // Removing the entry being enumerated is allowed and leaves the enumeration valid.
                    if (expiry <= now)
                    {
                        expiries.Remove(key);
                    }
                }

                // After a burst of keys has expired, the arrays it grew go back to the GC.
                if (expiries.Capacity > TrimFloor && expiries.Count * TrimRatio < expiries.Capacity)
                {
                    expiries.TrimExcess();
                }
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();

    // Whether the key was live, decided and restarted in one step under the shard's lock, so of racing
    // callers exactly one finds an expired key.
    private bool Start(TKey key, TimeSpan span, bool restartLive)
    {
        var now = Now;
        var expiry = now + Ticks(span);
        var shard = ShardOf(key);
        lock (shard.Gate)
        {
            ref var current = ref CollectionsMarshal.GetValueRefOrAddDefault(shard.Expiries, key, out var held);
            var live = held && current > now;
            if (!live || restartLive)
            {
                current = expiry;
            }

            return live;
        }
    }

    private Shard ShardOf(TKey key) => _shards[EqualityComparer<TKey>.Default.GetHashCode(key) & (ShardCount - 1)];

    private sealed class Shard
    {
        public readonly Dictionary<TKey, long> Expiries = [];
        public readonly Lock Gate = new();
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
