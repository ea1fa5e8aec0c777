using System.Collections.Immutable;
using DrrsGateway.AcceptableUse.Settings;

namespace DrrsGateway.AcceptableUse.Identity;

/// <summary>Parses <c>Aup:Identity:Sources</c>: an ordered list of <see cref="IdentitySource"/> names.</summary>
internal static class IdentitySources
{
    /// <summary>The order used when none is configured: the strongest proof of identity first.</summary>
    public static ImmutableArray<IdentitySource> Default { get; } = [IdentitySource.Certificate, IdentitySource.TrustedHeader, IdentitySource.Principal];

    /// <summary>
    /// Parses names such as <c>Certificate</c> (any case); an entry may hold several comma-separated names.
    /// No entries means <see cref="Default"/>. A name that is unknown or repeated is refused.
    /// </summary>
    public static bool TryParse(IEnumerable<string> entries, out ImmutableArray<IdentitySource> sources, out string? problem)
    {
        var parsed = new List<IdentitySource>();
        foreach (var entry in entries)
        {
            foreach (var part in entry.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!EnumNames<IdentitySource>.TryParse(part, out var source))
                {
                    sources = Default;
                    problem = $"'{part}' is not an identity source; use Certificate, TrustedHeader or Principal";
                    return false;
                }

                if (parsed.Contains(source))
                {
                    sources = Default;
                    problem = $"'{part}' is listed twice";
                    return false;
                }

                parsed.Add(source);
            }
        }

        sources = parsed.Count == 0 ? Default : [.. parsed];
        problem = null;
        return true;
    }
}
