using System.Net;
using System.Text;
using DrrsGateway.IntegrationTests.Infrastructure;
using static DrrsGateway.IntegrationTests.Infrastructure.CaisoWire;

namespace DrrsGateway.IntegrationTests.AcceptableUse;

/// <summary>
/// CAISO's real wire, as its production clients put it on the wire: each operation at its own access point,
/// both generations of names, DocAttach variants, SwA submits with an empty Body, gzip-encoded bodies; keyed
/// by the access point's operation, forwarded byte for byte, refused in CAISO's fault shape.
/// </summary>
public sealed class CaisoWireTests : GatewayTests
{
    private const string Locations = "retrieveDRLocations_v1";
    private const string Registrations = "retrieveDRRegistrations_v1";
    private const string SubmitLocations = "submitDRLocations_v1";

    [Theory]
    [InlineData("retrieveDRLocations_v1")]
    [InlineData("retrieveDRRegistrations_v1")]
    [InlineData("retrieveBatchValidationStatus_v1")]
    [InlineData("RetrieveDRRSLocations_v1")]
    [InlineData("RetrieveDRRSBatchStatus_v1")]
    public async Task Retrieve_AtAccessPointTwice_SecondIsCaisoFaultAndNeverForwarded(string operation)
    {
        var user = GatewayRequests.NewUser();

        using var first = await Client.SendAsync(Plain(AccessPoint(operation), user, Action(operation), RetrieveBody));
        using var second = await Client.SendAsync(Plain(AccessPoint(operation), user, Action(operation), RetrieveBody));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal("30", second.Headers.RetryAfter!.ToString());
        var fault = await ReadFaultAsync(second);
        Assert.Equal(new[] { "creationDateTime", "description", "id", "result" }, fault.EventFields);
        Assert.Equal(("SOAP-ENV:Client", Violation, StandardOutput + "StandardOutput", Violation, Violation), (fault.Code, fault.FaultString, fault.FirstDetail, fault.Description, fault.HelperDescription));
        Assert.Equal(operation, fault.ServiceName);
        Assert.Equal(1, Backend.CountFor(AccessPoint(operation)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AccessPoint_PlainAndDocAttachAlternated_AreOneService(bool docAttachFirst)
    {
        var user = GatewayRequests.NewUser();

        using var first = await Client.SendAsync(Plain(AccessPoint(Locations, docAttachFirst), user, Action(Locations, docAttachFirst), RetrieveBody));
        using var second = await Client.SendAsync(Plain(AccessPoint(Locations, !docAttachFirst), user, Action(Locations, !docAttachFirst), RetrieveBody));
        using var third = await Client.SendAsync(Plain(AccessPoint(Locations, docAttachFirst), user, Action(Locations, docAttachFirst), RetrieveBody));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(Violation, (await ReadFaultAsync(second)).Description);
        Assert.Equal(Violation, (await ReadFaultAsync(third)).Description);
    }

    [Fact]
    public async Task AccessPoint_SharedRequestElement_KeysEachOperationByItsAccessPoint()
    {
        var user = GatewayRequests.NewUser();

        using var locations = await Client.SendAsync(Plain(AccessPoint(Locations), user, Action(Locations), RetrieveBody));
        using var registrations = await Client.SendAsync(Plain(AccessPoint(Registrations), user, Action(Registrations), RetrieveBody));

        Assert.Equal(HttpStatusCode.OK, locations.StatusCode);
        Assert.Equal(HttpStatusCode.OK, registrations.StatusCode);
    }

    [Fact]
    public async Task SwaSubmit_AsCaisoHelperSendsIt_IsForwardedByteForByteThenRefused()
    {
        var user = GatewayRequests.NewUser();
        using var request = SwaSubmit(AccessPoint(SubmitLocations), user, SubmitLocations);
        var sent = await request.Content!.ReadAsByteArrayAsync();

        using var first = await Client.SendAsync(request);
        using var second = await Client.SendAsync(SwaSubmit(AccessPoint(SubmitLocations), user, SubmitLocations));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(sent, Backend.Bodies.Last());
        var headers = Backend.Headers.Last();
        Assert.Equal("1.0", headers["Mime-Version"]);
        Assert.Equal(user, headers["ct-remote-user"]);
        Assert.Equal(Violation, (await ReadFaultAsync(second)).Description);
    }

    [Fact]
    public async Task DocAttachSubmit_ThenSwaSubmitOfSameOperation_IsRefused()
    {
        var user = GatewayRequests.NewUser();

        using var docAttach = await Client.SendAsync(Plain(AccessPoint(SubmitLocations, docAttach: true), user, Action(SubmitLocations, docAttach: true), DocAttachBody));
        using var swa = await Client.SendAsync(SwaSubmit(AccessPoint(SubmitLocations), user, SubmitLocations));

        Assert.Equal(HttpStatusCode.OK, docAttach.StatusCode);
        Assert.Equal(Violation, (await ReadFaultAsync(swa)).Description);
    }

    [Theory]
    [InlineData("retrieveDRRegistrations_v1", "")]
    [InlineData("retrieveDRLocations_v1", "<SubmitDRLocations_v1/>")]
    [InlineData("retrieveDRLocations_v1", "<retrieveDRRegistrations_v1_DocAttach/>")]
    public async Task AccessPoint_ActionOrBodyOfAnotherOperation_IsBadRequestNotForwarded(string action, string body)
    {
        var user = GatewayRequests.NewUser();

        using var response = await Client.SendAsync(Plain(AccessPoint(Locations), user, Action(action), body.Length == 0 ? RetrieveBody : body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("AUP-BAD-REQUEST", (await ReadFaultAsync(response)).EventId);
        Assert.Equal(0, Backend.CountFor(AccessPoint(Locations)));
    }

    [Theory]
    [InlineData("/sst/drrs/_DRRSv1_DocAttach_AP")]
    [InlineData("/sst/drrs/DocAttach_AP")]
    [InlineData("/sst/drrs/Junk_DRRSv1_AP")]
    [InlineData("/sst/drrs/RetrieveDRLocations_DRRS_AP")]
    public async Task AccessPoint_NamingNoCataloguedOperation_IsRefusedWithoutLock(string path)
    {
        var user = GatewayRequests.NewUser();

        using var hostile = await Client.SendAsync(Plain(path, user, Action(Locations), RetrieveBody));
        using var real = await Client.SendAsync(Plain(AccessPoint(Locations), user, Action(Locations), RetrieveBody));

        Assert.Equal(HttpStatusCode.BadRequest, hostile.StatusCode);
        Assert.Equal("AUP-UNKNOWN-SERVICE", (await ReadFaultAsync(hostile)).EventId);
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.Equal(0, Backend.CountFor(path));
    }

    [Fact]
    public async Task AccessPoint_TwoOfDifferentOperationsInOnePath_IsBadRequestNotForwarded()
    {
        var path = AccessPoint(Locations) + AccessPoint(SubmitLocations)["/sst/drrs".Length..];

        using var response = await Client.SendAsync(Plain(path, GatewayRequests.NewUser(), Action(Locations), RetrieveBody));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Backend.Requests);
    }

    [Fact]
    public async Task GzipBody_IsCheckedInflatedAndForwardedUnchanged()
    {
        var user = GatewayRequests.NewUser();
        var compressed = Gzip(Envelope(RetrieveBody, user));

        using var first = await Client.SendAsync(Gzipped(AccessPoint(Locations), user, compressed));
        using var second = await Client.SendAsync(Gzipped(AccessPoint(Locations), user, compressed));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(compressed, Backend.Bodies.Last());
        Assert.Equal("gzip", Backend.Headers.Last()["Content-Encoding"]);
        Assert.Equal(Violation, (await ReadFaultAsync(second)).Description);
    }

    [Fact]
    public async Task GzipBody_NamingAnotherOperation_IsBadRequestNotForwarded()
    {
        var user = GatewayRequests.NewUser();

        using var response = await Client.SendAsync(Gzipped(AccessPoint(Locations), user, Gzip(Envelope("<SubmitDRLocations_v1/>", user))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Backend.Requests);
    }

    [Fact]
    public async Task GzipBomb_IsBadRequestNotForwarded()
    {
        var user = GatewayRequests.NewUser();
        var bomb = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(bomb, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes("<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Header>"));
            var spaces = new byte[1 << 20];
            spaces.AsSpan().Fill((byte)' ');
            for (var i = 0; i < 256; i++)
            {
                gzip.Write(spaces);
            }
        }

        using var response = await Client.SendAsync(Gzipped(AccessPoint(Locations), user, bomb.ToArray()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("The SOAP envelope does not reach the first element of its Body", (await ReadFaultAsync(response)).Description);
        Assert.Empty(Backend.Requests);
    }

    [Fact]
    public async Task HugeBody_BeforeTheBodyElement_IsBadRequestNotForwarded()
    {
        var user = GatewayRequests.NewUser();
        var huge = Envelope(RetrieveBody, user).Replace("<SOAP-ENV:Header>", "<SOAP-ENV:Header>" + new string(' ', 8 << 20), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, AccessPoint(Locations)) { Content = new StringContent(huge, Encoding.UTF8, "text/xml") };
        request.Headers.TryAddWithoutValidation("SOAPAction", Action(Locations));
        request.Headers.TryAddWithoutValidation(GatewayFactory.UserHeader, user);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Backend.Requests);
    }

    [Fact]
    public async Task Retrieve_EnvelopeDeclaredUtf8AsPythonWritesIt_IsForwardedThenRefused()
    {
        var user = GatewayRequests.NewUser();
        var declared = "<?xml version='1.0' encoding='utf8'?>\n" + Envelope(RetrieveBody, user);

        using var first = await Client.SendAsync(Declared(declared, user));
        using var second = await Client.SendAsync(Declared(declared, user));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(Violation, (await ReadFaultAsync(second)).Description);
    }

    [Fact]
    public async Task Unidentified_SoapCaller_GetsItsOwnEventInCaisoShape()
    {
        using var request = Plain(AccessPoint(Locations), "nobody", Action(Locations), RetrieveBody, userHeader: "X-Not-The-User-Header");

        using var response = await Client.SendAsync(request);

        var fault = await ReadFaultAsync(response);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(("AUP-UNIDENTIFIED", "Unauthorized"), (fault.EventId, fault.Result));
        Assert.Equal(fault.FaultString, fault.HelperDescription);
    }

    // Another operation's name anywhere in the body makes the gateway parse the envelope, declaration included.
    private static HttpRequestMessage Declared(string envelope, string user)
    {
        var request = Plain(AccessPoint(Locations), user, Action(Locations), RetrieveBody);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes($"{envelope}<!-- {Registrations} -->"));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/xml");
        return request;
    }

    private static HttpRequestMessage Gzipped(string path, string user, byte[] compressed)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(compressed) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/xml; charset=utf-8");
        request.Content.Headers.ContentEncoding.Add("gzip");
        request.Headers.TryAddWithoutValidation("SOAPAction", $"\"{Action(Locations)}\"");
        request.Headers.TryAddWithoutValidation(GatewayFactory.UserHeader, user);
        return request;
    }
}
