using System.Net;
using System.Text;
using DrrsGateway.IntegrationTests.Infrastructure;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Forwarding;

/// <summary>
/// A call with a declared body length reaches DRRS as one write, headers with the body, not as YARP's
/// header-only packet followed by the body: one send and one wake-up of the backend per call instead of two.
/// </summary>
public sealed class RequestInOneWriteTests
{
    private const string Envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body/></soapenv:Envelope>";

    [Fact]
    public async Task Forwarding_KeyedSoapCalls_ArriveWholeWithTheirHeaders()
    {
        // The policy's path: the envelope check read the body first and replays it to YARP. (Whether a
        // split request would show in one read here is a race; the late body below decides it.)
        await using var backend = FirstReadBackend.Start();
        await using var gateway = new GatewayFactory(backend.Address);
        using var client = gateway.CreateClientFrom();

        for (var call = 0; call < 10; call++)
        {
            using var forwarded = await client.CallAsync(NewUser());
            Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        }

        Assert.Equal(10, backend.FirstReads.Count);
        Assert.All(backend.FirstReads, read => Assert.True(read.IsWholeRequest, $"the backend's first read was not the whole request:\n{read.Text}"));
    }

    [Fact]
    public async Task Forwarding_BodyArrivesLate_HeadersWaitForIt()
    {
        // With the policy off the gateway forwards before the caller's body is there: YARP's early flush
        // would send the headers alone, and the body a late write after them.
        await using var backend = FirstReadBackend.Start();
        await using var gateway = new GatewayFactory(backend.Address, settings: new Dictionary<string, string?> { ["Aup:Enabled"] = "false" });
        using var client = gateway.CreateClientFrom();
        using var request = new HttpRequestMessage(HttpMethod.Post, LocationsPath) { Content = new LateContent(Encoding.UTF8.GetBytes(Envelope), TimeSpan.FromMilliseconds(300)) };
        request.Content.Headers.ContentType = new("text/xml");
        request.Content.Headers.ContentLength = Encoding.UTF8.GetByteCount(Envelope);
        request.Headers.Add(GatewayFactory.UserHeader, NewUser());

        using var forwarded = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        var read = Assert.Single(backend.FirstReads);
        Assert.True(read.IsWholeRequest, $"the backend's first read was not the whole request:\n{read.Text}");
        Assert.EndsWith(Envelope, read.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forwarding_ChunkedBody_ArrivesWhole()
    {
        // No declared length: YARP's streaming copy as it was, and the backend still gets the whole body.
        await using var backend = await RecordingBackend.StartAsync();
        await using var gateway = new GatewayFactory(backend.Address);
        using var client = gateway.CreateClientFrom();
        using var request = new HttpRequestMessage(HttpMethod.Post, LocationsPath) { Content = new LateContent(Encoding.UTF8.GetBytes(Envelope), TimeSpan.Zero) };
        request.Content.Headers.ContentType = new("text/xml");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add(GatewayFactory.UserHeader, NewUser());

        using var forwarded = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        Assert.Equal(Envelope, Encoding.UTF8.GetString(Assert.Single(backend.Bodies)));
    }

    [Fact]
    public async Task Forwarding_ExpectContinue_BodyFollowsTheBackendsContinue()
    {
        // curl asks for 100-continue on bodies over 1 KB: the client sends the headers and waits for the
        // backend's 100 before the body, whatever the body's writes ask for.
        await using var backend = await RecordingBackend.StartAsync();
        await using var gateway = new GatewayFactory(backend.Address, settings: new Dictionary<string, string?> { ["Aup:Enabled"] = "false" });
        using var client = gateway.CreateClientFrom();
        var body = Envelope.Replace("<soapenv:Body/>", $"<soapenv:Body>{new string('x', 4096)}</soapenv:Body>", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, LocationsPath) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };
        request.Headers.ExpectContinue = true;
        request.Headers.Add(GatewayFactory.UserHeader, NewUser());

        using var forwarded = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        Assert.Equal("100-continue", Assert.Single(backend.Headers)["Expect"]);
        Assert.Equal(body, Encoding.UTF8.GetString(Assert.Single(backend.Bodies)));
    }

    /// <summary>A body written only after <paramref name="delay"/>, in one write, with no length of its own.</summary>
    private sealed class LateContent(byte[] body, TimeSpan delay) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await Task.Delay(delay);
            await stream.WriteAsync(body);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
