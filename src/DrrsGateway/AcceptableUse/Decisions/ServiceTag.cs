using System.Collections.Frozen;
using DrrsGateway.AcceptableUse.Services;

namespace DrrsGateway.AcceptableUse.Decisions;

/// <summary>
/// The service as a metric tag. Service names come from request paths, which callers choose, so only the
/// known DRRS operations become tag values; anything else is "other" and cannot blow up metric cardinality.
/// </summary>
internal static class ServiceTag
{
    public const string Other = "other";

    private static readonly FrozenSet<string> KnownOperations =
        DrrsOperations.BaseNames.Select(name => name.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The tag for a lower-cased service name: itself when it is a known operation (any version), else "other".</summary>
    public static string For(string service)
    {
        var name = service.AsSpan();
        var version = DrrsOperations.VersionStart(name);
        if (version > 0)
        {
            name = name[..version];
        }

        return KnownOperations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name) ? service : Other;
    }
}
