using System.Globalization;
using DrrsGateway.Infrastructure;

namespace DrrsGateway.AcceptableUse.Settings;

/// <summary>The one rule for a window's length, whether set for the gateway (<c>Aup:WindowSeconds</c>) or a route (<c>AupWindowSeconds</c>).</summary>
internal static class AupWindow
{
    /// <summary>The accepted whole seconds: up to a day.</summary>
    public static readonly SettingRange Seconds = new(1, 86_400);

    /// <summary>The accepted range, as a route's metadata problem states it.</summary>
    public static string Range { get; } = $"a whole number of seconds {Seconds}";

    /// <summary>Parses whole seconds (surrounding spaces allowed) and checks the range.</summary>
    public static bool TryParse(string? text, out int seconds) =>
        int.TryParse(text, NumberStyles.None | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out seconds)
        && Seconds.Contains(seconds);
}
