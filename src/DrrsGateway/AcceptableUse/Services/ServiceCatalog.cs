using System.Buffers;
using System.Collections.Frozen;
using System.Text.RegularExpressions;
using DrrsGateway.AcceptableUse.Soap;

namespace DrrsGateway.AcceptableUse.Services;

/// <summary>
/// The DRRS operations the gateway forwards (<c>Aup:Services</c>). A request naming none of them is refused
/// and writes no lock, so one user's keys are bounded by the catalog's size and junk names cannot fill
/// Redis. Turned off, any versioned name (<c>…_v&lt;N&gt;</c>) counts as an operation instead.
/// </summary>
internal sealed class ServiceCatalog : IOperationScan
{
    /// <summary>Suffix of a catalog entry that accepts every version of an operation.</summary>
    public const string AnyVersionSuffix = "_v*";

    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _exact;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _anyVersion;
    private readonly Regex? _pattern;
    private readonly string[] _baseNames;

    private ServiceCatalog(bool enabled, IEnumerable<string> exact, IEnumerable<string> anyVersion, Regex? pattern)
    {
        Enabled = enabled;
        _exact = exact.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _anyVersion = anyVersion.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _pattern = pattern;

        // Longest first, so the name found at a position is the most specific one.
        _baseNames = [.. _exact.Set.Select(name => BaseOf(name).ToString()).Concat(_anyVersion.Set)
            .Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(name => name.Length)];
        BaseNameSearch = enabled && pattern is null && _baseNames.Length > 0
            ? SearchValues.Create(_baseNames, StringComparison.OrdinalIgnoreCase)
            : null;
    }

    /// <summary>
    /// Finds any catalogued operation's name without its version, in any case; null when the catalog is off
    /// or has a pattern, whose names cannot be listed.
    /// </summary>
    public SearchValues<string>? BaseNameSearch { get; }

    /// <summary>The DRRS operations of both generations (<see cref="DrrsOperations.BaseNames"/>), any version.</summary>
    public static ServiceCatalog Default { get; } = new(true, [], DrrsOperations.BaseNames, null);

    /// <summary>No catalog: every versioned name is taken for an operation.</summary>
    public static ServiceCatalog Off { get; } = new(false, [], [], null);

    /// <summary>Whether requests naming no catalogued operation are refused.</summary>
    public bool Enabled { get; }

    /// <summary>
    /// Whether <paramref name="name"/> names an operation: one in the catalog (any case) or, with the catalog
    /// off, any versioned name.
    /// </summary>
    public bool NamesOperation(ReadOnlySpan<char> name)
    {
        if (!Enabled)
        {
            return DrrsOperations.IsVersioned(name);
        }

        if (_exact.Contains(name))
        {
            return true;
        }

        var version = DrrsOperations.VersionStart(name);
        if (version > 0 && _anyVersion.Contains(name[..version]))
        {
            return true;
        }

        return _pattern is not null && _pattern.IsMatch(name);
    }

    /// <summary>
    /// Whether <paramref name="text"/>, which starts with a catalogued name (without version), may still
    /// be read as <paramref name="operation"/>: a name of the same operation, like a document/literal bare
    /// element <c>RetrieveDRRSLocationsRequest</c>, and not one of another operation or version. Names that
    /// start with no catalogued name relate to none and never disagree.
    /// </summary>
    public bool MayName(ReadOnlySpan<char> text, ReadOnlySpan<char> operation)
    {
        string? found = null;
        foreach (var name in _baseNames)
        {
            if (text.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                found = name;
                break;
            }
        }

        if (found is null)
        {
            return true;
        }

        if (!BaseOf(operation).Equals(found, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = text[found.Length..];
        if (!rest.StartsWith("_v", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var digits = rest[2..];
        var end = digits.IndexOfAnyExceptInRange('0', '9');
        digits = end < 0 ? digits : digits[..end];
        var version = DrrsOperations.VersionStart(operation);
        return version > 0 && operation[(version + 2)..].Equals(digits, StringComparison.Ordinal);
    }

    /// <inheritdoc/>
    public bool NamesNothingBut(ReadOnlySpan<byte> body, string operation) => EnvelopeScan.NamesNothingBut(body, operation, this);

    private static ReadOnlySpan<char> BaseOf(ReadOnlySpan<char> name)
    {
        var version = DrrsOperations.VersionStart(name);
        return version > 0 ? name[..version] : name;
    }

    /// <summary>
    /// Builds the catalog from <c>Aup:Services</c>: entries are exact names or <c>Name_v*</c> (every version);
    /// a list item may hold several, comma-separated. With neither names nor a pattern, <see cref="Default"/>.
    /// </summary>
    public static bool TryCreate(bool enabled, IEnumerable<string> names, string? pattern, out ServiceCatalog catalog, out string? problem)
    {
        catalog = Off;
        problem = null;
        if (!enabled)
        {
            return true;
        }

        var exact = new List<string>();
        var anyVersion = new List<string>();
        foreach (var entry in names.SelectMany(item => item.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var isAnyVersion = entry.EndsWith(AnyVersionSuffix, StringComparison.OrdinalIgnoreCase);
            var name = isAnyVersion ? entry[..^AnyVersionSuffix.Length] : entry;
            if (name.Length == 0 || name.Length > SoapAction.MaxOperationLength || !SoapAction.IsOperationName(name))
            {
                problem = $"Aup:Services:Names holds '{entry}', which is not an operation name (letters, digits, '-', '.' and '_', up to {SoapAction.MaxOperationLength}; '{AnyVersionSuffix}' at the end for every version).";
                return false;
            }

            (isAnyVersion ? anyVersion : exact).Add(name);
        }

        Regex? regex = null;
        if (!string.IsNullOrWhiteSpace(pattern))
        {
            try
            {
                // Anchored, so the pattern decides on the whole name; non-backtracking, so no name can make it slow.
                regex = new Regex($"^(?:{pattern})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
            }
            catch (ArgumentException e)
            {
                problem = $"Aup:Services:Pattern is not a valid regular expression: {e.Message}";
                return false;
            }
        }

        catalog = exact.Count == 0 && anyVersion.Count == 0 && regex is null
            ? Default
            : new ServiceCatalog(true, exact, anyVersion, regex);
        return true;
    }
}
