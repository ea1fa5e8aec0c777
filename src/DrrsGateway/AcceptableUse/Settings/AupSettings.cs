using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace DrrsGateway.AcceptableUse.Settings;

/// <summary>
/// The <see cref="AupOptions"/> in force, rebuilt whenever configuration changes. A change that does not
/// validate is logged and ignored, so a typo in a live settings file keeps the last good settings instead
/// of failing every request (which is what <c>IOptionsMonitor</c> would do).
/// </summary>
internal sealed partial class AupSettings : IDisposable
{
    private readonly IOptionsFactory<AupOptions> _factory;
    private readonly ILogger<AupSettings> _logger;
    private readonly IDisposable _subscription;
    private volatile AupOptions _current;

    public AupSettings(IOptionsFactory<AupOptions> factory, IConfiguration configuration, ILogger<AupSettings> logger)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(logger);
        _factory = factory;
        _logger = logger;

        // Start-up validation (ValidateOnStart) has already refused bad settings, so this does not throw.
        _current = factory.Create(Options.DefaultName);
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    /// <summary>The settings in force: the latest ones that validated.</summary>
    public AupOptions Current => _current;

    public void Dispose() => _subscription.Dispose();

    internal void Reload()
    {
        try
        {
            _current = _factory.Create(Options.DefaultName);
        }
        catch (OptionsValidationException e)
        {
            Log.ReloadRejected(_logger, e.Message);
        }
        catch (InvalidOperationException e)
        {
            // The binder's answer to a value of the wrong type, e.g. Aup:WindowSeconds = "thirty".
            Log.ReloadRejected(_logger, e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(132, LogLevel.Error, "AUP settings change ignored, the previous settings stay in force: {Errors}")]
        public static partial void ReloadRejected(ILogger logger, string errors);
    }
}
