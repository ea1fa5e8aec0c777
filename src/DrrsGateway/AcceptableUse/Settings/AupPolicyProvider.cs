using DrrsGateway.AcceptableUse.Identity;
using DrrsGateway.AcceptableUse.Stores.Redis;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace DrrsGateway.AcceptableUse.Settings;

/// <summary>
/// The one source of the <see cref="AupPolicy"/> in force, rebuilt whenever configuration changes. Settings
/// that do not build stop the gateway at start-up with messages naming them; in a live change they are
/// logged and ignored, so a typo in a settings file keeps the last good policy for every reader — proxy and
/// admin API alike — instead of failing their requests (which is what <c>IOptionsMonitor</c> would do). A
/// live edit of a setting the Redis store reads at start-up only (<see cref="RedisStoreSettings"/>) is
/// checked like the rest, and logged at Warning as applying after a restart.
/// </summary>
internal sealed partial class AupPolicyProvider : IDisposable
{
    private readonly IOptionsFactory<AupOptions> _factory;
    private readonly AupPolicyBuilder _builder;
    private readonly ILogger<AupPolicyProvider> _logger;
    private readonly IDisposable _subscription;
    private volatile AupPolicy _current;

    // The options _current was built from: each accepted change is compared with them, so a live edit of a
    // start-up-only setting is said once, when it is accepted.
    private AupOptions _options;

    /// <exception cref="OptionsValidationException">The settings do not build a policy.</exception>
    /// <exception cref="InvalidOperationException">A value does not bind (e.g. <c>Aup:WindowSeconds = thirty</c>).</exception>
    public AupPolicyProvider(IOptionsFactory<AupOptions> factory, AupPolicyBuilder builder, IConfiguration configuration, ILogger<AupPolicyProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(logger);
        _factory = factory;
        _builder = builder;
        _logger = logger;
        var options = factory.Create(Options.DefaultName);
        if (!builder.TryBuild(options, out var policy, out var failures))
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(AupOptions), failures);
        }

        _current = policy;
        _options = options;
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    /// <summary>The policy in force: built from the latest settings that were valid.</summary>
    public AupPolicy Current => _current;

    public void Dispose() => _subscription.Dispose();

    internal void Reload()
    {
        AupOptions options;
        try
        {
            options = _factory.Create(Options.DefaultName);
        }
        catch (InvalidOperationException e)
        {
            // The binder's answer to a value of the wrong type, e.g. Aup:WindowSeconds = "thirty".
            Log.ReloadRejected(_logger, e.Message);
            return;
        }

        if (_builder.TryBuild(options, out var policy, out var failures))
        {
            var startupOnly = RedisStoreSettings.Changed(_options, options)
                .Concat(StartupOnlyIdentitySettings.Changed(_options.Identity.ClientCertificate, options.Identity.ClientCertificate));
            foreach (var setting in startupOnly)
            {
                Log.StartupOnlySettingChanged(_logger, setting);
            }

            _current = policy;
            _options = options;
        }
        else
        {
            Log.ReloadRejected(_logger, string.Join("; ", failures));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.StartupOnlySettingChanged, LogLevel.Warning, "AUP setting {Setting} changed while the gateway runs; it is read at start-up only and applies after a restart")]
        public static partial void StartupOnlySettingChanged(ILogger logger, string setting);

        [LoggerMessage(EventIds.SettingsChangeRejected, LogLevel.Error, "AUP settings change ignored, the previous settings stay in force: {Errors}")]
        public static partial void ReloadRejected(ILogger logger, string errors);
    }
}
