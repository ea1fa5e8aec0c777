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

    /// <summary>
    /// When the backend refuses a forwarded call with its own AUP refusal (see <see cref="BackendRefusalStatusCode"/>
    /// and <see cref="BackendRefusalText"/>), the backend ran nothing: hold the call again and forward it a
    /// spacing after that refusal instead of passing the refusal on. The default is true.
    /// </summary>
    public bool AbsorbBackendRefusals { get; set; } = true;

    /// <summary>
    /// Largest request body kept in memory so that a call the backend refused can be forwarded again; a larger
    /// call's refusal is passed on. The default is 16777216 (16 MiB).
    /// </summary>
    public long MaxReplayBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>An answer with this status is the backend's AUP refusal whatever its body; 0 for none. The default is 429.</summary>
    public int BackendRefusalStatusCode { get; set; } = 429;

    /// <summary>
    /// An error answer (4xx or 5xx) whose body contains this text, in any case, is the backend's AUP refusal;
    /// empty for none. The default is "Acceptable Use Policy Violation", the words common to CAISO's DRRS
    /// message and its other systems' refusals.
    /// </summary>
    public string BackendRefusalText { get; set; } = "Acceptable Use Policy Violation";
}
