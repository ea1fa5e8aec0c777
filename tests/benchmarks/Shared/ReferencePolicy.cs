using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace DrrsBenchmarks;

/// <summary>
/// The policy as the rate-limiting peers apply it: one permit per (user, service) per 30 s fixed window,
/// the user from <c>X-Drrs-User</c> and the service from <c>SOAPAction</c> (else the path), refusals answered
/// 429 with <c>Retry-After: 30</c> and CAISO's message. Unlike the gateway's, their window does not restart
/// on refused requests.
/// </summary>
public static class ReferencePolicy
{
    /// <summary>CAISO's window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Limits every request with the partitions <paramref name="partition"/> makes from the (user, service)
    /// key; requests without a user (the harness's health checks) are not limited.
    /// </summary>
    public static RateLimiterOptions UseReferencePolicy(this RateLimiterOptions options, Func<string, RateLimitPartition<string>> partition)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(partition);
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(
            context => KeyOf(context.Request) is { } key ? partition(key) : RateLimitPartition.GetNoLimiter(string.Empty));
        options.OnRejected = RefuseAsync;
        return options;
    }

    private static string? KeyOf(HttpRequest request)
    {
        var user = request.Headers["X-Drrs-User"].ToString();
        if (user.Length == 0)
        {
            return null;
        }

        var action = request.Headers["SOAPAction"];
        return string.Concat(user, "|", action.Count > 0 ? action.ToString() : request.Path.Value);
    }

    private static ValueTask RefuseAsync(OnRejectedContext context, CancellationToken cancellationToken)
        => new(ReferenceRefusal.WriteAsync(context.HttpContext.Response, cancellationToken));
}
