namespace DrrsGateway.AcceptableUse.Services;

/// <summary>The catalog of DRRS operations the gateway forwards, bound from <c>Aup:Services</c>.</summary>
public sealed class AupServicesOptions
{
    /// <summary>
    /// Whether a request naming no catalogued operation is refused (never forwarded, no lock written). The
    /// default is <c>true</c>. Off, every made-up versioned name becomes a lock key and reaches DRRS.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Operation names (any case): exact, like <c>RetrieveDRRSLocations_v1</c>, or <c>RetrieveDRRSLocations_v*</c>
    /// for every version. The default, when neither this nor <see cref="Pattern"/> is set, is the eleven DRRS
    /// operations of both generations (<c>retrieveDRLocations</c>, …, <c>RetrieveDRRSLocations</c>, …), any version;
    /// setting it replaces that list.
    /// </summary>
    public IList<string> Names { get; set; } = [];

    /// <summary>
    /// A regular expression an operation name must match as a whole (any case), besides <see cref="Names"/>.
    /// The default is none.
    /// </summary>
    public string? Pattern { get; set; }
}
