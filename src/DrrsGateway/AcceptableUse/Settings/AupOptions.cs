using DrrsGateway.AcceptableUse.Hold;
using DrrsGateway.AcceptableUse.Identity;
using DrrsGateway.AcceptableUse.Routes;
using DrrsGateway.AcceptableUse.Services;
using DrrsGateway.AcceptableUse.Soap;
using DrrsGateway.AcceptableUse.Stores;
using DrrsGateway.AcceptableUse.Stores.Redis;

namespace DrrsGateway.AcceptableUse.Settings;

/// <summary>
/// Settings of the CAISO DRRS Acceptable Use Policy, bound from the <c>Aup</c> configuration section.
/// </summary>
public sealed class AupOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Aup";

    /// <summary>Whether the policy is enforced at all. The default is <c>true</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How routes without <c>AupMode</c> metadata apply the policy: <see cref="AupMode.Enforce"/> (the default),
    /// <see cref="AupMode.Shadow"/>, <see cref="AupMode.Off"/> or <see cref="AupMode.Hold"/>.
    /// </summary>
    public AupMode Mode { get; set; } = AupMode.Enforce;

    /// <summary>Hold mode's margin and bounds.</summary>
    public AupHoldOptions Hold { get; set; } = new();

    /// <summary>
    /// Seconds a (user, service) pair stays locked after each request. The default is 30, CAISO's value;
    /// shorter windows are for tests and labs only.
    /// </summary>
    public int WindowSeconds { get; set; } = 30;

    /// <summary>How the user behind a request is identified.</summary>
    public AupIdentityOptions Identity { get; set; } = new();

    /// <summary>What to do with a request when the store cannot answer. The default is <see cref="StoreFailureMode.Allow"/>.</summary>
    public StoreFailureMode OnStoreFailure { get; set; } = StoreFailureMode.Allow;

    /// <summary>
    /// Longest wait for the store before the request is treated as a store failure, in milliseconds.
    /// The default is 500.
    /// </summary>
    public int StoreTimeoutMilliseconds { get; set; } = 500;

    /// <summary>
    /// Whether a replica that has seen a key refused answers further requests for it without waiting for
    /// Redis (still restarting the window there). The default is <c>true</c>.
    /// </summary>
    public bool FloodShield { get; set; } = true;

    /// <summary>The circuit breaker in front of the Redis store.</summary>
    public AupBreakerOptions Breaker { get; set; } = new();

    /// <summary>Prefix of every lock key in Redis, so one Redis can serve several gateways. The default is <c>drrs:aup:</c>.</summary>
    public string KeyPrefix { get; set; } = "drrs:aup:";

    /// <summary>Longest accepted service name, in characters. The default is 128.</summary>
    public int MaxServiceLength { get; set; } = 128;

    /// <summary>
    /// Identities never limited, such as the operator's monitoring account; compared exactly, like every
    /// user. The default is none.
    /// </summary>
    public IList<string> ExemptUsers { get; set; } = [];

    /// <summary>
    /// Whether allowed responses advertise the policy in a <c>RateLimit-Policy</c> header (IETF RateLimit
    /// header draft), e.g. <c>1;w=30</c>. The default is <c>true</c>.
    /// </summary>
    public bool AdvertisePolicy { get; set; } = true;

    /// <summary>How SOAP callers are recognised and answered.</summary>
    public AupSoapOptions Soap { get; set; } = new();

    /// <summary>The catalog of DRRS operations the gateway forwards.</summary>
    public AupServicesOptions Services { get; set; } = new();
}
