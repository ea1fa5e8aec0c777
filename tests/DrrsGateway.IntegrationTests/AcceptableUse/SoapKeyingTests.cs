using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;
using static DrrsGateway.IntegrationTests.Infrastructure.SoapWire;

namespace DrrsGateway.IntegrationTests.AcceptableUse;

/// <summary>
/// SOAP requests are keyed by the operation the backend will run, whatever the caller varies: framing
/// (SwA, MTOM), path parameters, actions, WS-Addressing, the Body; and what cannot be keyed is refused.
/// </summary>
public sealed class SoapKeyingTests : GatewayTests
{
    private const string CaisoMessage =
        "CAISO DRRS Acceptable Use Policy Violation. Please retry your request again in 30 seconds from now. Note: Time resets each time you request before expiration.";

    private const string Submit = "SubmitDRRSLocations_v1";
    private const string Retrieve = "RetrieveDRRSLocations_v1";

    [Fact]
    public async Task SwA11_SameOperationAgain_IsClientFaultWithCaisoMessageAndBodyForwardedUnchanged()
    {
        var user = NewUser();
        using var firstRequest = SwA11(RuntimePath, user, Envelope(Soap11Namespace, Submit), ActionUri(Submit));
        var sent = await firstRequest.Content!.ReadAsByteArrayAsync();
        using var first = await Client.SendAsync(firstRequest);
        using var second = await Client.SendAsync(SwA11(RuntimePath, user, Envelope(Soap11Namespace, Submit), ActionUri(Submit)));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(sent, Backend.Bodies.Last());
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal("text/xml; charset=utf-8", second.Content.Headers.ContentType!.ToString());
        Assert.Equal(new SoapFault("SOAP-ENV:Client", CaisoMessage, null), await SoapFault.ReadAsync(second));
    }

    [Fact]
    public async Task Mtom11_AfterPlainCallOfSameOperation_IsRefused()
    {
        var user = NewUser();
        using var plain = await Client.SendAsync(Soap11(RuntimePath, user, Envelope(Soap11Namespace, Submit), $"\"{ActionUri(Submit)}\""));
        using var mtom = await Client.SendAsync(Mtom11(RuntimePath, user, Envelope(Soap11Namespace, Submit), ActionUri(Submit)));

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(new SoapFault("SOAP-ENV:Client", CaisoMessage, null), await SoapFault.ReadAsync(mtom));
    }

    [Fact]
    public async Task Mtom12_ActionParameterThenActionInStartInfo_IsOneServiceAnsweredAsSoap12()
    {
        var user = NewUser();
        using var first = await Client.SendAsync(Mtom12(RuntimePath, user, Envelope(Soap12Namespace, Submit), ActionUri(Submit)));
        using var second = await Client.SendAsync(Mtom12ActionInStartInfo(RuntimePath, user, Envelope(Soap12Namespace, Submit), ActionUri(Submit)));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal("application/soap+xml; charset=utf-8", second.Content.Headers.ContentType!.ToString());
        Assert.Equal(new SoapFault("env:Sender", CaisoMessage, "en"), await SoapFault.ReadAsync(second));
    }

    [Fact]
    public async Task Mtom_DifferentOperationsOnGenericEndpoint_AreDifferentServices()
    {
        var user = NewUser();
        using var submit = await Client.SendAsync(Mtom12(RuntimePath, user, Envelope(Soap12Namespace, Submit), ActionUri(Submit)));
        using var retrieve = await Client.SendAsync(Mtom12(RuntimePath, user, Envelope(Soap12Namespace, Retrieve), null));

        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retrieve.StatusCode);
    }

    [Fact]
    public async Task PathParameters_OnOperationPath_AreOneService()
    {
        var user = NewUser();
        var responses = new List<HttpResponseMessage>();
        foreach (var parameter in new[] { "", ";jsessionid=A", ";jsessionid=B", ";x", ";" })
        {
            responses.Add(await Client.CallAsync(user, $"/sst/runtime.asvc/{Retrieve}{parameter}"));
        }

        Assert.Equal(HttpStatusCode.OK, responses[0].StatusCode);
        Assert.All(responses.Skip(1), r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.Single(Backend.Requests, path => path.Contains(Retrieve, StringComparison.Ordinal));
        responses.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task PathParameter_WithDisagreeingAction_IsRefusedAsBadRequest()
    {
        using var response = await Client.SendAsync(Soap11($"/sst/runtime.asvc/{Retrieve};x", NewUser(), Envelope(Soap11Namespace, Retrieve), $"\"{ActionUri(Submit)}\""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("SOAP-ENV:Client", (await SoapFault.ReadAsync(response)).Code);
    }

    [Theory]
    [InlineData("\"http://www.caiso.com/soa/MadeUp1_v1\"", "\"http://www.caiso.com/soa/MadeUp2_v1\"")]
    [InlineData("\"urn:junk-1\"", "\"urn:junk-2\"")]
    [InlineData("\"\"", "\"urn:junk\"")]
    [InlineData("", "\"<odd> & ;;\"")]
    [InlineData("\"#\"", "\"/\"")]
    public async Task Generic_RotatingActionsWithTheSameBody_RunTheOperationOnce(string firstAction, string secondAction)
    {
        var user = NewUser();
        using var legit = await Client.SendAsync(Soap11(RuntimePath, user, Envelope(Soap11Namespace, Retrieve), $"\"{ActionUri(Retrieve)}\""));
        var forwarded = Backend.Requests.Count;
        using var first = await Client.SendAsync(Soap11(RuntimePath, user, Envelope(Soap11Namespace, Retrieve), firstAction.Length == 0 ? [] : [firstAction]));
        using var second = await Client.SendAsync(Soap11(RuntimePath, user, Envelope(Soap11Namespace, Retrieve), secondAction));

        Assert.Equal(HttpStatusCode.OK, legit.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(CaisoMessage, (await SoapFault.ReadAsync(second)).Message);
        Assert.Equal(forwarded, Backend.Requests.Count);
    }

    [Fact]
    public async Task Generic_TwoSoapActionHeaders_AreKeyedByTheBody()
    {
        var user = NewUser();
        using var first = await Client.SendAsync(Soap11(RuntimePath, user, Envelope(Soap11Namespace, Retrieve), "\"urn:a\"", "\"urn:b\""));
        using var second = await Client.SendAsync(Soap11(RuntimePath, user, Envelope(Soap11Namespace, Retrieve), $"\"{ActionUri(Retrieve)}\""));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(CaisoMessage, (await SoapFault.ReadAsync(second)).Message);
    }

    [Fact]
    public async Task Soap12WsAddressing_ActionOnlyInEnvelope_IsKeyedByIt()
    {
        var user = NewUser();
        using var first = await Client.SendAsync(Soap12(RuntimePath, user, Envelope(Soap12Namespace, "Ignored", ActionUri(Submit)), null));
        using var second = await Client.SendAsync(Soap12(RuntimePath, user, Envelope(Soap12Namespace, "Ignored", ActionUri(Submit)), null));
        using var other = await Client.SendAsync(Soap12(RuntimePath, user, Envelope(Soap12Namespace, "Ignored", ActionUri(Retrieve)), null));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(new SoapFault("env:Sender", CaisoMessage, "en"), await SoapFault.ReadAsync(second));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Disagreements))]
    public async Task Disagreement_BetweenPathActionAndEnvelope_IsRefused400AndNotForwarded(string path, string envelope, string action)
    {
        var forwarded = Backend.Requests.Count;

        using var response = await Client.SendAsync(Soap11(path, NewUser(), envelope, $"\"{action}\""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(new SoapFault("SOAP-ENV:Client", "The request path, SOAP action and SOAP envelope name different operations.", null), await SoapFault.ReadAsync(response));
        Assert.Equal(forwarded, Backend.Requests.Count);
    }

    public static TheoryData<string, string, string> Disagreements() => new()
    {
        { RuntimePath, Envelope(Soap11Namespace, Retrieve), ActionUri(Submit) },
        { RuntimePath, Envelope(Soap11Namespace, Retrieve, ActionUri(Submit)), "" },
        { RuntimePath, Envelope(Soap11Namespace, Retrieve, ActionUri(Retrieve)), ActionUri(Submit) },
        { $"/sst/runtime.asvc/{Retrieve}", Envelope(Soap11Namespace, Retrieve), ActionUri(Submit) },
    };

    [Fact]
    public async Task Multipart_StartGivenTwice_IsRefused400AndNotForwarded()
    {
        // Parsers differ on which start wins: the gateway could key one part while the backend runs the other.
        var forwarded = Backend.Requests.Count;
        using var request = Mtom11(RuntimePath, NewUser(), Envelope(Soap11Namespace, Submit), ActionUri(Submit));
        request.Content!.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/related; type=\"application/xop+xml\"; start=\"<other@drrs>\"; start=\"{RootId}\"; boundary=\"{Boundary}\"; start-info=\"text/xml\"");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The Content-Type is given twice or gives a parameter twice, so the envelope, version or action it names is ambiguous.", (await SoapFault.ReadAsync(response)).Message);
        Assert.Equal(forwarded, Backend.Requests.Count);
    }

    [Fact]
    public async Task ContentTypeGivenTwice_OnOperationPath_IsRefused400AndNotForwarded()
    {
        var forwarded = Backend.Requests.Count;
        // The gateway's reading of the first header is not SOAP; a backend reading the second one is.
        using var request = Soap11($"/sst/runtime.asvc/{Retrieve}", NewUser(), Envelope(Soap11Namespace, Submit), $"\"{ActionUri(Retrieve)}\"");
        request.Content!.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", ["application/octet-stream", "text/xml; charset=utf-8"]);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(forwarded, Backend.Requests.Count);
    }

    [Theory]
    [InlineData("?wsdl")]
    [InlineData("?WSDL")]
    [InlineData("?singleWsdl")]
    [InlineData("?xsd=1")]
    public async Task MetadataReads_BeforeTheCall_AreForwardedUncountedWithoutIdentity(string query)
    {
        var user = NewUser();
        var path = $"/sst/runtime.asvc/{Retrieve}";
        using var anonymous = await Client.GetAsync(path + query);
        using var withUser = new HttpRequestMessage(HttpMethod.Get, path + query) { Headers = { { GatewayFactory.UserHeader, user } } };
        using var read = await Client.SendAsync(withUser);
        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path + query) { Headers = { { GatewayFactory.UserHeader, user } } });
        using var call = await Client.CallAsync(user, path);

        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
    }

    [Fact]
    public async Task MetadataRead_WhileLocked_IsStillForwarded()
    {
        var user = NewUser();
        using var call = await Client.CallAsync(user, LocationsPath);
        using var wsdl = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, LocationsPath + "?wsdl") { Headers = { { GatewayFactory.UserHeader, user } } });

        Assert.Equal(HttpStatusCode.OK, wsdl.StatusCode);
        Assert.Equal(RecordingBackend.Body, await wsdl.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostWithWsdlQuery_IsACall()
    {
        var user = NewUser();
        using var first = await Client.CallAsync(user, LocationsPath + "?wsdl");
        using var second = await Client.CallAsync(user, LocationsPath);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
    }

    [Fact]
    public async Task MetadataReads_TurnedOff_AreCalls()
    {
        await using var gateway = new GatewayFactory(Backend.Address, settings: new Dictionary<string, string?> { ["Aup:Soap:ForwardMetadataReads"] = "false" });
        using var client = gateway.CreateClientFrom();
        var user = NewUser();

        using var wsdl = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, LocationsPath + "?wsdl") { Headers = { { GatewayFactory.UserHeader, user } } });
        using var call = await client.CallAsync(user, LocationsPath);

        Assert.Equal(HttpStatusCode.OK, wsdl.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, call.StatusCode);
    }

    [Theory]
    [InlineData("/sst/runtime.asvc/MadeUpOperation_v1")]
    [InlineData("/sst/runtime.asvc/RetrieveDRRSLocations_v1x")]
    [InlineData("/sst/runtime.asvc/junk")]
    [InlineData("/sst/runtime.asvc")]
    public async Task Catalog_PlainCallNamingNoOperation_IsRefusedAndNotForwarded(string path)
    {
        var forwarded = Backend.Requests.Count;

        using var plain = await Client.CallAsync(NewUser(), path);

        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Equal("The request names no DRRS operation this gateway forwards.", await plain.Content.ReadAsStringAsync());
        Assert.Equal(forwarded, Backend.Requests.Count);
    }

    [Fact]
    public async Task Catalog_SoapCallOnUncataloguedOperationPath_IsRefusedAndNotForwarded()
    {
        var forwarded = Backend.Requests.Count;

        using var soap = await Client.SendAsync(Soap11("/sst/runtime.asvc/MadeUpOperation_v1", NewUser(), Envelope(Soap11Namespace, Retrieve), $"\"{ActionUri(Retrieve)}\""));

        Assert.Equal(HttpStatusCode.BadRequest, soap.StatusCode);
        Assert.Equal(new SoapFault("SOAP-ENV:Client", "The request names no DRRS operation this gateway forwards.", null), await SoapFault.ReadAsync(soap));
        Assert.Equal(forwarded, Backend.Requests.Count);
    }

    [Fact]
    public async Task OperationPath_BodyNamingAnotherOperationWithoutAction_IsRefused400()
    {
        var forwarded = Backend.Requests.Count;

        using var response = await Client.SendAsync(Soap12($"/sst/runtime.asvc/{Retrieve}", NewUser(), Envelope(Soap12Namespace, Submit), null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(forwarded, Backend.Requests.Count);
    }

    [Fact]
    public async Task EnvelopeCheckAlways_BodyNamingAnotherOperationThanPathAndAction_IsRefused400()
    {
        await using var gateway = new GatewayFactory(Backend.Address, settings: new Dictionary<string, string?> { ["Aup:Soap:EnvelopeCheck"] = "Always" });
        using var client = gateway.CreateClientFrom();

        using var response = await client.SendAsync(Soap11($"/sst/runtime.asvc/{Retrieve}", NewUser(), Envelope(Soap11Namespace, Submit), $"\"{ActionUri(Retrieve)}\""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Catalog_UnknownOperationInEnvelope_IsRefusedAndNotForwarded()
    {
        var forwarded = Backend.Requests.Count;

        using var response = await Client.SendAsync(Soap12(RuntimePath, NewUser(), Envelope(Soap12Namespace, "MadeUp_v1", ActionUri("MadeUp_v1")), ActionUri("MadeUp_v1")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(new SoapFault("env:Sender", "The request names no DRRS operation this gateway forwards.", "en"), await SoapFault.ReadAsync(response));
        Assert.Equal(forwarded, Backend.Requests.Count);
    }

    [Fact]
    public async Task Catalog_ConfiguredNames_ReplaceTheDefault()
    {
        await using var gateway = new GatewayFactory(Backend.Address, settings: new Dictionary<string, string?> { ["Aup:Services:Names"] = "CustomOperation_v*, RetrieveDRRSLocations_v1" });
        using var client = gateway.CreateClientFrom();

        using var custom = await client.CallAsync(NewUser(), "/sst/runtime.asvc/CustomOperation_v3");
        using var listed = await client.CallAsync(NewUser(), "/sst/runtime.asvc/RetrieveDRRSLocations_v1");
        using var unlisted = await client.CallAsync(NewUser(), "/sst/runtime.asvc/SubmitDRRSLocations_v1");

        Assert.Equal(HttpStatusCode.OK, custom.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unlisted.StatusCode);
    }

    [Fact]
    public async Task Catalog_Off_ForwardsVersionedNamesButStillKeysTheBodyOnTheGenericEndpoint()
    {
        await using var gateway = new GatewayFactory(Backend.Address, settings: new Dictionary<string, string?> { ["Aup:Services:Enabled"] = "false" });
        using var client = gateway.CreateClientFrom();
        var user = NewUser();

        using var custom = await client.CallAsync(user, "/sst/runtime.asvc/Anything_v1");
        using var first = await client.SendAsync(Soap11(RuntimePath, user, Envelope(Soap11Namespace, "Wrapper"), "\"urn:junk-1\""));
        using var rotated = await client.SendAsync(Soap11(RuntimePath, user, Envelope(Soap11Namespace, "Wrapper"), "\"urn:junk-2\""));

        Assert.Equal(HttpStatusCode.OK, custom.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(CaisoMessage, (await SoapFault.ReadAsync(rotated)).Message);
        Assert.Single(gateway.Logs.WithEventId(EventIds.StartupCatalogOff));
    }

    [Fact]
    public async Task BadRequests_FloodFromOneUser_AreLoggedOncePerWindow()
    {
        var user = NewUser();
        for (var i = 0; i < 5; i++)
        {
            using var response = await Client.SendAsync(Soap11(RuntimePath, user, "<s:Envelope", $"\"{ActionUri(Retrieve)}\""));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Single(Gateway.Logs.WithEventId(EventIds.BadRequest), e => LogCollector.Scalar(e, "Reason") as string == "The request body is not a well-formed SOAP envelope.");
    }

    [Fact]
    public async Task EnvelopeCheckWhenHeadersNameNone_ActionNamingAnOperation_IsTrustedWithoutReadingTheBody()
    {
        await using var gateway = new GatewayFactory(Backend.Address, settings: new Dictionary<string, string?> { ["Aup:Soap:EnvelopeCheck"] = "WhenHeadersNameNone" });
        using var client = gateway.CreateClientFrom();

        using var response = await client.SendAsync(Soap11(RuntimePath, NewUser(), "not even xml", $"\"{ActionUri(Submit)}\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Hostile_XmlBombWithDtd_IsRefused400WithoutExpansion()
    {
        var lol = string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">"));
        var bomb = $"<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY lol0 \"lol\">{lol}]><s:Envelope xmlns:s=\"{Soap11Namespace}\"><s:Body><{Retrieve}>&lol9;</{Retrieve}></s:Body></s:Envelope>";
        var forwarded = Backend.Requests.Count;

        using var response = await Client.SendAsync(Soap11(RuntimePath, NewUser(), bomb, $"\"{ActionUri(Retrieve)}\""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The SOAP envelope declares a DTD, which SOAP forbids.", (await SoapFault.ReadAsync(response)).Message);
        Assert.Equal(forwarded, Backend.Requests.Count);
    }

    [Fact]
    public async Task Hostile_TenMegabytesBeforeBody_IsRefused400AndNotForwarded()
    {
        var padding = $"<p:Pad xmlns:p=\"urn:pad\">{new string('x', 10 * 1024 * 1024)}</p:Pad>";
        var forwarded = Backend.Requests.Count;

        using var response = await Client.SendAsync(Soap11(RuntimePath, NewUser(), Envelope(Soap11Namespace, Retrieve, headerPadding: padding), $"\"{ActionUri(Retrieve)}\""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("within 65536 bytes", (await SoapFault.ReadAsync(response)).Message, StringComparison.Ordinal);
        Assert.Equal(forwarded, Backend.Requests.Count);
    }

    [Fact]
    public async Task SignedEnvelope_WithSecurityHeaderBeforeBody_IsKeyedByItsBody()
    {
        var user = NewUser();
        using var first = await Client.SendAsync(Soap11(RuntimePath, user, Envelope(Soap11Namespace, Submit, headerPadding: SecurityHeader(20_000)), "\"\""));
        using var second = await Client.SendAsync(Soap11(RuntimePath, user, Envelope(Soap11Namespace, Submit), $"\"{ActionUri(Submit)}\""));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(CaisoMessage, (await SoapFault.ReadAsync(second)).Message);
    }

    [Fact]
    public async Task Concurrent_MtomCallsOfOneOperation_ExactlyOneForwarded()
    {
        var user = NewUser();
        var before = Backend.Requests.Count;

        var responses = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => i % 2 == 0
            ? Client.SendAsync(Mtom11(RuntimePath, user, Envelope(Soap11Namespace, Submit), ActionUri(Submit)))
            : Client.SendAsync(Soap11(RuntimePath, user, Envelope(Soap11Namespace, Submit), $"\"urn:made-up-{i}\""))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(before + 1, Backend.Requests.Count);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
