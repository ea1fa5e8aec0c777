using System.Collections.Concurrent;

namespace DrrsGateway.Simulator.Callers;

/// <summary>
/// Remembers, per user, which operation calls the simulator executed and which it refused, and the certificate
/// each came with, so a test can ask what really reached DRRS. Bounded: at most <see cref="MaxUsers"/> users
/// (later ones count in the totals only) and <see cref="MaxLatestCalls"/> latest calls each.
/// </summary>
internal sealed class CallLedger
{
    /// <summary>The most users tracked one by one; a soak's millions of users must not grow the simulator.</summary>
    public const int MaxUsers = 10_000;

    /// <summary>The most calls kept per user.</summary>
    public const int MaxLatestCalls = 100;

    private readonly ConcurrentDictionary<string, UserCalls> _users = new(StringComparer.Ordinal);
    private long _executed;
    private long _refused;

    public void Record(string user, CallRecord call)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(call);
        if (call.Outcome == CallOutcome.Executed)
        {
            Interlocked.Increment(ref _executed);
        }
        else
        {
            Interlocked.Increment(ref _refused);
        }

        // The cap is approximate under races: it bounds memory, it is not a contract.
        var calls = _users.TryGetValue(user, out var known) ? known
            : _users.Count < MaxUsers ? _users.GetOrAdd(user, _ => new UserCalls(MaxLatestCalls))
            : null;
        calls?.Add(call);
    }

    /// <summary>One user's calls; zeros for a user never seen.</summary>
    public UserCallsReport Report(string user) =>
        _users.TryGetValue(user, out var calls) ? calls.Report(user) : new UserCallsReport(user, 0, 0, new Dictionary<string, CallCounts>(), []);

    /// <summary>Every tracked user's counts and the totals.</summary>
    public CallsReport Report() => new(
        Interlocked.Read(ref _executed),
        Interlocked.Read(ref _refused),
        _users.ToDictionary(entry => entry.Key, entry => entry.Value.Counts(), StringComparer.Ordinal));
}
