using System.Buffers;
using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.Infrastructure;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// The settings the Redis store reads once, when the gateway starts: the key prefix, the store timeout, the
/// flood shield and the circuit breaker are built into the store's parts, so a live edit of them changes
/// nothing until a restart. Bound with the other <c>Aup</c> settings but kept out of the reloadable
/// <see cref="AupPolicy"/>, so no code can read a value that does not apply; <c>AddRedisAupStore</c>
/// builds one from the start-up options, and <see cref="Changed"/> names a live edit so that it is said
/// rather than silently ignored.
/// </summary>
/// <param name="KeyPrefix">Prefix of every lock key in Redis.</param>
/// <param name="StoreTimeout">Longest wait for the store before a request counts as a store failure.</param>
/// <param name="FloodShield">Whether a replica answers keys it has seen refused without waiting for Redis.</param>
/// <param name="Breaker">The circuit breaker in front of Redis.</param>
internal sealed record RedisStoreSettings(string KeyPrefix, TimeSpan StoreTimeout, bool FloodShield, BreakerPolicy Breaker)
{
    private static readonly SearchValues<char> PatternChars = SearchValues.Create("*?[]\\{}");

    /// <summary>Copies <paramref name="options"/>, adding a message naming the setting to <paramref name="failures"/> for each bad value.</summary>
    public static RedisStoreSettings Create(AupOptions options, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(options);
        new SettingRange(1, 60_000).Check("Aup:StoreTimeoutMilliseconds", options.StoreTimeoutMilliseconds, failures);

        if (string.IsNullOrWhiteSpace(options.KeyPrefix))
        {
            failures.Add("Aup:KeyPrefix must not be empty.");
        }
        else if (options.KeyPrefix.AsSpan().IndexOfAny(PatternChars) >= 0)
        {
            // The prefix starts the SCAN patterns of admin look-ups and must not carry glob or hash-tag characters.
            failures.Add($"Aup:KeyPrefix may not contain * ? [ ] \\ {{ or }}; it is '{options.KeyPrefix}'.");
        }

        var breaker = BreakerPolicy.Create(options.Breaker, failures);
        return new(options.KeyPrefix, TimeSpan.FromMilliseconds(options.StoreTimeoutMilliseconds), options.FloodShield, breaker);
    }

    /// <summary>The names of the settings above that differ between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static IEnumerable<string> Changed(AupOptions before, AupOptions after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (!string.Equals(before.KeyPrefix, after.KeyPrefix, StringComparison.Ordinal))
        {
            yield return "Aup:KeyPrefix";
        }

        if (before.StoreTimeoutMilliseconds != after.StoreTimeoutMilliseconds)
        {
            yield return "Aup:StoreTimeoutMilliseconds";
        }

        if (before.FloodShield != after.FloodShield)
        {
            yield return "Aup:FloodShield";
        }

        if (before.Breaker.FailureThreshold != after.Breaker.FailureThreshold
            || before.Breaker.BreakMilliseconds != after.Breaker.BreakMilliseconds
            || before.Breaker.SummaryIntervalSeconds != after.Breaker.SummaryIntervalSeconds)
        {
            yield return "Aup:Breaker";
        }
    }
}
