using System.Collections.Concurrent;
using System.Diagnostics;

namespace DrrsBenchmarks;

/// <summary>
/// The floor of the embedded store: each key's lock is its expiry in <see cref="Stopwatch"/> ticks in a
/// <see cref="ConcurrentDictionary{TKey, TValue}"/>. Every decision restarts the window with one
/// compare-and-swap; a sweep once per window drops expired locks so memory stays bounded under new users.
/// </summary>
public sealed class MemoryFloorStore : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _expiries = new();
    private readonly long _window;
    private readonly Timer _sweep;

    /// <summary>Creates a store whose locks live for <paramref name="window"/> after the last request.</summary>
    public MemoryFloorStore(TimeSpan window)
    {
        _window = (long)(window.TotalSeconds * Stopwatch.Frequency);
        _sweep = new Timer(_ => Sweep(), null, window, window);
    }

    /// <summary>Restarts <paramref name="key"/>'s window; true when no live lock was there (the call is allowed).</summary>
    public bool TryAcquire(string key)
    {
        var now = Stopwatch.GetTimestamp();
        var expiry = now + _window;
        while (true)
        {
            if (_expiries.TryGetValue(key, out var previous))
            {
                if (_expiries.TryUpdate(key, expiry, previous))
                {
                    return previous <= now;
                }
            }
            else if (_expiries.TryAdd(key, expiry))
            {
                return true;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _sweep.Dispose();

    private void Sweep()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var entry in _expiries)
        {
            // Removes the entry only if no request renewed it since it was read.
            if (entry.Value <= now)
            {
                _expiries.TryRemove(entry);
            }
        }
    }
}
