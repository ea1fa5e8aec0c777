using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace DrrsGateway.Simulator.Aup;

/// <summary>
/// The open window of every key and the decision: a call passes only when its key's window has ended, and every
/// call, passed or refused, restarts it. Decision and restart are one compare-and-swap, so of simultaneous calls
/// of one key exactly one passes.
/// </summary>
internal sealed class AupWindows
{
    // Where each key's window ends, in UTC ticks.
    private readonly ConcurrentDictionary<AupKey, long> _ends = new();
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _window;
    private long _nextSweep;

    public AupWindows(TimeProvider timeProvider, IOptions<SimulatorAupOptions> options)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        _timeProvider = timeProvider;
        _window = options.Value.Window;
    }

    /// <summary>The number of keys held; expired ones go at the next sweep.</summary>
    public int Count => _ends.Count;

    /// <summary>True when <paramref name="key"/> may call now; either way its window restarts now.</summary>
    public bool TryPass(AupKey key)
    {
        var now = _timeProvider.GetUtcNow().UtcTicks;
        var end = now + _window.Ticks;
        SweepWhenDue(now);
        while (true)
        {
            if (!_ends.TryGetValue(key, out var current))
            {
                if (_ends.TryAdd(key, end))
                {
                    return true;
                }
            }
            else if (_ends.TryUpdate(key, end, current))
            {
                return current <= now;
            }
        }
    }

    /// <summary>Drops the keys whose window has ended, at most once a window, so memory follows the active keys.</summary>
    private void SweepWhenDue(long now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + _window.Ticks, due) != due)
        {
            return;
        }

        foreach (var entry in _ends)
        {
            // Removes the entry only if no call restarted it meanwhile.
            if (entry.Value <= now)
            {
                _ends.TryRemove(entry);
            }
        }
    }
}
