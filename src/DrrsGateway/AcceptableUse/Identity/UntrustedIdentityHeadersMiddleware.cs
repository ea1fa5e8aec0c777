using DrrsGateway.AcceptableUse.Settings;
namespace DrrsGateway.AcceptableUse.Identity;

/// <summary>
/// Drops the identity headers (trusted user header, forwarded certificate) of requests that do not come
/// from a trusted proxy, before anything reads them: a caller cannot speak for another user here, nor
/// mislead DRRS, which receives the forwarded request.
/// </summary>
internal sealed class UntrustedIdentityHeadersMiddleware
{
    private readonly RequestDelegate _next;
    private readonly AupPolicyProvider _policy;

    public UntrustedIdentityHeadersMiddleware(RequestDelegate next, AupPolicyProvider policy)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(policy);
        _next = next;
        _policy = policy;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var identity = _policy.Current.Identity;
        if (!identity.TrustedProxies.Contains(context.Connection.RemoteIpAddress))
        {
            Remove(context.Request.Headers, identity.TrustedHeader);
            Remove(context.Request.Headers, identity.ForwardedCertificateHeader);
        }

        return _next(context);
    }

    private static void Remove(IHeaderDictionary headers, string? name)
    {
        if (!string.IsNullOrEmpty(name))
        {
            headers.Remove(name);
        }
    }
}
