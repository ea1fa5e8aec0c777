namespace DrrsBenchmarks;

/// <summary>
/// The refusal every reference row answers: 429, <c>Retry-After: 30</c> and CAISO's message as plain text,
/// nothing else. The one home of the message in the reference projects.
/// </summary>
public static class ReferenceRefusal
{
    private const string Message =
        "CAISO DRRS Acceptable Use Policy Violation. Please retry your request again in 30 seconds from now. Note: Time resets each time you request before expiration.";

    /// <summary>Writes the refusal to <paramref name="response"/>.</summary>
    public static Task WriteAsync(HttpResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = "30";
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(Message, cancellationToken);
    }
}
