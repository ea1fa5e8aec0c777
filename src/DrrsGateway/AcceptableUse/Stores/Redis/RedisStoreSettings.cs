using System.Buffers;
using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.Infrastructure;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// The Redis store's settings from <see cref="AupOptions"/>: the key prefix, the store timeout, the flood
/// shield and the circuit breaker, each checked here with a message naming the setting.
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
}
