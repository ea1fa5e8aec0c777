using Microsoft.Extensions.Options;

namespace DrrsGateway.AcceptableUse.Settings;

/// <summary>
/// Completes the binding of <see cref="AupOptions"/>: the binder ignores a scalar where it expects a list,
/// yet <c>Aup__ExemptUsers=a, b</c> in an environment variable is still meant as a list. Binding only; what
/// the values mean is <see cref="AupPolicyBuilder"/>'s business.
/// </summary>
internal sealed class ScalarListBinding(IConfiguration configuration) : IPostConfigureOptions<AupOptions>
{
    public void PostConfigure(string? name, AupOptions options)
    {
        var identity = options.Identity;
        identity.TrustedProxies = WithScalar(identity.TrustedProxies, "Identity:TrustedProxies");
        identity.Sources = WithScalar(identity.Sources, "Identity:Sources");
        options.ExemptUsers = WithScalar(options.ExemptUsers, "ExemptUsers");
        options.Services.Names = WithScalar(options.Services.Names, "Services:Names");
    }

    private IList<string> WithScalar(IList<string> list, string key)
    {
        var scalar = configuration[$"{AupOptions.SectionName}:{key}"];
        return string.IsNullOrWhiteSpace(scalar) ? list : [.. list, scalar];
    }
}
