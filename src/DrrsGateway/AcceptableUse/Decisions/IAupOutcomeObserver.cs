using DrrsGateway.AcceptableUse.Stores;

namespace DrrsGateway.AcceptableUse.Decisions;

/// <summary>
/// Sees every enforced decision of the store, for whoever watches callers over time (monitoring's stuck-client
/// streaks). The policy runs without one: <see cref="NoOutcomeObserver"/> is its default.
/// </summary>
internal interface IAupOutcomeObserver
{
    /// <summary>Called once per enforced store decision of <paramref name="key"/>.</summary>
    void Observe(AupKey key, StoreAnswer answer, TimeSpan window);
}
