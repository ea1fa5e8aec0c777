using System.Buffers;
using System.Text;
using DrrsGateway.AcceptableUse.Soap;

namespace DrrsGateway.AcceptableUse.Services;

/// <summary>
/// The cheap check that a whole, small body names no other operation than the one its path and action
/// already name: no catalogued operation name but that one appears anywhere in it. Only a "yes" is
/// trusted; anything it cannot be sure of (another name anywhere, a DTD, an encoding other than UTF-8, a
/// catalog with a pattern) sends the body to the full <see cref="EnvelopeReader"/> parse.
/// </summary>
internal static class EnvelopeScan
{
    public static bool NamesNothingBut(ReadOnlySpan<byte> body, string operation, ServiceCatalog catalog)
    {
        if (catalog.BaseNameSearch is not { } search || !IsUtf8Xml(body) || EnvelopeReader.DeclaresDtd(body))
        {
            return false;
        }

        // Catalogued names are ASCII, and in UTF-8 ASCII bytes stand only for themselves: a byte-for-char
        // widening finds exactly the names the XML holds.
        var rented = ArrayPool<char>.Shared.Rent(body.Length);
        try
        {
            var text = rented.AsSpan(0, Encoding.Latin1.GetChars(body, rented));
            while (text.IndexOfAny(search) is var found and >= 0)
            {
                if (!catalog.MayName(text[found..], operation))
                {
                    return false;
                }

                text = text[(found + 1)..];
            }

            return true;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    // UTF-8 as XML defaults to: no UTF-16/32 byte-order mark, and no declaration of another encoding.
    private static bool IsUtf8Xml(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        var start = body.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0 || body[start] != (byte)'<')
        {
            return false;
        }

        body = body[start..];
        if (!body.StartsWith("<?xml"u8))
        {
            return true;
        }

        var end = body.IndexOf("?>"u8);
        var declaration = end < 0 ? body : body[..end];
        var encoding = declaration.IndexOf("encoding"u8);
        if (encoding < 0)
        {
            return true;
        }

        var value = declaration[(encoding + 8)..].TrimStart(" \t\r\n="u8).TrimStart("\"'"u8);
        var close = value.IndexOfAny("\"'"u8);
        value = close < 0 ? value : value[..close];
        return Ascii.EqualsIgnoreCase(value, "utf-8"u8) || Ascii.EqualsIgnoreCase(value, "us-ascii"u8);
    }
}
