using System.Collections.Concurrent;

namespace DrrsGateway.Proxy.BackendTls;

/// <summary>
/// Why each cluster last refused a backend's certificate. The check runs while a connection is made, apart from
/// the request that waits for it, so the failed request's log line looks the reason up here by cluster.
/// </summary>
internal sealed class ServerCertificateRefusals(TimeProvider time)
{
    // Older refusals do not explain a failure now: the next handshake would have refused again.
    private static readonly TimeSpan Relevance = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (string Reason, DateTimeOffset At)> _last = new(StringComparer.Ordinal);

    public void Record(string clusterId, string reason) => _last[clusterId] = (reason, time.GetUtcNow());

    /// <summary>The reason of the cluster's latest refusal, if it was recent.</summary>
    public string? Recent(string clusterId) =>
        _last.TryGetValue(clusterId, out var last) && time.GetUtcNow() - last.At < Relevance ? last.Reason : null;
}
