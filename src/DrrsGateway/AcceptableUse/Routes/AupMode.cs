namespace DrrsGateway.AcceptableUse.Routes;

/// <summary>
/// How the policy treats requests: <c>Aup:Mode</c> sets it for the gateway, a route's <c>AupMode</c> metadata
/// for that route.
/// </summary>
public enum AupMode
{
    /// <summary>Refuse requests that break the policy. The default.</summary>
    Enforce,

    /// <summary>
    /// Decide and log what would have been refused, but forward everything; the window still restarts on
    /// every request, as it would at CAISO, so the log shows what enforcing would do.
    /// </summary>
    Shadow,

    /// <summary>No check at all: the route is forwarded as if the policy did not exist.</summary>
    Off,

    /// <summary>
    /// Pace instead of refuse: a call inside the window waits until the window (plus
    /// <c>Aup:Hold:MarginMilliseconds</c>) has passed since the last call forwarded for its key, then goes on.
    /// For participants in front of their own calls to CAISO.
    /// </summary>
    Hold,
}
