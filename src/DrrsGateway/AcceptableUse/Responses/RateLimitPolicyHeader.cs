using System.Collections.Concurrent;
using System.Globalization;

namespace DrrsGateway.AcceptableUse.Responses;

/// <summary>
/// <c>RateLimit-Policy</c> (IETF RateLimit header fields draft) on allowed responses: one request per
/// window, e.g. <c>1;w=30</c>, so clients can learn the policy before they break it.
/// </summary>
internal static class RateLimitPolicyHeader
{
    public const string Name = "RateLimit-Policy";

    // Formatted once per window length, like the refusal message.
    private static readonly ConcurrentDictionary<int, string> ValueByWindow = new();

    public static string Value(int windowSeconds) =>
        ValueByWindow.GetOrAdd(windowSeconds, static s => string.Create(CultureInfo.InvariantCulture, $"1;w={s}"));

    public static void Apply(HttpResponse response, int windowSeconds) =>
        response.Headers[Name] = Value(windowSeconds);
}
