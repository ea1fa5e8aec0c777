namespace DrrsGateway.AcceptableUse.Services;

/// <summary>
/// The DRRS operations CAISO names, without their <c>_v&lt;N&gt;</c> version: the one list the default
/// service catalog and the metric tags are built from. Both generations are in production use: clients
/// generated from the DRRS v4.0 artifacts call the DR-named ones, the later interface specification names
/// the DRRS-named ones.
/// </summary>
internal static class DrrsOperations
{
    /// <summary>The operations' names, as CAISO spells them.</summary>
    public static IReadOnlyList<string> BaseNames { get; } =
    [
        // The DRRS artifacts package v4.0 (what production clients were generated from).
        "retrieveDRLocations",
        "submitDRLocations",
        "retrieveDRRegistrations",
        "submitDRRegistrations",
        "retrieveBatchValidationStatus",

        // The later DRRS interface specification.
        "SubmitDRRSLocations",
        "RetrieveDRRSLocations",
        "RetrieveDRRSBatchStatus",
        "SubmitDRRSRegistrations",
        "RetrieveDRRSRegistrations",
        "SubmitDRRSLocationReview",
    ];

    /// <summary>
    /// <paramref name="service"/> (a lower-cased key such as <c>retrievedrlocations_v1</c>) as CAISO spells the
    /// operation (<c>retrieveDRLocations_v1</c>), for what callers read; other names as they are.
    /// </summary>
    public static string CaisoSpelling(string service)
    {
        var version = VersionStart(service);
        var baseName = version > 0 ? service.AsSpan(0, version) : service.AsSpan();
        foreach (var known in BaseNames)
        {
            if (baseName.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return version > 0 ? string.Concat(known, "_v", service.AsSpan(version + 2)) : known;
            }
        }

        return service;
    }

    /// <summary>
    /// Whether <paramref name="name"/> has the shape of a versioned operation, like
    /// <c>retrieveDRRSLocations_v1</c>: a name, <c>_v</c>, then digits.
    /// </summary>
    public static bool IsVersioned(ReadOnlySpan<char> name) => VersionStart(name) > 0;

    /// <summary>Where the <c>_v&lt;N&gt;</c> suffix of <paramref name="name"/> starts, or -1 when it has none.</summary>
    public static int VersionStart(ReadOnlySpan<char> name)
    {
        var version = name.LastIndexOf("_v", StringComparison.OrdinalIgnoreCase);
        var digits = version < 0 ? default : name[(version + 2)..];
        return version > 0 && digits.Length is > 0 and <= 9 && !digits.ContainsAnyExceptInRange('0', '9') ? version : -1;
    }
}
