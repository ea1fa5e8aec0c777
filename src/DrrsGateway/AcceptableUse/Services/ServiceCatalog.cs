using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace DrrsGateway.AcceptableUse.Services;

/// <summary>
/// The DRRS operations the gateway forwards (<c>Aup:Services</c>). A request naming none of them is refused
/// and writes no lock, so one user's keys are bounded by the catalog's size and junk names cannot fill
/// Redis. Turned off, any versioned name (<c>…_v&lt;N&gt;</c>) counts as an operation instead.
/// </summary>
internal sealed class ServiceCatalog
{
    /// <summary>Suffix of a catalog entry that accepts every version of an operation.</summary>
    public const string AnyVersionSuffix = "_v*";

    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _exact;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _anyVersion;
    private readonly Regex? _pattern;

    private ServiceCatalog(bool enabled, IEnumerable<string> exact, IEnumerable<string> anyVersion, Regex? pattern)
    {
        Enabled = enabled;
        _exact = exact.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _anyVersion = anyVersion.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _pattern = pattern;
    }

    /// <summary>The six DRRS operations, any version.</summary>
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
    /// Builds the catalog from <c>Aup:Services</c>: entries are exact names or <c>Name_v*</c> (every version);
    /// a list item may hold several, comma-separated. With neither names nor a pattern, the six DRRS operations.
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
            if (name.Length == 0 || name.Length > Soap.SoapAction.MaxOperationLength || !Soap.SoapAction.IsOperationName(name))
            {
                problem = $"Aup:Services:Names holds '{entry}', which is not an operation name (letters, digits, '-', '.' and '_', up to {Soap.SoapAction.MaxOperationLength}; '{AnyVersionSuffix}' at the end for every version).";
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
