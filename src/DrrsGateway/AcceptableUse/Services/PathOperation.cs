namespace DrrsGateway.AcceptableUse.Services;

/// <summary>
/// What a request path says about the operation: the segment naming one (servlet path parameters such as
/// <c>;jsessionid=…</c> dropped, as containers drop them), whether two segments name different ones, and
/// the last segment, which keys a request that names none.
/// </summary>
internal readonly ref struct PathOperation
{
    private PathOperation(ReadOnlySpan<char> operation, ReadOnlySpan<char> last, bool conflict, bool uncatalogued)
    {
        Operation = operation;
        Last = last;
        Conflict = conflict;
        Uncatalogued = uncatalogued;
    }

    /// <summary>The segment naming an operation (the last such), or empty.</summary>
    public ReadOnlySpan<char> Operation { get; }

    /// <summary>The last non-empty segment, or empty for <c>/</c>.</summary>
    public ReadOnlySpan<char> Last { get; }

    /// <summary>True when two segments name different operations.</summary>
    public bool Conflict { get; }

    /// <summary>True when a segment is shaped like an operation (<c>…_v&lt;N&gt;</c>) the catalog does not hold.</summary>
    public bool Uncatalogued { get; }

    /// <summary>Reads every segment of <paramref name="path"/>: a backend may take the operation from any of them.</summary>
    public static PathOperation Read(PathString path, ServiceCatalog catalog)
    {
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

            if (catalog.NamesOperation(segment))
            {
                conflict |= !operation.IsEmpty && !operation.Equals(segment, StringComparison.OrdinalIgnoreCase);
                operation = operation.IsEmpty ? segment : operation;
            }
            else if (catalog.Enabled && DrrsOperations.IsVersioned(segment))
            {
                uncatalogued = true;
            }
        }

        return new(operation, last, conflict, uncatalogued);
    }

    private static ReadOnlySpan<char> WithoutParameters(ReadOnlySpan<char> segment)
    {
        var parameters = segment.IndexOf(';');
        return parameters < 0 ? segment : segment[..parameters];
    }
}
