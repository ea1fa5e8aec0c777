using System.Net;
using System.Text;
using DrrsGateway.IntegrationTests.Infrastructure;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Processes;

/// <summary>
/// Odd and hostile input against the real server (Kestrel's parsing and limits are part of the answer):
/// nothing gets forwarded, nothing crashes the gateway, non-ASCII identities are users like any other.
/// </summary>
public sealed class HostileInputProcessTests : IAsyncLifetime
{
    private RecordingBackend _backend = null!;
    private GatewayProcess _gateway = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _backend = await RecordingBackend.StartAsync();
        _gateway = await GatewayProcess.StartAsync(new Dictionary<string, string>
        {
            ["ReverseProxy__Clusters__drrs__Destinations__primary__Address"] = _backend.Address,
            ["Aup__Identity__TrustedHeader"] = "X-Drrs-User",
        });
        _client = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 })
        {
            BaseAddress = _gateway.BaseAddress,
        };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task Call_NonAsciiIdentity_IsKeyedLikeAnyOther()
    {
        using var first = await _client.CallAsync("Zoë Müller");
        using var second = await _client.CallAsync("Zoë Müller");
        using var lookalike = await _client.CallAsync("Zoe Muller");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lookalike.StatusCode);
    }

    [Fact]
    public async Task Call_InvalidUtf8InIdentity_Is400AndNotForwarded()
    {
        // Raw bytes 0xFF 0xFE: not UTF-8 (a u8 literal would encode them validly).
        var response = await SendRawAsync([.. "X-Drrs-User: a"u8.ToArray(), 0xFF, 0xFE, .. "b\r\n"u8.ToArray()]);

        Assert.StartsWith("HTTP/1.1 400", response, StringComparison.Ordinal);
        Assert.Empty(_backend.Requests);
    }

    [Fact]
    public async Task Call_OversizedHeaders_Is431AndNotForwarded()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, LocationsPath);
        request.Headers.Add("X-Drrs-User", NewUser());
        request.Headers.Add("X-Padding", new string('p', 40_000));

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        Assert.Empty(_backend.Requests);
    }

    [Fact]
    public async Task Call_EncodedControlCharacterInService_Is400AndNotForwarded()
    {
        using var response = await _client.CallAsync(NewUser(), "/sst/runtime.asvc/op%01_v1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_backend.Requests);
        Assert.False(_gateway.HasExited);
    }

    [Fact]
    public async Task Call_ManyMalformedRequests_GatewayKeepsServing()
    {
        foreach (var junk in new[] { "GARBAGE\r\n\r\n", "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", "GET /%zz HTTP/1.1\r\nHost: a\r\n\r\n" })
        {
            await SendRawRequestAsync(Encoding.ASCII.GetBytes(junk));
        }

        using var healthy = await _client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.DoesNotContain(_gateway.Output, line => line.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase));
    }

    private Task<string> SendRawAsync(byte[] extraHeaderLines)
    {
        var head = Encoding.ASCII.GetBytes($"POST {LocationsPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n");
        return SendRawRequestAsync([.. head, .. extraHeaderLines, .. "\r\n"u8.ToArray()]);
    }

    private async Task<string> SendRawRequestAsync(byte[] request)
    {
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, _gateway.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(request);
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    [Fact]
    public async Task Soap_HostileEnvelopes_Are400AndNotForwardedAndTheGatewayStaysUp()
    {
        var forwarded = _backend.Requests.Count;
        var lol = string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">"));
        var bomb = $"<!DOCTYPE s:Envelope [<!ENTITY lol0 \"lol\">{lol}]><s:Envelope xmlns:s=\"{SoapWire.Soap11Namespace}\"><s:Body><RetrieveDRRSLocations_v1>&lol9;</RetrieveDRRSLocations_v1></s:Body></s:Envelope>";
        var padded = SoapWire.Envelope(SoapWire.Soap11Namespace, "RetrieveDRRSLocations_v1", headerPadding: $"<p:Pad xmlns:p=\"urn:pad\">{new string('x', 10 * 1024 * 1024)}</p:Pad>");
        var action = $"\"{SoapWire.ActionUri("RetrieveDRRSLocations_v1")}\"";

        foreach (var envelope in new[] { bomb, padded, "<s:Envelope", "\uFEFF\0\0<<<", "<?xml version=\"1.0\" encoding=\"x-unknown\"?><a/>" })
        {
            using var response = await _client.SendAsync(SoapWire.Soap11(RuntimePath, NewUser(), envelope, action));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("SOAP-ENV:Client", (await SoapFault.ReadAsync(response)).Code);
        }

        Assert.Equal(forwarded, _backend.Requests.Count);
        using var stillServing = await _client.CallAsync(NewUser());
        Assert.Equal(HttpStatusCode.OK, stillServing.StatusCode);
        Assert.False(_gateway.HasExited);
    }

    [Fact]
    public async Task Mtom_LargeAttachmentAfterTheRoot_IsForwardedByteForByte()
    {
        var attachment = new byte[8 * 1024 * 1024];
        new Random(7).NextBytes(attachment);
        var root = $"--{SoapWire.Boundary}\r\nContent-ID: {SoapWire.RootId}\r\nContent-Type: application/xop+xml; charset=utf-8; type=\"text/xml\"\r\n\r\n"
            + SoapWire.Envelope(SoapWire.Soap11Namespace, "SubmitDRRSLocations_v1")
            + $"\r\n--{SoapWire.Boundary}\r\nContent-ID: <doc@drrs>\r\nContent-Type: application/octet-stream\r\n\r\n";
        byte[] body = [.. Encoding.UTF8.GetBytes(root), .. attachment, .. Encoding.UTF8.GetBytes($"\r\n--{SoapWire.Boundary}--\r\n")];
        using var request = new HttpRequestMessage(HttpMethod.Post, RuntimePath) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/related; type=\"application/xop+xml\"; start=\"{SoapWire.RootId}\"; boundary=\"{SoapWire.Boundary}\"; start-info=\"text/xml\"");
        request.Headers.TryAddWithoutValidation("SOAPAction", $"\"{SoapWire.ActionUri("SubmitDRRSLocations_v1")}\"");
        request.Headers.Add(GatewayFactory.UserHeader, NewUser());

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, _backend.Bodies.Last());
    }
}
