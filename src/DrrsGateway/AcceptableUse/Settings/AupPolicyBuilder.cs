using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using DrrsGateway.AcceptableUse.Hold;
using DrrsGateway.AcceptableUse.Identity;
using DrrsGateway.AcceptableUse.Services;
using DrrsGateway.AcceptableUse.Soap;
using DrrsGateway.AcceptableUse.Stores.Redis;
using DrrsGateway.Infrastructure;

namespace DrrsGateway.AcceptableUse.Settings;

/// <summary>
/// Turns bound <see cref="AupOptions"/> into an <see cref="AupPolicy"/>: every value parsed and checked once,
/// here or in its feature's own type (identity, SOAP, services, the Redis store's settings), each failure a
/// message that names the setting.
/// </summary>
internal sealed class AupPolicyBuilder(TimeProvider time, ILoggerFactory loggers)
{
    /// <summary>Builds the policy, or returns false with every reason it cannot be built.</summary>
    public bool TryBuild(AupOptions options, [NotNullWhen(true)] out AupPolicy? policy, out IReadOnlyList<string> failures)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        CheckPolicy(options, problems);
        var identity = IdentityPolicy.Create(options.Identity, anchors => new ClientCertificateVerifier(
            anchors, options.Identity.ClientCertificate.CheckRevocation, options.Identity.CertificateUser, time, loggers.CreateLogger<ClientCertificateVerifier>()), problems);
        var exemptUsers = ExemptUsers(options, problems);
        var soap = SoapPolicy.Create(options.Soap, problems);
        var hold = HoldPolicy.Create(options.Hold, problems);

        // Not part of the policy (the Redis store reads them once, at start-up) but checked with every change,
        // so a bad value is refused when it is written, whichever store runs, not found at the next restart.
        _ = RedisStoreSettings.Create(options, problems);
        if (!ServiceCatalog.TryCreate(options.Services.Enabled, options.Services.Names, options.Services.Pattern, out var catalog, out var catalogProblem))
        {
            problems.Add(catalogProblem!);
        }

        failures = problems;
        policy = problems.Count != 0 ? null : new AupPolicy
        {
            Enabled = options.Enabled,
            Mode = options.Mode,
            Hold = hold,
            WindowSeconds = options.WindowSeconds,
            OnStoreFailure = options.OnStoreFailure,
            MaxServiceLength = options.MaxServiceLength,
            ExemptUsers = exemptUsers,
            AdvertisePolicy = options.AdvertisePolicy,
            Identity = identity,
            Soap = soap,
            Services = catalog,
        };
        return policy is not null;
    }

    private static void CheckPolicy(AupOptions options, List<string> failures)
    {
        AupWindow.Seconds.Check("Aup:WindowSeconds", options.WindowSeconds, failures, "seconds; CAISO's policy is 30");

        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"Aup:Mode must be Enforce, Shadow, Off or Hold; it is {options.Mode}.");
        }

        if (!Enum.IsDefined(options.OnStoreFailure))
        {
            failures.Add($"Aup:OnStoreFailure must be Allow or Reject; it is {options.OnStoreFailure}.");
        }

        new SettingRange(1, 4096).Check("Aup:MaxServiceLength", options.MaxServiceLength, failures);
    }

    private static FrozenSet<string> ExemptUsers(AupOptions options, List<string> failures)
    {
        var users = new List<string>();
        foreach (var entry in options.ExemptUsers)
        {
            var user = entry.Trim();
            if (NameRules.Check(user, options.Identity.MaxLength, "exempt user") is { } problem)
            {
                failures.Add($"Aup:ExemptUsers holds an unusable entry: {problem}");
                continue;
            }

            users.Add(user);
        }

        return users.ToFrozenSet(StringComparer.Ordinal);
    }
}
