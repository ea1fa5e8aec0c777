namespace DrrsGateway.AcceptableUse.Hold;

/// <summary>Hold mode's settings, bound from <c>Aup:Hold</c>.</summary>
public sealed class AupHoldOptions
{
    /// <summary>
    /// Added to the window between two forwarded calls of one key, for clock and network differences to
    /// CAISO, in milliseconds. The default is 1000.
    /// </summary>
    public int MarginMilliseconds { get; set; } = 1000;

    /// <summary>Calls that may wait per (user, service) at once; one more is refused at once. The default is 1.</summary>
    public int MaxQueuedPerKey { get; set; } = 1;

    /// <summary>Longest a call may wait for its slot, in seconds; a later slot is refused at once. The default is 35.</summary>
    public int MaxWaitSeconds { get; set; } = 35;

    /// <summary>Calls that may wait in this gateway at once, over all keys; one more is refused at once. The default is 10000.</summary>
    public int MaxHeld { get; set; } = 10_000;
}
