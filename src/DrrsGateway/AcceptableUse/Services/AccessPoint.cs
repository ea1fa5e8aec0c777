namespace DrrsGateway.AcceptableUse.Services;

/// <summary>
/// CAISO's named access points: each operation has its own path segment,
/// <c>&lt;Operation&gt;_&lt;APP&gt;v&lt;N&gt;_AP</c> (<c>RetrieveDRLocations_DRRSv1_AP</c>), and .NET clients call its
/// DocAttach variant <c>&lt;Operation&gt;_&lt;APP&gt;v&lt;N&gt;_DocAttach_AP</c>. Both run operation
/// <c>&lt;Operation&gt;_v&lt;N&gt;</c>, so both key the same service; the application tag (<c>DRRS</c>,
/// <c>CMRI</c>, …) only says which system serves it. Compared case-insensitively.
/// </summary>
internal static class AccessPoint
{
    private const string Suffix = "_AP";

    /// <summary>The longest operation name an access point can yield, the same bound SOAP actions have.</summary>
    public const int MaxOperationLength = Soap.SoapAction.MaxOperationLength;

    /// <summary>
    /// Reads <paramref name="segment"/> as an access point; for <see cref="AccessPointKind.Operation"/> the
    /// operation's name (<c>RetrieveDRLocations_v1</c>) is written to <paramref name="operation"/>, which
    /// holds at least <see cref="MaxOperationLength"/> characters, and its length to <paramref name="length"/>.
    /// </summary>
    public static AccessPointKind Read(ReadOnlySpan<char> segment, Span<char> operation, out int length)
    {
        length = 0;
        if (!segment.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
        {
            return AccessPointKind.None;
        }

        var name = DocAttach.WithoutSuffix(segment[..^Suffix.Length], requireVersion: false);
        var tagStart = name.LastIndexOf('_');
        if (tagStart <= 0 || !TryReadVersion(name[(tagStart + 1)..], out var digits))
        {
            return AccessPointKind.Malformed;
        }

        var baseName = name[..tagStart];
        length = baseName.Length + 2 + digits.Length;
        if (length > MaxOperationLength || length > operation.Length || !Soap.SoapAction.IsOperationName(baseName))
        {
            length = 0;
            return AccessPointKind.Malformed;
        }

        baseName.CopyTo(operation);
        "_v".CopyTo(operation[baseName.Length..]);
        digits.CopyTo(operation[(baseName.Length + 2)..]);
        return AccessPointKind.Operation;
    }

    // The tag is letters and digits ending in v<N>: "DRRSv1" gives "1"; an empty application tag ("v1") is allowed.
    private static bool TryReadVersion(ReadOnlySpan<char> tag, out ReadOnlySpan<char> digits)
    {
        var start = tag.Length;
        while (start > 0 && char.IsAsciiDigit(tag[start - 1]))
        {
            start--;
        }

        digits = tag[start..];
        return digits.Length is > 0 and <= 9
            && start > 0
            && tag[start - 1] is 'v' or 'V'
            && !tag[..(start - 1)].ContainsAnyExcept(AsciiLettersAndDigits);
    }

    private static readonly System.Buffers.SearchValues<char> AsciiLettersAndDigits =
        System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
}
