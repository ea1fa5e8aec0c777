using System.Net;
using DrrsGateway.AcceptableUse.Services;
using static DrrsGateway.IntegrationTests.Peers.DrrsOperations;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// Ways around the lock on JAX-WS RI's generic endpoint, through the gateway. JAX-WS RI runs the operation
/// the first Body child names (see <see cref="JaxwsDispatchTests"/>), so within one window a user must get
/// that operation executed once, whatever SOAPAction, path or header shape comes with it. Assertions read
/// what the backend executed.
/// </summary>
[Collection(JaxwsPeersCollection.Name)]
public sealed class JaxwsAttackTests(JaxwsGatewayFixture peer)
{
    [Fact]
    public async Task Post_RotatingMadeUpActions_ExecutesOnce()
    {
        var user = PeerRequests.NewUser("rotate");

        foreach (var action in new[] { "\"http://example.invalid/MadeUp1_v1\"", "\"http://example.invalid/MadeUp2_v1\"", "\"urn:made-up:3\"", "\"http://example.invalid/#x4\"" })
        {
            await peer.Client.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.RuntimePath, action, RetrieveLocations));
        }

        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Post_EmptyOrMissingActionAfterCall_ExecutesOnce(string? secondAction)
    {
        var user = PeerRequests.NewUser("empty");

        var (first, _) = await peer.Client.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.RuntimePath, QuotedAction(RetrieveLocations), RetrieveLocations));
        await peer.Client.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.RuntimePath, secondAction, RetrieveLocations));

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }

    [Fact]
    public async Task Post_EmptyActionBeforeKnownAction_ExecutesOnce()
    {
        var user = PeerRequests.NewUser("empty-first");

        var (first, _) = await peer.Client.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.RuntimePath, "\"\"", RetrieveLocations));
        await peer.Client.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.RuntimePath, QuotedAction(RetrieveLocations), RetrieveLocations));

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }

    [Theory]
    [InlineData("\"http://example.invalid/MadeUp_v1\"", "\"http://example.invalid/Other_v1\"")]
    [InlineData("\"http://www.caiso.com/soa/SubmitDRRSLocations_v1\"", "\"http://www.caiso.com/soa/RetrieveDRRSLocations_v1\"")]
    [InlineData("\"http://www.caiso.com/soa/RetrieveDRRSLocations_v1\"", "\"http://www.caiso.com/soa/RetrieveDRRSLocations_v1\"")]
    public async Task Post_DuplicatedSoapActionHeaders_ExecutesOnce(string firstLine, string secondLine)
    {
        var user = PeerRequests.NewUser("dup");
        var gateway = peer.Gateway.BaseAddress;

        var first = await PeerRequests.RawSoap11Async(gateway, PeerRequests.RuntimePath, user, RetrieveLocations, QuotedAction(RetrieveLocations));
        await PeerRequests.RawSoap11Async(gateway, PeerRequests.RuntimePath, user, RetrieveLocations, firstLine, secondLine);

        Assert.Equal(200, first);
        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }

    [Fact]
    public async Task Post_ActionOfOtherOperationWithLockedBody_IsRefusedAndExecutesOnce()
    {
        var user = PeerRequests.NewUser("a-for-b");

        await peer.Client.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.RuntimePath, QuotedAction(RetrieveLocations), RetrieveLocations));
        using var mismatch = await peer.Client.SendAsync(PeerRequests.Soap11(user, PeerRequests.RuntimePath, QuotedAction(SubmitLocations), RetrieveLocations));

        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
        await GatewayRefusal.AssertSoap11Async(mismatch, ServiceNameResolver.DisagreementProblem);
    }

    [Fact]
    public async Task Post_ActionOfOtherOperationFirst_IsRefusedAndExecutesNothing()
    {
        var user = PeerRequests.NewUser("a-for-b-first");

        using var mismatch = await peer.Client.SendAsync(PeerRequests.Soap11(user, PeerRequests.RuntimePath, QuotedAction(SubmitLocations), RetrieveLocations));

        Assert.Empty(await peer.Backend.ExecutedAsync(user));
        await GatewayRefusal.AssertSoap11Async(mismatch, ServiceNameResolver.DisagreementProblem);
    }

    [Fact]
    public async Task Post_OperationPathAndActionWithOtherBody_IsRefusedAndExecutesOnce()
    {
        // JAX-WS RI answers below its address too and still dispatches on the body.
        var user = PeerRequests.NewUser("path-for-b");
        var client = peer.Client;

        await client.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.RuntimePath, QuotedAction(RetrieveLocations), RetrieveLocations));
        using var mismatch = await client.SendAsync(PeerRequests.Soap11(user, PeerRequests.RuntimePath + "/" + SubmitLocations, QuotedAction(SubmitLocations), RetrieveLocations));

        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
        await GatewayRefusal.AssertSoap11Async(mismatch, ServiceNameResolver.DisagreementProblem);
    }

    [Fact]
    public async Task Post_RotatingOperationPathsWithOneBody_ExecutesOnce()
    {
        // Each path names a catalogued operation and its own action agrees: only the body says what JAX-WS RI runs.
        var user = PeerRequests.NewUser("path-rotate");
        var client = peer.Client;

        foreach (var operation in new[] { RetrieveLocations, SubmitLocations, RetrieveBatchStatus, SubmitRegistrations, RetrieveRegistrations, SubmitLocationReview })
        {
            await client.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.RuntimePath + "/" + operation, QuotedAction(operation), RetrieveLocations));
        }

        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }

    [Theory]
    [InlineData("POST", "?wsdl")]
    [InlineData("POST", "?xsd=1")]
    [InlineData("PUT", "")]
    [InlineData("PUT", "?wsdl")]
    [InlineData("DELETE", "")]
    public async Task Send_OtherMethodOrMetadataQueryAfterCall_ExecutesOnce(string method, string query)
    {
        // JAX-WS RI serves metadata only to GET; any other method with an envelope runs it, query or not.
        var user = PeerRequests.NewUser("method");

        await peer.Client.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.RuntimePath, QuotedAction(RetrieveLocations), RetrieveLocations));
        await peer.Client.SendAsync(() =>
        {
            var request = PeerRequests.Soap11(user, PeerRequests.RuntimePath + query, QuotedAction(RetrieveLocations), RetrieveLocations);
            request.Method = new HttpMethod(method);
            return request;
        });

        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }

    [Fact]
    public async Task Post_SixteenConcurrentIdenticalRequests_ExecutesOnce()
    {
        var user = PeerRequests.NewUser("burst");

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            peer.Client.SendAsync(() => PeerRequests.Soap11(user, PeerRequests.RuntimePath, QuotedAction(RetrieveLocations), RetrieveLocations))));

        Assert.Single(answers, answer => answer.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(answer => answer.Status != HttpStatusCode.OK), answer => Assert.Contains(Violation, answer.Body, StringComparison.Ordinal));
        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }

    [Fact]
    public async Task Post_Soap12RotatingActions_ExecutesOnce()
    {
        var user = PeerRequests.NewUser("rotate12");

        foreach (var action in new[] { Action(RetrieveLocations), "http://example.invalid/MadeUp_v1", Action(SubmitLocations), "urn:x" })
        {
            await peer.Client.SendAsync(() => PeerRequests.Soap12(user, PeerRequests.Soap12Path, action, RetrieveLocations));
        }

        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }

    [Fact]
    public async Task Post_Soap12Repeated_RefusedWithSenderFaultAndStatus500()
    {
        var user = PeerRequests.NewUser("refuse12");

        var (first, _) = await peer.Client.SendAsync(() => PeerRequests.Soap12(user, PeerRequests.Soap12Path, Action(RetrieveLocations), RetrieveLocations));
        using var request = PeerRequests.Soap12(user, PeerRequests.Soap12Path, Action(RetrieveLocations), RetrieveLocations);
        using var refused = await peer.Client.SendAsync(request);
        var fault = await Infrastructure.SoapFault.ReadAsync(refused);

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.Equal(Violation, fault.Message);
        Assert.Equal(new Dictionary<string, int> { [RetrieveLocations] = 1 }, await peer.Backend.ExecutedAsync(user));
    }
}
