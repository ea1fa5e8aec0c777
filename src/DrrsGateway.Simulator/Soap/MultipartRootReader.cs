using Microsoft.AspNetCore.WebUtilities;

namespace DrrsGateway.Simulator.Soap;

/// <summary>
/// Finds the root part of a SOAP with Attachments or MTOM/XOP body (the part whose Content-ID is the
/// <c>start</c> parameter, else the first) and parses it as the envelope. Attachments are skipped, not kept.
/// </summary>
internal static class MultipartRootReader
{
    /// <summary>The largest part read or skipped; the whole body is further capped by Kestrel's request-size limit.</summary>
    /// <remarks>Below the XML reader's character cap, so an oversized root part is refused, not silently half-read.</remarks>
    public const int MaxPartLength = 2 * 1024 * 1024;

    // RFC 2046 caps a boundary at 70 characters.
    private const int MaxBoundaryLength = 70;
    private const int MaxPartHeadersLength = 16 * 1024;
    private const string ContentIdHeader = "Content-ID";

    public static async Task<MultipartRootPart> ReadAsync(Stream body, SoapContentType contentType, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(contentType.Boundary) || contentType.Boundary.Length > MaxBoundaryLength)
        {
            return Refused("The multipart/related request has no usable boundary parameter.");
        }

        var reader = new MultipartReader(contentType.Boundary, body)
        {
            BodyLengthLimit = MaxPartLength,
            HeadersLengthLimit = MaxPartHeadersLength,
        };
        var start = Unbracket(contentType.Start);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (start is null || string.Equals(Unbracket(section.Headers?.GetValueOrDefault(ContentIdHeader).ToString()), start, StringComparison.Ordinal))
                {
                    var envelope = await SoapRequestReader.ParseXmlAsync(section.Body, cancellationToken);
                    return new(envelope, SoapContentType.ActionOfRootPart(section.ContentType), Problem: null);
                }
            }
        }
        catch (InvalidDataException)
        {
            // The reader's own verdict: a part over the limits, or headers that are not MIME headers.
            return Refused($"The multipart/related request is malformed or has a part larger than {MaxPartLength} bytes.");
        }
        catch (IOException)
        {
            return Refused("The multipart/related request ends before its closing boundary.");
        }

        return Refused(start is null
            ? "The multipart/related request has no parts."
            : "The multipart/related request has no part whose Content-ID matches its start parameter.");
    }

    private static MultipartRootPart Refused(string problem) => new(null, null, problem);

    private static string? Unbracket(string? contentId)
    {
        var trimmed = contentId?.Trim().TrimStart('<').TrimEnd('>').Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
