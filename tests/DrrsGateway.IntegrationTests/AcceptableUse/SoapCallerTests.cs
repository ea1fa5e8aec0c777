using System.Net;
using DrrsGateway.AcceptableUse.Stores;
using DrrsGateway.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.AcceptableUse;

/// <summary>SOAP callers end to end: keyed by the operation their action names, refused with SOAP faults.</summary>
public sealed class SoapCallerTests : GatewayTests
{
    private const string CaisoMessage =
        "CAISO DRRS Acceptable Use Policy Violation. Please retry your request again in 30 seconds from now. Note: Time resets each time you request before expiration.";

    [Fact]
    public async Task Soap11_SameOperationAgain_IsClientFaultWithCaisoMessage500AndRetryAfter()
    {
        var user = NewUser();
        using var first = await Client.Soap11Async(user, RuntimePath, CaisoAction("submitDRRSLocations_v1"));
        using var second = await Client.Soap11Async(user, RuntimePath, CaisoAction("submitDRRSLocations_v1"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal("text/xml; charset=utf-8", second.Content.Headers.ContentType!.ToString());
        Assert.Equal(TimeSpan.FromSeconds(30), second.Headers.RetryAfter!.Delta);
        Assert.Equal(new SoapFault("SOAP-ENV:Client", CaisoMessage, null), await SoapFault.ReadAsync(second));
        Assert.Equal(1, Backend.CountFor(RuntimePath));
    }

    [Fact]
    public async Task Soap12_SameOperationAgain_IsSenderFaultWithEnglishCaisoMessage500AndRetryAfter()
    {
        var user = NewUser();
        using var first = await Client.Soap12Async(user, RuntimePath, "http://www.caiso.com/soa/retrieveDRRSLocations_v1");
        using var second = await Client.Soap12Async(user, RuntimePath, "http://www.caiso.com/soa/retrieveDRRSLocations_v1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        // 500, not the binding's 400: WCF reads a fault only from a 2xx or 500 response.
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal("application/soap+xml; charset=utf-8", second.Content.Headers.ContentType!.ToString());
        Assert.Equal(TimeSpan.FromSeconds(30), second.Headers.RetryAfter!.Delta);
        Assert.Equal(new SoapFault("env:Sender", CaisoMessage, "en"), await SoapFault.ReadAsync(second));
    }

    [Fact]
    public async Task Soap11_GenericEndpointDifferentOperations_AreDifferentServices()
    {
        var user = NewUser();
        using var submit = await Client.Soap11Async(user, RuntimePath, CaisoAction("submitDRRSLocations_v1"));
        using var retrieve = await Client.Soap11Async(user, RuntimePath, CaisoAction("retrieveDRRSLocations_v1"));

        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retrieve.StatusCode);
        Assert.Equal(2, Backend.CountFor(RuntimePath));
    }

    [Fact]
    public async Task Call_OperationByPathThenBySoapAction_IsOneService()
    {
        var user = NewUser();
        using var byPath = await Client.CallAsync(user, LocationsPath);
        using var byAction = await Client.Soap11Async(user, RuntimePath, CaisoAction("RetrieveDRRSLocations_v1"));

        Assert.Equal(HttpStatusCode.OK, byPath.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, byAction.StatusCode);
        Assert.Equal(CaisoMessage, (await SoapFault.ReadAsync(byAction)).Message);
    }

    [Fact]
    public async Task Call_Soap11ActionThenSoap12ActionParameter_IsOneService()
    {
        var user = NewUser();
        using var soap11 = await Client.Soap11Async(user, RuntimePath, CaisoAction("submitDRRSRegistrations_v1"));
        using var soap12 = await Client.Soap12Async(user, "/other/endpoint", "urn:caiso#SubmitDRRSRegistrations_v1");

        Assert.Equal(HttpStatusCode.OK, soap11.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, soap12.StatusCode);
        Assert.Equal(CaisoMessage, (await SoapFault.ReadAsync(soap12)).Message);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"http://www.caiso.com/soa/\"")]
    [InlineData("\"http://www.caiso.com/soa/<script>&amp;\"")]
    [InlineData("garbage \"\" ;; \\ ' <>")]
    public async Task Soap11_EmptyOrGarbageSoapActionAndEmptyBody_IsRefusedAsNamingNoOperationWithWellFormedFault(string soapAction)
    {
        var forwardedBefore = Backend.CountFor(RuntimePath);
        using var response = await Client.Soap11Async(NewUser(), RuntimePath, soapAction);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(new SoapFault("SOAP-ENV:Client", "The request names no DRRS operation this gateway forwards.", null), await SoapFault.ReadAsync(response));
        Assert.Equal(forwardedBefore, Backend.CountFor(RuntimePath));
    }

    [Fact]
    public async Task Soap11_MalformedXmlBodyOnOperationPathNamingNoOtherOperation_IsForwardedAndKeyedByPath()
    {
        // Nothing in the body names another operation, so no backend can dispatch it elsewhere: DRRS answers it.
        var user = NewUser();
        using var first = await Client.Soap11Async(user, LocationsPath, CaisoAction("retrieveDRRSLocations_v1"), body: "<soap:Envelope><<<&&& not xml");
        using var second = await Client.Soap11Async(user, LocationsPath, CaisoAction("retrieveDRRSLocations_v1"), body: "\0\0\0");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(new SoapFault("SOAP-ENV:Client", CaisoMessage, null), await SoapFault.ReadAsync(second));
    }

    [Fact]
    public async Task Soap11_MalformedXmlBodyOnOperationPathNamingAnotherOperation_IsRefusedOnceAllowed()
    {
        var user = NewUser();
        var forwarded = Backend.CountFor(LocationsPath);
        using var first = await Client.Soap11Async(user, LocationsPath, CaisoAction("retrieveDRRSLocations_v1"), body: "<soap:Envelope><<< SubmitDRRSLocations_v1");
        using var second = await Client.Soap11Async(user, LocationsPath, CaisoAction("retrieveDRRSLocations_v1"));

        // Allowed by the store, then refused for its body: the path's window was restarted all the same.
        Assert.Equal(new SoapFault("SOAP-ENV:Client", "The request body is not a well-formed SOAP envelope.", null), await SoapFault.ReadAsync(first));
        Assert.Equal(new SoapFault("SOAP-ENV:Client", CaisoMessage, null), await SoapFault.ReadAsync(second));
        Assert.Equal(forwarded, Backend.CountFor(LocationsPath));
    }

    [Fact]
    public async Task Soap11_MalformedXmlBodyOnOperationPathTrustingPathAndAction_IsForwardedUnread()
    {
        await using var gateway = new GatewayFactory(Backend.Address, settings: new Dictionary<string, string?> { ["Aup:Soap:EnvelopeCheck"] = "UnlessPathAndActionAgree" });
        using var client = gateway.CreateClientFrom();

        using var response = await client.Soap11Async(NewUser(), LocationsPath, CaisoAction("retrieveDRRSLocations_v1"), body: "<soap:Envelope><<<&&& not xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Soap11_MalformedXmlBodyOnGenericEndpoint_IsRefusedNotForwarded()
    {
        var forwardedBefore = Backend.CountFor(RuntimePath);
        using var response = await Client.Soap11Async(NewUser(), RuntimePath, CaisoAction("submitDRRSLocations_v1"), body: "<soap:Envelope><<<&&& not xml");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(new SoapFault("SOAP-ENV:Client", "The request body is not a well-formed SOAP envelope.", null), await SoapFault.ReadAsync(response));
        Assert.Equal(forwardedBefore, Backend.CountFor(RuntimePath));
    }

    [Fact]
    public async Task Soap11_RefusedOnOperationPathWhileBodyStillStreaming_AnswersWithoutReadingTheBody()
    {
        // Path and action name the operation: nothing of the body is needed, so none is waited for.
        const string path = "/sst/runtime.asvc/retrieveDRRSBatchStatus_v1";
        var user = NewUser();
        using var first = await Client.Soap11Async(user, path, CaisoAction("retrieveDRRSBatchStatus_v1"));
        using var neverEnds = new CancellationTokenSource();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new EndlessContent(neverEnds.Token) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/xml; charset=utf-8");
        request.Headers.TryAddWithoutValidation("SOAPAction", CaisoAction("retrieveDRRSBatchStatus_v1"));
        request.Headers.Add(GatewayFactory.UserHeader, user);

        using var second = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(TimeSpan.FromSeconds(10));
        await neverEnds.CancelAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
    }

    [Fact]
    public async Task Soap11_NoIdentity_IsClientFaultNotForwarded()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, RuntimePath) { Content = new StringContent(SoapEnvelope, System.Text.Encoding.UTF8, "text/xml") };
        request.Headers.TryAddWithoutValidation("SOAPAction", CaisoAction("submitDRRSLocations_v1"));

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var fault = await SoapFault.ReadAsync(response);
        Assert.Equal("SOAP-ENV:Client", fault.Code);
        Assert.Contains("could not tell which user", fault.Message, StringComparison.Ordinal);
        Assert.Empty(Backend.Requests);
    }

    [Fact]
    public async Task Soap12_OversizedIdentity_IsSenderFault400()
    {
        using var response = await Client.Soap12Async(new string('u', 1000), RuntimePath, "urn:x/op");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fault = await SoapFault.ReadAsync(response);
        Assert.Equal("env:Sender", fault.Code);
        Assert.Contains("longer than 256", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Soap_StoreUnavailableWithReject_IsServerFault503WithRetryAfter()
    {
        await using var gateway = new GatewayFactory(
            Backend.Address,
            settings: new Dictionary<string, string?> { ["Aup:OnStoreFailure"] = "Reject" },
            configureServices: services => services.AddSingleton<IAupStore, UnavailableStore>());
        using var client = gateway.CreateClientFrom();

        using var soap11 = await client.Soap11Async(NewUser(), RuntimePath, CaisoAction("submitDRRSLocations_v1"));
        using var soap12 = await client.Soap12Async(NewUser(), RuntimePath, "urn:x/retrieveDRRSLocations_v1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, soap11.StatusCode);
        Assert.Equal("SOAP-ENV:Server", (await SoapFault.ReadAsync(soap11)).Code);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, soap12.StatusCode);
        Assert.Equal("env:Receiver", (await SoapFault.ReadAsync(soap12)).Code);
        Assert.NotNull(soap12.Headers.RetryAfter);
    }

    [Fact]
    public async Task Soap_ConfiguredFaultStatusCodes_AreUsed()
    {
        await using var gateway = new GatewayFactory(Backend.Address, settings: new Dictionary<string, string?>
        {
            ["Aup:Soap:Soap11FaultStatusCode"] = "429",
            ["Aup:Soap:Soap12FaultStatusCode"] = "429",
        });
        using var client = gateway.CreateClientFrom();
        var user = NewUser();

        using var first = await client.Soap11Async(user, RuntimePath, CaisoAction("submitDRRSLocations_v1"));
        using var soap11 = await client.Soap11Async(user, RuntimePath, CaisoAction("submitDRRSLocations_v1"));
        using var soap12 = await client.Soap12Async(user, RuntimePath, "urn:x/submitDRRSLocations_v1");

        Assert.Equal(HttpStatusCode.TooManyRequests, soap11.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, soap12.StatusCode);
        Assert.Equal(CaisoMessage, (await SoapFault.ReadAsync(soap12)).Message);
    }

    [Fact]
    public async Task Soap_Disabled_IsKeyedByPathAndRefusedAsPlainText()
    {
        await using var gateway = new GatewayFactory(Backend.Address, settings: new Dictionary<string, string?> { ["Aup:Soap:Enabled"] = "false" });
        using var client = gateway.CreateClientFrom();
        var user = NewUser();

        using var first = await client.Soap11Async(user, LocationsPath, CaisoAction("submitDRRSLocations_v1"));
        using var second = await client.Soap11Async(user, LocationsPath, CaisoAction("retrieveDRRSRegistrations_v1"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(CaisoMessage, await second.Content.ReadAsStringAsync());
    }

    /// <summary>A request body that keeps the request open until cancelled, like a slow or stalled upload.</summary>
    private sealed class EndlessContent(CancellationToken stop) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync("<soap:Envelope>"u8.ToArray(), stop);
            await stream.FlushAsync(stop);
            try
            {
                await Task.Delay(Timeout.Infinite, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
