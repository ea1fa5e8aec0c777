using System.Text;
using DrrsGateway.AcceptableUse.Services;
using DrrsGateway.AcceptableUse.Soap;
using Microsoft.AspNetCore.Http;

namespace DrrsGateway.UnitTests.AcceptableUse.Soap;

public sealed class EnvelopeReaderTests
{
    private const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    private const int Limit = 65_536;

    [Fact]
    public async Task ReadAsync_BodyElement_IsItsLocalNameAsWritten()
    {
        var names = await ReadAsync(Envelope(Soap11, "", "<tns:RetrieveDRRSLocations_v1 xmlns:tns=\"urn:x\"><a/></tns:RetrieveDRRSLocations_v1>"));

        Assert.Equal(Named(null, "RetrieveDRRSLocations_v1"), names);
    }

    [Theory]
    [InlineData("http://www.w3.org/2005/08/addressing")]
    [InlineData("http://schemas.xmlsoap.org/ws/2004/08/addressing")]
    public async Task ReadAsync_AddressingAction_IsItsOperation(string addressing)
    {
        var header = $"<h:Security xmlns:h=\"urn:wsse\"><h:Token>{new string('x', 5000)}</h:Token></h:Security><a:Action xmlns:a=\"{addressing}\" s:mustUnderstand=\"1\">http://www.caiso.com/soa/SubmitDRRSLocations_v1</a:Action><a:MessageID xmlns:a=\"{addressing}\">urn:uuid:1</a:MessageID>";
        var names = await ReadAsync(Envelope(Soap12, header, "<SubmitDRRSLocations_v1 xmlns=\"urn:x\"/>"));

        Assert.Equal(Named("SubmitDRRSLocations_v1", "SubmitDRRSLocations_v1"), names);
    }

    [Fact]
    public async Task ReadAsync_EmptyBody_NamesNothing() =>
        Assert.Equal(Named(null, null), await ReadAsync(Envelope(Soap11, "", "")));

    [Fact]
    public async Task ReadAsync_NoBodyAtAll_IsEmpty() =>
        Assert.Equal(EnvelopeNames.Empty, await ReadAsync(""));

    [Theory]
    [InlineData("not xml at all")]
    [InlineData("<Envelope><Body><op_v1/></Body></Envelope>")]
    [InlineData("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Header><x></s:Header><s:Body><op_v1/></s:Body></s:Envelope>")]
    [InlineData("<?xml version=\"1.1\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><op_v1/></s:Body></s:Envelope>")]
    public async Task ReadAsync_NotAnEnvelope_IsUnreadable(string body) =>
        Assert.NotNull((await ReadAsync(body)).Problem);

    [Theory]
    [InlineData("utf8")]
    [InlineData("UTF8")]
    [InlineData("utf_8")]
    public async Task ReadAsync_DeclarationSpellingUtf8AsPythonDoes_IsRead(string encoding)
    {
        // Python's ElementTree writes encoding='utf8'; the backends' parsers read it, so the gateway must too.
        var body = Envelope(Soap11, "", "<ns0:RetrieveDRRSLocations_v1 xmlns:ns0=\"urn:x\"/>").Replace("encoding=\"utf-8\"", $"encoding='{encoding}'", StringComparison.Ordinal);

        Assert.Equal(Named(null, "RetrieveDRRSLocations_v1"), await ReadAsync(body));
    }

    [Fact]
    public async Task ReadAsync_DeclarationOfAnUnknownEncoding_IsUnreadable() =>
        Assert.NotNull((await ReadAsync(Envelope(Soap11, "", "<op_v1/>").Replace("utf-8", "x-made-up", StringComparison.Ordinal))).Problem);

    [Fact]
    public async Task ReadAsync_Dtd_IsRefusedWithoutExpandingEntities()
    {
        var bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
            + $"<s:Envelope xmlns:s=\"{Soap11}\"><s:Body><op_v1>&lol2;</op_v1></s:Body></s:Envelope>";

        Assert.Equal("The SOAP envelope declares a DTD, which SOAP forbids.", (await ReadAsync(bomb)).Problem);
    }

    [Fact]
    public async Task ReadAsync_TenMegabytesBeforeBody_StopsAtTheLimit()
    {
        var header = $"<h:Pad xmlns:h=\"urn:x\">{new string('x', 10 * 1024 * 1024)}</h:Pad>";
        var body = new TrackingStream(Encoding.UTF8.GetBytes(Envelope(Soap11, header, "<op_v1/>")));
        var context = Context(body, "text/xml");

        var names = await EnvelopeReader.ReadAsync(context, SoapFraming.Plain, Limit, ServiceCatalog.Default);

        Assert.Contains("65536 bytes", names.Problem);
        Assert.InRange(body.BytesRead, Limit, Limit + 1);
    }

    [Fact]
    public async Task ReadAsync_TwoAddressingActions_IsUnreadable()
    {
        var header = "<a:Action xmlns:a=\"http://www.w3.org/2005/08/addressing\">urn:a/one_v1</a:Action><a:Action xmlns:a=\"http://www.w3.org/2005/08/addressing\">urn:a/two_v1</a:Action>";

        Assert.NotNull((await ReadAsync(Envelope(Soap11, header, "<one_v1/>"))).Problem);
    }

    [Fact]
    public async Task ReadAsync_AfterPeek_BodyReplaysEveryByte()
    {
        var sent = Encoding.UTF8.GetBytes(Envelope(Soap11, "", "<op_v1/>") + new string(' ', 300_000));
        var context = Context(new MemoryStream(sent), "text/xml");

        await EnvelopeReader.ReadAsync(context, SoapFraming.Plain, Limit, ServiceCatalog.Default);
        using var forwarded = new MemoryStream();
        await context.Request.Body.CopyToAsync(forwarded);

        Assert.Equal(sent, forwarded.ToArray());
    }

    [Fact]
    public async Task ReadAsync_MtomRootPartNamedByStart_IsReadFromIt()
    {
        const string contentType = "multipart/related; type=\"application/xop+xml\"; boundary=\"uuid:b\"; start=\"<root@x>\"; start-info=\"text/xml\"";
        var body = Part("<att@x>", "application/octet-stream", "binary junk <s:Envelope>")
            + Part("<root@x>", "application/xop+xml; charset=utf-8; type=\"text/xml\"", Envelope(Soap11, "", "<SubmitDRRSLocations_v1><doc><xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:att@x\"/></doc></SubmitDRRSLocations_v1>"))
            + "--uuid:b--\r\n";
        var sent = Encoding.UTF8.GetBytes(body);
        var context = Context(new MemoryStream(sent), contentType);

        var names = await EnvelopeReader.ReadAsync(context, SoapFraming.Multipart, Limit, ServiceCatalog.Default);
        using var forwarded = new MemoryStream();
        await context.Request.Body.CopyToAsync(forwarded);

        Assert.Equal(Named(null, "SubmitDRRSLocations_v1"), names);
        Assert.Equal(sent, forwarded.ToArray());
    }

    [Fact]
    public async Task ReadAsync_SwaWithoutStart_ReadsTheFirstPart()
    {
        const string contentType = "multipart/related; type=\"text/xml\"; boundary=uuid:b";
        var body = Part("<root@x>", "text/xml; charset=utf-8", Envelope(Soap11, "", "<RetrieveDRRSLocations_v1/>")) + Part("<a@x>", "text/plain", "x") + "--uuid:b--\r\n";

        var names = await EnvelopeReader.ReadAsync(Context(new MemoryStream(Encoding.UTF8.GetBytes(body)), contentType), SoapFraming.Multipart, Limit, ServiceCatalog.Default);

        Assert.Equal("RetrieveDRRSLocations_v1", names.BodyElement.ToString());
    }

    [Theory]
    [InlineData("multipart/related; type=\"text/xml\"")]
    [InlineData("multipart/related; type=\"text/xml\"; boundary=b; start=\"<missing@x>\"")]
    public async Task ReadAsync_MultipartWithoutRoot_IsUnreadable(string contentType)
    {
        var body = Part("<root@x>", "text/xml", Envelope(Soap11, "", "<op_v1/>")).Replace("uuid:b", "b", StringComparison.Ordinal) + "--b--\r\n";

        var names = await EnvelopeReader.ReadAsync(Context(new MemoryStream(Encoding.UTF8.GetBytes(body)), contentType), SoapFraming.Multipart, Limit, ServiceCatalog.Default);

        Assert.Equal("The multipart request has no root part holding the SOAP envelope.", names.Problem);
    }

    [Fact]
    public async Task ReadAsync_MalformedMultipart_IsUnreadable()
    {
        var names = await EnvelopeReader.ReadAsync(Context(new MemoryStream("--b\r\nno headers end"u8.ToArray()), "multipart/related; type=\"text/xml\"; boundary=b"), SoapFraming.Multipart, Limit, ServiceCatalog.Default);

        Assert.NotNull(names.Problem);
    }

    [Fact]
    public async Task ReadAsync_ConfirmingABodyNamingOnlyTheOperation_AcceptsItWithoutParsing()
    {
        var body = Encoding.UTF8.GetBytes(Envelope(Soap11, "", "<RetrieveDRRSLocations_v1/>"));
        var context = Context(new MemoryStream(body), "text/xml");
        context.Request.ContentLength = body.Length;

        var names = await EnvelopeReader.ReadAsync(context, SoapFraming.Plain, Limit, ServiceCatalog.Default, "retrievedrrslocations_v1");

        Assert.Equal(EnvelopeNames.Empty, names);
    }

    [Fact]
    public async Task ReadAsync_ConfirmingABodyNamingAnotherOperation_ParsesIt()
    {
        var body = Encoding.UTF8.GetBytes(Envelope(Soap11, "", "<SubmitDRRSLocations_v1/>"));

        var names = await EnvelopeReader.ReadAsync(Context(new MemoryStream(body), "text/xml"), SoapFraming.Plain, Limit, ServiceCatalog.Default, "retrievedrrslocations_v1");

        Assert.Equal("SubmitDRRSLocations_v1", names.BodyElement.ToString());
    }

    [Fact]
    public async Task ReadAsync_ConfirmingABodyOverTheLimit_ParsesWithinTheLimit()
    {
        var padded = Envelope(Soap11, $"<h:Pad xmlns:h=\"urn:x\">{new string('x', 200_000)}</h:Pad>", "<RetrieveDRRSLocations_v1/>");

        var names = await EnvelopeReader.ReadAsync(Context(new MemoryStream(Encoding.UTF8.GetBytes(padded)), "text/xml"), SoapFraming.Plain, Limit, ServiceCatalog.Default, "retrievedrrslocations_v1");

        Assert.Contains("65536 bytes", names.Problem);
    }

    [Fact]
    public async Task ReadAsync_BodyTrickledByteByByte_StillFindsTheBodyElement()
    {
        // Without re-parsing only as the bytes double, this would parse ~60,000 times (minutes of CPU).
        var padded = Envelope(Soap11, $"<h:Pad xmlns:h=\"urn:x\">{new string('x', 60_000)}</h:Pad>", "<RetrieveDRRSLocations_v1/>");
        var body = new TrickleStream(Encoding.UTF8.GetBytes(padded));

        var names = await EnvelopeReader.ReadAsync(Context(body, "text/xml"), SoapFraming.Plain, Limit, ServiceCatalog.Default);

        Assert.Equal("RetrieveDRRSLocations_v1", names.BodyElement.ToString());
    }

    [Fact]
    public async Task ReadAsync_GzipBody_IsReadInflatedAndForwardedCompressed()
    {
        var compressed = Gzip(Envelope(Soap11, "", "<r:RequestDRRegistrationData xmlns:r=\"urn:x\"/>"));
        var context = Context(new MemoryStream(compressed), "text/xml");
        context.Request.Headers.ContentEncoding = "gzip";

        var names = await EnvelopeReader.ReadAsync(context, SoapFraming.Plain, Limit, ServiceCatalog.Default, "retrievedrlocations_v1");

        Assert.Equal(Named(null, "RequestDRRegistrationData"), names);
        var forwarded = new MemoryStream();
        await context.Request.Body.CopyToAsync(forwarded);
        Assert.Equal(compressed, forwarded.ToArray());
    }

    [Fact]
    public async Task ReadAsync_GzipBodyNamingAnotherOperation_ShowsThatOperation()
    {
        var context = Context(new MemoryStream(Gzip(Envelope(Soap11, "", "<SubmitDRLocations_v1/>"))), "text/xml");
        context.Request.Headers.ContentEncoding = "gzip";

        var names = await EnvelopeReader.ReadAsync(context, SoapFraming.Plain, Limit, ServiceCatalog.Default, "retrievedrlocations_v1");

        Assert.Equal("SubmitDRLocations_v1", names.BodyElement.ToString());
    }

    [Fact]
    public async Task ReadAsync_GzipBomb_IsRefusedWithinTheLimit()
    {
        // 64 MB of whitespace before the Body inflates far past the limit from about 64 KB of gzip.
        var bomb = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(bomb, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes($"<s:Envelope xmlns:s=\"{Soap11}\"><s:Header>"));
            var spaces = new byte[1024 * 1024];
            spaces.AsSpan().Fill((byte)' ');
            for (var i = 0; i < 64; i++)
            {
                gzip.Write(spaces);
            }
        }

        var context = Context(new TrackingStream(bomb.ToArray()), "text/xml");
        context.Request.Headers.ContentEncoding = "gzip";
        var before = GC.GetAllocatedBytesForCurrentThread();

        var names = await EnvelopeReader.ReadAsync(context, SoapFraming.Plain, Limit, ServiceCatalog.Default);

        Assert.StartsWith("The SOAP envelope does not reach the first element of its Body within 65536 bytes", names.Problem);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 * 1024 * 1024, "inflating the bomb allocated more than a bounded peek would");
    }

    [Theory]
    [InlineData("gzip", "The request body is marked Content-Encoding: gzip but is not valid gzip data.")]
    [InlineData("br", "The request body's Content-Encoding is neither gzip nor identity, so the SOAP envelope, and the operation it calls, cannot be read.")]
    public async Task ReadAsync_BodyItCannotDecode_IsUnreadable(string coding, string problem)
    {
        var context = Context(new MemoryStream(Encoding.UTF8.GetBytes(Envelope(Soap11, "", "<op_v1/>"))), "text/xml");
        context.Request.Headers.ContentEncoding = coding;

        Assert.Equal(problem, (await EnvelopeReader.ReadAsync(context, SoapFraming.Plain, Limit, ServiceCatalog.Default)).Problem);
    }

    [Fact]
    public async Task ReadAsync_CaisoHelperSwaSubmitWithEmptyBody_NamesNothing()
    {
        var envelope = "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Header><c:CAISOWSHeader xmlns:c=\"http://www.caiso.com/soa/2006-09-30/CAISOWSHeader.xsd\"/></SOAP-ENV:Header>"
            + "<SOAP-ENV:Body xmlns:wsu=\"urn:wsu\" wsu:Id=\"id-1\"/></SOAP-ENV:Envelope>";
        var body = $"--=_Part_1\r\nContent-Disposition: form-data; name=\"payload\"\r\nContent-ID: <payload>\r\n\r\n{envelope}\r\n"
            + "--=_Part_1\r\nContent-Disposition: form-data; name=\"attachment.uue\"\r\nContent-ID: <attachment.uue>\r\n\r\nH4sIAAAA\r\n--=_Part_1--\r\n";
        var context = Context(new MemoryStream(Encoding.UTF8.GetBytes(body)), "multipart/related; type=\"text/xml\"; start=\"<payload>\"; boundary=\"=_Part_1\"");

        Assert.Equal(EnvelopeNames.Empty, await EnvelopeReader.ReadAsync(context, SoapFraming.Multipart, Limit, ServiceCatalog.Default));
    }

    private static byte[] Gzip(string text)
    {
        var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionMode.Compress))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return compressed.ToArray();
    }

    private static EnvelopeNames Named(string? addressing, string? body) => new(addressing.AsMemory(), body.AsMemory(), null);

    private static async Task<EnvelopeNames> ReadAsync(string body) =>
        await EnvelopeReader.ReadAsync(Context(new MemoryStream(Encoding.UTF8.GetBytes(body)), "text/xml"), SoapFraming.Plain, Limit, ServiceCatalog.Default);

    private static DefaultHttpContext Context(Stream body, string contentType)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = body;
        context.Request.ContentType = contentType;
        return context;
    }

    private static string Envelope(string soap, string header, string body) =>
        $"<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"{soap}\">"
        + (header.Length == 0 ? "" : $"<s:Header>{header}</s:Header>")
        + (body.Length == 0 ? "<s:Body/>" : $"<s:Body>{body}</s:Body>")
        + "</s:Envelope>";

    private static string Part(string contentId, string contentType, string content) =>
        $"--uuid:b\r\nContent-ID: {contentId}\r\nContent-Type: {contentType}\r\nContent-Transfer-Encoding: binary\r\n\r\n{content}\r\n";

    /// <summary>Counts how much of the body the peek pulled.</summary>
    private sealed class TrackingStream(byte[] content) : MemoryStream(content)
    {
        public long BytesRead { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            BytesRead += read;
            return read;
        }
    }

    /// <summary>Hands the body over one byte per read, as a hostile client can.</summary>
    private sealed class TrickleStream(byte[] content) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
