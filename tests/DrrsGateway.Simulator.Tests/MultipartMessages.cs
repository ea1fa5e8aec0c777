using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.WebUtilities;

namespace DrrsGateway.Simulator.Tests;

/// <summary>Builds SOAP with Attachments and MTOM/XOP requests as WCF, JAX-WS and node-soap frame them, and reads MTOM answers.</summary>
internal static class MultipartMessages
{
    public const string Boundary = "uuid:5b1c1e2a-0000-4000-8000-000000000001";
    public const string RootId = "<root.message@example.test>";

    /// <summary>A POST of <paramref name="body"/> with the raw Content-Type <paramref name="contentType"/>.</summary>
    public static HttpRequestMessage Post(string path, string contentType, string body, string? soapAction = null)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (soapAction is not null)
        {
            request.Headers.TryAddWithoutValidation("SOAPAction", soapAction);
        }

        return request;
    }

    /// <summary>A multipart body: an attachment part first (so the root must be found by Content-ID), then the root part.</summary>
    public static string Body(string rootContentType, string envelope, string? attachment = "attachment bytes") =>
        (attachment is null
            ? string.Empty
            : $"--{Boundary}\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <att.1@example.test>\r\n\r\n{attachment}\r\n")
        + $"--{Boundary}\r\nContent-Type: {rootContentType}\r\nContent-Transfer-Encoding: 8bit\r\nContent-ID: {RootId}\r\n\r\n{envelope}\r\n"
        + $"--{Boundary}--\r\n";

    /// <summary>An MTOM SOAP 1.1 request as WCF sends it: SOAPAction header, start-info="text/xml".</summary>
    public static HttpRequestMessage Mtom11(string path, string? soapAction, string envelope) => Post(
        path,
        $"multipart/related; type=\"application/xop+xml\"; start=\"{RootId}\"; boundary=\"{Boundary}\"; start-info=\"text/xml\"",
        Body("application/xop+xml;charset=utf-8;type=\"text/xml\"", envelope),
        soapAction);

    /// <summary>Whether the answer is MTOM/XOP with one root part of <paramref name="soapMediaType"/>; returns the root part's XML.</summary>
    public static async Task<XDocument> ReadMtomRootAsync(HttpResponseMessage response, string soapMediaType)
    {
        var contentType = response.Content.Headers.ContentType!;
        Assert.Equal("multipart/related", contentType.MediaType);
        Assert.Equal("\"application/xop+xml\"", Parameter(contentType, "type"));
        Assert.Equal($"\"{soapMediaType}\"", Parameter(contentType, "start-info"));
        var start = Parameter(contentType, "start")!.Trim('"');
        var boundary = Parameter(contentType, "boundary")!.Trim('"');

        var reader = new MultipartReader(boundary, await response.Content.ReadAsStreamAsync());
        var section = await reader.ReadNextSectionAsync();
        Assert.NotNull(section);
        Assert.Equal(start, section.Headers!["Content-ID"].ToString());
        Assert.Equal("8bit", section.Headers["Content-Transfer-Encoding"].ToString());
        var partType = MediaTypeHeaderValue.Parse(section.ContentType!);
        Assert.Equal("application/xop+xml", partType.MediaType);
        Assert.Equal("utf-8", partType.CharSet);
        Assert.Equal($"\"{soapMediaType}\"", Parameter(partType, "type"));
        var root = await XDocument.LoadAsync(section.Body, LoadOptions.None, CancellationToken.None);
        Assert.Null(await reader.ReadNextSectionAsync());
        return root;
    }

    /// <summary>The element inside the Body of <paramref name="envelope"/>.</summary>
    public static XElement BodyElement(XDocument envelope, string soapNamespace)
    {
        Assert.Equal(XName.Get("Envelope", soapNamespace), envelope.Root!.Name);
        return Assert.Single(envelope.Root.Element(XName.Get("Body", soapNamespace))!.Elements());
    }

    private static string? Parameter(MediaTypeHeaderValue mediaType, string name) =>
        mediaType.Parameters.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;
}
