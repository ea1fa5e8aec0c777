namespace DrrsGateway.Simulator.Counting;

/// <summary>
/// Counts the operation calls that reached this simulator process, so a person can see what the gateway let
/// through. Metadata reads and health probes are not calls and are not counted.
/// </summary>
internal sealed class RequestCounter
{
    private long _count;

    /// <summary>The number of requests counted so far.</summary>
    public long Current => Interlocked.Read(ref _count);

    /// <summary>Counts one more request and returns its number, starting at 1.</summary>
    public long Next() => Interlocked.Increment(ref _count);
}
