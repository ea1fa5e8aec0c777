using System.Buffers;
using System.Collections.Immutable;
using System.Security.Cryptography.X509Certificates;
using DrrsGateway.Infrastructure;

namespace DrrsGateway.AcceptableUse.Identity;

/// <summary>
/// How users are identified, parsed and checked once per settings change from <see cref="AupIdentityOptions"/>:
/// the trusted proxies as address ranges, the sources in order, the CA bundle loaded into a verifier.
/// </summary>
internal sealed class IdentityPolicy
{
    /// <summary>The header a trusted proxy names the user in; null when that source is off.</summary>
    public string? TrustedHeader { get; private init; }

    /// <summary>The peers whose identity headers and forwarded certificates are believed.</summary>
    public TrustedProxySet TrustedProxies { get; private init; } = TrustedProxySet.LoopbackOnly;

    /// <summary>The sources to try, first match wins.</summary>
    public ImmutableArray<IdentitySource> Sources { get; private init; } = IdentitySources.Default;

    /// <summary>Longest accepted user identity, in characters.</summary>
    public int MaxLength { get; private init; }

    /// <summary>Whether Kestrel asks for client certificates (read at start-up).</summary>
    public ClientCertificateMode CertificateMode { get; private init; }

    /// <summary>The header a trusted proxy forwards the client's certificate in; null when forwarding is off (read at start-up).</summary>
    public string? ForwardedCertificateHeader { get; private init; }

    /// <summary>Which part of a certificate names the user: of a caller's, and of a cluster's on an <c>AupIdentity: ClusterCertificate</c> route.</summary>
    public CertificateUserField CertificateUser { get; private init; }

    /// <summary>Verifies certificates against the configured CA bundle; null when no bundle is configured.</summary>
    public ClientCertificateVerifier? CertificateVerifier { get; private init; }

    /// <summary>
    /// Parses <paramref name="options"/>, adding a message naming the setting to <paramref name="failures"/>
    /// for each value the gateway cannot run with; <c>verifierFor</c> makes the verifier for a loaded CA bundle.
    /// </summary>
    public static IdentityPolicy Create(AupIdentityOptions options, Func<X509Certificate2Collection, ClientCertificateVerifier> verifierFor, List<string> failures)
    {
        if (options.TrustedHeader is { } header && !IsHeaderName(header))
        {
            failures.Add($"Aup:Identity:TrustedHeader must be a valid HTTP header name; it is '{header}'.");
        }

        if (!TrustedProxySet.TryParse(options.TrustedProxies, out var proxies, out var invalid))
        {
            failures.Add($"Aup:Identity:TrustedProxies holds '{invalid}', which is neither an IP address nor a CIDR range such as 10.0.0.0/8.");
        }

        new SettingRange(1, 4096).Check("Aup:Identity:MaxLength", options.MaxLength, failures);

        if (!IdentitySources.TryParse(options.Sources, out var sources, out var sourceProblem))
        {
            failures.Add($"Aup:Identity:Sources must list Certificate, TrustedHeader and Principal in the order to try, each at most once: {sourceProblem}.");
        }

        if (!Enum.IsDefined(options.CertificateUser))
        {
            failures.Add($"Aup:Identity:CertificateUser must be CommonName, Thumbprint or Subject; it is {options.CertificateUser}.");
        }

        return new IdentityPolicy
        {
            TrustedHeader = options.TrustedHeader,
            TrustedProxies = proxies,
            Sources = sources,
            MaxLength = options.MaxLength,
            CertificateUser = options.CertificateUser,
            CertificateMode = options.ClientCertificate.Mode,
            ForwardedCertificateHeader = string.IsNullOrEmpty(options.ClientCertificate.ForwardedHeader) ? null : options.ClientCertificate.ForwardedHeader,
            CertificateVerifier = CreateVerifier(options.ClientCertificate, verifierFor, failures),
        };
    }

    // The CA file is read here only, once per settings change.
    private static ClientCertificateVerifier? CreateVerifier(AupClientCertificateOptions certificates, Func<X509Certificate2Collection, ClientCertificateVerifier> verifierFor, List<string> failures)
    {
        if (!Enum.IsDefined(certificates.Mode))
        {
            failures.Add($"Aup:Identity:ClientCertificate:Mode must be None, Allow or Require; it is {certificates.Mode}.");
        }

        if (certificates.ForwardedHeader is { } header && !IsHeaderName(header))
        {
            failures.Add($"Aup:Identity:ClientCertificate:ForwardedHeader must be a valid HTTP header name; it is '{header}'.");
        }

        if (string.IsNullOrWhiteSpace(certificates.TrustedCaPath))
        {
            // Without a CA bundle no certificate can be trusted: asking for them would identify nobody.
            if (certificates.Mode != ClientCertificateMode.None || certificates.ForwardedHeader is not null)
            {
                failures.Add("Aup:Identity:ClientCertificate:TrustedCaPath must name the PEM file of the CAs client certificates chain to when Aup:Identity:ClientCertificate:Mode is Allow or Require or ForwardedHeader is set.");
            }

            return null;
        }

        if (!CaBundle.TryLoad(certificates.TrustedCaPath, out var anchors, out var problem))
        {
            failures.Add($"Aup:Identity:ClientCertificate:TrustedCaPath '{certificates.TrustedCaPath}' {problem}.");
            return null;
        }

        return verifierFor(anchors);
    }

    // RFC 9110 token characters.
    private static bool IsHeaderName(string name) =>
        name.Length > 0 && name.AsSpan().IndexOfAnyExcept(TokenChars) < 0;

    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
}
