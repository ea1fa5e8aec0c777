using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace DrrsGateway.Simulator.Soap;

/// <summary>
/// Writes an envelope as a one-part MTOM/XOP package, the form an MTOM client (WCF's
/// <c>MtomMessageEncodingBindingElement</c>) insists on reading back.
/// </summary>
internal static class MtomResponseWriter
{
    public static async Task WriteAsync(HttpContext context, SoapVersion version, XDocument envelope)
    {
        var soapMediaType = version == SoapVersion.Soap12 ? SoapHeaders.Soap12MediaType : SoapHeaders.Soap11MediaType;
        var boundary = "uuid:" + Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);
        var contentId = $"root.{Guid.NewGuid():N}@drrs-simulator";

        var response = context.Response;
        response.ContentType =
            $"{SoapHeaders.MultipartRelatedMediaType}; type=\"{SoapHeaders.XopMediaType}\"; boundary=\"{boundary}\"; "
            + $"start=\"<{contentId}>\"; start-info=\"{soapMediaType}\"";
        response.Headers["MIME-Version"] = "1.0";

        var cancellationToken = context.RequestAborted;
        await WriteAsciiAsync(
            response.Body,
            $"--{boundary}\r\n"
            + $"Content-Type: {SoapHeaders.XopMediaType}; charset=utf-8; type=\"{soapMediaType}\"\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n"
            + $"Content-ID: <{contentId}>\r\n"
            + "\r\n",
            cancellationToken);
        await SoapResponseWriter.SaveAsync(envelope, response.Body, cancellationToken);
        await WriteAsciiAsync(response.Body, $"\r\n--{boundary}--\r\n", cancellationToken);
    }

    private static async Task WriteAsciiAsync(Stream body, string text, CancellationToken cancellationToken) =>
        await body.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken);
}
