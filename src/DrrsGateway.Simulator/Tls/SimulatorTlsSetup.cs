using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace DrrsGateway.Simulator.Tls;

/// <summary>Gives Kestrel's HTTPS addresses the configured server certificate and, when set, the client certificate check.</summary>
internal sealed class SimulatorTlsSetup : IConfigureOptions<KestrelServerOptions>
{
    private readonly SimulatorTlsOptions _options;
    private readonly ILoggerFactory _loggerFactory;

    public SimulatorTlsSetup(IOptions<SimulatorTlsOptions> options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options.Value;
        _loggerFactory = loggerFactory;
    }

    public void Configure(KestrelServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!_options.IsConfigured)
        {
            return;
        }

        var serverCertificate = LoadServerCertificate(_options);
        var validator = _options.ChecksClientCertificates
            ? new ClientCertificateValidator(LoadAuthorities(_options.ClientCaPath!), _loggerFactory.CreateLogger<ClientCertificateValidator>())
            : null;
        options.ConfigureHttpsDefaults(https =>
        {
            https.ServerCertificate = serverCertificate;
            if (validator is null)
            {
                return;
            }

            https.ClientCertificateMode = _options.RequireClientCertificate ? ClientCertificateMode.RequireCertificate : ClientCertificateMode.AllowCertificate;
            https.CheckCertificateRevocation = false;

            // SslStream's own verdict is against the system store; only the configured CA counts here.
            https.ClientCertificateValidation = (certificate, _, _) => validator.Validate(certificate);
        });
    }

    private static X509Certificate2 LoadServerCertificate(SimulatorTlsOptions options)
    {
        var path = options.CertificatePath!;
        if (string.IsNullOrWhiteSpace(options.KeyPath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
        }

        using var pem = string.IsNullOrEmpty(options.CertificatePassword)
            ? X509Certificate2.CreateFromPemFile(path, options.KeyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, options.CertificatePassword, options.KeyPath);

        // A PEM key is ephemeral; some platforms' TLS needs it persisted, which a PKCS#12 round trip does.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
    }

    private static X509Certificate2Collection LoadAuthorities(string path)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(path);
        return authorities;
    }
}
