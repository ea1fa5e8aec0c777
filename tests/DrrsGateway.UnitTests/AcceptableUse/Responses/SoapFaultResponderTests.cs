using System.Xml.Linq;
using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Responses;
using DrrsGateway.AcceptableUse.Soap;
using Microsoft.AspNetCore.Http;
using static DrrsGateway.UnitTests.AcceptableUse.Responses.SoapFaultWrite;

namespace DrrsGateway.UnitTests.AcceptableUse.Responses;

public sealed class SoapFaultResponderTests
{
    private static readonly XNamespace Xml = XNamespace.Xml;

    [Fact]
    public async Task WriteAsync_Soap11Violation_IsClientFaultWithCaisoMessageAnd500()
    {
        var (context, body) = await WriteAsync(Soap11FaultResponder.Instance, Refusal.Violation(30));

        Assert.Equal(500, context.Response.StatusCode);
        Assert.Equal("text/xml; charset=utf-8", context.Response.ContentType);
        Assert.Equal("30", context.Response.Headers.RetryAfter.ToString());
        var fault = body.Root!.Element(Soap11 + "Body")!.Element(Soap11 + "Fault")!;
        Assert.Equal("no-store", context.Response.Headers.CacheControl.ToString());
        Assert.Equal("SOAP-ENV:Client", fault.Element("faultcode")!.Value);
        Assert.Equal(Soap11, fault.Element("faultcode")!.GetNamespaceOfPrefix("SOAP-ENV"));
        Assert.Equal(
            "CAISO DRRS Acceptable Use Policy Violation. Please retry your request again in 30 seconds from now. Note: Time resets each time you request before expiration.",
            fault.Element("faultstring")!.Value);
    }

    [Fact]
    public async Task WriteAsync_Soap12Violation_IsSenderFaultWithEnglishReasonAnd500SoWcfReadsIt()
    {
        var (context, body) = await WriteAsync(Soap12FaultResponder.Instance, Refusal.Violation(30));

        Assert.Equal(500, context.Response.StatusCode);
        Assert.Equal("application/soap+xml; charset=utf-8", context.Response.ContentType);
        var fault = body.Root!.Element(Soap12 + "Body")!.Element(Soap12 + "Fault")!;
        Assert.Equal("env:Sender", fault.Element(Soap12 + "Code")!.Element(Soap12 + "Value")!.Value);
        var text = fault.Element(Soap12 + "Reason")!.Element(Soap12 + "Text")!;
        Assert.Equal("en", text.Attribute(Xml + "lang")!.Value);
        Assert.Equal(AupMessages.Violation(30), text.Value);
    }

    [Fact]
    public async Task WriteAsync_StoreUnavailable_IsGatewayFaultKeeping503()
    {
        var (soap11, body11) = await WriteAsync(Soap11FaultResponder.Instance, Refusal.StoreUnavailable(30));
        var (soap12, body12) = await WriteAsync(Soap12FaultResponder.Instance, Refusal.StoreUnavailable(30));

        Assert.Equal(503, soap11.Response.StatusCode);
        Assert.Equal("SOAP-ENV:Server", body11.Descendants("faultcode").Single().Value);
        Assert.Equal(503, soap12.Response.StatusCode);
        Assert.Equal("env:Receiver", body12.Descendants(Soap12 + "Value").Single().Value);
    }

    [Fact]
    public async Task WriteAsync_ConfiguredStatusCodes_AreUsedForCallerFaults()
    {
        var options = SoapPolicy.Default with { Soap11FaultStatusCode = 429, Soap12FaultStatusCode = 429 };

        var (soap11, _) = await WriteAsync(Soap11FaultResponder.Instance, Refusal.Unidentified, options);
        var (soap12, _) = await WriteAsync(Soap12FaultResponder.Instance, Refusal.Violation(30), options);

        Assert.Equal(429, soap11.Response.StatusCode);
        Assert.Equal(429, soap12.Response.StatusCode);
    }

    [Fact]
    public async Task WriteAsync_BadRequest_Is400WhateverTheConfiguredFaultStatus()
    {
        var options = SoapPolicy.Default with { Soap11FaultStatusCode = 500, Soap12FaultStatusCode = 500 };

        var (soap11, body11) = await WriteAsync(Soap11FaultResponder.Instance, Refusal.BadRequest("bad"), options);
        var (soap12, body12) = await WriteAsync(Soap12FaultResponder.Instance, Refusal.UnknownService, options);

        Assert.Equal(400, soap11.Response.StatusCode);
        Assert.Equal("SOAP-ENV:Client", body11.Descendants("faultcode").Single().Value);
        Assert.Equal(400, soap12.Response.StatusCode);
        Assert.Equal("env:Sender", body12.Descendants(Soap12 + "Value").Single().Value);
    }

    [Theory]
    [InlineData("</faultstring><injected/>&amp; \"quoted\" 'single'")]
    [InlineData("control \u0001\u0008 and lone \uD800 surrogate, emoji \U0001F600")]
    public async Task WriteAsync_HostileText_IsStillWellFormedXml(string detail)
    {
        var (_, body11) = await WriteAsync(Soap11FaultResponder.Instance, Refusal.BadRequest(detail));
        var (_, body12) = await WriteAsync(Soap12FaultResponder.Instance, Refusal.BadRequest(detail));

        Assert.Equal(SoapFaultResponder.XmlSafe(detail), body11.Descendants("faultstring").Single().Value);
        Assert.Equal(SoapFaultResponder.XmlSafe(detail), body12.Descendants(Soap12 + "Text").Single().Value);
        Assert.Empty(body11.Descendants("injected"));
    }

    [Fact]
    public void XmlSafe_InvalidCharacters_AreReplacedAndValidOnesKept()
    {
        Assert.Equal("a\uFFFDb\uFFFD\U0001F600", SoapFaultResponder.XmlSafe("a\u0001b\uDC00\U0001F600"));

        const string clean = "CAISO DRRS Acceptable Use Policy Violation.";
        Assert.Same(clean, SoapFaultResponder.XmlSafe(clean));
    }

    [Theory]
    [InlineData(nameof(SoapVersion.Soap11), null, typeof(Soap11FaultResponder))]
    [InlineData(nameof(SoapVersion.Soap12), "application/json", typeof(Soap12FaultResponder))]
    [InlineData(nameof(SoapVersion.None), "application/json", typeof(ProblemJsonResponder))]
    [InlineData(nameof(SoapVersion.None), null, typeof(PlainTextResponder))]
    public void For_SoapVersionAndAccept_PicksOneResponderPerProtocol(string soap, string? accept, Type expected)
    {
        var request = new DefaultHttpContext().Request;
        if (accept is not null)
        {
            request.Headers.Accept = accept;
        }

        Assert.IsType(expected, RefusalResponder.For(request, Enum.Parse<SoapVersion>(soap)));
    }
}
