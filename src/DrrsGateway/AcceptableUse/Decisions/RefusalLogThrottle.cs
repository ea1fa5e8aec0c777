using System.Collections.Concurrent;

namespace DrrsGateway.AcceptableUse.Decisions;

/// <summary>
/// Keeps refusal logs readable under a flood: the first refusal of a user in a <see cref="RefusalScope"/> in
/// each window is logged at Information, carrying how many refusals of that user and scope went unlogged
/// since; the rest go to Debug. Every violator still appears at least once per window.
/// </summary>
internal sealed class RefusalLogThrottle : IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<(string User, RefusalScope Scope), Entry> _entries = new();
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;

    public RefusalLogThrottle(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _sweeper = time.CreateTimer(static state => ((RefusalLogThrottle)state!).SweepExpired(), this, SweepInterval, SweepInterval);
    }

    public int Count => _entries.Count;

    /// <summary>Whether this violation of <paramref name="pair"/>'s window should be logged at Information.</summary>
    public bool ShouldLog(AupKey pair, TimeSpan window, out long suppressed) =>
        ShouldLog(pair.User, RefusalScope.Violations(pair.Service), window, out suppressed);

    /// <summary>
    /// Whether this refusal should be logged at Information; if so, <paramref name="suppressed"/> says how
    /// many refusals of the user in the scope were not, since the last one that was.
    /// </summary>
    public bool ShouldLog(string user, RefusalScope scope, TimeSpan window, out long suppressed)
    {
        var now = _time.GetTimestamp();
        var entry = _entries.GetOrAdd((user, scope), static _ => new Entry());
        lock (entry)
        {
            if (entry.QuietUntil > now)
            {
                entry.Suppressed++;
                suppressed = 0;
                return false;
            }

            suppressed = entry.Suppressed;
            entry.Suppressed = 0;
            entry.QuietUntil = now + (long)(window.TotalSeconds * _time.TimestampFrequency);
            return true;
        }
    }

    public void SweepExpired()
    {
        var now = _time.GetTimestamp();
        foreach (var (key, entry) in _entries)
        {
            // A key quiet for a window has nothing left to report; its next refusal is logged anyway.
            if (Volatile.Read(ref entry.QuietUntil) <= now && Volatile.Read(ref entry.Suppressed) == 0)
            {
                _entries.TryRemove(new KeyValuePair<(string User, RefusalScope Scope), Entry>(key, entry));
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();

    private sealed class Entry
    {
        public long QuietUntil;
        public long Suppressed;
    }
}
