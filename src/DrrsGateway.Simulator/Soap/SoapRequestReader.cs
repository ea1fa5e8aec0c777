using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http.Features;

namespace DrrsGateway.Simulator.Soap;

/// <summary>Reads a request into a <see cref="SoapRequest"/>: its headers, then the envelope from the body or the multipart root part.</summary>
internal static class SoapRequestReader
{
    // Generous for the canned answers here, small enough that a runaway body cannot exhaust memory.
    private const long MaxCharacters = 4 * 1024 * 1024;

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        IgnoreComments = true,
    };

    /// <summary>Reads the request; a malformed envelope is tolerated, broken multipart framing is a <see cref="SoapRequest.Problem"/>.</summary>
    public static async Task<SoapRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var contentType = SoapContentType.Of(request);
        var headersOnly = new SoapRequest(contentType.Version, contentType.IsMtom, contentType.Action, Envelope: null);

        // A GET, or a POST without content, has nothing to parse: skip the certain XmlException.
        if (request.ContentLength == 0 || request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return headersOnly;
        }

        if (!contentType.IsMultipart)
        {
            return headersOnly with { Envelope = await ParseXmlAsync(request.Body, cancellationToken) };
        }

        var root = await MultipartRootReader.ReadAsync(request.Body, contentType, cancellationToken);
        return headersOnly with
        {
            Action = contentType.Action ?? (contentType.Version == SoapVersion.Soap12 ? root.Action : null),
            Envelope = root.Envelope,
            Problem = root.Problem,
        };
    }

    /// <summary>The stream as XML; <c>null</c> when it is not well-formed XML.</summary>
    /// <remarks>A malformed envelope is no reason to fail: the simulator answers every named operation.</remarks>
    internal static async Task<XDocument?> ParseXmlAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = XmlReader.Create(body, ReaderSettings);
            return await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken);
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
