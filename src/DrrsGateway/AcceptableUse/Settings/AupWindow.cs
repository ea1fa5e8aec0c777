using System.Globalization;

namespace DrrsGateway.AcceptableUse.Settings;

/// <summary>The one rule for a window's length, whether set for the gateway (<c>Aup:WindowSeconds</c>) or a route (<c>AupWindowSeconds</c>).</summary>
internal static class AupWindow
{
    /// <summary>The longest window accepted: a day.</summary>
    public const int MaxSeconds = 86_400;

    /// <summary>The accepted range, as messages state it.</summary>
    public const string Range = "a whole number of seconds from 1 to 86400";

    public static bool IsValid(int seconds) => seconds is >= 1 and <= MaxSeconds;

    /// <summary>Parses whole seconds (surrounding spaces allowed) and checks the range.</summary>
    public static bool TryParse(string? text, out int seconds) =>
        int.TryParse(text, NumberStyles.None | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out seconds)
        && IsValid(seconds);
}
