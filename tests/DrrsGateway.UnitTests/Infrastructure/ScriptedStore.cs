using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Stores;

namespace DrrsGateway.UnitTests.Infrastructure;

/// <summary>A store that gives the answer a test scripts and remembers the keys it was asked about.</summary>
internal sealed class ScriptedStore(StoreAnswer answer) : IAupStore
{
    public List<(AupKey Key, TimeSpan Window)> Requests { get; } = [];

    public ValueTask<StoreAnswer> RecordRequestAsync(AupKey key, TimeSpan window)
    {
        Requests.Add((key, window));
        return ValueTask.FromResult(answer);
    }
}
