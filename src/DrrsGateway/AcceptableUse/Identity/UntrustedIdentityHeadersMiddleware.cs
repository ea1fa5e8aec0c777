using System.Diagnostics.CodeAnalysis;
using System.Net;
using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.Infrastructure;

namespace DrrsGateway.AcceptableUse.Identity;

/// <summary>
/// Drops the identity headers (trusted user header, forwarded certificate) of requests that do not come
/// from a trusted proxy, before anything reads them: a caller cannot speak for another user here, nor
/// mislead DRRS, which receives the forwarded request. That it happened is logged, once per address every
/// few minutes: behind a container port mapping or a new load balancer, the peer is often not the address
/// the operator listed, and the callers' 401s alone would not say why.
/// </summary>
[SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable", Justification = "The host never disposes middleware; the table's timer holds it weakly and stops once the pipeline is dropped.")]
internal sealed partial class UntrustedIdentityHeadersMiddleware
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(2);

    // Bounded: a scan from many addresses must not grow it without end.
    private const int MaxRemembered = 1024;

    private readonly RequestDelegate _next;
    private readonly AupPolicyProvider _policy;
    private readonly ILogger<UntrustedIdentityHeadersMiddleware> _logger;
    private readonly ExpiringKeyTable<IPAddress> _quiet;

    public UntrustedIdentityHeadersMiddleware(RequestDelegate next, AupPolicyProvider policy, TimeProvider time, ILogger<UntrustedIdentityHeadersMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _next = next;
        _policy = policy;
        _logger = logger;
        _quiet = new(time, LogEvery);
    }

    public Task InvokeAsync(HttpContext context)
    {
        var identity = _policy.Current.Identity;
        var peer = context.Connection.RemoteIpAddress;
        if (!identity.TrustedProxies.Contains(peer))
        {
            var userHeader = Remove(context.Request.Headers, identity.TrustedHeader);
            var certificateHeader = Remove(context.Request.Headers, identity.ForwardedCertificateHeader);
            if ((userHeader || certificateHeader) && peer is not null)
            {
                LogIgnored(peer, userHeader ? identity.TrustedHeader! : identity.ForwardedCertificateHeader!);
            }
        }

        return _next(context);
    }

    private void LogIgnored(IPAddress peer, string header)
    {
        if (_quiet.IsLive(peer, _quiet.Now))
        {
            return;
        }

        if (_quiet.Count >= MaxRemembered)
        {
            _quiet.Clear();
        }

        if (_quiet.TryStart(peer, LogEvery))
        {
            Log.IgnoredFromUntrustedPeer(_logger, header, peer.ToString());
        }
    }

    private static bool Remove(IHeaderDictionary headers, string? name) => !string.IsNullOrEmpty(name) && headers.Remove(name);

    private static partial class Log
    {
        [LoggerMessage(EventIds.IdentityHeaderFromUntrustedPeer, LogLevel.Information, "Ignored the identity header {Header} from {RemoteAddress}, which is not in Aup:Identity:TrustedProxies, so its calls name no user by it; add the proxy's address there if it is the hop that sets the header")]
        public static partial void IgnoredFromUntrustedPeer(ILogger logger, string header, string remoteAddress);
    }
}
