namespace DrrsGateway.Simulator.Callers;

/// <summary>One user's calls: counts per operation and the latest few calls. Thread-safe.</summary>
internal sealed class UserCalls
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (long Executed, long Refused)> _operations = new(StringComparer.Ordinal);
    private readonly Queue<CallRecord> _latest = new();
    private readonly int _maxLatest;

    public UserCalls(int maxLatest) => _maxLatest = maxLatest;

    public void Add(CallRecord call)
    {
        lock (_lock)
        {
            var (executed, refused) = _operations.GetValueOrDefault(call.Operation);
            _operations[call.Operation] = call.Outcome == CallOutcome.Executed ? (executed + 1, refused) : (executed, refused + 1);
            if (_latest.Count == _maxLatest)
            {
                _latest.Dequeue();
            }

            _latest.Enqueue(call);
        }
    }

    public CallCounts Counts()
    {
        lock (_lock)
        {
            return new CallCounts(_operations.Values.Sum(c => c.Executed), _operations.Values.Sum(c => c.Refused));
        }
    }

    public UserCallsReport Report(string user)
    {
        lock (_lock)
        {
            var operations = _operations.ToDictionary(entry => entry.Key, entry => new CallCounts(entry.Value.Executed, entry.Value.Refused), StringComparer.Ordinal);
            return new UserCallsReport(
                user, operations.Values.Sum(c => c.Executed), operations.Values.Sum(c => c.Refused), operations, [.. _latest]);
        }
    }
}
