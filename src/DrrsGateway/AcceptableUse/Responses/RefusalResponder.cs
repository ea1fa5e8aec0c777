using System.Globalization;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace DrrsGateway.AcceptableUse.Responses;

/// <summary>
/// Writes the gateway's own answers: the policy refusal (HTTP 429 with CAISO's message) and the short
/// errors for requests the policy cannot key. JSON callers get RFC 9457 problem details; others plain text.
/// </summary>
internal static class RefusalResponder
{
    private const string PlainText = "text/plain; charset=utf-8";
    private const string ProblemJson = "application/problem+json";

    // Problem types a client can match on without parsing the human-readable detail.
    private const string ViolationType = "urn:drrs-gateway:problem:aup-violation";
    private const string StoreUnavailableType = "urn:drrs-gateway:problem:store-unavailable";

    public static Task WriteViolationAsync(HttpContext context, int windowSeconds)
    {
        var message = AupMessages.Violation(windowSeconds);
        return WriteAsync(context, StatusCodes.Status429TooManyRequests, ViolationType, "Too Many Requests", message, windowSeconds);
    }

    public static Task WriteStoreUnavailableAsync(HttpContext context, int retryAfterSeconds) =>
        WriteAsync(context, StatusCodes.Status503ServiceUnavailable, StoreUnavailableType, "Service Unavailable", AupMessages.StoreUnavailable, retryAfterSeconds);

    public static Task WriteErrorAsync(HttpContext context, int statusCode, string title, string detail) =>
        WriteAsync(context, statusCode, "about:blank", title, detail, retryAfterSeconds: null);

    private static Task WriteAsync(HttpContext context, int statusCode, string type, string title, string detail, int? retryAfterSeconds)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.Headers.CacheControl = "no-store";
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (!WantsJson(context.Request))
        {
            response.ContentType = PlainText;
            return response.WriteAsync(detail);
        }

        response.ContentType = ProblemJson;
        var problem = new RefusalProblem(
            Type: type,
            Title: title,
            Status: statusCode,
            Detail: detail,
            TraceId: System.Diagnostics.Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier);
        return JsonSerializer.SerializeAsync(response.Body, problem, RefusalJsonContext.Default.RefusalProblem, context.RequestAborted);
    }

    /// <summary>True when the caller lists a JSON media type it accepts (q &gt; 0).</summary>
    internal static bool WantsJson(HttpRequest request)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0)
        {
            return false;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var mediaTypes))
        {
            return false;
        }

        foreach (var mediaType in mediaTypes)
        {
            if (mediaType.Quality is 0)
            {
                continue;
            }

            var subType = mediaType.SubTypeWithoutSuffix;
            var isApplication = mediaType.Type.Equals("application", StringComparison.OrdinalIgnoreCase);
            if (isApplication && (subType.Equals("json", StringComparison.OrdinalIgnoreCase)
                || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
