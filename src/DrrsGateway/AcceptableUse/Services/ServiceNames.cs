using System.Collections.Concurrent;

namespace DrrsGateway.AcceptableUse.Services;

/// <summary>
/// One lower-cased string per service name, shared by every request and lock that names it. Callers reach
/// a handful of DRRS operations over and over, so after the first request a name costs no allocation,
/// and a million live locks do not hold a million copies of the same few names.
/// </summary>
internal sealed class ServiceNames
{
    // Names come from request paths, which callers choose: cap the table so it cannot grow without bound.
    internal const int DefaultCapacity = 4096;

    private readonly ConcurrentDictionary<string, string> _canonical = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly int _capacity;

    public ServiceNames(int capacity = DefaultCapacity)
    {
        _capacity = capacity;
        _bySpan = _canonical.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How many names the table holds.</summary>
    internal int Count => _canonical.Count;

    /// <summary>The shared lower-cased form of a name seen (and accepted) before, if any.</summary>
    public bool TryGetKnown(ReadOnlySpan<char> name, out string canonical) => _bySpan.TryGetValue(name, out canonical!);

    /// <summary>The lower-cased form of an accepted name, remembered while the table has room.</summary>
    public string Remember(ReadOnlySpan<char> name)
    {
        if (_bySpan.TryGetValue(name, out var known))
        {
            return known;
        }

        Span<char> lower = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        name.ToLowerInvariant(lower);
        var canonical = new string(lower);
        return _canonical.Count < _capacity ? _canonical.GetOrAdd(canonical, canonical) : canonical;
    }
}
