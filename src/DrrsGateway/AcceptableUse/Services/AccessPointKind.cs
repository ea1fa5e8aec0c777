namespace DrrsGateway.AcceptableUse.Services;

/// <summary>What a path segment is, read as one of CAISO's named access points.</summary>
internal enum AccessPointKind
{
    /// <summary>Not shaped like an access point (no <c>_AP</c> at its end).</summary>
    None,

    /// <summary>An access point naming an operation.</summary>
    Operation,

    /// <summary>Ends in <c>_AP</c> but names no operation, e.g. <c>_DRRSv1_DocAttach_AP</c>.</summary>
    Malformed,
}
