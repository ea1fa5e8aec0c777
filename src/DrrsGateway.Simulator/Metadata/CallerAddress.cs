using Microsoft.AspNetCore.Http.Extensions;

namespace DrrsGateway.Simulator.Metadata;

/// <summary>
/// The absolute URL of the request as its caller saw it: behind a proxy (YARP sets X-Forwarded-Proto,
/// X-Forwarded-Host and X-Forwarded-Prefix), the proxy's address, so a client built from the WSDL calls
/// through the proxy rather than around it.
/// </summary>
internal static class CallerAddress
{
    private const string ForwardedProtoHeader = "X-Forwarded-Proto";
    private const string ForwardedHostHeader = "X-Forwarded-Host";
    private const string ForwardedPrefixHeader = "X-Forwarded-Prefix";

    /// <summary>The request's URL without its query, rebuilt from the forwarded headers when they are usable.</summary>
    public static string Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scheme = FirstValue(request, ForwardedProtoHeader) is { } proto
            && (proto.Equals(Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) || proto.Equals(Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
            ? proto.ToLowerInvariant()
            : request.Scheme;
        var host = FirstValue(request, ForwardedHostHeader) is { } forwardedHost && IsHost(forwardedHost)
            ? new HostString(forwardedHost)
            : request.Host;
        var prefix = FirstValue(request, ForwardedPrefixHeader) is { } forwardedPrefix && IsPrefix(forwardedPrefix)
            ? PathString.FromUriComponent(forwardedPrefix.TrimEnd('/'))
            : PathString.Empty;
        return UriHelper.BuildAbsolute(scheme, host, prefix.Add(request.PathBase), request.Path);
    }

    // A chain of proxies lists its hops left to right: the first is what the original caller used.
    private static string? FirstValue(HttpRequest request, string header)
    {
        var value = request.Headers[header].ToString();
        var first = value.Split(',', 2)[0].Trim();
        return first.Length == 0 ? null : first;
    }

    // Only what a host[:port] may contain, so a forged header cannot smuggle a path, user info or markup into the URL.
    private static bool IsHost(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':' or '[' or ']')
        && Uri.CheckHostName(new HostString(value).Host) != UriHostNameType.Unknown;

    private static bool IsPrefix(string value) =>
        value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal)
        && value.All(c => c > ' ' && c < 0x7f && c is not ('?' or '#' or '\\'));
}
