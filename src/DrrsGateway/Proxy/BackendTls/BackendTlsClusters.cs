using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using DrrsGateway.AcceptableUse.Identity;
using DrrsGateway.Tls;

namespace DrrsGateway.Proxy.BackendTls;

/// <summary>
/// The TLS material of every cluster, loaded once per cluster and settings: first by
/// <see cref="BackendTlsConfigFilter"/> when YARP loads its configuration (so bad files stop the start), then
/// shared with the HTTP clients <see cref="BackendTlsForwarderHttpClientFactory"/> makes.
/// </summary>
internal sealed class BackendTlsClusters(TimeProvider time, ILoggerFactory loggers, ServerCertificateRefusals refusals) : IDisposable
{
    private readonly ConcurrentDictionary<(string ClusterId, BackendTlsSettings? Settings), BackendTls> _clusters = new();
    private readonly ILogger _logger = loggers.CreateLogger("DrrsGateway.Proxy.BackendTls");
    private readonly Lock _loading = new();

    /// <summary>
    /// The cluster's TLS material (<paramref name="settings"/> null: no client certificate, the system's CAs);
    /// throws <see cref="InvalidOperationException"/> naming the cluster, the setting and the file when it cannot be loaded.
    /// </summary>
    public BackendTls Get(string clusterId, BackendTlsSettings? settings)
    {
        if (_clusters.TryGetValue((clusterId, settings), out var tls))
        {
            return tls;
        }

        lock (_loading)
        {
            if (!_clusters.TryGetValue((clusterId, settings), out tls))
            {
                tls = Load(clusterId, settings);
                _clusters[(clusterId, settings)] = tls;
            }

            return tls;
        }
    }

    /// <summary>The cluster's TLS material if it was loaded, else null; never loads (for the request path).</summary>
    public BackendTls? Find(string clusterId, BackendTlsSettings? settings) =>
        _clusters.TryGetValue((clusterId, settings), out var tls) ? tls : null;

    public void Dispose()
    {
        foreach (var tls in _clusters.Values)
        {
            tls.ClientCertificate?.Dispose();
        }
    }

    private BackendTls Load(string clusterId, BackendTlsSettings? settings)
    {
        X509Certificate2Collection? anchors = null;
        if (settings?.BackendCaBundle is { } caPath)
        {
            if (!File.Exists(caPath))
            {
                throw Fail(clusterId, $"{BackendTlsMetadata.BackendCaBundle} '{caPath}' does not exist");
            }

            if (!CaBundle.TryLoad(caPath, out anchors, out var caProblem))
            {
                throw Fail(clusterId, $"{BackendTlsMetadata.BackendCaBundle} '{caPath}' {caProblem}");
            }
        }

        ClientCertificateHolder? holder = null;
        if (settings?.ClientCertificate is not null)
        {
            holder = ClientCertificateHolder.TryCreate(clusterId, settings, time, _logger, out var problem)
                ?? throw Fail(clusterId, problem!);
        }

        var caSetting = anchors is null
            ? $"ReverseProxy:Clusters:{clusterId}:Metadata:{BackendTlsMetadata.BackendCaBundle}"
            : $"{BackendTlsMetadata.BackendCaBundle} of cluster '{clusterId}'";
        var validator = new ServerCertificateValidator(anchors, caSetting, "in the destination's address");
        return new BackendTls(holder, new BackendCertificateCheck(clusterId, validator, refusals));
    }

    private static InvalidOperationException Fail(string clusterId, string problem) => new($"Cluster '{clusterId}': {problem}.");
}
