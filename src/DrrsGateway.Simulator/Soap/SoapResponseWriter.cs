using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace DrrsGateway.Simulator.Soap;

/// <summary>Writes an envelope as the HTTP response, with the content type and fault status of the request's SOAP binding.</summary>
internal static class SoapResponseWriter
{
    private const string Soap11ContentType = "text/xml; charset=utf-8";
    private const string Soap12ContentType = SoapHeaders.Soap12MediaType + "; charset=utf-8";

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Async = true,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
    };

    public static Task WriteAsync(HttpContext context, SoapVersion version, XDocument envelope) =>
        WriteAsync(context, version, StatusCodes.Status200OK, envelope);

    /// <summary>
    /// Writes a sender fault: HTTP 500 under the SOAP 1.1 binding, HTTP 400 under the SOAP 1.2 binding
    /// (which reserves 500 for receiver faults).
    /// </summary>
    public static Task WriteSenderFaultAsync(HttpContext context, SoapVersion version, string reason)
    {
        var status = version == SoapVersion.Soap12 ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError;
        return WriteAsync(context, version, status, SoapEnvelope.SenderFault(version, reason));
    }

    private static async Task WriteAsync(HttpContext context, SoapVersion version, int statusCode, XDocument envelope)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = version == SoapVersion.Soap12 ? Soap12ContentType : Soap11ContentType;

        await using var writer = XmlWriter.Create(response.Body, WriterSettings);
        await envelope.SaveAsync(writer, context.RequestAborted);
        await writer.FlushAsync();
    }
}
