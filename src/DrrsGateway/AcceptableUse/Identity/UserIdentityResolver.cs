using Microsoft.Extensions.Primitives;

namespace DrrsGateway.AcceptableUse.Identity;

/// <summary>
/// Tells which user sent a request: the trusted header when the connection comes from a trusted proxy,
/// else the principal that ASP.NET Core authentication established.
/// </summary>
internal static class UserIdentityResolver
{
    public static IdentityResult Resolve(HttpContext context, AupIdentityOptions options, TrustedProxySet trustedProxies)
    {
        if (options.TrustedHeader is { Length: > 0 } header
            && context.Request.Headers.TryGetValue(header, out var values)
            && trustedProxies.Contains(context.Connection.RemoteIpAddress))
        {
            return FromHeader(values, options.MaxLength);
        }

        var name = context.User.Identity is { IsAuthenticated: true } identity ? identity.Name : null;
        if (!string.IsNullOrEmpty(name))
        {
            return Check(name, options.MaxLength);
        }

        return IdentityResult.Anonymous;
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
