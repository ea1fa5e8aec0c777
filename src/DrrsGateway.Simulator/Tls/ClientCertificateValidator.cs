using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DrrsGateway.Simulator.Tls;

/// <summary>
/// Accepts a client certificate only when it chains to one of the configured CAs (custom root trust, no system
/// store), is within its validity period and may authenticate a client; says in a log line why it refused one.
/// </summary>
internal sealed partial class ClientCertificateValidator
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2", "Client Authentication");

    private readonly X509Certificate2Collection _authorities;
    private readonly ILogger _logger;

    public ClientCertificateValidator(X509Certificate2Collection authorities, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(authorities);
        ArgumentNullException.ThrowIfNull(logger);
        if (authorities.Count == 0)
        {
            throw new ArgumentException("The client CA bundle holds no certificate.", nameof(authorities));
        }

        _authorities = authorities;
        _logger = logger;
    }

    /// <summary>True when <paramref name="certificate"/> may complete the TLS handshake.</summary>
    public bool Validate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        if (chain.Build(certificate))
        {
            return true;
        }

        var reasons = string.Join("; ", chain.ChainStatus.Select(status => $"{status.Status}: {status.StatusInformation.Trim()}").Distinct());
        Log.Refused(_logger, certificate.Subject, certificate.Thumbprint, reasons);
        return false;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Refused the TLS handshake of client certificate {Subject} (thumbprint {Thumbprint}): it is not valid under the configured client CA ({Reasons}).")]
        public static partial void Refused(ILogger logger, string subject, string thumbprint, string reasons);
    }
}
