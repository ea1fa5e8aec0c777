using System.Text.Json;

namespace DrrsGateway.AcceptableUse.Responses;

/// <summary>RFC 9457 problem details, for callers that accept JSON.</summary>
internal sealed class ProblemJsonResponder : RefusalResponder
{
    // Problem types a client can match on without parsing the human-readable detail.
    private const string ViolationType = "urn:drrs-gateway:problem:aup-violation";
    private const string StoreUnavailableType = "urn:drrs-gateway:problem:store-unavailable";

    public static ProblemJsonResponder Instance { get; } = new();

    protected override Task WriteBodyAsync(HttpContext context, Refusal refusal)
    {
        var (type, title) = refusal.Kind switch
        {
            RefusalKind.Violation => (ViolationType, "Too Many Requests"),
            RefusalKind.StoreUnavailable => (StoreUnavailableType, "Service Unavailable"),
            RefusalKind.ShuttingDown => ("about:blank", "Service Unavailable"),
            RefusalKind.Unidentified => ("about:blank", "Unauthorized"),
            _ => ("about:blank", "Bad Request"),
        };

        context.Response.ContentType = "application/problem+json";
        var problem = new RefusalProblem(
            Type: type,
            Title: title,
            Status: context.Response.StatusCode,
            Detail: refusal.Detail,
            TraceId: System.Diagnostics.Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier);
        return JsonSerializer.SerializeAsync(context.Response.Body, problem, RefusalJsonContext.Default.RefusalProblem, context.RequestAborted);
    }
}
