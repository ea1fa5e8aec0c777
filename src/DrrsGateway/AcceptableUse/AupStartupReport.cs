using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.AcceptableUse.Stores;

namespace DrrsGateway.AcceptableUse;

/// <summary>
/// Says at start-up how the policy is enforced, warning when the embedded store makes it per instance.
/// </summary>
internal sealed partial class AupStartupReport(AupPolicyProvider policy, IAupStoreHealth store, ILogger<AupStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = policy.Current;
        if (!settings.Enabled)
        {
            Log.Disabled(logger);
        }
        else if (!store.IsShared)
        {
            Log.EmbeddedStore(logger, settings.WindowSeconds);
        }
        else
        {
            // Whether Redis is connected, and why not, is the connection's own one line (events 171–173).
            Log.SharedStore(logger, settings.WindowSeconds, settings.OnStoreFailure);
        }

        if (settings.Enabled && !settings.Services.Enabled)
        {
            Log.CatalogOff(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventIds.StartupEmbeddedStore, LogLevel.Warning, "AUP uses the embedded in-memory store ({WindowSeconds} s window): the policy is enforced per gateway instance only. Set ConnectionStrings:Redis to share it across replicas")]
        public static partial void EmbeddedStore(ILogger logger, int windowSeconds);

        [LoggerMessage(EventIds.StartupSharedStore, LogLevel.Information, "AUP enforced through Redis ({WindowSeconds} s window, on store failure: {OnStoreFailure})")]
        public static partial void SharedStore(ILogger logger, int windowSeconds, StoreFailureMode onStoreFailure);

        [LoggerMessage(EventIds.StartupPolicyDisabled, LogLevel.Warning, "AUP is disabled (Aup:Enabled=false): every request is forwarded unchecked")]
        public static partial void Disabled(ILogger logger);

        [LoggerMessage(EventIds.StartupCatalogOff, LogLevel.Warning, "AUP service catalog is off (Aup:Services:Enabled=false): every versioned name is taken for an operation, so made-up names become lock keys and reach DRRS")]
        public static partial void CatalogOff(ILogger logger);
    }
}
