using StackExchange.Redis;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// Turns a policy key into a Redis key: <c>{prefix}{user}:service</c>, each name percent-encoded.
/// </summary>
/// <remarks>
/// Percent-encoding leaves only letters, digits and <c>-._~</c> plus <c>%XX</c> escapes, so no name can
/// contain the separator, a glob character or a brace: distinct pairs never share a key, pattern look-ups
/// cannot widen, and the braces make all of a user's locks one Redis Cluster hash slot.
/// </remarks>
internal sealed class RedisKeyFormat(string prefix)
{
    public RedisKey For(AupKey key) =>
        string.Concat(prefix, "{", Uri.EscapeDataString(key.User), "}:", Uri.EscapeDataString(key.Service));

    /// <summary>The pattern matching every lock of one user.</summary>
    public RedisValue PatternForUser(string user) =>
        string.Concat(prefix, "{", Uri.EscapeDataString(user), "}:*");
}
