using System.Diagnostics;
using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.AcceptableUse.Stores;

namespace DrrsGateway.AcceptableUse.Decisions;

/// <summary>The decision for a keyed call outside hold mode: the store's answer, timed when anyone listens.</summary>
internal sealed class StoreDecider(IAupStore store, AupMetrics metrics, IAupStoreHealth storeHealth)
{
    /// <summary>The store's one answer both decides and restarts the window.</summary>
    public async ValueTask<AupDecision> DecideAsync(AupCall call, AupPolicy policy, AupKey key)
    {
        var answer = await RecordAsync(key, call.Window).ConfigureAwait(false);
        var decision = answer switch
        {
            StoreAnswer.Allowed => AupDecision.Allowed(call, key),
            StoreAnswer.Rejected => AupDecision.Rejected(call, key),
            _ => AupDecision.StoreUnavailable(call, key, policy.OnStoreFailure, storeHealth.RetryAfterSeconds),
        };
        return decision with { Stored = (key, answer) };
    }

    private ValueTask<StoreAnswer> RecordAsync(AupKey key, TimeSpan window)
    {
        if (!metrics.StoreDurationEnabled)
        {
            return store.RecordRequestAsync(key, window);
        }

        return RecordTimedAsync(key, window);
    }

    private async ValueTask<StoreAnswer> RecordTimedAsync(AupKey key, TimeSpan window)
    {
        var started = Stopwatch.GetTimestamp();
        var answer = await store.RecordRequestAsync(key, window).ConfigureAwait(false);
        metrics.RecordStoreDuration(Stopwatch.GetElapsedTime(started), answer);
        return answer;
    }
}
