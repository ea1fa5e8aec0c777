namespace DrrsGateway.AcceptableUse.Settings;

/// <summary>
/// The settings the store reads once, when the gateway starts: Redis keys, timeouts, the flood shield and
/// the circuit breaker are built into the store's parts, so a live edit of them changes nothing until a
/// restart. The one list of them, so that such an edit is said rather than silently ignored.
/// </summary>
internal static class StartupOnlySettings
{
    /// <summary>The names of the start-up-only settings that differ between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static IEnumerable<string> Changed(AupPolicy before, AupPolicy after)
    {
        if (!string.Equals(before.KeyPrefix, after.KeyPrefix, StringComparison.Ordinal))
        {
            yield return "Aup:KeyPrefix";
        }

        if (before.StoreTimeout != after.StoreTimeout)
        {
            yield return "Aup:StoreTimeoutMilliseconds";
        }

        if (before.FloodShield != after.FloodShield)
        {
            yield return "Aup:FloodShield";
        }

        if (before.Breaker != after.Breaker)
        {
            yield return "Aup:Breaker";
        }
    }
}
