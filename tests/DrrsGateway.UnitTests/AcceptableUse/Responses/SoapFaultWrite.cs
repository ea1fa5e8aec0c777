using System.Xml.Linq;
using DrrsGateway.AcceptableUse.Responses;
using DrrsGateway.AcceptableUse.Soap;
using Microsoft.AspNetCore.Http;

namespace DrrsGateway.UnitTests.AcceptableUse.Responses;

/// <summary>Runs a responder against an in-memory response and parses what it wrote.</summary>
internal static class SoapFaultWrite
{
    public static readonly XNamespace Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace Soap12 = "http://www.w3.org/2003/05/soap-envelope";

    public static async Task<(HttpContext Context, XDocument Body)> WriteAsync(RefusalResponder responder, Refusal refusal, SoapPolicy? options = null)
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;

        await responder.WriteAsync(context, refusal, options ?? SoapPolicy.Default);

        Assert.Equal(body.Length, context.Response.ContentLength);
        body.Position = 0;
        return (context, XDocument.Load(body));
    }

    /// <summary>The children of the fault's detail element, SOAP 1.1 or 1.2.</summary>
    public static IReadOnlyList<XElement> DetailEntries(XDocument body)
    {
        var root = body.Root!;
        var detail = root.Name == Soap11 + "Envelope"
            ? root.Element(Soap11 + "Body")!.Element(Soap11 + "Fault")!.Element("detail")!
            : root.Element(Soap12 + "Body")!.Element(Soap12 + "Fault")!.Element(Soap12 + "Detail")!;
        return detail.Elements().ToList();
    }
}
