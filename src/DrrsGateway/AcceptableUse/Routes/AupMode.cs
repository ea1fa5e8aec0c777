namespace DrrsGateway.AcceptableUse.Routes;

/// <summary>How the policy treats the requests of one route, set by the route's <c>AupMode</c> metadata.</summary>
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
}
