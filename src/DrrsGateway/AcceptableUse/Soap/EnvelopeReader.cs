using System.Globalization;
using System.Xml;
using Microsoft.AspNetCore.WebUtilities;

namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>
/// A bounded peek at the start of a SOAP envelope (the root part of a multipart request): its WS-Addressing
/// <c>Action</c> and the first element of its <c>Body</c>, which is what JAX-WS and other stacks dispatch
/// on. The body is read chunk by chunk into a <see cref="PeekBuffer"/> and what has arrived is parsed,
/// until that element is reached or the byte limit is; no DTD, no entity expansion, nothing resolved. The
/// body is then handed on (<see cref="ReplayingReadStream"/>) so that DRRS receives it unchanged.
/// </summary>
internal static class EnvelopeReader
{

    private const string NotAnEnvelope = "The request body is not a well-formed SOAP envelope.";
    private const string DtdForbidden = "The SOAP envelope declares a DTD, which SOAP forbids.";
    private const string NoRootPart = "The multipart request has no root part holding the SOAP envelope.";
    private const string RootPartEncoded = "The root part of the multipart request uses a content transfer encoding other than 7bit, 8bit or binary.";
    private const string TwoActions = "The SOAP envelope carries more than one WS-Addressing Action.";
    private const string Unreadable = "The request body could not be read.";
    private const string UnsupportedCoding = "The request body's Content-Encoding is neither gzip nor identity, so the SOAP envelope, and the operation it calls, cannot be read.";
    private const string NotGzip = "The request body is marked Content-Encoding: gzip but is not valid gzip data.";

    // WS-Addressing 1.0 and the two member submissions still sent by older stacks.
    private static readonly string[] AddressingNamespaces =
    [
        "http://www.w3.org/2005/08/addressing",
        "http://schemas.xmlsoap.org/ws/2004/08/addressing",
        "http://schemas.xmlsoap.org/ws/2004/03/addressing",
    ];

    // Synchronous over bytes already in memory: an async XmlReader allocates a 64 KB buffer per request.
    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    // The XML reader resolves a declaration's encoding name through Encoding.GetEncoding.
    static EnvelopeReader() => XmlEncodingAliases.EnsureRegistered();

    /// <summary>
    /// Reads what the envelope names, reading at most <paramref name="maxBytes"/> of the body (and, for a
    /// gzip-encoded body, inflating at most that many bytes of it), and leaves
    /// <see cref="HttpRequest.Body"/> so that it yields every byte the caller sent. When
    /// <paramref name="expected"/> is given and the whole body is small, plain and, as <paramref name="scan"/>
    /// tells, names no other operation anywhere, it is taken as naming nothing else without being parsed.
    /// </summary>
    public static async Task<EnvelopeNames> ReadAsync(HttpContext context, SoapFraming framing, int maxBytes, IOperationScan scan, string? expected = null)
    {
        var request = context.Request;
        var coding = RequestContentCodings.Of(request);
        if (coding == RequestContentCoding.Unsupported)
        {
            return EnvelopeNames.Unreadable(UnsupportedCoding);
        }

        var original = request.Body;
        var peeked = new PeekBuffer(maxBytes, request.ContentLength);
        try
        {
            var gzip = coding == RequestContentCoding.Gzip;
            var scanning = expected is not null && framing == SoapFraming.Plain && !gzip;
            var parseAt = 0;
            while (true)
            {
                await peeked.FillAsync(original, context.RequestAborted).ConfigureAwait(false);
                if (peeked.Complete && peeked.Count == 0)
                {
                    return EnvelopeNames.Empty;
                }

                // A call to confirm is read whole (within the limit) first, so the byte scan can spare the
                // parse; otherwise the start is parsed again only once what arrived has about doubled, so a
                // body trickled in byte by byte costs a few parses, not one per byte.
                var settled = peeked.Complete || peeked.OverLimit;
                if (!settled && (scanning || peeked.Count < parseAt))
                {
                    continue;
                }

                parseAt = peeked.Count + Math.Max(peeked.Count, 4096);

                if (scanning && peeked.Complete && scan.NamesNothingBut(peeked.Span, expected!))
                {
                    return EnvelopeNames.Empty;
                }

                var envelope = gzip ? GzipPeek.Inflate(peeked, maxBytes) : peeked;
                if (envelope is null)
                {
                    return EnvelopeNames.Unreadable(NotGzip);
                }

                if (await TryParseAsync(envelope, framing, request.ContentType ?? "").ConfigureAwait(false) is { } named)
                {
                    return named;
                }

                if (peeked.OverLimit || envelope.OverLimit)
                {
                    return EnvelopeNames.Unreadable(string.Create(
                        CultureInfo.InvariantCulture,
                        $"The SOAP envelope does not reach the first element of its Body within {maxBytes} bytes, so the operation it calls cannot be told."));
                }
            }
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or OperationCanceledException)
        {
            return EnvelopeNames.Unreadable(Unreadable);
        }
        finally
        {
            request.Body = new ReplayingReadStream(peeked.Segment, original);
        }
    }

    /// <summary>What the bytes read so far name; null when the envelope's start goes on beyond them.</summary>
    private static async Task<EnvelopeNames?> TryParseAsync(PeekBuffer peeked, SoapFraming framing, string contentType)
    {
        await using var bytes = new PeekedBytesStream(peeked);
        try
        {
            return framing == SoapFraming.Multipart
                ? await ReadRootPartAsync(bytes, contentType).ConfigureAwait(false)
                : ReadEnvelope(bytes);
        }
        catch (NeedMoreBytesException)
        {
            return null;
        }
        catch (XmlException)
        {
            return EnvelopeNames.Unreadable(DeclaresDtd(peeked.Span) ? DtdForbidden : NotAnEnvelope);
        }
        catch (InvalidDataException)
        {
            // The multipart reader's answer to a malformed boundary, part headers or structure.
            return EnvelopeNames.Unreadable(NoRootPart);
        }
    }

    private static async Task<EnvelopeNames> ReadRootPartAsync(Stream body, string contentType)
    {
        if (!SoapContentType.TryGetParameter(contentType, "boundary", out var boundary) || boundary.IsEmpty || boundary.Length > 200)
        {
            return EnvelopeNames.Unreadable(NoRootPart);
        }

        // The root is the part the start parameter names, else the first one (RFC 2387).
        var start = SoapContentType.TryGetParameter(contentType.AsMemory(), "start", out var startId) ? ContentId(SoapContentType.Unescape(startId).Span).ToString() : "";
        var reader = new MultipartReader(boundary.ToString(), body) { HeadersCountLimit = 32, HeadersLengthLimit = 16 * 1024 };
        while (await reader.ReadNextSectionAsync().ConfigureAwait(false) is { } section)
        {
            // Compared exactly, as the backend's MIME parser does: a near-miss must not make the two read different parts.
            if (start.Length == 0 || ContentId(section.Headers?.GetValueOrDefault("Content-ID").ToString()).SequenceEqual(start))
            {
                var encoding = section.Headers?.GetValueOrDefault("Content-Transfer-Encoding").ToString() ?? "";
                if (!IsUnencoded(encoding.AsSpan().Trim()))
                {
                    return EnvelopeNames.Unreadable(RootPartEncoded);
                }

                // The part's own stream is neither seekable nor sized; a copy of it (within the peek limit) is both.
                using var root = new MemoryStream();
                await section.Body.CopyToAsync(root).ConfigureAwait(false);
                root.Position = 0;
                return ReadEnvelope(root);
            }
        }

        return EnvelopeNames.Unreadable(NoRootPart);
    }

    private static bool IsUnencoded(ReadOnlySpan<char> encoding) =>
        encoding.IsEmpty
        || encoding.Equals("7bit", StringComparison.OrdinalIgnoreCase)
        || encoding.Equals("8bit", StringComparison.OrdinalIgnoreCase)
        || encoding.Equals("binary", StringComparison.OrdinalIgnoreCase);

    private static ReadOnlySpan<char> ContentId(ReadOnlySpan<char> id)
    {
        id = id.Trim();
        return id.Length >= 2 && id[0] == '<' && id[^1] == '>' ? id[1..^1].Trim() : id;
    }

    private static EnvelopeNames ReadEnvelope(Stream envelope)
    {
        using var reader = XmlReader.Create(envelope, ReaderSettings);
        if (reader.MoveToContent() != XmlNodeType.Element
            || reader.LocalName != "Envelope"
            || reader.NamespaceURI is not (SoapNamespaces.Soap11 or SoapNamespaces.Soap12))
        {
            return EnvelopeNames.Unreadable(NotAnEnvelope);
        }

        var soap = reader.NamespaceURI;
        if (reader.IsEmptyElement)
        {
            return EnvelopeNames.Empty;
        }

        var childDepth = reader.Depth + 1;
        string? action = null;
        var actions = 0;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth < childDepth))
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != childDepth)
            {
                reader.Read();
            }
            else if (reader.LocalName == "Header" && reader.NamespaceURI == soap)
            {
                (action, actions) = ReadAddressingAction(reader, action, actions);
                if (actions > 1)
                {
                    return EnvelopeNames.Unreadable(TwoActions);
                }
            }
            else if (reader.LocalName == "Body" && reader.NamespaceURI == soap)
            {
                var element = FirstChildElement(reader);
                return new(SoapAction.Operation(action.AsMemory()), ElementOperation(element), null);
            }
            else
            {
                reader.Skip();
            }
        }

        return new(SoapAction.Operation(action.AsMemory()), default, null);
    }

    /// <summary>Reads one Header element, leaving the reader past its end; counts the Action headers seen.</summary>
    private static (string? Action, int Count) ReadAddressingAction(XmlReader reader, string? action, int count)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return (action, count);
        }

        var depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1
                && reader.LocalName == "Action" && AddressingNamespaces.Contains(reader.NamespaceURI))
            {
                action = reader.ReadElementContentAsString();
                count++;
            }
            else if (reader.NodeType == XmlNodeType.Element)
            {
                reader.Skip();
            }
            else
            {
                reader.Read();
            }
        }

        reader.Read();
        return (action, count);
    }

    private static string? FirstChildElement(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return null;
        }

        var depth = reader.Depth;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                return reader.LocalName;
            }

            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
            {
                return null;
            }
        }

        return null;
    }

    // An element's local name is an XML name already; only its length needs a bound before it may key a lock.
    private static ReadOnlyMemory<char> ElementOperation(string? localName) =>
        localName is not null && localName.Length <= SoapAction.MaxOperationLength && SoapAction.IsOperationName(localName)
            ? localName.AsMemory()
            : default;

    /// <summary>Whether the bytes hold a document type declaration, which SOAP forbids.</summary>
    internal static bool DeclaresDtd(ReadOnlySpan<byte> start) => start.IndexOf("<!DOCTYPE"u8) >= 0;
}
