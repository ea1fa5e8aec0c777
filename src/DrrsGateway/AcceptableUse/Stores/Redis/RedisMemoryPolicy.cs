namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// Reads a Redis <c>maxmemory-policy</c> for what it means to locks: every lock has a TTL, so the
/// <c>volatile-*</c> policies can evict them as readily as <c>allkeys-*</c>; only <c>noeviction</c> keeps them.
/// </summary>
internal static class RedisMemoryPolicy
{
    /// <summary>The recommended policy: a full Redis refuses writes (Aup:OnStoreFailure decides) rather than forget locks.</summary>
    public const string Recommended = "noeviction";

    /// <summary>Whether Redis may delete a lock key before it expires when memory runs short.</summary>
    public static bool CanEvictLocks(string policy) =>
        !string.Equals(policy.Trim(), Recommended, StringComparison.OrdinalIgnoreCase);
}
