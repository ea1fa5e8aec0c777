using System.Diagnostics;
using System.Net;
using System.Security.Authentication;
using DrrsGateway.Observability;
using DrrsGateway.Proxy.OneWrite;
using Yarp.ReverseProxy.Forwarder;

namespace DrrsGateway.Proxy.BackendTls;

/// <summary>
/// YARP's per-cluster HTTP client (with UTF-8 headers, from the base class) given the cluster's TLS: the
/// renewing client certificate of its metadata, TLS 1.2 or 1.3, and a check of the backend's certificate that
/// says why it refused one; a request with a declared length goes out in one write
/// (<see cref="RequestInOneWriteHandler"/>). A cluster whose TLS metadata changed gets a new client.
/// </summary>
internal sealed class BackendTlsForwarderHttpClientFactory(BackendTlsClusters clusters, TraceExport traces) : Utf8ForwarderHttpClientFactory
{
    protected override bool CanReuseOldClient(ForwarderHttpClientContext context) =>
        base.CanReuseOldClient(context)
        && Equals(BackendTlsMetadata.Read(context.OldMetadata, out _), BackendTlsMetadata.Read(context.NewMetadata, out _));

    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        if (!traces.Enabled)
        {
            // No propagator, no diagnostics handler: YARP's would start a child activity and write
            // traceparent into every call to DRRS, for traces that go nowhere.
            handler.ActivityHeadersPropagator = null;
        }

        var tls = Tls(context);

        // YARP's switch stays the operator's choice (BackendTlsConfigFilter warns about it).
        if (context.NewConfig.DangerousAcceptAnyServerCertificate != true)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = tls.ServerCertificateCheck.Validate;
        }

        if (tls.ClientCertificate is { } certificate)
        {
            // Asked on every new TLS connection, so a renewed certificate is used from the next handshake on.
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate.Current;
            if (context.NewConfig.SslProtocols is null)
            {
                handler.SslOptions.EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
            }
        }
    }

    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler)
    {
        var wrapped = base.WrapHandler(context, handler);
        var propagator = (handler as SocketsHttpHandler)?.ActivityHeadersPropagator;
        var pooled = Tls(context).ClientCertificate is { } certificate
            ? new CertificateRenewingHandler(wrapped, certificate, () => base.WrapHandler(context, NewHandler(context, propagator)))
            : wrapped;
        return new RequestInOneWriteHandler(pooled);
    }

    private BackendTls Tls(ForwarderHttpClientContext context) =>
        clusters.Get(context.ClusterId, BackendTlsMetadata.Read(context.NewMetadata, out _));

    // What YARP's CreateClient sets before ConfigureHandler, for the pools made after a renewal.
    private SocketsHttpHandler NewHandler(ForwarderHttpClientContext context, DistributedContextPropagator? propagator)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = propagator,
        };
        ConfigureHandler(context, handler);
        return handler;
    }
}
