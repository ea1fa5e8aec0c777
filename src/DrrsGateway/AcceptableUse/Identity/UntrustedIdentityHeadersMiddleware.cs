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
    private readonly AupSettings _settings;

    public UntrustedIdentityHeadersMiddleware(RequestDelegate next, AupSettings settings)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(settings);
        _next = next;
        _settings = settings;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var identity = _settings.Current.Identity;
        if (!identity.EffectiveTrustedProxies.Contains(context.Connection.RemoteIpAddress))
        {
            Remove(context.Request.Headers, identity.TrustedHeader);
            Remove(context.Request.Headers, identity.ClientCertificate.ForwardedHeader);
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
