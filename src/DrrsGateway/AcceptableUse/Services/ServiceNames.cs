using System.Collections.Concurrent;

namespace DrrsGateway.AcceptableUse.Services;

/// <summary>
/// One lower-cased string per service name, shared by every request and lock that names it. Callers reach
/// a handful of DRRS operations over and over, so after the first request a name costs no allocation,
/// and a million live locks do not hold a million copies of the same few names.
/// </summary>
internal static class ServiceNames
{
    // Names come from request paths, which callers choose: cap the table so it cannot grow without bound.
    internal const int Capacity = 4096;

    private static readonly ConcurrentDictionary<string, string> Canonical = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> BySpan =
        Canonical.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The shared lower-cased form of a name seen (and accepted) before, if any.</summary>
    public static bool TryGetKnown(ReadOnlySpan<char> name, out string canonical) => BySpan.TryGetValue(name, out canonical!);

    /// <summary>The lower-cased form of an accepted name, remembered while the table has room.</summary>
    public static string Remember(ReadOnlySpan<char> name)
    {
        if (BySpan.TryGetValue(name, out var known))
        {
            return known;
        }

        Span<char> lower = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        name.ToLowerInvariant(lower);
        var canonical = new string(lower);
        return Canonical.Count < Capacity ? Canonical.GetOrAdd(canonical, canonical) : canonical;
    }
}
