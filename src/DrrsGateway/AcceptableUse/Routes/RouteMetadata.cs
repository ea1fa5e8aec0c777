using System.Runtime.CompilerServices;
using DrrsGateway.AcceptableUse.Settings;
using Yarp.ReverseProxy.Configuration;

namespace DrrsGateway.AcceptableUse.Routes;

/// <summary>
/// The policy's metadata of one YARP route, parsed once per route configuration (not per request):
/// <c>AupMode</c> (Enforce, Shadow, Off, Hold; overrides <c>Aup:Mode</c>), <c>AupWindowSeconds</c> (overrides <c>Aup:WindowSeconds</c>) and
/// <c>AupService</c> (names the service of every request on the route) and <c>AupIdentity</c>
/// (<c>ClusterCertificate</c>: the user is whoever the certificate the route's cluster presents names). Null
/// (false) where the route says nothing.
/// </summary>
internal sealed record RouteMetadata(AupMode? Mode, int? WindowSeconds, string? Service, bool ClusterCertificateIdentity = false)
{
    public const string ModeKey = "AupMode";
    public const string WindowKey = "AupWindowSeconds";
    public const string ServiceKey = "AupService";
    public const string IdentityKey = "AupIdentity";
    public const string ClusterCertificate = "ClusterCertificate";

    /// <summary>A route without policy metadata.</summary>
    public static RouteMetadata None { get; } = new(null, null, null);

    // A reload makes new RouteConfig instances, so entries of replaced routes go with them.
    private static readonly ConditionalWeakTable<RouteConfig, RouteMetadata> Parsed = [];

    /// <summary>The metadata of <paramref name="route"/>, parsed on first use.</summary>
    /// <remarks>
    /// <see cref="AupRouteConfigFilter"/> refuses bad values when YARP loads routes; should one still get
    /// here, the safe reading wins: it counts as unset (enforce, with the gateway's window).
    /// </remarks>
    public static RouteMetadata Of(RouteConfig route) =>
        route.Metadata is not { Count: > 0 } ? None : Parsed.GetValue(route, static config => Parse(config.Metadata!, int.MaxValue, out _));

    /// <summary>Parses <paramref name="metadata"/>; <paramref name="problem"/> names the first bad entry and what it must be.</summary>
    /// <remarks>The service's length is checked against the policy again per request, as every service name is.</remarks>
    public static RouteMetadata Parse(IReadOnlyDictionary<string, string> metadata, int maxServiceLength, out string? problem)
    {
        problem = null;
        AupMode? mode = null;
        if (metadata.TryGetValue(ModeKey, out var modeText))
        {
            if (EnumNames<AupMode>.TryParse(modeText, out var parsed))
            {
                mode = parsed;
            }
            else
            {
                problem = Problem(ModeKey, modeText, "Enforce, Shadow, Off or Hold");
            }
        }

        int? window = null;
        if (metadata.TryGetValue(WindowKey, out var windowText))
        {
            if (AupWindow.TryParse(windowText, out var seconds))
            {
                window = seconds;
            }
            else
            {
                problem ??= Problem(WindowKey, windowText, AupWindow.Range);
            }
        }

        var service = metadata.TryGetValue(ServiceKey, out var serviceText) ? serviceText?.Trim() ?? "" : null;
        if (service is not null && NameRules.Check(service, maxServiceLength, "service name") is { } serviceProblem)
        {
            problem ??= Problem(ServiceKey, serviceText, $"a usable service name ({serviceProblem})");
            service = null;
        }

        var clusterCertificate = false;
        if (metadata.TryGetValue(IdentityKey, out var identityText))
        {
            clusterCertificate = string.Equals(identityText?.Trim(), ClusterCertificate, StringComparison.OrdinalIgnoreCase);
            if (!clusterCertificate)
            {
                problem ??= Problem(IdentityKey, identityText, ClusterCertificate);
            }
        }

        return new(mode, window, service, clusterCertificate);
    }

    private static string Problem(string key, string? value, string expected) => $"metadata {key} = '{value}'; it must be {expected}";
}
