using System.Collections.Frozen;

namespace DrrsGateway.AcceptableUse;

/// <summary>
/// The service as a metric tag. Service names come from request paths, which callers choose, so only the
/// known DRRS operations become tag values; anything else is "other" and cannot blow up metric cardinality.
/// </summary>
internal static class ServiceTag
{
    public const string Other = "other";

    private static readonly FrozenSet<string> KnownOperations = new[]
    {
        "submitdrrslocations", "retrievedrrslocations", "retrievedrrsbatchstatus",
        "submitdrrsregistrations", "retrievedrrsregistrations", "submitdrrslocationreview",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The tag for a lower-cased service name: itself when it is a known operation (any version), else "other".</summary>
    public static string For(string service)
    {
        var name = service.AsSpan();
        var version = name.LastIndexOf("_v", StringComparison.Ordinal);
        if (version > 0 && IsDigits(name[(version + 2)..]))
        {
            name = name[..version];
        }

        return KnownOperations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name) ? service : Other;
    }

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');
}
