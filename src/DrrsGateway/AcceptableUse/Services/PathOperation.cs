namespace DrrsGateway.AcceptableUse.Services;

/// <summary>
/// What a request path says about the operation: the segment naming one (a CAISO access point such as
/// <c>RetrieveDRLocations_DRRSv1_AP</c> or its DocAttach variant, or a segment that is the operation's name;
/// servlet path parameters such as <c>;jsessionid=…</c> dropped, as containers drop them), whether two
/// segments name different ones, and the last segment, which keys a request that names none.
/// </summary>
internal readonly ref struct PathOperation
{
    /// <summary>Characters of scratch space <see cref="Read"/> needs for the names access points yield.</summary>
    public const int ScratchLength = 2 * AccessPoint.MaxOperationLength;

    private PathOperation(ReadOnlySpan<char> operation, ReadOnlySpan<char> last, bool conflict, bool uncatalogued)
    {
        Operation = operation;
        Last = last;
        Conflict = conflict;
        Uncatalogued = uncatalogued;
    }

    /// <summary>The operation named by a segment (the last such), or empty.</summary>
    public ReadOnlySpan<char> Operation { get; }

    /// <summary>The last non-empty segment, or empty for <c>/</c>.</summary>
    public ReadOnlySpan<char> Last { get; }

    /// <summary>True when two segments name different operations.</summary>
    public bool Conflict { get; }

    /// <summary>
    /// True when a segment is shaped like an operation (<c>…_v&lt;N&gt;</c>) or an access point (<c>…_AP</c>)
    /// and names none the catalog holds.
    /// </summary>
    public bool Uncatalogued { get; }

    /// <summary>
    /// Reads every segment of <paramref name="path"/>: a backend may take the operation from any of them.
    /// <paramref name="scratch"/> (<see cref="ScratchLength"/> characters, usually on the stack) holds the
    /// names read from access points, so the common call allocates nothing.
    /// </summary>
    public static PathOperation Read(PathString path, ServiceCatalog catalog, Span<char> scratch)
    {
        var kept = scratch[..AccessPoint.MaxOperationLength];
        var candidate = scratch[AccessPoint.MaxOperationLength..];
        ReadOnlySpan<char> operation = default;
        ReadOnlySpan<char> last = default;
        var conflict = false;
        var uncatalogued = false;
        var rest = path.Value.AsSpan();
        while (!rest.IsEmpty)
        {
            var slash = rest.LastIndexOf('/');
            var segment = WithoutParameters(rest[(slash + 1)..]);
            rest = slash < 0 ? default : rest[..slash];
            if (segment.IsEmpty)
            {
                continue;
            }

            if (last.IsEmpty)
            {
                last = segment;
            }

            var kind = AccessPoint.Read(segment, candidate, out var length);
            if (kind == AccessPointKind.Malformed)
            {
                // Shaped like an access point yet naming no operation: what would the backend run?
                uncatalogued |= catalog.Enabled;
                continue;
            }

            var name = kind == AccessPointKind.Operation ? candidate[..length] : DocAttach.WithoutSuffix(segment);
            if (catalog.NamesOperation(name))
            {
                conflict |= !operation.IsEmpty && !operation.Equals(name, StringComparison.OrdinalIgnoreCase);
                if (operation.IsEmpty)
                {
                    operation = kind == AccessPointKind.Operation ? Keep(name, kept) : name;
                }
            }
            else if (catalog.Enabled && (kind == AccessPointKind.Operation || DrrsOperations.IsVersioned(name)))
            {
                uncatalogued = true;
            }
        }

        return new(operation, last, conflict, uncatalogued);
    }

    // The candidate space is reused for the next segment: the operation found first moves to space of its own.
    private static ReadOnlySpan<char> Keep(ReadOnlySpan<char> name, Span<char> kept)
    {
        name.CopyTo(kept);
        return kept[..name.Length];
    }

    private static ReadOnlySpan<char> WithoutParameters(ReadOnlySpan<char> segment)
    {
        var parameters = segment.IndexOf(';');
        return parameters < 0 ? segment : segment[..parameters];
    }
}
