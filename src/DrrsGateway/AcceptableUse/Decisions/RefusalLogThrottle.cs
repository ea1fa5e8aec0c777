using System.Collections.Concurrent;
using DrrsGateway.Infrastructure;

namespace DrrsGateway.AcceptableUse.Decisions;

/// <summary>
/// Keeps refusal logs readable under a flood: the first refusal of a user in a <see cref="RefusalScope"/> in
/// each window is logged at Information, carrying how many refusals of that user and scope went unlogged
/// since; the rest go to Debug. Every violator still appears at least once per window.
/// </summary>
internal sealed class RefusalLogThrottle : IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(60);

    // A key's quiet window, while its refusals go unlogged, and the refusals not logged since the last line;
    // a count outlives its window until the key's next logged line reports it.
    private readonly ExpiringKeyTable<(string User, RefusalScope Scope)> _quiet;
    private readonly ConcurrentDictionary<(string User, RefusalScope Scope), long> _suppressed = new();

    public RefusalLogThrottle(TimeProvider time) => _quiet = new(time, SweepInterval);

    /// <summary>Entries held: quiet windows, expired ones not yet swept included, and unreported counts.</summary>
    public int Count => _quiet.Count + _suppressed.Count;

    /// <summary>Whether this violation of <paramref name="pair"/>'s window should be logged at Information.</summary>
    public bool ShouldLog(AupKey pair, TimeSpan window, out long suppressed) =>
        ShouldLog(pair.User, RefusalScope.Violations(pair.Service), window, out suppressed);

    /// <summary>
    /// Whether this refusal should be logged at Information; if so, <paramref name="suppressed"/> says how
    /// many refusals of the user in the scope were not, since the last one that was.
    /// </summary>
    public bool ShouldLog(string user, RefusalScope scope, TimeSpan window, out long suppressed)
    {
        var key = (user, scope);
        if (!_quiet.TryStart(key, window))
        {
            _suppressed.AddOrUpdate(key, 1, static (_, count) => count + 1);
            suppressed = 0;
            return false;
        }

        // Each unlogged refusal is counted once: either this line takes it, or the key's next one does.
        _suppressed.TryRemove(key, out suppressed);
        return true;
    }

    public void SweepExpired() => _quiet.SweepExpired();

    public void Dispose() => _quiet.Dispose();
}
