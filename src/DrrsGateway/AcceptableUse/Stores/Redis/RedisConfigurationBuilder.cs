using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using DrrsGateway.Tls;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// Applies the gateway's Redis settings that a connection string cannot carry (<c>Redis:Tls</c>) to the
/// client's <see cref="ConfigurationOptions"/>.
/// </summary>
internal static class RedisConfigurationBuilder
{
    /// <summary>Applies <see cref="RedisTlsOptions"/>, validated at start-up, from <paramref name="services"/>.</summary>
    public static void Apply(ConfigurationOptions options, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        Apply(options, services.GetRequiredService<IOptions<RedisTlsOptions>>().Value, services.GetRequiredService<RedisConnectionDiagnostics>());
    }

    internal static void Apply(ConfigurationOptions options, RedisTlsOptions tls, RedisConnectionDiagnostics diagnostics)
    {
        options.Ssl |= tls.RequestsTls;
        diagnostics.ConnectionOptions = options;
        diagnostics.TlsEnabled = options.Ssl;
        diagnostics.PasswordConfigured = !string.IsNullOrEmpty(options.Password);
        if (!options.Ssl)
        {
            return;
        }

        X509Certificate2Collection? anchors = null;
        if (!string.IsNullOrWhiteSpace(tls.CaCertificatePath)
            && !RedisTlsMaterial.TryLoadCa(tls.CaCertificatePath, out anchors, out var caProblem))
        {
            // The validator refused this at start-up; a file changed since then must not weaken the check.
            throw new InvalidOperationException($"Redis:Tls:CaCertificatePath '{tls.CaCertificatePath}' {caProblem}.");
        }

        var validator = new ServerCertificateValidator(anchors, "Redis:Tls:CaCertificatePath", "or set sslHost in ConnectionStrings:Redis");
        options.CertificateValidation += (sender, certificate, chain, errors) =>
        {
            var problem = validator.Problem(certificate, chain, errors);
            if (problem is null)
            {
                diagnostics.ServerCertificateAccepted();
                return true;
            }

            diagnostics.ServerCertificateRefused(HostOf(sender, options), problem);
            return false;
        };

        if (!string.IsNullOrWhiteSpace(tls.ClientCertificatePath))
        {
            var keyPath = string.IsNullOrWhiteSpace(tls.ClientKeyPath) ? null : tls.ClientKeyPath;
            if (!RedisTlsMaterial.TryLoadClientCertificate(tls.ClientCertificatePath, keyPath, out var certificate, out var problem))
            {
                throw new InvalidOperationException(problem);
            }

            diagnostics.ClientCertificateConfigured = true;
            options.CertificateSelection += (_, _, _, _, _) => certificate!;
        }
    }

    // SslStream passes itself as the sender; it knows the host it authenticated against.
    private static string HostOf(object? sender, ConfigurationOptions options) =>
        sender is SslStream { TargetHostName: { Length: > 0 } host } ? host
        : options.SslHost ?? string.Join(", ", options.EndPoints);
}
