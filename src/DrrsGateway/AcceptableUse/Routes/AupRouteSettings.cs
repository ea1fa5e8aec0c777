using System.Globalization;
using DrrsGateway.AcceptableUse.Settings;
using Yarp.ReverseProxy.Model;

namespace DrrsGateway.AcceptableUse.Routes;

/// <summary>
/// The policy as one route applies it, from the route's metadata: <c>AupMode</c> (Enforce, Shadow, Off)
/// and <c>AupWindowSeconds</c>, which overrides <c>Aup:WindowSeconds</c>.
/// </summary>
internal readonly record struct AupRouteSettings(AupMode Mode, int WindowSeconds)
{
    public const string ModeMetadataKey = "AupMode";
    public const string WindowMetadataKey = "AupWindowSeconds";

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    /// <summary>
    /// The settings of the request's route. Metadata is validated when YARP loads it
    /// (<see cref="AupRouteConfigFilter"/>); should a bad value still get here, the safe reading wins:
    /// enforce, with the global window.
    /// </summary>
    public static AupRouteSettings For(HttpContext context, AupOptions options)
    {
        var metadata = context.Features.Get<IReverseProxyFeature>()?.Route.Config.Metadata;
        if (metadata is null || metadata.Count == 0)
        {
            return new(AupMode.Enforce, options.WindowSeconds);
        }

        var mode = metadata.TryGetValue(ModeMetadataKey, out var modeText) && TryParseMode(modeText, out var parsedMode)
            ? parsedMode
            : AupMode.Enforce;
        var window = metadata.TryGetValue(WindowMetadataKey, out var windowText) && TryParseWindow(windowText, out var parsedWindow)
            ? parsedWindow
            : options.WindowSeconds;
        return new(mode, window);
    }

    /// <summary>Parses one mode name, in any case.</summary>
    public static bool TryParseMode(string? text, out AupMode mode) => EnumNames<AupMode>.TryParse(text, out mode);

    /// <summary>Parses a window of 1 to <see cref="AupOptionsValidator.MaxWindowSeconds"/> whole seconds.</summary>
    public static bool TryParseWindow(string? text, out int seconds) =>
        int.TryParse(text, NumberStyles.None | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out seconds)
        && seconds is >= 1 and <= AupOptionsValidator.MaxWindowSeconds;
}
