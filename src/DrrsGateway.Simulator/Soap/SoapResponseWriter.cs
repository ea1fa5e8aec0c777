using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace DrrsGateway.Simulator.Soap;

/// <summary>
/// Writes the answer to a request in the request's form: its SOAP version, MTOM for MTOM, and WS-Addressing
/// reply headers when the request carried WS-Addressing.
/// </summary>
internal static class SoapResponseWriter
{
    private const string Soap11ContentType = SoapHeaders.Soap11MediaType + "; charset=utf-8";
    private const string Soap12ContentType = SoapHeaders.Soap12MediaType + "; charset=utf-8";

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Async = true,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
    };

    /// <summary>
    /// Writes <paramref name="content"/> as the Body of a 200 answer whose WS-Addressing action is
    /// <paramref name="replyAction"/>, in an envelope whose prefix is <paramref name="prefix"/>.
    /// </summary>
    public static Task WriteAsync(HttpContext context, SoapRequest request, XElement content, string replyAction, string prefix = SoapEnvelope.Prefix)
    {
        var headers = request.Addressing?.ReplyHeaders(replyAction);
        return WriteEnvelopeAsync(context, request, StatusCodes.Status200OK, SoapEnvelope.Wrap(request.Version, content, headers, prefix));
    }

    /// <summary>
    /// Writes a sender fault with HTTP 500 in both SOAP versions, as DRRS does: the SOAP 1.2 binding would
    /// allow 400, but WCF reads a fault body only from a 2xx or 500 response.
    /// </summary>
    public static Task WriteSenderFaultAsync(HttpContext context, SoapRequest request, string reason)
    {
        var status = StatusCodes.Status500InternalServerError;
        var headers = request.Addressing is { } addressing ? addressing.ReplyHeaders(addressing.FaultAction) : null;
        return WriteEnvelopeAsync(context, request, status, SoapEnvelope.Wrap(request.Version, SoapEnvelope.SenderFault(request.Version, reason), headers));
    }

    /// <summary>The envelope as bytes, with the XML declaration, as both the plain and the MTOM answer carry it.</summary>
    internal static async Task SaveAsync(XDocument envelope, Stream body, CancellationToken cancellationToken)
    {
        await using var writer = XmlWriter.Create(body, WriterSettings);
        await envelope.SaveAsync(writer, cancellationToken);
        await writer.FlushAsync();
    }

    /// <summary>Writes <paramref name="envelope"/> with <paramref name="statusCode"/>, as MTOM when the request was MTOM.</summary>
    public static Task WriteEnvelopeAsync(HttpContext context, SoapRequest request, int statusCode, XDocument envelope)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        if (request.IsMtom)
        {
            return MtomResponseWriter.WriteAsync(context, request.Version, envelope);
        }

        response.ContentType = request.Version == SoapVersion.Soap12 ? Soap12ContentType : Soap11ContentType;
        return SaveAsync(envelope, response.Body, context.RequestAborted);
    }
}
