using DrrsGateway.AcceptableUse.Settings;
using Microsoft.AspNetCore.Http.Features;

namespace DrrsGateway.Admin;

/// <summary>
/// Reads the user and service from an admin path, <c>/admin/locks/{user}[/{service}]</c>, each one
/// percent-encoded path segment, and checks them with the policy's own <see cref="NameRules"/>.
/// </summary>
/// <remarks>
/// The names come from the raw request target, decoded once here: the server's decoded path leaves
/// <c>%2F</c> encoded while decoding <c>%25</c>, so from it the users <c>a/b</c> and <c>a%2Fb</c> would look alike.
/// </remarks>
internal static class LockTargetReader
{
    public const string LocksPrefix = "/admin/locks/";

    /// <summary>Returns the target, or null with <paramref name="problem"/> saying why the path names none.</summary>
    public static LockTarget? Read(HttpContext context, bool withService, AupPolicy policy, out string? problem)
    {
        var segments = Segments(context);
        if (segments is null || segments.Length != (withService ? 2 : 1))
        {
            problem = withService
                ? "Expected /admin/locks/{user}/{service}, each name one percent-encoded path segment."
                : "Expected /admin/locks/{user}, the name one percent-encoded path segment.";
            return null;
        }

        var user = segments[0];
        problem = NameRules.Check(user, policy.Identity.MaxLength, "user");
        if (problem is not null)
        {
            return null;
        }

        if (!withService)
        {
            return new LockTarget(user, null);
        }

        problem = NameRules.Check(segments[1], policy.MaxServiceLength, "service name");

        // Lower-cased as the policy keys services, so any spelling reaches the lock.
        return problem is null ? new LockTarget(user, segments[1].ToLowerInvariant()) : null;
    }

    private static string[]? Segments(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
        {
            // A server without a raw target (not Kestrel, IIS or HTTP.sys) decoded all but %2F already.
            return Split(context.Request.Path.Value ?? "", static segment => segment.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase));
        }

        // Absolute-form targets are for proxies; a client of this API sends origin-form.
        if (raw[0] != '/')
        {
            return null;
        }

        var end = raw.AsSpan().IndexOfAny('?', '#');
        return Split(end < 0 ? raw : raw[..end], Uri.UnescapeDataString);
    }

    private static string[]? Split(string path, Func<string, string> decode)
    {
        path = path.TrimEnd('/');

        // Matched by the route on the normalized path; a raw target that differs (dot segments) is refused.
        if (!path.StartsWith(LocksPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return [.. path[LocksPrefix.Length..].Split('/').Select(decode)];
    }
}
