using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace DrrsGateway.Simulator.Tests;

/// <summary>
/// Builds requests to the named access points as CAISO's clients send them: SOAP 1.1 <c>text/xml</c> with an
/// unquoted SOAPAction and a <c>SOAP-ENV</c> envelope carrying CAISO's security headers, and the SOAP with
/// Attachments submit of CAISO's Python helper.
/// </summary>
internal static class CaisoMessages
{
    public const string ActionPrefix = "http://www.caiso.com/soa/";
    public const string StandardOutputNamespace = "http://www.caiso.com/soa/StandardOutput_v1.xsd#";
    public const string LegacyStandardOutputNamespace = "http://www.caiso.com/soa/2006-06-13/StandardOutput.xsd";
    public const string RegistrationQueryNamespace = "http://www.caiso.com/soa/RequestDRRegistrationData_v1.xsd#";
    public const string BatchStatusNamespace = "http://www.caiso.com/soa/BatchValidationStatus_v1.xsd#";
    public const string IsoAttachmentNamespace = "http://www.caiso.com/soa/2006-10-26/ISOAttachment.xsd";
    public const string HelperBoundary = "=_Part_0_1617263124.1701630000000";

    /// <summary>Every operation of both generations with its plain access point (contract, issue 19).</summary>
    public static readonly (string Operation, string AccessPoint, CaisoRequestBody Body)[] Operations =
    [
        ("retrieveDRLocations_v1", "RetrieveDRLocations_DRRSv1_AP", CaisoRequestBody.RegistrationQuery),
        ("retrieveDRRegistrations_v1", "RetrieveDRRegistrations_DRRSv1_AP", CaisoRequestBody.RegistrationQuery),
        ("retrieveBatchValidationStatus_v1", "RetrieveBatchValidationStatus_DRRSv1_AP", CaisoRequestBody.BatchStatusQuery),
        ("submitDRLocations_v1", "SubmitDRLocations_DRRSv1_AP", CaisoRequestBody.Submission),
        ("submitDRRegistrations_v1", "SubmitDRRegistrations_DRRSv1_AP", CaisoRequestBody.Submission),
        ("RetrieveDRRSLocations_v1", "RetrieveDRRSLocations_DRRSv1_AP", CaisoRequestBody.RegistrationQuery),
        ("RetrieveDRRSRegistrations_v1", "RetrieveDRRSRegistrations_DRRSv1_AP", CaisoRequestBody.RegistrationQuery),
        ("RetrieveDRRSBatchStatus_v1", "RetrieveDRRSBatchStatus_DRRSv1_AP", CaisoRequestBody.BatchStatusQuery),
        ("SubmitDRRSLocations_v1", "SubmitDRRSLocations_DRRSv1_AP", CaisoRequestBody.Submission),
        ("SubmitDRRSRegistrations_v1", "SubmitDRRSRegistrations_DRRSv1_AP", CaisoRequestBody.Submission),
        ("SubmitDRRSLocationReview_v1", "SubmitDRRSLocationReview_DRRSv1_AP", CaisoRequestBody.Submission),
    ];

    public static string Path(string accessPoint) => $"/sst/drrs/{accessPoint}";

    /// <summary>"RetrieveDRLocations_DRRSv1_AP" → "RetrieveDRLocations_DRRSv1_DocAttach_AP".</summary>
    public static string DocAttach(string accessPoint) => accessPoint[..^"_AP".Length] + "_DocAttach_AP";

    /// <summary>A signed-looking CAISO envelope; the simulator ignores its Header, as it must not need it.</summary>
    public static string Envelope(string bodyContent) =>
        "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Header>"
        + "<ns0:CAISOWSHeader xmlns:ns0=\"http://www.caiso.com/soa/2006-09-30/CAISOWSHeader.xsd\"><ns0:CAISOUsernameToken>"
        + "<ns0:Username>sim-user</ns0:Username><ns0:Nonce>bm9uY2U=</ns0:Nonce><ns0:Created>2026-12-03T18:40:00Z</ns0:Created>"
        + "</ns0:CAISOUsernameToken><ns0:CAISOMessageInfo/></ns0:CAISOWSHeader>"
        + "<wsse:Security xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\">"
        + "<wsse:BinarySecurityToken>MIIB</wsse:BinarySecurityToken></wsse:Security>"
        + $"</SOAP-ENV:Header><SOAP-ENV:Body>{bodyContent}</SOAP-ENV:Body></SOAP-ENV:Envelope>";

    /// <summary>The doc/literal bare request element of a retrieve, or the ISOAttachment of a DocAttach submit.</summary>
    public static string BodyElement(CaisoRequestBody body) => body switch
    {
        CaisoRequestBody.RegistrationQuery => $"<RequestDRRegistrationData xmlns=\"{RegistrationQueryNamespace}\"><MessagePayload/></RequestDRRegistrationData>",
        CaisoRequestBody.BatchStatusQuery => $"<BatchValidationStatus xmlns=\"{BatchStatusNamespace}\"><MessagePayload/></BatchValidationStatus>",
        _ => $"<ISOAttachment xmlns=\"{IsoAttachmentNamespace}\"><AttachmentValue>{GzipBase64("<DRLocations/>")}</AttachmentValue></ISOAttachment>",
    };

    /// <summary>A plain SOAP 1.1 call: <c>text/xml</c>, the SOAPAction unquoted.</summary>
    public static HttpRequestMessage Plain(string path, string soapAction, string bodyContent)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(Envelope(bodyContent), Encoding.UTF8, "text/xml"),
        };
        request.Headers.TryAddWithoutValidation("SOAPAction", soapAction);
        return request;
    }

    /// <summary>
    /// A submit as CAISO's Python helper sends it: the envelope (empty Body) in part <c>payload</c>, base64 of
    /// gzip in part <c>attachment.uue</c>, neither with a Content-Type, and the action in a quoted <c>Soapaction</c>.
    /// </summary>
    public static HttpRequestMessage HelperSubmit(string path, string operation)
    {
        var body =
            $"--{HelperBoundary}\r\nContent-Disposition: form-data; name=\"payload\"\r\nContent-ID: <payload>\r\n\r\n{Envelope(string.Empty)}\r\n"
            + $"--{HelperBoundary}\r\nContent-Disposition: form-data; name=\"attachment.uue\"\r\nContent-ID: <attachment.uue>\r\n\r\n{GzipBase64("<DRLocations/>")}\r\n"
            + $"--{HelperBoundary}--\r\n";
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/related; type=\"text/xml\"; start=\"<payload>\"; boundary=\"{HelperBoundary}\"");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation("Soapaction", $"\"{ActionPrefix}{operation}\"");
        request.Headers.TryAddWithoutValidation("Mime-Version", "1.0");
        request.Headers.TryAddWithoutValidation("ct-remote-user", "sim-user");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("deflate"));
        return request;
    }

    /// <summary>The answer's SOAP 1.1 envelope; asserts CAISO's <c>SOAP-ENV</c> prefix.</summary>
    public static async Task<XElement> ReadBodyElementAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("<SOAP-ENV:Envelope", text, StringComparison.Ordinal);
        return MultipartMessages.BodyElement(XDocument.Parse(text), SoapMessages.Soap11Namespace);
    }

    private static string GzipBase64(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return Convert.ToBase64String(buffer.ToArray());
    }
}
