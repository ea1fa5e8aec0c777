namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>
/// Just enough of RFC 9110 media types to tell SOAP requests apart and find SOAP 1.2's <c>action</c>
/// parameter, on spans: the hot path allocates nothing here, and no input can make it throw.
/// </summary>
internal static class SoapContentType
{
    public const string Soap11MediaType = "text/xml";
    public const string Soap12MediaType = "application/soap+xml";
    public const string MultipartRelatedMediaType = "multipart/related";
    public const string XopMediaType = "application/xop+xml";

    /// <summary>The media type without parameters or surrounding spaces, e.g. <c>text/xml</c>.</summary>
    public static ReadOnlySpan<char> MediaType(ReadOnlySpan<char> contentType)
    {
        var semicolon = contentType.IndexOf(';');
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
    }

    /// <summary>
    /// Finds parameter <paramref name="name"/> (any case). A quoted value is returned without its quotes and
    /// with any backslash escapes left in place, which no operation name contains anyway.
    /// </summary>
    public static bool TryGetParameter(ReadOnlySpan<char> contentType, ReadOnlySpan<char> name, out ReadOnlySpan<char> value)
    {
        var rest = contentType;
        while (NextParameter(ref rest, out var parameter, out var parameterValue))
        {
            if (parameter.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = parameterValue;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>
    /// Finds parameter <paramref name="name"/> as <see cref="TryGetParameter(ReadOnlySpan{char}, ReadOnlySpan{char}, out ReadOnlySpan{char})"/>
    /// does, its value a slice of <paramref name="contentType"/> that may outlive this call, still uncopied.
    /// </summary>
    public static bool TryGetParameter(ReadOnlyMemory<char> contentType, ReadOnlySpan<char> name, out ReadOnlyMemory<char> value)
    {
        value = default;
        if (!TryGetParameter(contentType.Span, name, out var found))
        {
            return false;
        }

        if (contentType.Span.Overlaps(found, out var offset))
        {
            value = contentType.Slice(offset, found.Length);
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="contentType"/> gives one of its parameters twice (any case). Parsers differ on
    /// which one wins, so the gateway and the backend could read different roots, versions or actions.
    /// </summary>
    public static bool RepeatsParameter(ReadOnlySpan<char> contentType)
    {
        var rest = contentType;
        while (NextParameter(ref rest, out var parameter, out _))
        {
            if (TryGetParameter(rest, parameter, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads the parameter after the next <c>;</c> of <paramref name="rest"/> and moves past it.</summary>
    private static bool NextParameter(scoped ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> name, out ReadOnlySpan<char> value)
    {
        name = default;
        value = default;
        var semicolon = rest.IndexOf(';');
        if (semicolon < 0)
        {
            return false;
        }

        var parameter = rest[(semicolon + 1)..].TrimStart();
        var equals = parameter.IndexOf('=');
        if (equals <= 0)
        {
            return false;
        }

        name = parameter[..equals].Trim();
        parameter = parameter[(equals + 1)..].TrimStart();
        if (!TryReadValue(parameter, out value, out var consumed))
        {
            return false;
        }

        rest = parameter[consumed..];
        return true;
    }

    /// <summary>
    /// A quoted parameter value with its backslash escapes undone, e.g. MTOM's
    /// <c>start-info="application/soap+xml; action=\"urn:op\""</c>; the value itself when it has none.
    /// </summary>
    public static ReadOnlyMemory<char> Unescape(ReadOnlyMemory<char> value)
    {
        var escaped = value.Span;
        if (escaped.IndexOf('\\') < 0)
        {
            return value;
        }

        var unescaped = new char[escaped.Length];
        var length = 0;
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '\\' && i + 1 < escaped.Length)
            {
                i++;
            }

            unescaped[length++] = escaped[i];
        }

        return unescaped.AsMemory(0, length);
    }

    private static bool TryReadValue(ReadOnlySpan<char> text, out ReadOnlySpan<char> value, out int consumed)
    {
        if (text.IsEmpty || text[0] != '"')
        {
            var end = text.IndexOf(';');
            consumed = end < 0 ? text.Length : end;
            value = text[..consumed].Trim();
            return true;
        }

        // A quoted-string: a backslash escapes the next character, so \" does not end it.
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                value = text[1..i];
                consumed = i + 1;
                return true;
            }
        }

        // Unterminated: malformed, so nothing after it can be trusted either.
        value = default;
        consumed = text.Length;
        return false;
    }
}
