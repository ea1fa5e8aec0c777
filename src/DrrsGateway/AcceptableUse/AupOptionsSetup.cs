using DrrsGateway.AcceptableUse.Identity;
using Microsoft.Extensions.Options;

namespace DrrsGateway.AcceptableUse;

/// <summary>
/// Completes <see cref="AupOptions"/> after binding: accepts <c>Aup:Identity:TrustedProxies</c> as one
/// comma-separated value (handy in environment variables) and parses the proxy list once, not per request.
/// </summary>
internal sealed class AupOptionsSetup(IConfiguration configuration) : IPostConfigureOptions<AupOptions>
{
    public void PostConfigure(string? name, AupOptions options)
    {
        var scalar = configuration[$"{AupOptions.SectionName}:Identity:TrustedProxies"];
        if (!string.IsNullOrWhiteSpace(scalar))
        {
            options.Identity.TrustedProxies = [.. options.Identity.TrustedProxies, scalar];
        }

        options.Identity.ParsedTrustedProxies = TrustedProxySet.TryParse(options.Identity.TrustedProxies, out var set, out _)
            ? set
            : null;
    }
}
