using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DrrsGateway.AcceptableUse.Identity;

/// <summary>
/// Decides whether a client certificate chains to the configured CAs and, if so, which user it names.
/// One instance per settings version, so a changed CA bundle or user field starts from an empty cache.
/// </summary>
internal sealed partial class ClientCertificateVerifier
{
    // Verdicts are cached so that a chain (and any online revocation look-up) is built once per certificate
    // every few minutes, not per request; bounded so that a stream of distinct certificates cannot grow it.
    internal const int MaxCachedVerdicts = 4096;
    internal static readonly TimeSpan VerdictLifetime = TimeSpan.FromMinutes(2);

    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2", "Client Authentication");

    private readonly X509Certificate2Collection _anchors;
    private readonly bool _checkRevocation;
    private readonly CertificateUserField _userField;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Verdict> _verdicts = new(StringComparer.Ordinal);

    public ClientCertificateVerifier(X509Certificate2Collection anchors, bool checkRevocation, CertificateUserField userField, TimeProvider time, ILogger logger)
    {
        _anchors = anchors;
        _checkRevocation = checkRevocation;
        _userField = userField;
        _time = time;
        _logger = logger;
    }

    /// <summary>The user <paramref name="certificate"/> names, or null when it is not trusted or names nobody.</summary>
    public string? UserOf(X509Certificate2 certificate)
    {
        var key = Fingerprint(certificate);
        var now = _time.GetUtcNow();
        if (_verdicts.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            return cached.User;
        }

        var verdict = Verify(certificate, now);
        if (_verdicts.Count >= MaxCachedVerdicts)
        {
            _verdicts.Clear();
        }

        _verdicts[key] = verdict;
        return verdict.User;
    }

    private Verdict Verify(X509Certificate2 certificate, DateTimeOffset now)
    {
        // Never trusted past its own expiry, however recently it was verified.
        var expires = now + VerdictLifetime;
        if (certificate.NotAfter.ToUniversalTime() < expires.UtcDateTime)
        {
            expires = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        }

        using var chain = new X509Chain();
        try
        {
            var policy = chain.ChainPolicy;
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            policy.CustomTrustStore.AddRange(_anchors);
            policy.RevocationMode = _checkRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
            policy.RevocationFlag = X509RevocationFlag.ExcludeRoot;
            policy.ApplicationPolicy.Add(ClientAuthentication);
            if (!chain.Build(certificate))
            {
                Log.Untrusted(_logger, certificate.Subject, Describe(chain.ChainStatus));
                return new(null, expires);
            }

            var user = CertificateUserName.Of(certificate, _userField);
            if (user is null)
            {
                Log.NoUserName(_logger, certificate.Subject, _userField);
            }

            return new(user, expires);
        }
        catch (CryptographicException e)
        {
            Log.Untrusted(_logger, certificate.Subject, e.Message);
            return new(null, expires);
        }
        finally
        {
            // The chain's copies of the certificates are ours to release; the caller's certificate is not.
            foreach (var element in chain.ChainElements)
            {
                if (!ReferenceEquals(element.Certificate, certificate))
                {
                    element.Certificate.Dispose();
                }
            }
        }
    }

    private static string Fingerprint(X509Certificate2 certificate)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(certificate.RawDataMemory.Span, hash);
        return Convert.ToHexString(hash);
    }

    private static string Describe(X509ChainStatus[] statuses) =>
        statuses.Length == 0 ? "chain not trusted" : string.Join("; ", statuses.Select(s => s.StatusInformation.Trim()));

    private readonly record struct Verdict(string? User, DateTimeOffset Expires);

    private static partial class Log
    {
        [LoggerMessage(EventIds.CertificateUntrusted, LogLevel.Information, "AUP ignored a client certificate for {Subject}: {Reason}")]
        public static partial void Untrusted(ILogger logger, string subject, string reason);

        [LoggerMessage(EventIds.CertificateWithoutUserName, LogLevel.Information, "AUP ignored a trusted client certificate for {Subject}: it has no single {CertificateUser} to name the user")]
        public static partial void NoUserName(ILogger logger, string subject, CertificateUserField certificateUser);
    }
}
