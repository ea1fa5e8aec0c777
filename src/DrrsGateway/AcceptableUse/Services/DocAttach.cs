namespace DrrsGateway.AcceptableUse.Services;

/// <summary>
/// CAISO's DocAttach variant of an operation (<c>submitDRLocations_v1_DocAttach</c>: the payload inline in the
/// Body instead of a MIME part) is the same service under the policy: as a SOAP action, a WS-Addressing
/// action, a path segment or a port name it names the operation without the suffix.
/// </summary>
internal static class DocAttach
{
    private const string Suffix = "_DocAttach";

    /// <summary>
    /// <paramref name="name"/> without a trailing <c>_DocAttach</c> (any case); with
    /// <paramref name="requireVersion"/>, only when what precedes it is a versioned operation name, so that
    /// a bare <c>_DocAttach</c> or <c>Foo_DocAttach</c> stays what it was.
    /// </summary>
    public static ReadOnlySpan<char> WithoutSuffix(ReadOnlySpan<char> name, bool requireVersion = true)
    {
        if (!name.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
        {
            return name;
        }

        var operation = name[..^Suffix.Length];
        return !requireVersion || DrrsOperations.IsVersioned(operation) ? operation : name;
    }
}
