using System.Collections.Concurrent;
using DrrsGateway.AcceptableUse;

namespace DrrsGateway.Infrastructure;

/// <summary>
/// Keys with an expiry time on the injected clock, swept on a timer so memory follows the number of live
/// keys. Shared by the embedded lock store and the flood shield's known locks.
/// </summary>
internal sealed class ExpiringKeyTable : IDisposable
{
    // Often enough that expired keys never outnumber live ones by much, cheap enough at a million keys.
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);

    private readonly ITimer _sweeper;

    public ExpiringKeyTable(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Time = time;
        _sweeper = time.CreateTimer(static state => ((ExpiringKeyTable)state!).SweepExpired(), this, SweepInterval, SweepInterval);
    }

    public TimeProvider Time { get; }

    /// <summary>Expiry timestamps (<see cref="TimeProvider.GetTimestamp"/>) by key.</summary>
    public ConcurrentDictionary<AupKey, long> Expiries { get; } = new();

    /// <summary>Number of keys held, expired ones not yet swept included.</summary>
    public int Count => Expiries.Count;

    public long Now => Time.GetTimestamp();

    /// <summary><paramref name="span"/> in timestamp ticks.</summary>
    public long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Time.TimestampFrequency);

    /// <summary>Removes every key whose expiry has passed.</summary>
    public void SweepExpired()
    {
        var now = Now;
        foreach (var entry in Expiries)
        {
            if (entry.Value <= now)
            {
                // Removes only if unchanged: a key that was just extended stays.
                Expiries.TryRemove(entry);
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();
}
