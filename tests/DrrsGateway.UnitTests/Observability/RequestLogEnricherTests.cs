using DrrsGateway.AcceptableUse.Decisions;
using DrrsGateway.Management;
using DrrsGateway.Observability;
using Microsoft.AspNetCore.Http;
using Serilog;
using Serilog.Events;

namespace DrrsGateway.UnitTests.Observability;

/// <summary>The request log's level and properties on every kind of answer, read from the policy's decision feature.</summary>
public sealed class RequestLogEnricherTests
{
    [Theory]
    [InlineData(AupOutcome.Rejected, 500)]
    [InlineData(AupOutcome.Unidentified, 500)]
    [InlineData(AupOutcome.BadRequest, 400)]
    [InlineData(AupOutcome.UnknownService, 400)]
    [InlineData(AupOutcome.StoreUnavailable, 503)]
    public void LevelFor_PolicyRefusal_IsTheConfiguredLevelWhateverTheStatus(AupOutcome outcome, int status)
    {
        var context = Answered(status, new AupDecisionFeature("alice", "", outcome, isRefusal: true));

        Assert.Equal(LogEventLevel.Debug, RequestLogEnricher.LevelFor(context, null, LogEventLevel.Debug));
    }

    [Fact]
    public void LevelFor_ForwardedServerError_IsError()
    {
        var context = Answered(502, new AupDecisionFeature("alice", "retrievedrrslocations_v1", AupOutcome.Allowed, isRefusal: false));

        Assert.Equal(LogEventLevel.Error, RequestLogEnricher.LevelFor(context, null, LogEventLevel.Debug));
    }

    [Fact]
    public void LevelFor_Exception_IsErrorEvenForARefusal()
    {
        var context = Answered(500, new AupDecisionFeature("alice", "", AupOutcome.Rejected, isRefusal: true));

        Assert.Equal(LogEventLevel.Error, RequestLogEnricher.LevelFor(context, new InvalidOperationException(), LogEventLevel.Debug));
    }

    [Fact]
    public void LevelFor_ManagementEndpoint_IsVerbose()
    {
        var context = Answered(200, decision: null);
        context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(ManagementEndpointMetadata.Instance), "metrics"));

        Assert.Equal(LogEventLevel.Verbose, RequestLogEnricher.LevelFor(context, null, LogEventLevel.Information));
    }

    [Fact]
    public void Enrich_Decision_AddsUserServiceAndDecision()
    {
        var diagnostics = new RecordingDiagnosticContext();

        RequestLogEnricher.Enrich(diagnostics, Answered(200, new AupDecisionFeature("alice", "retrievedrrslocations_v1", AupOutcome.Shadow, isRefusal: false)));

        Assert.Equal("alice", diagnostics.Properties["User"]);
        Assert.Equal("retrievedrrslocations_v1", diagnostics.Properties["Service"]);
        Assert.Equal("Shadow", diagnostics.Properties["Decision"]);
    }

    [Fact]
    public void Enrich_NoDecision_AddsNothing()
    {
        var diagnostics = new RecordingDiagnosticContext();

        RequestLogEnricher.Enrich(diagnostics, Answered(200, decision: null));

        Assert.Empty(diagnostics.Properties);
    }

    private static DefaultHttpContext Answered(int status, IAupDecisionFeature? decision)
    {
        var context = new DefaultHttpContext();
        context.Response.StatusCode = status;
        if (decision is not null)
        {
            context.Features.Set(decision);
        }

        return context;
    }

    private sealed class RecordingDiagnosticContext : IDiagnosticContext
    {
        public Dictionary<string, object?> Properties { get; } = [];

        public void Set(string propertyName, object? value, bool destructureObjects = false) => Properties[propertyName] = value;

        public void SetException(Exception exception)
        {
        }
    }
}
