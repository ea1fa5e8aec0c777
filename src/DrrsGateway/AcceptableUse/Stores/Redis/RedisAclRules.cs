namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// Every Redis command the gateway sends, with why, and the least-privilege ACL built from them: the one list
/// the start-up check probes, the documented ACL line (deploy/README.md) is generated from, and the ACL test
/// runs every feature against. A feature that sends a new command adds it here, or that test fails.
/// </summary>
/// <remarks>
/// Recorded on StackExchange.Redis 3.4.35; a client upgrade changes the handshake part, so re-run the ACL test.
/// Lua scripts' own <c>redis.call</c>s are checked against the same user, so they are listed too.
/// </remarks>
internal static class RedisAclRules
{
    /// <summary>The key prefix the documented line is written for: the default <c>Aup:KeyPrefix</c>.</summary>
    public const string DefaultKeyPrefix = "drrs:aup:";

    /// <summary>The client's key for choosing between two primaries; only ever read.</summary>
    public const string TieBreakKey = "__Booksleeve_TieBreak";

    /// <summary>The channel the client subscribes to so that another client can tell it the primary changed.</summary>
    public const string MasterChangedChannel = "__Booksleeve_MasterChanged";

    /// <summary>The commands, grouped by what sends them.</summary>
    public static IReadOnlyList<RedisAclCommand> Commands { get; } =
    [
        // The client library's connection handshake and heartbeat.
        new("ping", "readiness (/readyz) and the client's heartbeat"),
        new("echo", "the client's connection handshake (without it the client never connects)"),
        new("info", "the client's handshake (server role and version) and reading the server's memory policy (INFO memory)"),
        new("client|setname", "the client naming its connections"),
        new("client|id", "the client's handshake (its connection id)"),
        new("client|setinfo", "the client telling Redis its library name and version", SinceRedis: new Version(7, 2)),
        new("cluster|nodes", "the client finding out whether Redis is a cluster"),
        new("cluster|slots", "the client reading the cluster's slot map (client 3.x asks on every connect)"),
        new("get", "the client's primary tie-break read (only on " + TieBreakKey + ")"),

        // The policy: decisions and the flood shield.
        new("set", "the policy decision (SET key 1 PX window GET)", ["SET", RedisAclCommand.ProbeKey, "1", "PX", "1000", "XX", "GET"]),
        new("setex", "the flood shield's window restart", ["SETEX", RedisAclCommand.ProbeKey, "0", "1"]),

        // Hold mode: the client's first run of a script on a connection is SCRIPT LOAD then EVAL, later runs
        // EVALSHA (EVAL again once Redis lost its script cache); the scripts' own calls are checked too.
        new("script|load", "hold mode (the client caching its scripts in Redis)", ["SCRIPT", "LOAD", "return 0"]),
        new("eval", "hold mode (a script's first run)", ["EVAL", "return 0", "0"]),
        new("evalsha", "hold mode (a cached script's later runs)", ["EVALSHA", "0000000000000000000000000000000000000000", "0"]),
        new("time", "hold mode's scripts (the server's clock)", ["TIME"]),
        new("hget", "hold mode's scripts (reading a slot)", ["HGET", RedisAclCommand.ProbeKey, "n"]),

        // An odd field count is argued with by HSET itself, after the ACL passed it: nothing is written.
        new("hset", "hold mode's scripts (reserving a slot)", ["HSET", RedisAclCommand.ProbeKey, "n", "0", "a"]),
        new("pexpire", "hold mode's scripts (every slot expires)", ["PEXPIRE", RedisAclCommand.ProbeKey, "1000"]),
        new("del", "hold mode's scripts (handing a slot back)", ["DEL", RedisAclCommand.ProbeKey]),

        // The admin API: list (SCAN on the owning node, PTTL), find that node (EXISTS), clear (UNLINK, the client's DEL).
        new("exists", "the admin API (finding the node that owns a user)", ["EXISTS", RedisAclCommand.ProbeKey]),
        new("scan", "the admin API's lock list", ["SCAN", "0", "MATCH", RedisAclCommand.ProbeKey, "COUNT", "1"]),
        new("pttl", "the admin API's lock list", ["PTTL", RedisAclCommand.ProbeKey]),
        new("unlink", "the admin API's clearing", ["UNLINK", RedisAclCommand.ProbeKey]),

        // Pub/sub: the admin API telling every replica's flood shield; the client's reconfiguration channel.
        new("publish", "the admin API telling every replica's flood shield"),
        new("subscribe", "the flood shield hearing the admin API"),
    ];

    /// <summary>
    /// Commands the client tries, is refused and copes with; the ACL test tolerates exactly these in <c>ACL LOG</c>.
    /// </summary>
    public static IReadOnlyList<RedisAclCommand> NotGranted { get; } =
    [
        new("config|get", "not granted on purpose: its GET also shows passwords. The client asks while connecting and copes with the refusal; the gateway reads the memory policy with INFO memory"),
    ];

    /// <summary>The command named <paramref name="name"/> in <see cref="Commands"/>.</summary>
    public static RedisAclCommand Command(string name) => Commands.Single(command => command.Name == name);

    /// <summary>
    /// The rules after <c>ACL SETUSER drrs-gateway on &gt;password</c> (or <c>user drrs-gateway on &gt;password</c>
    /// in an ACL file) for a gateway with <paramref name="keyPrefix"/>, on a Redis of <paramref name="serverVersion"/>.
    /// </summary>
    public static string For(string keyPrefix, Version serverVersion) => string.Join(' ',
    [
        "resetchannels",
        $"~{keyPrefix}*",
        $"%R~{TieBreakKey}",
        $"&{keyPrefix}*",
        $"&{MasterChangedChannel}",
        "-@all",
        .. Commands.Where(command => command.ExistsOn(serverVersion)).Select(command => "+" + command.Name),
    ]);
}
