using System.Diagnostics.CodeAnalysis;
using System.Security.Authentication;
using DrrsGateway.Infrastructure;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace DrrsGateway.Proxy.BackendTls;

/// <summary>
/// After YARP forwarded (its 502 already chosen), says in one line why a request failed in TLS: the backend's
/// certificate refused and why, or the handshake or connection failing with the client certificate named.
/// At most once a minute per cluster and reason, so a backend that refuses every call does not flood the log.
/// </summary>
[SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable", Justification = "The host never disposes middleware; the table's timer holds it weakly and stops once the pipeline is dropped.")]
internal sealed partial class BackendTlsFailureLogMiddleware(
    RequestDelegate next, BackendTlsClusters clusters, ServerCertificateRefusals refusals, TimeProvider time, ILogger<BackendTlsFailureLogMiddleware> logger)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(1);

    // Swept once a quiet period, so reasons that stopped happening are forgotten.
    private readonly ExpiringKeyTable<(string ClusterId, string Reason)> _quiet = new(time, Quiet);

    public Task InvokeAsync(HttpContext context) =>
        MayUseTls(context.GetReverseProxyFeature()) ? ForwardWatchingAsync(context) : next(context);

    // Load balancing has run: the destinations left are the ones YARP may forward to. Only a call that can
    // reach an https destination can fail in TLS; any other goes on without an async step of its own.
    private static bool MayUseTls(IReverseProxyFeature proxy)
    {
        foreach (var destination in proxy.AvailableDestinations)
        {
            if (IsHttps(destination.Model.Config.Address))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHttps(string address) => address.StartsWith("https:", StringComparison.OrdinalIgnoreCase);

    private async Task ForwardWatchingAsync(HttpContext context)
    {
        await next(context);
        // Request: no response came, the connection or handshake failed (not a caller that went away). A refusal
        // of the client certificate after a TLS 1.3 handshake can also surface while the body is being sent.
        if (context.Features.Get<IForwarderErrorFeature>() is { Error: ForwarderError.Request or ForwarderError.RequestBodyDestination, Exception: { } exception } error)
        {
            LogTlsFailure(context.GetReverseProxyFeature(), error.Error, exception);
        }
    }

    private void LogTlsFailure(IReverseProxyFeature proxy, ForwarderError error, Exception exception)
    {
        var clusterId = proxy.Cluster.Config.ClusterId;
        var destination = proxy.ProxiedDestination?.Model.Config.Address ?? "";
        if (!IsHttps(destination))
        {
            return;
        }

        var certificate = clusters.Find(clusterId, BackendTlsMetadata.Read(proxy.Cluster.Config.Metadata, out _))?.ClientCertificate?.Current;
        var reason = Reason(exception, refusals.Recent(clusterId), certificate?.Subject);
        if (reason is null)
        {
            return;
        }

        if (_quiet.TryStart((clusterId, reason), Quiet))
        {
            Log.Failed(logger, clusterId, destination, error, reason);
        }
    }

    // Null when the failure has nothing to do with TLS (refused connection, timeout, …): YARP's own line says it.
    private static string? Reason(Exception exception, string? refusal, string? clientCertificate)
    {
        var chain = Chain(exception).ToList();
        var authentication = chain.OfType<AuthenticationException>().FirstOrDefault();
        if (authentication is not null && refusal is not null)
        {
            return $"the backend's certificate was refused: {refusal}";
        }

        if (authentication is not null)
        {
            var why = OneLine(chain[^1].Message);
            return clientCertificate is null
                ? $"the TLS handshake failed ({why})"
                : $"the TLS handshake failed ({why}); the backend may not accept the client certificate {clientCertificate}";
        }

        // With TLS 1.3 the server judges the client certificate after the client finished its handshake:
        // a refusal arrives as an alert or a closed connection on the first read or write.
        return clientCertificate is not null && chain.FirstOrDefault(e => e is IOException or System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionReset or System.Net.Sockets.SocketError.ConnectionAborted }) is { } broken
            ? $"the backend closed the connection after the TLS handshake ({OneLine(broken.Message)}); it may not accept the client certificate {clientCertificate}"
            : null;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.BackendTlsFailed, LogLevel.Error,
            "Forwarding to cluster {ClusterId} at {Destination} failed ({ForwarderError}): {Reason}")]
        public static partial void Failed(ILogger logger, string clusterId, string destination, ForwarderError forwarderError, string reason);
    }
}
