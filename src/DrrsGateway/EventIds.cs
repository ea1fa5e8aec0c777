namespace DrrsGateway;

/// <summary>
/// Every event id the gateway logs, named, in documented ranges, so that logs can be filtered and alerted on by
/// id and tests refer to events by name. Ids are stable across releases: a new event takes a free id in its range.
/// </summary>
internal static class EventIds
{
    // 1–99: Policy decisions, one per request path of the policy middleware.
    public const int Rejected = 1;
    public const int Allowed = 2;
    public const int StoreFailureAllowed = 3;
    public const int StoreFailureRejected = 4;
    public const int Unidentified = 5;
    public const int BadRequest = 6;
    public const int ShadowRejected = 7;
    public const int ShadowRefusal = 8;
    public const int Exempt = 9;
    public const int RejectedRepeat = 10;
    public const int MetadataRead = 11;
    public const int UnknownService = 12;
    public const int Held = 13;
    public const int HoldFull = 14;
    public const int HoldCancelled = 15;
    public const int BackendRefused = 16;

    // 100–119: The Redis connection and store.
    public const int RedisStoreFailed = 100;
    public const int RedisHoldFailed = 101;
    public const int RedisThreadPoolRaised = 109;
    public const int RedisConnectionFailed = 111;
    public const int RedisConnectionRestored = 112;
    public const int RedisSentinelQueryFailed = 113;
    public const int RedisStillFailing = 116;
    public const int RedisAttemptFailed = 117;
    public const int RedisAttemptSucceeded = 118;
    public const int RedisConnectionStillFailing = 119;

    // 120–129: The start-up report: how the policy is enforced.
    public const int StartupEmbeddedStore = 120;
    public const int StartupSharedStore = 121;
    public const int StartupPolicyDisabled = 122;
    public const int StartupCatalogOff = 123;

    // 130–139: Identity and settings changes.
    public const int CertificateUntrusted = 130;
    public const int CertificateWithoutUserName = 131;
    public const int SettingsChangeRejected = 132;
    public const int StartupOnlySettingChanged = 133;
    public const int IdentityHeaderFromUntrustedPeer = 134;

    // 140–149: The store's circuit breaker.
    public const int BreakerOpened = 140;
    public const int BreakerStillOpen = 141;
    public const int BreakerClosed = 142;

    // 150–159: The flood shield.
    public const int LockInvalidationSubscribeFailed = 150;

    // 160–169: Monitoring: clients stuck in the reset loop.
    public const int ClientStuck = 160;
    public const int ClientNoLongerStuck = 161;

    // 170–179: The Redis start-up line (171–173, one per start, by RedisConnection) and the server checks.
    public const int RedisServerCertificateRefused = 170;
    public const int RedisServerConnected = 171;
    public const int RedisServerNotConnected = 172;
    public const int RedisServerConnectedLate = 173;
    public const int RedisCommandRefused = 174;
    public const int RedisMemoryPolicyEvicts = 175;
    public const int RedisMemoryPolicyKeepsLocks = 176;
    public const int RedisMemoryPolicyUnknown = 177;
    public const int RedisServerCheckFailed = 178;

    // 180–189: TLS toward the backends (DRRS): client certificates and failed handshakes.
    public const int BackendClientCertificateLoaded = 180;
    public const int BackendClientCertificateRenewed = 181;
    public const int BackendClientCertificateRenewalFailed = 182;
    public const int BackendTlsFailed = 183;
    public const int BackendAnyServerCertificateAccepted = 184;

    // 200–219: The admin API (audit events).
    public const int AdminListed = 200;
    public const int AdminCleared = 201;
    public const int AdminClearedAll = 202;
    public const int AdminUnauthorized = 203;
    public const int AdminInvalid = 204;
    public const int AdminStoreUnavailable = 205;
    public const int AdminEnabled = 210;
    public const int AdminDisabled = 211;
}
