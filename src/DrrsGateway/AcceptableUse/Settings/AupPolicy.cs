using System.Collections.Frozen;
using DrrsGateway.AcceptableUse.Hold;
using DrrsGateway.AcceptableUse.Identity;
using DrrsGateway.AcceptableUse.Routes;
using DrrsGateway.AcceptableUse.Services;
using DrrsGateway.AcceptableUse.Soap;
using DrrsGateway.AcceptableUse.Stores;
using DrrsGateway.AcceptableUse.Stores.Redis;

namespace DrrsGateway.AcceptableUse.Settings;

/// <summary>
/// The policy's settings in force: parsed and checked once per settings change by <see cref="AupPolicyBuilder"/>
/// and read by everything that applies the policy (the middleware, the admin API, Kestrel's certificate
/// set-up, the route filter) through <see cref="AupPolicyProvider"/>. Immutable, so a request sees one
/// version from start to end. Only settings that apply when changed live belong here: those the Redis
/// store reads once at start-up are its <see cref="RedisStoreSettings"/>.
/// </summary>
internal sealed class AupPolicy
{
    /// <summary>Whether the policy is applied at all.</summary>
    public required bool Enabled { get; init; }

    /// <summary>How routes without <c>AupMode</c> metadata apply the policy.</summary>
    public required AupMode Mode { get; init; }

    /// <summary>Hold mode's margin and bounds.</summary>
    public required HoldPolicy Hold { get; init; }

    /// <summary>Seconds a (user, service) pair stays locked after each request, unless a route says otherwise.</summary>
    public required int WindowSeconds { get; init; }

    /// <summary>What to do with a request when the store cannot answer.</summary>
    public required StoreFailureMode OnStoreFailure { get; init; }

    /// <summary>Longest accepted service name, in characters.</summary>
    public required int MaxServiceLength { get; init; }

    /// <summary>Identities never limited, compared exactly.</summary>
    public required FrozenSet<string> ExemptUsers { get; init; }

    /// <summary>Whether allowed responses carry a <c>RateLimit-Policy</c> header.</summary>
    public required bool AdvertisePolicy { get; init; }

    /// <summary>How users are identified.</summary>
    public required IdentityPolicy Identity { get; init; }

    /// <summary>How SOAP callers are recognised and answered.</summary>
    public required SoapPolicy Soap { get; init; }

    /// <summary>The DRRS operations the gateway forwards.</summary>
    public required ServiceCatalog Services { get; init; }

    /// <summary>Whether <paramref name="user"/> is one of the <see cref="ExemptUsers"/>.</summary>
    public bool IsExempt(string user) => ExemptUsers.Count != 0 && ExemptUsers.Contains(user);
}
