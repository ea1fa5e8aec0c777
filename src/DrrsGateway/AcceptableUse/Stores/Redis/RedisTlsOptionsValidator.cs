using Microsoft.Extensions.Options;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// Refuses TLS settings Redis cannot be reached with; run at start-up, so a missing or unreadable file stops
/// the gateway with a message naming the setting instead of failing every connection attempt.
/// </summary>
internal sealed class RedisTlsOptionsValidator : IValidateOptions<RedisTlsOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisTlsOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.CaCertificatePath)
            && !RedisTlsMaterial.TryLoadCa(options.CaCertificatePath, out _, out var caProblem))
        {
            failures.Add($"Redis:Tls:CaCertificatePath '{options.CaCertificatePath}' {caProblem}.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientCertificatePath))
        {
            if (!string.IsNullOrWhiteSpace(options.ClientKeyPath))
            {
                failures.Add("Redis:Tls:ClientKeyPath is set but Redis:Tls:ClientCertificatePath is not: a key needs its certificate.");
            }
        }
        else
        {
            var keyPath = string.IsNullOrWhiteSpace(options.ClientKeyPath) ? null : options.ClientKeyPath;
            if (RedisTlsMaterial.TryLoadClientCertificate(options.ClientCertificatePath, keyPath, out var certificate, out var problem))
            {
                certificate!.Dispose();
            }
            else
            {
                failures.Add(problem!);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
