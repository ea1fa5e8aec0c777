using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace DrrsGateway.AcceptableUse;

/// <summary>The texts a caller reads when the policy answers instead of DRRS.</summary>
internal static class AupMessages
{
    // CAISO's text, to the letter; the only variable part is the window, 30 under the real policy.
    private static readonly CompositeFormat ViolationFormat = CompositeFormat.Parse(
        "CAISO DRRS Acceptable Use Policy Violation. Please retry your request again in {0} seconds from now. Note: Time resets each time you request before expiration.");

    // Formatted once per window length: the refusal path must not build strings under a flood.
    private static readonly ConcurrentDictionary<int, string> ViolationByWindow = new();

    /// <summary>The refusal message for a window of <paramref name="windowSeconds"/> seconds.</summary>
    public static string Violation(int windowSeconds) =>
        ViolationByWindow.GetOrAdd(windowSeconds, static s => string.Format(CultureInfo.InvariantCulture, ViolationFormat, s));

    public const string Unidentified =
        "The DRRS gateway could not tell which user sent this request, so it was not forwarded.";

    public const string ShuttingDown =
        "The DRRS gateway is shutting down, so the held request was not forwarded. Please retry shortly.";

    public const string StoreUnavailable =
        "The DRRS gateway cannot check the Acceptable Use Policy right now, so the request was not forwarded. Please retry shortly.";
}
