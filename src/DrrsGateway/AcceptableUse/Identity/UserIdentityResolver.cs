using DrrsGateway.AcceptableUse.Settings;
using Microsoft.Extensions.Primitives;

namespace DrrsGateway.AcceptableUse.Identity;

/// <summary>
/// Tells which user sent a request by trying the configured <see cref="IdentitySource"/>s in order: the
/// client certificate (over TLS, or forwarded by a trusted proxy), the trusted header when the connection
/// comes from a trusted proxy, and the principal that ASP.NET Core authentication established.
/// </summary>
internal static class UserIdentityResolver
{
    public static IdentityResult Resolve(HttpContext context, IdentityPolicy policy)
    {
        foreach (var source in policy.Sources)
        {
            var result = source switch
            {
                IdentitySource.Certificate => FromCertificate(context, policy),
                IdentitySource.TrustedHeader => FromTrustedHeader(context, policy),
                _ => FromPrincipal(context, policy),
            };

            // A source that names a user, or names one badly, decides; one that has nothing to say does not.
            if (!result.IsAnonymous)
            {
                return result;
            }
        }

        return IdentityResult.Anonymous;
    }

    private static IdentityResult FromCertificate(HttpContext context, IdentityPolicy policy)
    {
        // The forwarded certificate, when a trusted proxy sent one, has replaced the TLS one by now.
        if (policy.CertificateVerifier is not { } verifier
            || context.Connection.ClientCertificate is not { } certificate)
        {
            return IdentityResult.Anonymous;
        }

        // An untrusted certificate is no identity at all: the next source may still vouch for the caller.
        var user = verifier.UserOf(certificate);
        return user is null ? IdentityResult.Anonymous : Check(user, policy.MaxLength);
    }

    private static IdentityResult FromTrustedHeader(HttpContext context, IdentityPolicy policy)
    {
        if (policy.TrustedHeader is { Length: > 0 } header
            && context.Request.Headers.TryGetValue(header, out var values)
            && policy.TrustedProxies.Contains(context.Connection.RemoteIpAddress))
        {
            return FromHeader(values, policy.MaxLength);
        }

        return IdentityResult.Anonymous;
    }

    private static IdentityResult FromPrincipal(HttpContext context, IdentityPolicy policy)
    {
        var name = context.User.Identity is { IsAuthenticated: true } identity ? identity.Name : null;
        return string.IsNullOrEmpty(name) ? IdentityResult.Anonymous : Check(name, policy.MaxLength);
    }

    private static IdentityResult FromHeader(StringValues values, int maxLength)
    {
        // Two values could mean two hops disagreeing about the user: refuse to guess.
        if (values.Count != 1)
        {
            return IdentityResult.Invalid("The identity header must appear exactly once.");
        }

        return Check(values[0]!.Trim(), maxLength);
    }

    private static IdentityResult Check(string user, int maxLength)
    {
        var problem = NameRules.Check(user, maxLength, "user identity");
        return problem is null ? IdentityResult.Of(user) : IdentityResult.Invalid(problem);
    }
}
