using System.Collections.Frozen;
using DrrsGateway.AcceptableUse.Identity;
using DrrsGateway.AcceptableUse.Services;
using Microsoft.Extensions.Options;

namespace DrrsGateway.AcceptableUse.Settings;

/// <summary>
/// Completes <see cref="AupOptions"/> after binding, once per settings version rather than per request:
/// accepts list settings as one scalar value (handy in environment variables) and parses the trusted
/// proxies, identity sources, exempt users and CA bundle.
/// </summary>
internal sealed class AupOptionsSetup(IConfiguration configuration, TimeProvider time, ILoggerFactory loggers) : IPostConfigureOptions<AupOptions>
{
    public void PostConfigure(string? name, AupOptions options)
    {
        var identity = options.Identity;
        identity.TrustedProxies = WithScalar(identity.TrustedProxies, "Identity:TrustedProxies");
        identity.Sources = WithScalar(identity.Sources, "Identity:Sources");
        options.ExemptUsers = WithScalar(options.ExemptUsers, "ExemptUsers");
        options.Services.Names = WithScalar(options.Services.Names, "Services:Names");
        options.ParsedServices = ServiceCatalog.TryCreate(options.Services.Enabled, options.Services.Names, options.Services.Pattern, out var catalog, out _)
            ? catalog
            : ServiceCatalog.Default;

        identity.ParsedTrustedProxies = TrustedProxySet.TryParse(identity.TrustedProxies, out var set, out _)
            ? set
            : null;
        identity.ParsedSources = IdentitySources.TryParse(identity.Sources, out var sources, out _)
            ? sources
            : null;
        options.ParsedExemptUsers = options.ExemptUsers
            .Select(user => user.Trim())
            .Where(user => user.Length > 0)
            .ToFrozenSet(StringComparer.Ordinal);

        var certificates = identity.ClientCertificate;
        certificates.ParsedVerifier = !string.IsNullOrWhiteSpace(certificates.TrustedCaPath)
            && CaBundle.TryLoad(certificates.TrustedCaPath, out var anchors, out _)
            ? new ClientCertificateVerifier(anchors, certificates.CheckRevocation, identity.CertificateUser, time, loggers.CreateLogger<ClientCertificateVerifier>())
            : null;
    }

    // The binder ignores a scalar where it expects a list; "Aup:X=a, b" is still meant as a list.
    private IList<string> WithScalar(IList<string> list, string key)
    {
        var scalar = configuration[$"{AupOptions.SectionName}:{key}"];
        return string.IsNullOrWhiteSpace(scalar) ? list : [.. list, scalar];
    }
}
