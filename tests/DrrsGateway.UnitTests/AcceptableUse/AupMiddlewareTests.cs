using System.Net;
using System.Security.Claims;
using System.Text;
using DrrsGateway.AcceptableUse.Decisions;
using DrrsGateway.AcceptableUse.Hold;
using DrrsGateway.AcceptableUse.Identity;
using DrrsGateway.AcceptableUse.Services;
using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.AcceptableUse.Stores.InMemory;
using DrrsGateway.AcceptableUse.Stores;
using DrrsGateway.AcceptableUse;
using DrrsGateway.Monitoring;
using DrrsGateway.UnitTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DrrsGateway.UnitTests.AcceptableUse;

/// <summary>
/// Every branch of the policy middleware, on a <see cref="DefaultHttpContext"/> with a scripted store: what it
/// answers, whether it forwards, the decision the request log reads and the outcome the metric counts.
/// </summary>
public sealed class AupMiddlewareTests : IDisposable
{
    private const string OperationPath = "/sst/runtime.asvc/RetrieveDRRSLocations_v1";
    private const string Service = "retrievedrrslocations_v1";
    private const string Envelope = """<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><RetrieveDRRSLocations_v1 xmlns="urn:x"/></s:Body></s:Envelope>""";

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MetricCollector<long> _decisions;
    private bool _forwarded;

    public AupMiddlewareTests()
    {
        _decisions = new MetricCollector<long>(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), AupMetrics.MeterName, AupMetrics.DecisionsName);
    }

    public void Dispose()
    {
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

    private async Task<ScriptedStore> RunAsync(HttpContext context, StoreAnswer answer, Action<AupOptions>? configure = null, int storeRetryAfterSeconds = 1)
    {
        var store = new ScriptedStore(answer);
        var options = new OptionsFactory<AupOptions>([new ConfigureNamedOptions<AupOptions>(Options.DefaultName, configure ?? (_ => { }))], []);
        using var policy = new AupPolicyProvider(options, TestPolicy.Builder, new ConfigurationBuilder().Build(), NullLogger<AupPolicyProvider>.Instance);
        using var refusalLog = new RefusalLogThrottle(new FakeTimeProvider());
        using var lifetime = new StoppingLifetime();
        using var streaks = new RefusalStreaks(Options.Create(new MonitoringOptions()), new FakeTimeProvider(), NullLogger<RefusalStreaks>.Instance);
        var holder = new CallHolder(new InMemoryHoldSlots(TimeProvider.System), TimeProvider.System, lifetime);
        var middleware = new AupMiddleware(
            _ =>
            {
                _forwarded = true;
                return Task.CompletedTask;
            },
            policy,
            store,
            new AupMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            refusalLog,
            new ServiceNames(),
            holder,
            streaks,
            new RetryingStoreHealth(storeRetryAfterSeconds),
            new BackendRefusalAbsorber(holder),
            new NoClusterCertificates(),
            NullLogger<AupMiddleware>.Instance);
        context.Response.Body = new MemoryStream();
        await middleware.InvokeAsync(context);
        return store;
    }

    private void AssertConcluded(HttpContext context, AupOutcome outcome, string metricTag, string user, string service, bool refusal)
    {
        var decision = context.Features.Get<IAupDecisionFeature>();
        Assert.NotNull(decision);
        Assert.Equal(outcome, decision.Outcome);
        Assert.Equal(outcome.ToString(), decision.Decision);
        Assert.Equal(user, decision.User);
        Assert.Equal(service, decision.Service);
        Assert.Equal(refusal, decision.IsRefusal);

        var measurement = Assert.Single(_decisions.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        Assert.Equal(metricTag, measurement.Tags["outcome"]);
        Assert.Equal(service.Length == 0 ? ServiceTag.Other : service, measurement.Tags["service"]);
    }

    private static DefaultHttpContext Call(string user, string path = OperationPath)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = path;
        Identify(context, user);
        return context;
    }

    private static DefaultHttpContext Soap11Call(string? user)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = OperationPath;
        context.Request.ContentType = "text/xml; charset=utf-8";
        context.Request.Headers["SOAPAction"] = "\"http://www.caiso.com/soa/RetrieveDRRSLocations_v1\"";
        var body = Encoding.UTF8.GetBytes(Envelope);
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

    private sealed class RetryingStoreHealth(int retryAfterSeconds) : IAupStoreHealth
    {
        public bool IsShared => true;

        public int RetryAfterSeconds => retryAfterSeconds;

        public string? Problem => null;

        public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckReadinessAsync(TimeSpan timeout, Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus failure, CancellationToken cancellationToken) =>
            Task.FromResult(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
    }
}
