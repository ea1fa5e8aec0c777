using DrrsGateway.AcceptableUse.Stores;

namespace DrrsGateway.AcceptableUse.Decisions;

/// <summary>Nobody watches decisions: the policy without monitoring.</summary>
internal sealed class NoOutcomeObserver : IAupOutcomeObserver
{
    public void Observe(AupKey key, StoreAnswer answer, TimeSpan window)
    {
    }
}
