using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Decisions;
using DrrsGateway.AcceptableUse.Hold;
using DrrsGateway.AcceptableUse.Identity;
using DrrsGateway.AcceptableUse.Services;
using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.AcceptableUse.Stores;
using DrrsGateway.AcceptableUse.Stores.InMemory;
using DrrsGateway.Monitoring;
using DrrsGateway.UnitTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Yarp.ReverseProxy.Model;

namespace DrrsGateway.UnitTests.AcceptableUse;

/// <summary>
/// Every branch of the policy middleware, on a <see cref="DefaultHttpContext"/> with a scripted store and a
/// fake clock: what it answers, whether it forwards, the decision the request log reads, the outcome the
/// metric counts and the line it logs.
/// </summary>
public sealed class AupMiddlewareTests : IDisposable
{
    private const string OperationPath = "/sst/runtime.asvc/RetrieveDRRSLocations_v1";
    private const string Service = "retrievedrrslocations_v1";
    private const string Envelope = """<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><RetrieveDRRSLocations_v1 xmlns="urn:x"/></s:Body></s:Envelope>""";
    private const string OtherOperationEnvelope = """<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><SubmitDRRSLocations_v1 xmlns="urn:x"/></s:Body></s:Envelope>""";
    private const string UnknownOperationEnvelope = """<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><MadeUpOperation_v1 xmlns="urn:x"/></s:Body></s:Envelope>""";
    private const string OperationAction = "\"http://www.caiso.com/soa/RetrieveDRRSLocations_v1\"";
    private const string AccessPointPath = "/sst/runtime.asvc";

    // A spacing of hold mode on the default 30 s window: the window plus the default 1 s margin.
    private static readonly TimeSpan Spacing = TimeSpan.FromSeconds(31);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MetricCollector<long> _decisions;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-01T12:00:00Z", CultureInfo.InvariantCulture));
    private readonly StoppingLifetime _lifetime = new();
    private readonly FakeLogger<AupMiddleware> _log = new();
    private readonly RefusalLogThrottle _refusalLog;
    private readonly Queue<int> _backendStatuses = new();
    private IHoldSlots _slots;
    private bool _forwarded;
    private int _forwards;

    public AupMiddlewareTests()
    {
        _decisions = new MetricCollector<long>(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), AupMetrics.MeterName, AupMetrics.DecisionsName);
        _refusalLog = new RefusalLogThrottle(_time);
        _slots = new InMemoryHoldSlots(_time);
    }

    public void Dispose()
    {
        _refusalLog.Dispose();
        _lifetime.Dispose();
        _decisions.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task Invoke_PolicyOff_ForwardsWithoutDecisionOrMetric()
    {
        var context = Call("alice");

        await RunAsync(context, StoreAnswer.Rejected, options => options.Enabled = false);

        Assert.True(_forwarded);
        Assert.Null(context.Features.Get<IAupDecisionFeature>());
        Assert.Empty(_decisions.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task Invoke_RouteOff_ForwardsWithoutDecision()
    {
        var context = TestRouteFeature.Request(OperationPath, new Dictionary<string, string> { ["AupMode"] = "Off" });
        Identify(context, "alice");

        var store = await RunAsync(context, StoreAnswer.Rejected);

        Assert.True(_forwarded);
        Assert.Empty(store.Requests);
        Assert.Null(context.Features.Get<IAupDecisionFeature>());
    }

    [Fact]
    public async Task Invoke_Allowed_ForwardsAdvertisingThePolicy()
    {
        var context = Call("alice");

        var store = await RunAsync(context, StoreAnswer.Allowed);

        Assert.True(_forwarded);
        Assert.Equal((new AupKey("alice", Service), TimeSpan.FromSeconds(30)), Assert.Single(store.Requests));
        Assert.Equal("1;w=30", context.Response.Headers["RateLimit-Policy"]);
        AssertConcluded(context, AupOutcome.Allowed, "allowed", "alice", Service, refusal: false);
    }

    [Fact]
    public async Task Invoke_Rejected_AnswersCaisosMessageWithoutForwarding()
    {
        var context = Call("alice");

        await RunAsync(context, StoreAnswer.Rejected);

        Assert.False(_forwarded);
        Assert.Equal(StatusCodes.Status429TooManyRequests, context.Response.StatusCode);
        Assert.Equal("30", context.Response.Headers.RetryAfter);
        Assert.Contains(AupMessages.Violation(30), Body(context), StringComparison.Ordinal);
        AssertConcluded(context, AupOutcome.Rejected, "rejected", "alice", Service, refusal: true);
    }

    [Fact]
    public async Task Invoke_Soap11Rejected_IsAFaultAt500ThatCountsAsARefusal()
    {
        var context = Soap11Call("alice");

        await RunAsync(context, StoreAnswer.Rejected);

        Assert.False(_forwarded);
        Assert.Equal(StatusCodes.Status500InternalServerError, context.Response.StatusCode);
        Assert.Contains(AupMessages.Violation(30), Body(context), StringComparison.Ordinal);
        Assert.Contains("<Service><id>RetrieveDRRSLocations_v1</id><name>RetrieveDRRSLocations_v1</name></Service>", Body(context), StringComparison.Ordinal);
        AssertConcluded(context, AupOutcome.Rejected, "rejected", "alice", Service, refusal: true);
    }

    [Fact]
    public async Task Invoke_Soap11Allowed_ConfirmsTheEnvelopeAndForwardsEveryByte()
    {
        var context = Soap11Call("alice");

        await RunAsync(context, StoreAnswer.Allowed);

        Assert.True(_forwarded);
        Assert.Equal(Envelope, await new StreamReader(context.Request.Body).ReadToEndAsync());
        AssertConcluded(context, AupOutcome.Allowed, "allowed", "alice", Service, refusal: false);
    }

    [Fact]
    public async Task Invoke_ShadowRouteRejected_ForwardsAsShadow()
    {
        var context = TestRouteFeature.Request(OperationPath, new Dictionary<string, string> { ["AupMode"] = "Shadow" });
        Identify(context, "alice");

        await RunAsync(context, StoreAnswer.Rejected);

        Assert.True(_forwarded);
        AssertConcluded(context, AupOutcome.Shadow, "shadow", "alice", Service, refusal: false);
    }

    [Fact]
    public async Task Invoke_ShadowRouteUnidentified_ForwardsAsShadow()
    {
        var context = TestRouteFeature.Request(OperationPath, new Dictionary<string, string> { ["AupMode"] = "Shadow" });

        await RunAsync(context, StoreAnswer.Allowed);

        Assert.True(_forwarded);
        AssertConcluded(context, AupOutcome.Shadow, "shadow", "", "", refusal: false);
    }

    [Fact]
    public async Task Invoke_ExemptUser_ForwardsWithoutAskingTheStore()
    {
        var context = Call("monitor");

        var store = await RunAsync(context, StoreAnswer.Rejected, options => options.ExemptUsers = ["monitor"]);

        Assert.True(_forwarded);
        Assert.Empty(store.Requests);
        AssertConcluded(context, AupOutcome.Exempt, "exempt", "monitor", "", refusal: false);
    }

    [Fact]
    public async Task Invoke_NoIdentity_Refuses401()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = OperationPath;

        var store = await RunAsync(context, StoreAnswer.Allowed);

        Assert.False(_forwarded);
        Assert.Empty(store.Requests);
        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
        AssertConcluded(context, AupOutcome.Unidentified, "unidentified", "", "", refusal: true);
    }

    [Fact]
    public async Task Invoke_Soap11NoIdentity_IsAFaultAt500ThatCountsAsARefusal()
    {
        var context = Soap11Call(user: null);

        await RunAsync(context, StoreAnswer.Allowed);

        Assert.False(_forwarded);
        Assert.Equal(StatusCodes.Status500InternalServerError, context.Response.StatusCode);
        Assert.Contains(AupMessages.Unidentified, Body(context), StringComparison.Ordinal);
        AssertConcluded(context, AupOutcome.Unidentified, "unidentified", "", "", refusal: true);
    }

    [Theory]
    [InlineData(2, 5)]
    [InlineData(1, 300)]
    public async Task Invoke_UnusableTrustedHeader_Refuses400(int copies, int length)
    {
        var context = Soap11Call(user: null);
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Request.Headers["X-Drrs-User"] = Enumerable.Repeat(new string('a', length), copies).ToArray();

        var store = await RunAsync(context, StoreAnswer.Allowed, options => options.Identity.TrustedHeader = "X-Drrs-User");

        Assert.False(_forwarded);
        Assert.Empty(store.Requests);
        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        AssertConcluded(context, AupOutcome.BadRequest, "bad_request", "", "", refusal: true);
    }

    [Fact]
    public async Task Invoke_UnknownOperation_RefusesWithoutAskingTheStore()
    {
        var context = Call("alice", "/sst/runtime.asvc/MadeUpOperation_v1");

        var store = await RunAsync(context, StoreAnswer.Allowed);

        Assert.False(_forwarded);
        Assert.Empty(store.Requests);
        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        AssertConcluded(context, AupOutcome.UnknownService, "unknown_service", "alice", "", refusal: true);
    }

    [Fact]
    public async Task Invoke_MetadataRead_ForwardsWithoutIdentityOrStore()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/sst/runtime.asvc";
        context.Request.QueryString = new QueryString("?wsdl");

        var store = await RunAsync(context, StoreAnswer.Rejected);

        Assert.True(_forwarded);
        Assert.Empty(store.Requests);
        AssertConcluded(context, AupOutcome.Metadata, "metadata", "", "", refusal: false);
    }

    [Fact]
    public async Task Invoke_StoreUnavailableWithAllow_ForwardsUnchecked()
    {
        var context = Call("alice");

        await RunAsync(context, StoreAnswer.StoreUnavailable, options => options.OnStoreFailure = StoreFailureMode.Allow);

        Assert.True(_forwarded);
        AssertConcluded(context, AupOutcome.StoreUnavailable, "store_failure", "alice", Service, refusal: false);
    }

    [Fact]
    public async Task Invoke_StoreUnavailableWithReject_Refuses503UntilTheStoreIsAskedAgain()
    {
        var context = Call("alice");

        // The store's own pause says when: a live edit of Aup:Breaker, which the store never sees, does not.
        await RunAsync(context, StoreAnswer.StoreUnavailable, options =>
        {
            options.OnStoreFailure = StoreFailureMode.Reject;
            options.Breaker.BreakMilliseconds = 10_000;
        }, storeRetryAfterSeconds: 3);

        Assert.False(_forwarded);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("3", context.Response.Headers.RetryAfter);
        AssertConcluded(context, AupOutcome.StoreUnavailable, "store_failure", "alice", Service, refusal: true);
    }

    [Fact]
    public async Task Invoke_Allowed_LogsAllowedAtDebug()
    {
        await RunAsync(Call("alice"), StoreAnswer.Allowed);

        AssertLogged(EventIds.Allowed, LogLevel.Debug, ("User", "alice"), ("Service", Service), ("Decision", "Allowed"));
    }

    [Fact]
    public async Task Invoke_RejectedAgainWithinTheWindow_LogsTheRepeatAtDebugAndCountsItForTheNextWindow()
    {
        await RunAsync(Call("alice"), StoreAnswer.Rejected);
        AssertLogged(EventIds.Rejected, LogLevel.Information, ("User", "alice"), ("Service", Service), ("Decision", "Rejected"), ("RetryAfterSeconds", "30"), ("SuppressedRefusals", "0"));

        await RunAsync(Call("alice"), StoreAnswer.Rejected);
        AssertLogged(EventIds.RejectedRepeat, LogLevel.Debug, ("User", "alice"), ("Service", Service), ("Decision", "Rejected"), ("RetryAfterSeconds", "30"));

        _log.Collector.Clear();
        _time.Advance(TimeSpan.FromSeconds(30));
        await RunAsync(Call("alice"), StoreAnswer.Rejected);
        AssertLogged(EventIds.Rejected, LogLevel.Information, ("SuppressedRefusals", "1"));
    }

    [Fact]
    public async Task Invoke_RejectedPairsOfOneUser_AreLoggedApart()
    {
        await RunAsync(Call("alice"), StoreAnswer.Rejected);
        await RunAsync(Call("alice", "/sst/runtime.asvc/SubmitDRRSLocations_v1"), StoreAnswer.Rejected);

        Assert.Equal(2, _log.Collector.GetSnapshot().Count(line => line.Id.Id == EventIds.Rejected));
        AssertNotLogged(EventIds.RejectedRepeat);
    }

    [Fact]
    public async Task Invoke_UnknownOperationAgainWithinTheWindow_IsLoggedOncePerUser()
    {
        await RunAsync(Call("alice", "/sst/runtime.asvc/MadeUpOperation_v1"), StoreAnswer.Allowed);
        await RunAsync(Call("alice", "/sst/runtime.asvc/OtherMadeUpOperation_v1"), StoreAnswer.Allowed);
        await RunAsync(Call("bob", "/sst/runtime.asvc/MadeUpOperation_v1"), StoreAnswer.Allowed);

        var lines = _log.Collector.GetSnapshot();
        Assert.Equal(["alice", "bob"], lines.Where(line => line.Id.Id == EventIds.UnknownService).Select(line => line.GetStructuredStateValue("User")));
        Assert.All(lines, line => Assert.Equal(LogLevel.Information, line.Level));
        Assert.Equal("/sst/runtime.asvc/MadeUpOperation_v1", lines[0].GetStructuredStateValue("Path"));
        Assert.Equal("UnknownService", lines[0].GetStructuredStateValue("Decision"));
        Assert.Equal("0", lines[0].GetStructuredStateValue("SuppressedRefusals"));
    }

    [Fact]
    public async Task Invoke_UnknownOperationThenUnkeyableRequest_LogsEachKindOfRefusalOfTheUser()
    {
        await RunAsync(Call("alice", "/sst/runtime.asvc/MadeUpOperation_v1"), StoreAnswer.Allowed);
        await RunAsync(Soap11Call("alice", envelope: OtherOperationEnvelope), StoreAnswer.Allowed);

        AssertLogged(EventIds.UnknownService, LogLevel.Information);
        AssertLogged(EventIds.BadRequest, LogLevel.Information, ("Reason", ServiceNameResolver.DisagreementProblem), ("SuppressedRefusals", "0"));
    }

    [Fact]
    public async Task Invoke_NoIdentity_LogsUnidentified()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = OperationPath;

        await RunAsync(context, StoreAnswer.Allowed);

        AssertLogged(EventIds.Unidentified, LogLevel.Information, ("Path", OperationPath));
    }

    [Fact]
    public async Task Invoke_ExemptAndMetadata_LogAtDebug()
    {
        await RunAsync(Call("monitor"), StoreAnswer.Rejected, options => options.ExemptUsers = ["monitor"]);
        var metadata = new DefaultHttpContext();
        metadata.Request.Method = HttpMethods.Get;
        metadata.Request.Path = AccessPointPath;
        metadata.Request.QueryString = new QueryString("?wsdl");
        await RunAsync(metadata, StoreAnswer.Rejected);

        AssertLogged(EventIds.Exempt, LogLevel.Debug, ("User", "monitor"), ("Path", OperationPath), ("Decision", "Exempt"));
        AssertLogged(EventIds.MetadataRead, LogLevel.Debug, ("Path", AccessPointPath), ("Decision", "Metadata"));
    }

    [Fact]
    public async Task Invoke_StoreUnavailable_LogsWhatOnStoreFailureDid()
    {
        await RunAsync(Call("alice"), StoreAnswer.StoreUnavailable, options => options.OnStoreFailure = StoreFailureMode.Allow);
        await RunAsync(Call("bob"), StoreAnswer.StoreUnavailable, options => options.OnStoreFailure = StoreFailureMode.Reject);

        AssertLogged(EventIds.StoreFailureAllowed, LogLevel.Debug, ("User", "alice"), ("Service", Service));
        AssertLogged(EventIds.StoreFailureRejected, LogLevel.Debug, ("User", "bob"), ("Service", Service));
    }

    [Fact]
    public async Task Invoke_ShadowRouteRejected_LogsWhatEnforcingWouldHaveDoneOnly()
    {
        await RunAsync(OnRoute(Call("alice"), "Shadow"), StoreAnswer.Rejected);

        AssertLogged(EventIds.ShadowRejected, LogLevel.Information, ("User", "alice"), ("Service", Service), ("Decision", "Shadow"), ("RetryAfterSeconds", "30"));
        Assert.Single(_log.Collector.GetSnapshot());
    }

    [Fact]
    public async Task Invoke_ShadowRouteUnidentified_LogsTheStatusItWouldHaveAnsweredOnly()
    {
        var context = TestRouteFeature.Request(OperationPath, new Dictionary<string, string> { ["AupMode"] = "Shadow" });

        await RunAsync(context, StoreAnswer.Allowed);

        AssertLogged(EventIds.ShadowRefusal, LogLevel.Information, ("StatusCode", "401"), ("Path", OperationPath), ("Decision", "Shadow"));
        Assert.Single(_log.Collector.GetSnapshot());
    }

    [Fact]
    public async Task Invoke_ShadowRouteStoreUnavailableWithReject_ForwardsAsShadow()
    {
        var context = OnRoute(Call("alice"), "Shadow");

        await RunAsync(context, StoreAnswer.StoreUnavailable, options => options.OnStoreFailure = StoreFailureMode.Reject);

        Assert.True(_forwarded);
        AssertConcluded(context, AupOutcome.Shadow, "shadow", "alice", Service, refusal: false);
        AssertLogged(EventIds.ShadowRefusal, LogLevel.Information, ("StatusCode", "503"));
        AssertNotLogged(EventIds.StoreFailureRejected);
    }

    [Fact]
    public async Task Invoke_ShadowRouteUnknownOperation_ForwardsAsShadowWithoutTheRefusalLine()
    {
        var context = OnRoute(Call("alice", "/sst/runtime.asvc/MadeUpOperation_v1"), "Shadow");

        await RunAsync(context, StoreAnswer.Allowed);

        Assert.True(_forwarded);
        AssertConcluded(context, AupOutcome.Shadow, "shadow", "alice", "", refusal: false);
        AssertLogged(EventIds.ShadowRefusal, LogLevel.Information, ("StatusCode", "400"));
        AssertNotLogged(EventIds.UnknownService);
    }

    [Fact]
    public async Task Invoke_OperationOnlyInTheEnvelope_KeysByTheEnvelopeAndForwardsEveryByte()
    {
        var context = Soap11Call("alice", AccessPointPath, action: "\"\"");

        var store = await RunAsync(context, StoreAnswer.Allowed);

        Assert.True(_forwarded);
        Assert.Equal((new AupKey("alice", Service), TimeSpan.FromSeconds(30)), Assert.Single(store.Requests));
        Assert.Equal(Envelope, await new StreamReader(context.Request.Body).ReadToEndAsync());
        Assert.Equal("1;w=30", context.Response.Headers["RateLimit-Policy"]);
        AssertConcluded(context, AupOutcome.Allowed, "allowed", "alice", Service, refusal: false);
    }

    [Fact]
    public async Task Invoke_OperationOnlyInTheEnvelopeRejected_AnswersAFaultNamingTheEnvelopesOperation()
    {
        var context = Soap11Call("alice", AccessPointPath, action: "\"\"");

        await RunAsync(context, StoreAnswer.Rejected);

        Assert.False(_forwarded);
        Assert.Equal(StatusCodes.Status500InternalServerError, context.Response.StatusCode);
        Assert.Contains("<Service><id>RetrieveDRRSLocations_v1</id><name>RetrieveDRRSLocations_v1</name></Service>", Body(context), StringComparison.Ordinal);
        AssertConcluded(context, AupOutcome.Rejected, "rejected", "alice", Service, refusal: true);
    }

    [Fact]
    public async Task Invoke_EnvelopeNamesAnUnknownOperation_RefusesWithoutAskingTheStore()
    {
        var context = Soap11Call("alice", AccessPointPath, action: "\"\"", envelope: UnknownOperationEnvelope);

        var store = await RunAsync(context, StoreAnswer.Allowed);

        Assert.False(_forwarded);
        Assert.Empty(store.Requests);
        Assert.Contains(ServiceResult.UnknownOperationProblem, Body(context), StringComparison.Ordinal);
        AssertConcluded(context, AupOutcome.UnknownService, "unknown_service", "alice", "", refusal: true);
        AssertLogged(EventIds.UnknownService, LogLevel.Information, ("User", "alice"), ("Path", AccessPointPath));
    }

    [Fact]
    public async Task Invoke_EnvelopeNotXml_RefusesAsBadRequestWithoutAskingTheStore()
    {
        var context = Soap11Call("alice", AccessPointPath, action: "\"\"", envelope: "not an envelope");

        var store = await RunAsync(context, StoreAnswer.Allowed);

        Assert.False(_forwarded);
        Assert.Empty(store.Requests);
        AssertConcluded(context, AupOutcome.BadRequest, "bad_request", "alice", "", refusal: true);
        AssertLogged(EventIds.BadRequest, LogLevel.Information, ("Reason", "The request body is not a well-formed SOAP envelope."));
    }

    [Fact]
    public async Task Invoke_EnvelopeDisagreesWithPathAndAction_RefusesAfterRestartingTheWindow()
    {
        var context = Soap11Call("alice", envelope: OtherOperationEnvelope);

        var store = await RunAsync(context, StoreAnswer.Allowed);

        Assert.False(_forwarded);
        Assert.Equal((new AupKey("alice", Service), TimeSpan.FromSeconds(30)), Assert.Single(store.Requests));
        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        Assert.Contains(ServiceNameResolver.DisagreementProblem, Body(context), StringComparison.Ordinal);
        Assert.False(context.Response.Headers.ContainsKey("RateLimit-Policy"));
        AssertConcluded(context, AupOutcome.BadRequest, "bad_request", "alice", "", refusal: true);
        AssertNotLogged(EventIds.Allowed);
    }

    [Fact]
    public async Task Invoke_EnvelopeDisagreesButThePairIsRejected_RefusesTheViolationWithoutReadingTheEnvelope()
    {
        var context = Soap11Call("alice", envelope: OtherOperationEnvelope);

        await RunAsync(context, StoreAnswer.Rejected);

        Assert.False(_forwarded);
        Assert.Equal(0, context.Request.Body.Position);
        AssertConcluded(context, AupOutcome.Rejected, "rejected", "alice", Service, refusal: true);
    }

    [Fact]
    public async Task Invoke_ShadowRouteEnvelopeDisagrees_ForwardsAsShadow()
    {
        var context = OnRoute(Soap11Call("alice", envelope: OtherOperationEnvelope), "Shadow");

        await RunAsync(context, StoreAnswer.Allowed);

        Assert.True(_forwarded);
        AssertConcluded(context, AupOutcome.Shadow, "shadow", "alice", "", refusal: false);
    }

    [Fact]
    public async Task Invoke_HoldRouteFirstCall_ForwardsAtOnceWithoutAskingTheStore()
    {
        var context = OnRoute(Call("alice"), "Hold");

        var store = await RunAsync(context, StoreAnswer.Rejected);

        Assert.True(_forwarded);
        Assert.Empty(store.Requests);
        Assert.False(context.Response.Headers.ContainsKey(AupMiddleware.HeldHeader));
        Assert.False(context.Response.Headers.ContainsKey("RateLimit-Policy"));
        AssertConcluded(context, AupOutcome.Allowed, "allowed", "alice", Service, refusal: false);
        AssertLogged(EventIds.Allowed, LogLevel.Debug, ("User", "alice"), ("Service", Service));
    }

    [Fact]
    public async Task Invoke_HoldRouteCallInsideTheWindow_IsHeldForItsSlotThenForwarded()
    {
        await TakeAlicesSlotAsync();
        var context = OnRoute(Call("alice"), "Hold");

        var held = RunAsync(context, StoreAnswer.Rejected);
        _time.Advance(Spacing - TimeSpan.FromMilliseconds(1));
        Assert.False(held.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await held;

        Assert.Equal(1, _forwards);
        Assert.Equal("31000", context.Response.Headers[AupMiddleware.HeldHeader]);
        AssertConcluded(context, AupOutcome.Held, "held", "alice", Service, refusal: false);
        AssertLogged(EventIds.Held, LogLevel.Debug, ("User", "alice"), ("Service", Service), ("Decision", "Held"), ("HeldMilliseconds", "31000"));
    }

    [Fact]
    public async Task Invoke_HoldRouteNoSlotWithinTheLongestWait_RefusesWithCaisosMessage()
    {
        await TakeAlicesSlotAsync();
        var context = OnRoute(Call("alice"), "Hold");

        await RunAsync(context, StoreAnswer.Allowed, options => options.Hold.MaxWaitSeconds = 5);

        Assert.False(_forwarded);
        Assert.Equal(StatusCodes.Status429TooManyRequests, context.Response.StatusCode);
        Assert.Equal("30", context.Response.Headers.RetryAfter);
        Assert.Contains(AupMessages.Violation(30), Body(context), StringComparison.Ordinal);
        AssertConcluded(context, AupOutcome.Rejected, "rejected", "alice", Service, refusal: true);
        AssertLogged(EventIds.HoldFull, LogLevel.Information, ("User", "alice"), ("Service", Service), ("Decision", "Rejected"), ("WaitMilliseconds", "31000"));
        AssertNotLogged(EventIds.Rejected);
    }

    [Fact]
    public async Task Invoke_HoldRouteCallerGivesUp_ConcludesHoldCancelledWithoutAnswering()
    {
        await TakeAlicesSlotAsync();
        using var aborted = new CancellationTokenSource();
        var context = OnRoute(Call("alice"), "Hold");
        context.RequestAborted = aborted.Token;

        var held = RunAsync(context, StoreAnswer.Allowed);
        await aborted.CancelAsync();
        await held;

        Assert.False(_forwarded);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Empty(Body(context));
        AssertConcluded(context, AupOutcome.HoldCancelled, "hold_cancelled", "alice", Service, refusal: true);
        AssertLogged(EventIds.HoldCancelled, LogLevel.Information, ("User", "alice"), ("Service", Service), ("Decision", "HoldCancelled"), ("Reason", "the caller gave up"));
    }

    [Fact]
    public async Task Invoke_HoldRouteGatewayStopping_Answers503WithTheRestOfTheWait()
    {
        await TakeAlicesSlotAsync();
        var context = OnRoute(Call("alice"), "Hold");

        var held = RunAsync(context, StoreAnswer.Allowed);
        _time.Advance(TimeSpan.FromSeconds(10.5));
        _lifetime.StopApplication();
        await held;

        Assert.False(_forwarded);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("21", context.Response.Headers.RetryAfter);
        Assert.Contains(AupMessages.ShuttingDown, Body(context), StringComparison.Ordinal);
        AssertConcluded(context, AupOutcome.HoldCancelled, "hold_cancelled", "alice", Service, refusal: true);
        AssertLogged(EventIds.HoldCancelled, LogLevel.Information, ("Reason", "the gateway is stopping"));
    }

    [Fact]
    public async Task Invoke_HoldRouteSlotsUnavailableWithReject_Refuses503()
    {
        _slots = new UnavailableHoldSlots();
        var context = OnRoute(Call("alice"), "Hold");

        await RunAsync(context, StoreAnswer.Allowed, options => options.OnStoreFailure = StoreFailureMode.Reject, storeRetryAfterSeconds: 3);

        Assert.False(_forwarded);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("3", context.Response.Headers.RetryAfter);
        AssertConcluded(context, AupOutcome.StoreUnavailable, "store_failure", "alice", Service, refusal: true);
        AssertLogged(EventIds.StoreFailureRejected, LogLevel.Debug);
    }

    // Not a refusal, so shadow mode has nothing to rewrite; hold mode asks its slots, not the store.
    [Theory]
    [InlineData("Shadow")]
    [InlineData("Hold")]
    public async Task Invoke_RouteStoreUnavailableWithAllow_ForwardsUnchecked(string mode)
    {
        _slots = new UnavailableHoldSlots();
        var context = OnRoute(Call("alice"), mode);

        await RunAsync(context, StoreAnswer.StoreUnavailable, options => options.OnStoreFailure = StoreFailureMode.Allow);

        Assert.True(_forwarded);
        AssertConcluded(context, AupOutcome.StoreUnavailable, "store_failure", "alice", Service, refusal: false);
        AssertLogged(EventIds.StoreFailureAllowed, LogLevel.Debug);
    }

    [Fact]
    public async Task Invoke_HoldRouteEnvelopeDisagrees_RefusesBeforeTakingASlot()
    {
        var disagreeing = OnRoute(Soap11Call("alice", envelope: OtherOperationEnvelope), "Hold");
        await RunAsync(disagreeing, StoreAnswer.Allowed);
        _decisions.Clear();
        var next = OnRoute(Call("alice"), "Hold");

        await RunAsync(next, StoreAnswer.Allowed);

        AssertDecided(disagreeing, AupOutcome.BadRequest, "alice", "", refusal: true);
        Assert.Contains(ServiceNameResolver.DisagreementProblem, Body(disagreeing), StringComparison.Ordinal);
        Assert.Equal(1, _forwards);
        AssertConcluded(next, AupOutcome.Allowed, "allowed", "alice", Service, refusal: false);
    }

    [Fact]
    public async Task Invoke_BackendRefusesAnAllowedCall_PassesTheRefusalOnAndCountsIt()
    {
        _backendStatuses.Enqueue(StatusCodes.Status429TooManyRequests);
        var context = Call("alice");

        await RunAsync(context, StoreAnswer.Allowed);

        Assert.Equal(1, _forwards);
        Assert.Equal(StatusCodes.Status429TooManyRequests, context.Response.StatusCode);
        AssertDecided(context, AupOutcome.BackendRefused, "alice", Service, refusal: false);
        AssertCounted("allowed", "backend_refused");
        AssertLogged(EventIds.BackendRefused, LogLevel.Warning, ("User", "alice"), ("Service", Service), ("Decision", "BackendRefused"), ("Action", "passed the refusal on to the caller"));
    }

    [Fact]
    public async Task Invoke_HoldRouteBackendRefusesOnce_HoldsTheCallAgainAndForwardsItASpacingLater()
    {
        _backendStatuses.Enqueue(StatusCodes.Status429TooManyRequests);
        var context = OnRoute(Call("alice"), "Hold");

        var call = RunAsync(context, StoreAnswer.Allowed);
        Assert.Equal(1, _forwards);
        _time.Advance(Spacing);
        await call;

        Assert.Equal(2, _forwards);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal("31000", context.Response.Headers[AupMiddleware.HeldHeader]);
        AssertDecided(context, AupOutcome.Allowed, "alice", Service, refusal: false);
        AssertCounted("allowed", "backend_refused");
        AssertLogged(EventIds.BackendRefused, LogLevel.Warning, ("Action", "held the call again and forwarded it a spacing later"));
    }

    [Fact]
    public async Task Invoke_HoldRouteBackendKeepsRefusing_PassesTheLastRefusalOnAfterThreeAbsorbed()
    {
        for (var refusal = 0; refusal < 4; refusal++)
        {
            _backendStatuses.Enqueue(StatusCodes.Status429TooManyRequests);
        }

        var context = OnRoute(Call("alice"), "Hold");

        var call = RunAsync(context, StoreAnswer.Allowed);
        for (var absorbed = 0; absorbed < 3; absorbed++)
        {
            _time.Advance(Spacing);
            await WhileForwardsAreAsync(absorbed + 1);
        }

        await call;

        Assert.Equal(4, _forwards);
        Assert.Equal(StatusCodes.Status429TooManyRequests, context.Response.StatusCode);
        AssertDecided(context, AupOutcome.BackendRefused, "alice", Service, refusal: false);
        AssertCounted("allowed", "backend_refused", "backend_refused", "backend_refused", "backend_refused");
        var actions = _log.Collector.GetSnapshot().Where(line => line.Id.Id == EventIds.BackendRefused).Select(line => line.GetStructuredStateValue("Action")).ToList();
        Assert.Equal(4, actions.Count);
        Assert.Equal("passed the refusal on to the caller", actions[^1]);
    }

    private async Task<ScriptedStore> RunAsync(HttpContext context, StoreAnswer answer, Action<AupOptions>? configure = null, int storeRetryAfterSeconds = 1)
    {
        var store = new ScriptedStore(answer);
        var options = new OptionsFactory<AupOptions>([new ConfigureNamedOptions<AupOptions>(Options.DefaultName, configure ?? (_ => { }))], []);
        using var policy = new AupPolicyProvider(options, TestPolicy.Builder, new ConfigurationBuilder().Build(), NullLogger<AupPolicyProvider>.Instance);
        using var streaks = new RefusalStreaks(Options.Create(new MonitoringOptions()), new FakeTimeProvider(), NullLogger<RefusalStreaks>.Instance);
        var holder = new CallHolder(_slots, _time, _lifetime);
        var metrics = new AupMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var storeHealth = new RetryingStoreHealth(storeRetryAfterSeconds);
        var middleware = new AupMiddleware(
            ForwardToBackend,
            policy,
            new AupDecider(new ServiceNameResolver(new ServiceNames()), new NoClusterCertificates(), new StoreDecider(store, metrics, storeHealth), new HoldDecider(holder, storeHealth)),
            new AupDecisionApplier(metrics, streaks, _refusalLog, _log),
            new BackendRefusalAbsorber(holder));
        context.Response.Body = new MemoryStream();
        await middleware.InvokeAsync(context);
        return store;
    }

    // The backend answers each forwarding with the next scripted status, then 200.
    private Task ForwardToBackend(HttpContext context)
    {
        _forwarded = true;
        _forwards++;
        if (_backendStatuses.TryDequeue(out var status))
        {
            context.Response.StatusCode = status;
        }

        return Task.CompletedTask;
    }

    private void AssertConcluded(HttpContext context, AupOutcome outcome, string metricTag, string user, string service, bool refusal)
    {
        AssertDecided(context, outcome, user, service, refusal);

        var measurement = Assert.Single(_decisions.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        Assert.Equal(metricTag, measurement.Tags["outcome"]);
        Assert.Equal(service.Length == 0 ? ServiceTag.Other : service, measurement.Tags["service"]);
    }

    private static void AssertDecided(HttpContext context, AupOutcome outcome, string user, string service, bool refusal)
    {
        var decision = context.Features.Get<IAupDecisionFeature>();
        Assert.NotNull(decision);
        Assert.Equal(outcome, decision.Outcome);
        Assert.Equal(outcome.ToString(), decision.Decision);
        Assert.Equal(user, decision.User);
        Assert.Equal(service, decision.Service);
        Assert.Equal(refusal, decision.IsRefusal);
    }

    private void AssertCounted(params string[] metricTags) =>
        Assert.Equal(metricTags, _decisions.GetMeasurementSnapshot().Select(measurement => (string)measurement.Tags["outcome"]!));

    // The one line the policy logged with this event id, its level and the named fields of its message.
    private void AssertLogged(int eventId, LogLevel level, params (string Name, string Value)[] fields)
    {
        var record = Assert.Single(_log.Collector.GetSnapshot(), line => line.Id.Id == eventId);
        Assert.Equal(level, record.Level);
        foreach (var (name, value) in fields)
        {
            Assert.Equal(value, record.GetStructuredStateValue(name));
        }
    }

    private void AssertNotLogged(int eventId) =>
        Assert.DoesNotContain(_log.Collector.GetSnapshot(), line => line.Id.Id == eventId);

    private static DefaultHttpContext OnRoute(DefaultHttpContext context, string mode)
    {
        context.Features.Set<IReverseProxyFeature>(new TestRouteFeature(new Dictionary<string, string> { ["AupMode"] = mode }));
        return context;
    }

    private static DefaultHttpContext Call(string user, string path = OperationPath)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = path;
        Identify(context, user);
        return context;
    }

    private static DefaultHttpContext Soap11Call(string? user, string path = OperationPath, string action = OperationAction, string envelope = Envelope)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = path;
        context.Request.ContentType = "text/xml; charset=utf-8";
        context.Request.Headers["SOAPAction"] = action;
        var body = Encoding.UTF8.GetBytes(envelope);
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        if (user is not null)
        {
            Identify(context, user);
        }

        return context;
    }

    // The principal source: what ASP.NET Core authentication would have established.
    private static void Identify(HttpContext context, string user) =>
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], authenticationType: "test"));

    private static string Body(HttpContext context) => Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());

    // A first call on a hold route, forwarded at once: the next one of the pair finds the slot taken.
    private async Task TakeAlicesSlotAsync()
    {
        await RunAsync(OnRoute(Call("alice"), "Hold"), StoreAnswer.Allowed);
        _decisions.Clear();
        _forwarded = false;
        _forwards = 0;
    }

    // The absorber forwards again on a continuation of the fake clock's timer: wait for it, never for long.
    private async Task WhileForwardsAreAsync(int forwards)
    {
        for (var round = 0; _forwards == forwards && round < 1000; round++)
        {
            await Task.Delay(1);
        }
    }

    private sealed class UnavailableHoldSlots : IHoldSlots
    {
        public ValueTask<HoldSlot> ReserveAsync(AupKey key, TimeSpan spacing, TimeSpan maxWait, int maxQueued) => ValueTask.FromResult(HoldSlot.Unavailable);

        public ValueTask ForwardedAsync(AupKey key, TimeSpan spacing) => ValueTask.CompletedTask;

        public ValueTask<TimeSpan> RemainingAsync(AupKey key, TimeSpan spacing) => ValueTask.FromResult(TimeSpan.Zero);

        public ValueTask ReleaseAsync(AupKey key, HoldSlot slot, TimeSpan spacing) => ValueTask.CompletedTask;
    }

    private sealed class RetryingStoreHealth(int retryAfterSeconds) : IAupStoreHealth
    {
        public bool IsShared => true;

        public int RetryAfterSeconds => retryAfterSeconds;

        public string? Problem => null;

        public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckReadinessAsync(TimeSpan timeout, Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus failure, CancellationToken cancellationToken) =>
            Task.FromResult(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
    }
}
