using StackExchange.Redis;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// Every name the Redis store writes, encoded and decoded here only: lock keys <c>{prefix}{user}:service</c>,
/// hold-mode slots <c>{prefix}hold:{user}:service</c> and the lock-clearing notices on <c>{prefix}cleared</c>, each name percent-encoded.
/// </summary>
/// <remarks>
/// Percent-encoding leaves only letters, digits and <c>-._~</c> plus <c>%XX</c> escapes, so no name can
/// contain the separator, a glob character or a brace: distinct pairs never share a key, pattern look-ups
/// cannot widen, and the braces make all of a user's locks one Redis Cluster hash slot.
/// </remarks>
internal sealed class RedisKeyFormat(string prefix)
{
    /// <summary>The channel lock-clearing notices go out on.</summary>
    public RedisChannel ClearedChannel { get; } = RedisChannel.Literal(prefix + "cleared");

    /// <summary>A key no lock can have (lock keys hold a brace), for the start-up checks' harmless probes.</summary>
    public RedisKey ProbeKey { get; } = prefix + "acl-probe";

    public RedisKey For(AupKey key) => LockKeysOf(key.User) + Uri.EscapeDataString(key.Service);

    /// <summary>
    /// The hold-mode slot of a pair: <c>{prefix}hold:{user}:service</c>, apart from the locks (the admin API's
    /// pattern <c>{prefix}{user}:*</c> never matches it) and in the same cluster slot as the user's locks.
    /// </summary>
    public RedisKey HoldKeyFor(AupKey key) => HoldKeysOf(key.User) + Uri.EscapeDataString(key.Service);

    /// <summary>The pattern matching every lock of one user.</summary>
    public RedisValue PatternForUser(string user) => LockKeysOf(user) + "*";

    /// <summary>The pattern matching every hold-mode slot of one user.</summary>
    public RedisValue HoldPatternForUser(string user) => HoldKeysOf(user) + "*";

    /// <summary>The service of <paramref name="key"/> if it is one of <paramref name="user"/>'s locks, else null.</summary>
    /// <remarks>The exact prefix guards against glob characters an operator may have put in <c>Aup:KeyPrefix</c>.</remarks>
    public string? ServiceOf(RedisKey key, string user) => ServiceAfter(key, LockKeysOf(user));

    /// <summary>The service of <paramref name="key"/> if it is one of <paramref name="user"/>'s hold-mode slots, else null.</summary>
    public string? HoldServiceOf(RedisKey key, string user) => ServiceAfter(key, HoldKeysOf(user));

    private string LockKeysOf(string user) => string.Concat(prefix, "{", Uri.EscapeDataString(user), "}:");

    private string HoldKeysOf(string user) => string.Concat(prefix, "hold:{", Uri.EscapeDataString(user), "}:");

    private static string? ServiceAfter(RedisKey key, string userPart)
    {
        var text = key.ToString();
        return text.StartsWith(userPart, StringComparison.Ordinal) ? Uri.UnescapeDataString(text[userPart.Length..]) : null;
    }

    /// <summary>The notice that one lock, or (with no service) all of a user's locks, were cleared.</summary>
    public static RedisValue ClearedNotice(string user, string? service) => service is null
        ? Uri.EscapeDataString(user)
        : string.Concat(Uri.EscapeDataString(user), ":", Uri.EscapeDataString(service));

    /// <summary>Reads a notice made by <see cref="ClearedNotice"/>.</summary>
    public static (string User, string? Service) ReadClearedNotice(RedisValue notice)
    {
        var text = notice.ToString();
        var separator = text.IndexOf(':', StringComparison.Ordinal);
        return separator < 0
            ? (Uri.UnescapeDataString(text), null)
            : (Uri.UnescapeDataString(text[..separator]), Uri.UnescapeDataString(text[(separator + 1)..]));
    }
}
