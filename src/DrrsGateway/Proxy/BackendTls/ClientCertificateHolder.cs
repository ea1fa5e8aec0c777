using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DrrsGateway.Proxy.BackendTls;

/// <summary>
/// A cluster's current client certificate, renewed from disk without a restart. The files are read every
/// <see cref="CheckInterval"/> and compared by content, so any way of replacing them counts (rename, copy,
/// Kubernetes' symlink swap); a change is loaded once it has stayed the same for one check, so a certificate
/// and key written one after the other are read together. A new certificate that does not load is logged and
/// the previous one stays in use.
/// </summary>
internal sealed partial class ClientCertificateHolder : IDisposable
{
    /// <summary>How often the files are compared with the loaded ones.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly string _clusterId;
    private readonly BackendTlsSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly Lock _checking = new();
    private X509Certificate2 _current;
    private string _loadedFingerprint;
    private string? _seenFingerprint;
    private string? _failedFingerprint;
    private int _version;

    private ClientCertificateHolder(string clusterId, BackendTlsSettings settings, X509Certificate2 certificate, string fingerprint, TimeProvider time, ILogger logger)
    {
        _clusterId = clusterId;
        _settings = settings;
        _current = certificate;
        _loadedFingerprint = fingerprint;
        _time = time;
        _logger = logger;
        _timer = time.CreateTimer(_ => CheckSafely(), null, CheckInterval, CheckInterval);
    }

    /// <summary>The certificate to present on new TLS connections.</summary>
    public X509Certificate2 Current => Volatile.Read(ref _current);

    /// <summary>Goes up by one each time a new certificate is loaded.</summary>
    public int Version => Volatile.Read(ref _version);

    /// <summary>Loads the certificate; a problem (naming the setting and file) when it cannot be used.</summary>
    public static ClientCertificateHolder? TryCreate(string clusterId, BackendTlsSettings settings, TimeProvider time, ILogger logger, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(time);
        var fingerprint = Fingerprint(settings);
        if (!ClientCertificateLoader.TryLoad(settings, time.GetUtcNow(), out var certificate, out problem))
        {
            return null;
        }

        Log.Loaded(logger, clusterId, certificate!.Subject, certificate.Thumbprint, certificate.NotAfter.ToUniversalTime());
        return new ClientCertificateHolder(clusterId, settings, certificate, fingerprint, time, logger);
    }

    /// <summary>Compares the files with the loaded ones and loads a changed certificate that has settled.</summary>
    public void Check()
    {
        lock (_checking)
        {
            var fingerprint = Fingerprint(_settings);
            var settled = fingerprint == _seenFingerprint;
            _seenFingerprint = fingerprint;
            if (!settled || fingerprint == _loadedFingerprint || fingerprint == _failedFingerprint)
            {
                return;
            }

            if (!ClientCertificateLoader.TryLoad(_settings, _time.GetUtcNow(), out var certificate, out var problem))
            {
                // Once per content: the next write to the files is tried again.
                _failedFingerprint = fingerprint;
                Log.RenewalFailed(_logger, _clusterId, problem!, Current.Subject, Current.Thumbprint);
                return;
            }

            // The previous certificate is not disposed: handshakes under way may still be using it.
            Volatile.Write(ref _current, certificate!);
            _loadedFingerprint = fingerprint;
            _failedFingerprint = null;
            Interlocked.Increment(ref _version);
            Log.Renewed(_logger, _clusterId, certificate!.Subject, certificate.Thumbprint, certificate.NotAfter.ToUniversalTime());
        }
    }

    public void Dispose() => _timer.Dispose();

    // A timer callback that throws would end the process; whatever goes wrong, the previous certificate stays.
    private void CheckSafely()
    {
        try
        {
            Check();
        }
        catch (Exception e)
        {
            Log.RenewalFailed(_logger, _clusterId, e.Message, Current.Subject, Current.Thumbprint);
        }
    }

    // A hash of every file's bytes (or of why it cannot be read): small files, read once a second.
    private static string Fingerprint(BackendTlsSettings settings)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in ClientCertificateLoader.Files(settings))
        {
            try
            {
                hash.AppendData(File.ReadAllBytes(path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes(e.GetType().Name));
            }

            hash.AppendData([0]);
        }

        return Convert.ToHexString(hash.GetCurrentHash());
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.BackendClientCertificateLoaded, LogLevel.Information,
            "Cluster {ClusterId} presents client certificate {CertificateSubject} (thumbprint {CertificateThumbprint}, valid until {CertificateNotAfter:u}) to its backends")]
        public static partial void Loaded(ILogger logger, string clusterId, string certificateSubject, string certificateThumbprint, DateTime certificateNotAfter);

        [LoggerMessage(EventIds.BackendClientCertificateRenewed, LogLevel.Information,
            "Cluster {ClusterId} renewed its client certificate from disk: new TLS connections present {CertificateSubject} (thumbprint {CertificateThumbprint}, valid until {CertificateNotAfter:u})")]
        public static partial void Renewed(ILogger logger, string clusterId, string certificateSubject, string certificateThumbprint, DateTime certificateNotAfter);

        [LoggerMessage(EventIds.BackendClientCertificateRenewalFailed, LogLevel.Error,
            "Cluster {ClusterId}: the changed client certificate files cannot be used, {Reason}; still presenting {CertificateSubject} (thumbprint {CertificateThumbprint})")]
        public static partial void RenewalFailed(ILogger logger, string clusterId, string reason, string certificateSubject, string certificateThumbprint);
    }
}
