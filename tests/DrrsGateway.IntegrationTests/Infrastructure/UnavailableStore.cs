using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Stores;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>A store that never answers, as Redis does during an outage.</summary>
internal sealed class UnavailableStore : IAupStore
{
    public ValueTask<StoreAnswer> RecordRequestAsync(AupKey key, TimeSpan window) => new(StoreAnswer.StoreUnavailable);
}
