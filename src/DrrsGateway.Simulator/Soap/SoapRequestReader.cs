using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http.Features;

namespace DrrsGateway.Simulator.Soap;

/// <summary>Parses a request body as XML, tolerating what a simulator should tolerate.</summary>
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

    /// <summary>The body as XML; <c>null</c> when there is none or it is not well-formed XML.</summary>
    /// <remarks>A malformed body is no reason to fail: the simulator answers every named operation.</remarks>
    public static async Task<XDocument?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // A GET, or a POST without content, has nothing to parse: skip the certain XmlException.
        if (request.ContentLength == 0 || request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return null;
        }

        try
        {
            using var reader = XmlReader.Create(request.Body, ReaderSettings);
            return await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken);
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
